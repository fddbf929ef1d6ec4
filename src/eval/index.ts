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
