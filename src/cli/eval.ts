import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { formatReportTable, loadDataset, runEvaluation } from '../eval/index.js';
import { formatMatchReport, loadMatchQueries, runMatchBenchmark, type MatchBenchmarkReport } from '../eval/match-benchmark.js';
import { sampleJobIndex } from '../matching/sample-corpus.js';
import { packageFile } from '../package-root.js';
import { defaultEmbedders } from '../services/runtime.js';
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

export function registerEvalMatchCommand(program: Command): void {
  program
    .command('eval-match')
    .description('NDCG@10 and recall@10 of hybrid, semantic-only and BM25-only ranking on the matching benchmark')
    .option('-q, --queries <file>', 'benchmark queries (JSONL)', 'data/match-benchmark/queries.jsonl')
    .option('-i, --input <input>', 'rank from the parsed resume text, the labelled profile, or both', 'both')
    .option('-o, --out <file>', 'write the JSON report here')
    .action(async (opts: { queries: string; input: 'resume' | 'profile' | 'both'; out?: string }) => {
      const queries = await loadMatchQueries(opts.queries === 'data/match-benchmark/queries.jsonl' ? packageFile(opts.queries) : opts.queries);
      const { index, spaceId } = await sampleJobIndex();
      const embedder = spaceId ? defaultEmbedders().get(spaceId) : undefined;
      if (!embedder) throw new Error('The sample corpus ships no vectors for the local space; run `npx tsx scripts/embed-sample-jobs.ts`.');
      const inputs = opts.input === 'both' ? (['resume', 'profile'] as const) : [opts.input];
      const reports: MatchBenchmarkReport[] = [];
      for (const input of inputs) {
        const progress = createProgress(queries.length, `eval-match ${input}`);
        const report = await runMatchBenchmark({ queries, index, embedder, parser: createParser('local'), input, onProgress: () => progress.tick() });
        progress.stop();
        process.stdout.write(`${formatMatchReport(report)}\n\n`);
        reports.push(report);
      }
      if (opts.out) {
        await mkdir(dirname(opts.out), { recursive: true });
        await writeFile(opts.out, `${JSON.stringify({ jobs: index.size, queries: queries.length, reports }, null, 2)}\n`);
        process.stderr.write(`report written to ${opts.out}\n`);
      }
    });
}
