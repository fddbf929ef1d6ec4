import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, type Command } from 'commander';
import { resolveEnv } from '../config-file.js';
import { loadConfig } from '../config.js';
import { AppError, type ResumeParser } from '../domain/index.js';
import { ParseCache, parseCacheKey } from '../eval/cache.js';
import { parserVersion, runParses } from '../eval/compare-run.js';
import { loadDataset, type EvalRecord } from '../eval/dataset.js';
import { compareSummaries, EvalDocumentSchema, matchDocument, parseDocument, type EvalDocument } from '../eval/document.js';
import { formatMatchReport, loadMatchQueries, runMatchBenchmark, type MatchBenchmarkReport } from '../eval/match-benchmark.js';
import { buildMatchComparison, ensureSpaceVectors } from '../eval/match-comparison.js';
import { REPORT_FORMATS, reportBase, storeDocument, writeReportFiles, type ReportFormat } from '../eval/output.js';
import { buildParseComparison } from '../eval/parse-comparison.js';
import { buildParsers, estimateParseCost, formatEstimate, providerList } from '../eval/preflight.js';
import { renderTerminal } from '../eval/render.js';
import { loadSampleJobs, sampleJobIndex } from '../matching/sample-corpus.js';
import { packageFile } from '../package-root.js';
import { LocalResumeParser } from '../providers/local/parser.js';
import { createEmbedder } from '../providers/registry.js';
import type { Db } from '../store/db.js';
import { getEvalReport } from '../store/eval-reports.js';
import { openDatabase } from '../store/index.js';
import { wholeNumber } from './args.js';
import { registerEvalMissesCommand } from './eval-misses.js';
import { createProgress } from './progress.js';

/** Options every evaluation command shares: where reports go and how the statistics are drawn. */
interface OutputOptions {
  out?: string;
  formats: ReportFormat[];
  store: boolean;
  seed: number;
  resamples: number;
}

function formats(value: string): ReportFormat[] {
  const list = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = list.find((f) => !(REPORT_FORMATS as readonly string[]).includes(f));
  if (bad !== undefined || list.length === 0) throw new InvalidArgumentError(`expected a list of ${REPORT_FORMATS.join(', ')}`);
  return list as ReportFormat[];
}

function usdAmount(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected an amount in USD, e.g. 2.50');
  return n;
}

function referenceDate(value: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value))) throw new InvalidArgumentError('expected a date as YYYY-MM-DD');
  return new Date(`${value}T00:00:00Z`);
}

function withOutputOptions(command: Command): Command {
  return command
    .option('-o, --out <file>', 'report path; .json/.md/.html is added per format (default reports/<report id>)')
    .option('--formats <list>', `report formats: ${REPORT_FORMATS.join(',')}`, formats, [...REPORT_FORMATS])
    .option('--no-store', 'do not store the report in the database')
    .option('--seed <n>', 'seed of the bootstrap and permutation draws', wholeNumber(0), 20_261_124)
    .option('--resamples <n>', 'bootstrap resamples and permutation rounds', wholeNumber(100), 2000);
}

/** The database of the configured instance; null (with a warning) when it cannot be opened, e.g. a running server holds the lock. */
async function openConfiguredDatabase(): Promise<Db | null> {
  const config = loadConfig(resolveEnv());
  try {
    return await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  } catch (e) {
    process.stderr.write(`warning: report not stored in the database: ${(e as Error).message}\n`);
    return null;
  }
}

async function publish(doc: EvalDocument, opts: OutputOptions): Promise<void> {
  const paths = await writeReportFiles(doc, reportBase(opts.out ?? `reports/${doc.id}`), opts.formats);
  process.stderr.write(`report ${doc.id} written to ${paths.join(', ')}\n`);
  if (!opts.store) return;
  const db = await openConfiguredDatabase();
  if (!db) return;
  try {
    await storeDocument(db, doc);
    process.stderr.write(`report ${doc.id} stored (GET /api/eval/reports/${doc.id}.html)\n`);
  } finally {
    await db.close();
  }
}

interface EvalOptions extends OutputOptions {
  dataset?: string;
  providers?: string;
  provider?: string;
  concurrency: number;
  referenceDate?: Date;
  cache: boolean;
  cacheDir: string;
  maxCost?: number;
  perRecord?: boolean;
}

