import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { formatReportTable, loadDataset, runEvaluation } from '../eval/index.js';
import { createParser } from '../providers/registry.js';
import { createProgress } from './progress.js';

export function registerEvalCommand(program: Command): void {
  program
    .command('eval')
    .description('score a provider on a labelled resume set (JSONL, the dev-set format)')
    .requiredOption('-d, --dataset <file>', 'labelled JSONL file')
    .option('-p, --provider <name>', 'provider to evaluate', 'local')
    .option('-o, --out <file>', 'write the JSON report here')
    .option('-c, --concurrency <n>', 'parses in flight at once', (v) => Math.max(1, Number.parseInt(v, 10) || 1), 1)
    .option('--reference-date <date>', 'resolve "Present" against this date (YYYY-MM-DD)')
    .option('--per-record', 'include per-resume misses in the JSON report')
    .action(async (opts: { dataset: string; provider: string; out?: string; concurrency: number; referenceDate?: string; perRecord?: boolean }) => {
      // Fail before any work: an unknown provider or an unreadable dataset is the caller's to fix.
      const parser = createParser(opts.provider);
      const dataset = await loadDataset(opts.dataset);
      for (const issue of dataset.issues) process.stderr.write(`${opts.dataset}:${issue.line}: skipped: ${issue.message}\n`);

      const progress = createProgress(dataset.records.length, `eval ${opts.provider}`);
      const report = await runEvaluation({
        records: dataset.records,
        parser,
        concurrency: opts.concurrency,
        referenceDate: opts.referenceDate ? new Date(`${opts.referenceDate}T00:00:00Z`) : undefined,
        dataset: opts.dataset,
        perRecord: opts.perRecord ?? false,
        onProgress: () => progress.tick(),
      });
      progress.stop();

      process.stdout.write(`${formatReportTable(report)}\n`);
      if (opts.out) {
        await mkdir(dirname(opts.out), { recursive: true });
        await writeFile(opts.out, `${JSON.stringify(report, null, 2)}\n`);
        process.stderr.write(`report written to ${opts.out}\n`);
      }
    });
}
