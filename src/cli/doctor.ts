import { InvalidArgumentError, type Command } from 'commander';
import { resolveEnv } from '../config-file.js';
import { loadConfig } from '../config.js';
import { formatDoctorReport, runDoctor } from '../providers/doctor.js';

/** `jobmatch doctor`: checks every configured provider with one real call each; exit code 1 if any fails. */
export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description('check each configured provider: credentials, region, one minimal parse/embed call, latency, and the fix for each failure')
    .option('--json', 'print the report as JSON')
    .option('--timeout <seconds>', 'deadline per call', seconds, 20)
    .action(async (opts: { json?: boolean; timeout: number }) => {
      const env = resolveEnv();
      const report = await runDoctor(loadConfig(env).providers, { timeoutMs: opts.timeout * 1000, env });
      process.stdout.write(`${opts.json ? JSON.stringify(report, null, 2) : formatDoctorReport(report)}\n`);
      process.exitCode = report.ok ? 0 : 1;
    });
}

function seconds(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number of seconds');
  return n;
}
