import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { AppError, isAppError, type ParsedResume, type ResumeParser, type Usage, ZERO_USAGE } from '../domain/index.js';
import { parseCacheKey, type ParseCache } from './cache.js';
import type { EvalRecord } from './dataset.js';
import type { EvalError } from './report.js';

/** One resume through one provider: the parse or the error, what it cost and how long it took. */
export interface ParseOutcome {
  resume: ParsedResume | null;
  usage: Usage;
  /** Null when the parse failed. */
  latencyMs: number | null;
  error: EvalError | null;
  /** Served from the on-disk cache (its latency and usage are the original call's). */
  cached: boolean;
}

/** A provider's outcomes, index-aligned with the records: outcome i is record i. */
export interface ProviderRun {
  provider: string;
  model: string;
  version: string;
  outcomes: ParseOutcome[];
}

export interface CompareProgress {
  done: number;
  total: number;
  provider: string;
  id: string;
  ok: boolean;
  cached: boolean;
}

export interface RunParsesOptions {
  records: readonly EvalRecord[];
  parsers: readonly ResumeParser[];
  /** Parses in flight at once over all providers (default 4). */
  concurrency?: number;
  referenceDate?: Date;
  cache?: ParseCache;
  onProgress?: (progress: CompareProgress) => void;
}

/** The version a parser reports, or its model when it has none (then the cache key still changes with it). */
export function parserVersion(parser: ResumeParser): string {
  return parser.version ?? parser.model;
}

/**
 * Parses every record with every parser. One concurrency limit spans all providers, and the work is
 * interleaved record by record, so a slow provider delays the others only as much as it holds slots. A parse
 * that throws becomes an error outcome; the run never fails on one.
 */
export async function runParses(options: RunParsesOptions): Promise<ProviderRun[]> {
  const { records, parsers, referenceDate, cache, onProgress } = options;
  const concurrency = options.concurrency ?? 4;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new AppError('invalid_request', `concurrency must be a positive integer, got ${concurrency}`);
  }
  const names = parsers.map((p) => p.provider);
  const repeated = names.find((name, i) => names.indexOf(name) !== i);
  if (repeated !== undefined) throw new AppError('invalid_request', `provider "${repeated}" is listed twice`);

  const limit = pLimit(concurrency);
  const total = records.length * parsers.length;
  let done = 0;
  const runs: ProviderRun[] = parsers.map((p) => ({ provider: p.provider, model: p.model, version: parserVersion(p), outcomes: new Array<ParseOutcome>(records.length) }));
  const tasks: Promise<void>[] = [];
  records.forEach((record, i) => {
    parsers.forEach((parser, j) => {
      tasks.push(
        limit(async () => {
          const run = runs[j] as ProviderRun;
          const outcome = await parseOnce(record, parser, run.version, referenceDate, cache);
          run.outcomes[i] = outcome;
          done++;
          onProgress?.({ done, total, provider: parser.provider, id: record.id, ok: outcome.error === null, cached: outcome.cached });
        }),
      );
    });
  });
  await Promise.all(tasks);
  return runs;
}

async function parseOnce(record: EvalRecord, parser: ResumeParser, version: string, referenceDate: Date | undefined, cache: ParseCache | undefined): Promise<ParseOutcome> {
  const key = cache
    ? parseCacheKey({ provider: parser.provider, model: parser.model, version, referenceDate: referenceDate?.toISOString() ?? null, text: record.text })
    : '';
  const hit = cache ? await cache.get(key) : undefined;
  if (hit) return { resume: hit.resume, usage: hit.usage, latencyMs: hit.latencyMs, error: null, cached: true };

  const started = performance.now();
  try {
    const { resume, usage } = await parser.parse({ text: record.text, ...(referenceDate ? { referenceDate } : {}) });
    const latencyMs = performance.now() - started;
    await cache?.set(key, { resume, usage, latencyMs });
    return { resume, usage, latencyMs, error: null, cached: false };
  } catch (e) {
    return {
      resume: null,
      usage: ZERO_USAGE,
      latencyMs: null,
      error: { id: record.id, code: isAppError(e) ? e.code : 'internal_error', message: e instanceof Error ? e.message : String(e) },
      cached: false,
    };
  }
}
