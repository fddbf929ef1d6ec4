import { performance } from 'node:perf_hooks';
import pLimit from 'p-limit';
import { AppError, isAppError } from '../domain/index.js';
import type { ResumeParser } from '../domain/index.js';
import type { EvalRecord } from './dataset.js';
import type { EvalError, EvalReport, RecordReport } from './report.js';
import { scoreRecord, summarise, toPredicted } from './score.js';
import type { PredictedFields, RecordScore } from './score.js';
import { summariseLatency } from './stats.js';

export interface EvalProgress {
  done: number;
  total: number;
  id: string;
  ok: boolean;
}

export interface RunEvaluationOptions {
  records: readonly EvalRecord[];
  parser: ResumeParser;
  /** Parses in flight at once (default 1). Above 1, latency includes time queued behind other parses. */
  concurrency?: number;
  /** Passed to every parse so "Present" resolves the same on every run; default: each parse uses now. */
  referenceDate?: Date;
  /** Recorded in the report as is (e.g. the dataset path). */
  dataset?: string;
  /** Include per-resume outcomes (missed and unexpected values) in the report. */
  perRecord?: boolean;
  /** Called after each resume, in completion order. */
  onProgress?: (progress: EvalProgress) => void;
}

interface RecordResult {
  id: string;
  score: RecordScore;
  latencyMs: number | null;
  error: EvalError | null;
}

/** Nothing predicted: what a failed parse is scored as, so failures cost recall rather than vanish. */
const NOTHING: PredictedFields = {
  name: [],
  email: [],
  phone: [],
  location: [],
  skills: [],
  companies: [],
  titles: [],
  degrees: [],
  institutions: [],
  graduationYears: [],
};

/**
 * Parses every record with `parser` and scores it against the gold (rules in score.ts). A parse that
 * throws is recorded in `errors` and scored as predicting nothing; the run itself never fails on one.
 */
export async function runEvaluation(options: RunEvaluationOptions): Promise<EvalReport> {
  const { records, parser, concurrency = 1, referenceDate, onProgress } = options;
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new AppError('invalid_request', `concurrency must be a positive integer, got ${concurrency}`);
  }
  const limit = pLimit(concurrency);
  let done = 0;
  const results = await Promise.all(
    records.map((record) =>
      limit(async () => {
        const result = await evaluateRecord(record, parser, referenceDate);
        done++;
        onProgress?.({ done, total: records.length, id: record.id, ok: result.error === null });
        return result;
      }),
    ),
  );

  const summary = summarise(results.map((r) => r.score));
  const report: EvalReport = {
    ...(options.dataset === undefined ? {} : { dataset: options.dataset }),
    provider: parser.provider,
    model: parser.model,
    referenceDate: referenceDate?.toISOString() ?? null,
    n: records.length,
    micro: summary.micro,
    fields: summary.fields,
    latencyMs: summariseLatency(results.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs]))),
    errors: results.flatMap((r) => (r.error === null ? [] : [r.error])),
  };
  if (options.perRecord) report.perRecord = results.map(toRecordReport);
  return report;
}

async function evaluateRecord(
  record: EvalRecord,
  parser: ResumeParser,
  referenceDate: Date | undefined,
): Promise<RecordResult> {
  const started = performance.now();
  try {
    const { resume } = await parser.parse({ text: record.text, ...(referenceDate ? { referenceDate } : {}) });
    const latencyMs = performance.now() - started;
    return { id: record.id, score: scoreRecord(record.gold, toPredicted(resume)), latencyMs, error: null };
  } catch (e) {
    const error: EvalError = {
      id: record.id,
      code: isAppError(e) ? e.code : 'internal_error',
      message: e instanceof Error ? e.message : String(e),
    };
    return { id: record.id, score: scoreRecord(record.gold, NOTHING), latencyMs: null, error };
  }
}

function toRecordReport(result: RecordResult): RecordReport {
  return {
    id: result.id,
    latencyMs: result.latencyMs,
    error: result.error?.code ?? null,
    fields: result.score,
  };
}
