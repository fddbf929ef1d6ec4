import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Command, InvalidArgumentError, Option } from 'commander';
import pLimit from 'p-limit';
import { ConfigError, loadConfig } from '../config.js';
import { resolveEnv } from '../config-file.js';
import { isAppError } from '../domain/index.js';
import { createParser } from '../providers/registry.js';
import { parseResume } from '../services/resume.js';
import { startServer } from '../server/main.js';
import { VERSION } from '../version.js';
import { formatResumeSummary } from './format.js';
import { createProgress } from './progress.js';
import { registerDoctorCommand } from './doctor.js';
import { registerEvalCommand, registerEvalMatchCommand } from './eval.js';
import { registerIamPolicyCommand } from './iam-policy.js';
import { registerJobCommands } from './jobs.js';
import { registerMatchCommand } from './match.js';
import { registerCostsCommand } from './costs.js';
import { registerRolloutCommands } from './rollout.js';

export function parseReferenceDate(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) {
    throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  }
  return new Date(`${value}T00:00:00Z`);
}

export function parsePositiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('expected a positive whole number');
  return n;
}

export function buildProgram(): Command {
  const program = new Command('jobmatch')
    .description('Resume parsing, embeddings and job matching — local and offline by default.')
    .version(VERSION)
    .showHelpAfterError();

  program
    .command('serve')
    .description('run the HTTP service (PORT, HOST, JOBMATCH_DATA_DIR, LOG_LEVEL from the environment)')
    .option('-p, --port <port>', 'port to listen on', parsePositiveInt)
    .option('--host <host>', 'interface to bind')
    .action(async (opts: { port?: number; host?: string }) => {
      const config = loadConfig(resolveEnv());
      if (opts.port !== undefined) config.port = opts.port;
      if (opts.host !== undefined) config.host = opts.host;
      const server = await startServer(config);
      process.stderr.write(`jobmatch-ai ${VERSION} listening on ${server.url} — API docs at ${server.url}/docs\n`);
      const stop = () => {
        void server.close().then(() => process.exit(0));
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });

  program
    .command('parse')
    .description('parse resume files (PDF, DOCX, text, Markdown) into structured data')
    .argument('<files...>', 'resume files')
    .addOption(new Option('-f, --format <format>', 'output format').choices(['json', 'summary']).default('summary'))
    .option('--reference-date <date>', 'resolve "Present" against this date (YYYY-MM-DD)', parseReferenceDate)
    .option('-c, --concurrency <n>', 'files parsed at once', parsePositiveInt, 4)
    .option('-p, --provider <name>', 'parser provider (default: JOBMATCH_PARSE_PROVIDER, else local)')
    .action(async (files: string[], opts: { format: 'json' | 'summary'; referenceDate?: Date; concurrency: number; provider?: string }) => {
      const config = loadConfig(resolveEnv());
      const parser = createParser(opts.provider ?? config.providers.JOBMATCH_PARSE_PROVIDER, config.providers);
      const limit = pLimit(opts.concurrency);
      const progress = createProgress(files.length, 'parsing');
      let failures = 0;
      // Results print in input order, whatever order they finish in.
      const results = files.map((file) =>
        limit(async () => {
          try {
            const bytes = new Uint8Array(await readFile(file));
            const t0 = performance.now();
            const r = await parseResume({ bytes }, parser, {
              maxBytes: config.maxUploadBytes,
              maxPages: config.maxPdfPages,
              referenceDate: opts.referenceDate,
            });
            return { file, ok: true as const, result: r, ms: performance.now() - t0 };
          } catch (err) {
            failures++;
            return { file, ok: false as const, error: describeError(err) };
          } finally {
            progress.tick();
          }
        }),
      );
      for (const pending of results) {
        const r = await pending;
        if (opts.format === 'json') {
          const line = r.ok ? { file: r.file, success: true, data: r.result.resume } : { file: r.file, success: false, error: r.error };
          process.stdout.write(`${JSON.stringify(line)}\n`);
        } else if (r.ok) {
          const d = r.result.document;
          const extra = `${d.format}${d.pages ? `, ${d.pages} page(s)` : ''}, ${r.ms.toFixed(0)} ms`;
          process.stdout.write(`${formatResumeSummary(basename(r.file), r.result.resume, extra)}\n\n`);
        } else {
          process.stdout.write(`${basename(r.file)}  FAILED  ${r.error.code}: ${r.error.message}\n\n`);
        }
      }
      progress.stop();
      if (failures > 0) process.exitCode = 1;
    });

  registerEvalCommand(program);
  registerEvalMatchCommand(program);
  registerJobCommands(program);
  registerMatchCommand(program);
  registerRolloutCommands(program);
  registerCostsCommand(program);
  registerDoctorCommand(program);
  registerIamPolicyCommand(program);
  return program;
}

export function describeError(err: unknown): { code: string; message: string } {
  if (isAppError(err)) return { code: err.code, message: err.message };
  const e = err as NodeJS.ErrnoException;
  if (e?.code === 'ENOENT') return { code: 'not_found', message: `No such file: ${e.path ?? ''}` };
  if (e?.code === 'EISDIR') return { code: 'invalid_request', message: `${e.path ?? 'path'} is a directory, not a file` };
  return { code: 'internal_error', message: err instanceof Error ? err.message : String(err) };
}

export async function run(argv: string[]): Promise<void> {
  try {
    await buildProgram().parseAsync(argv);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
      process.exit(2);
    }
    const { code, message } = describeError(err);
    process.stderr.write(`jobmatch: ${code}: ${message}\n`);
    process.exit(1);
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  void run(process.argv);
}