export function registerEvalCommand(program: Command): void {
  const evalCommand = withOutputOptions(
    program
      .command('eval')
      .description('score resume parsers side by side on a labelled set (JSONL): accuracy with paired CIs, latency, cost, failures')
      .option('-d, --dataset <file>', 'labelled JSONL file (the dev-set format); required')
      .option('--providers <list>', 'parser providers to compare, e.g. local,openai,bedrock')
      .option('-p, --provider <name>', 'one provider, put first (alone: same as --providers <name>)')
      .option('-c, --concurrency <n>', 'parses in flight at once, over all providers', wholeNumber(1), 4)
      .option('--reference-date <date>', 'resolve "Present" against this date (YYYY-MM-DD)', referenceDate)
      .option('--cache-dir <dir>', 'where finished parses are kept, so a rerun skips them', 'reports/.cache/parses')
      .option('--no-cache', 'parse everything again')
      .option('--max-cost <usd>', 'refuse to start when the estimated cost exceeds this', usdAmount)
      .option('--per-record', 'include per-resume misses in the JSON report'),
  ).action(async (opts: EvalOptions) => {
    // Not a commander requiredOption: that would be demanded of `eval compare` too.
    if (opts.dataset === undefined) throw new AppError('invalid_request', 'Pass the labelled set: --dataset <file.jsonl>.');
    const datasetPath = opts.dataset;
    // --provider names one more provider, first: `npm run eval` passes `--provider local`, and
    // `npm run eval -- --providers local,openai` should then compare, not fail.
    const names = [...new Set([...(opts.provider ? [opts.provider] : []), ...(opts.providers ? providerList(opts.providers) : [])])];
    if (names.length === 0) names.push('local');
    // Everything that can fail without spending money fails here, before the first parse.
    const env = resolveEnv();
    const parsers = await buildParsers(names, loadConfig(env).providers, env);
    const dataset = await loadDataset(datasetPath);
    for (const issue of dataset.issues) process.stderr.write(`${datasetPath}:${issue.line}: skipped: ${issue.message}\n`);
    if (dataset.records.length === 0) throw new AppError('invalid_request', `${datasetPath} has no valid records.`);

    const cache = opts.cache ? new ParseCache(opts.cacheDir) : undefined;
    if (opts.maxCost !== undefined) {
      const todo = await uncached(dataset.records, parsers, cache, opts.referenceDate);
      const estimate = estimateParseCost(todo, parsers, { ...(opts.referenceDate ? { referenceDate: opts.referenceDate } : {}) });
      process.stderr.write(`${formatEstimate(estimate)}\n`);
      if (estimate.totalUsd > opts.maxCost) {
        throw new AppError('budget_exceeded', `Estimated cost $${estimate.totalUsd.toFixed(4)} exceeds --max-cost $${opts.maxCost}; nothing was run.`);
      }
    }

    const progress = createProgress(dataset.records.length * parsers.length, `eval ${names.join(',')}`);
    const runs = await runParses({
      records: dataset.records,
      parsers,
      concurrency: opts.concurrency,
      ...(opts.referenceDate ? { referenceDate: opts.referenceDate } : {}),
      ...(cache ? { cache } : {}),
      onProgress: () => progress.tick(),
    });
    progress.stop();

    const report = buildParseComparison(dataset.records, runs, {
      dataset: datasetPath,
      ...(opts.referenceDate ? { referenceDate: opts.referenceDate } : {}),
      seed: opts.seed,
      resamples: opts.resamples,
      perRecord: opts.perRecord ?? false,
    });
    const doc = parseDocument(report);
    process.stdout.write(`${renderTerminal(doc)}\n`);
    await publish(doc, opts);
  });

  evalCommand
    .command('compare')
    .description('compare two stored evaluation runs metric by metric (ids from the database, or report .json files)')
    .argument('<a>', 'report id or path of a .json report')
    .argument('<b>', 'report id or path of a .json report')
    .option('--json', 'print the differences as JSON')
    .action(async (a: string, b: string, opts: { json?: boolean }) => {
      const [docA, docB] = await loadDocuments([a, b]);
      const deltas = compareSummaries(docA, docB);
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ a: docA.id, b: docB.id, deltas }, null, 2)}\n`);
        return;
      }
      const fmt = (v: number | null) => (v === null ? '—' : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(4));
      const lines = [`${docB.id} minus ${docA.id} (${docA.kind}; descriptive, no significance across runs)`, ''];
      for (const d of deltas) lines.push(`${d.name.padEnd(24)} ${d.metric.padEnd(24)} ${fmt(d.a).padStart(10)} → ${fmt(d.b).padStart(10)}  ${d.delta === null ? '' : `${d.delta >= 0 ? '+' : ''}${fmt(d.delta)}`}`);
      if (deltas.length === 0) lines.push('The runs share no provider or configuration.');
      process.stdout.write(`${lines.join('\n')}\n`);
    });

  registerEvalMissesCommand(evalCommand);
}

/** Per provider, the records not yet in the cache: what a run will actually pay for. */
async function uncached(records: readonly EvalRecord[], parsers: readonly ResumeParser[], cache: ParseCache | undefined, date: Date | undefined): Promise<Map<string, EvalRecord[]>> {
  const todo = new Map<string, EvalRecord[]>();
  for (const parser of parsers) {
    const left: EvalRecord[] = [];
    for (const record of records) {
      const key = parseCacheKey({ provider: parser.provider, model: parser.model, version: parserVersion(parser), referenceDate: date?.toISOString() ?? null, text: record.text });
      if (!cache || (await cache.get(key)) === undefined) left.push(record);
    }
    todo.set(parser.provider, left);
  }
  return todo;
}

/** Report files are read directly; anything else is an id in the configured database. */
async function loadDocuments(refs: readonly [string, string]): Promise<[EvalDocument, EvalDocument]> {
  const fromFiles = refs.every((r) => r.endsWith('.json'));
  const db = fromFiles ? null : await openDatabase(dbOptions());
  try {
    const docs: EvalDocument[] = [];
    for (const ref of refs) {
      let value: unknown;
      if (ref.endsWith('.json')) value = JSON.parse(await readFile(ref, 'utf8'));
      else {
        const stored = await getEvalReport(db as Db, ref);
        if (!stored) throw new AppError('not_found', `No stored evaluation report "${ref}".`);
        value = stored.report;
      }
      const parsed = EvalDocumentSchema.safeParse(value);
      if (!parsed.success) throw new AppError('invalid_request', `${ref} is not an evaluation report of this release.`);
      docs.push(parsed.data);
    }
    const [a, b] = docs as [EvalDocument, EvalDocument];
    if (a.kind !== b.kind) throw new AppError('invalid_request', `Cannot compare a ${a.kind} report with a ${b.kind} report.`);
    return [a, b];
  } finally {
    await db?.close();
  }
}

function dbOptions() {
  const config = loadConfig(resolveEnv());
  return config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir };
}

interface EvalMatchOptions extends OutputOptions {
  queries: string;
  input: 'resume' | 'profile' | 'both';
  spaces: string;
  providers: string;
}

export function registerEvalMatchCommand(program: Command): void {
  withOutputOptions(
    program
      .command('eval-match')
      .description('NDCG@10 and recall@10 per embedding space and parser on the matching benchmark, with paired CIs against the first')
      .option('-q, --queries <file>', 'benchmark queries (JSONL)', 'data/match-benchmark/queries.jsonl')
      .option('-i, --input <input>', 'rank from the parsed resume text, the labelled profile, or both', 'both')
      .option('--spaces <list>', 'embedding providers whose spaces to compare (the first is the baseline)', 'local')
      .option('--providers <list>', 'parser providers for --input resume (the first is the baseline)', 'local'),
  ).action(async (opts: EvalMatchOptions) => {
    if (!['resume', 'profile', 'both'].includes(opts.input)) throw new AppError('invalid_request', '--input must be resume, profile or both');
    const env = resolveEnv();
    const settings = loadConfig(env).providers;
    const inputs = opts.input === 'both' ? (['resume', 'profile'] as const) : [opts.input];
    const parsers = inputs.includes('resume') ? await buildParsers(providerList(opts.providers), settings, env) : [];
    const profileOnly = new LocalResumeParser();
    const embedders = providerList(opts.spaces).map((name) => createEmbedder(name, settings));
    const queries = await loadMatchQueries(opts.queries === 'data/match-benchmark/queries.jsonl' ? packageFile(opts.queries) : opts.queries);
    const { index } = await sampleJobIndex();
    const jobs = await loadSampleJobs();

    const reports: MatchBenchmarkReport[] = [];
    for (const embedder of embedders) {
      if (!index.vectors(embedder.space.id)) {
        process.stderr.write(`embedding ${jobs.length} jobs in ${embedder.space.id} (the corpus ships no vectors for it)…\n`);
        const progress = createProgress(jobs.length, `embed ${embedder.provider}`);
        await ensureSpaceVectors(index, jobs, embedder, (done) => progress.set(done));
        progress.stop();
      }
      for (const input of inputs) {
        // Labelled profiles need no parser: one run per space.
        for (const parser of input === 'resume' ? parsers : [profileOnly]) {
          const progress = createProgress(queries.length, `eval-match ${input} ${embedder.provider}`);
          const report = await runMatchBenchmark({ queries, index, embedder, parser, input, onProgress: () => progress.tick() });
          progress.stop();
          process.stdout.write(`${formatMatchReport(report)}\n\n`);
          reports.push(report);
        }
      }
    }
    const doc = matchDocument(buildMatchComparison(reports, { jobs: index.size, queries: queries.length }, { seed: opts.seed, resamples: opts.resamples }));
    for (const d of doc.report.differences) {
      const ci = d.ci95 ? `[${d.ci95.low.toFixed(4)}, ${d.ci95.high.toFixed(4)}]` : '—';
      process.stdout.write(`${d.candidate} vs ${d.baseline}: ${d.metric} ${d.difference?.toFixed(4) ?? '—'} 95 % CI ${ci} p ${d.pValue?.toFixed(3) ?? '—'}\n`);
    }
    await publish(doc, opts);
  });
}
