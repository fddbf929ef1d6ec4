/** Resume-parsing evaluation against a labelled JSONL set: load, run, score, report. */
export { loadDataset, parseDataset, EvalRecordSchema, GoldFieldsSchema } from './dataset.js';
export type { Dataset, DatasetIssue, EvalRecord, GoldFields } from './dataset.js';
export { runEvaluation } from './run.js';
export type { EvalProgress, RunEvaluationOptions } from './run.js';
export { EvalReportSchema, formatReportTable } from './report.js';
export type { EvalError, EvalReport, FieldReport, RecordReport } from './report.js';
export { FIELDS, metrics, scoreRecord, summarise, toPredicted } from './score.js';
export type {
  Counts,
  Field,
  FieldOutcome,
  Metrics,
  PredictedFields,
  RecordScore,
  ScoreOptions,
  ScoreSummary,
  SkillCanonicaliser,
} from './score.js';
export { percentile, summariseLatency } from './stats.js';

// Side-by-side comparison of providers, stored reports and the statistics behind them.
export { bootstrapInterval, normalCdf, pairedDifference, twoProportionZTest, wilsonInterval } from './ab-stats.js';
export type { Interval, PairedDifference, PairedOptions, TwoProportionTest } from './ab-stats.js';
export { ParseCache, parseCacheKey } from './cache.js';
export { runParses } from './compare-run.js';
export type { CompareProgress, ParseOutcome, ProviderRun, RunParsesOptions } from './compare-run.js';
export { buildParseComparison, ParseComparisonSchema } from './parse-comparison.js';
export type { ParseComparison, ProviderSection } from './parse-comparison.js';
export { buildMatchComparison, ensureSpaceVectors, MatchComparisonSchema } from './match-comparison.js';
export type { MatchComparison } from './match-comparison.js';
export { compareSummaries, EvalDocumentSchema, matchDocument, parseDocument } from './document.js';
export type { EvalDocument, EvalKind, SummaryDelta } from './document.js';
export { renderHtml, renderMarkdown, renderTerminal } from './render.js';
export { storeDocument, writeReportFiles } from './output.js';
export { buildParsers, estimateParseCost } from './preflight.js';
