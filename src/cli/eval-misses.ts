import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { AppError } from '../domain/index.js';
import { loadDataset } from '../eval/dataset.js';
import { EvalDocumentSchema } from '../eval/document.js';
import { classifyMisses, ENTITY_FIELDS, MISS_CLASSES, summariseMisses, type EntityField, type FieldMissSummary, type MissRow } from '../eval/misses.js';
import { readSections } from '../providers/local/parser.js';
import { wholeNumber } from './args.js';

interface MissesOptions {
  dataset?: string;
  provider?: string;
  json?: boolean;
  examples: number;
}

/** `jobmatch eval misses`: reads a --per-record report back against its dataset (see src/eval/misses.ts). */
export function registerEvalMissesCommand(evalCommand: Command): void {
  evalCommand
    .command('misses')
    .description('where the missed titles, companies, degrees and institutions stand in their resumes, and the recall a structurally correct parser could reach')
    .argument('<report>', 'a .json report written by `jobmatch eval --per-record`')
    // Not a required option of its own: `eval` has --dataset too and commander gives it to the parent.
    .option('-d, --dataset <file>', 'the labelled JSONL the report was run on; required')
    .option('-p, --provider <name>', 'the provider of the report to read (default: its first)')
    .option('--examples <n>', 'list up to n missed values per field and class', wholeNumber(0), 0)
    .option('--json', 'print the summary as JSON')
    .action(async (reportPath: string, _opts: unknown, command: Command) => {
      const opts = command.optsWithGlobals<MissesOptions>();
      if (opts.dataset === undefined) throw new AppError('invalid_request', 'Pass the labelled set the report was run on: --dataset <file.jsonl>.');
      const datasetPath = opts.dataset;
      const parsed = EvalDocumentSchema.safeParse(readJson(await readFile(reportPath, 'utf8')));
      if (!parsed.success || parsed.data.kind !== 'parse') throw new AppError('invalid_request', `${reportPath} is not a parse evaluation report of this release.`);
      const sections = parsed.data.report.providers;
      const section = opts.provider === undefined ? sections[0] : sections.find((s) => s.provider === opts.provider);
      if (section === undefined) throw new AppError('invalid_request', `${reportPath} has no provider "${opts.provider ?? ''}".`);
      if (section.perRecord === undefined) throw new AppError('invalid_request', `${reportPath} has no per-resume outcomes: run \`jobmatch eval\` with --per-record.`);

      const dataset = await loadDataset(datasetPath);
      const byId = new Map(dataset.records.map((r) => [r.id, r]));
      const rows = new Map<EntityField, MissRow[]>(ENTITY_FIELDS.map((f) => [f, []]));
      const examples = new Map<string, string[]>();
      for (const outcome of section.perRecord) {
        const record = byId.get(outcome.id);
        if (record === undefined) throw new AppError('invalid_request', `${outcome.id} is in the report but not in ${datasetPath}: pass the dataset the report was run on.`);
        const textSections = readSections(record.text).map((s) => ({ kind: s.kind, lines: s.lines.map((l) => l.text) }));
        for (const field of ENTITY_FIELDS) {
          const scored = outcome.fields[field];
          if (scored === undefined) continue;
          const classes = classifyMisses(field, { gold: record.gold[field], missed: scored.missed }, textSections);
          rows.get(field)!.push({ found: scored.tp, gold: scored.tp + scored.fn, classes });
          classes.forEach((c, i) => {
            const list = examples.get(`${field} ${c}`) ?? [];
            if (list.length < opts.examples) examples.set(`${field} ${c}`, [...list, `${outcome.id}: ${scored.missed[i]}`]);
          });
        }
      }
      const summary = Object.fromEntries(ENTITY_FIELDS.map((f) => [f, summariseMisses(rows.get(f)!)])) as Record<EntityField, FieldMissSummary>;
      if (opts.json) {
        process.stdout.write(`${JSON.stringify({ report: parsed.data.id, provider: section.provider, fields: summary }, null, 2)}\n`);
        return;
      }
      process.stdout.write(`${formatMisses(summary, examples)}\n`);
    });
}

/** Anything that is not JSON cannot be a report: a clear error, not a SyntaxError. */
function readJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function formatMisses(summary: Record<EntityField, FieldMissSummary>, examples: Map<string, string[]>): string {
  const pct = (v: number | null) => (v === null ? '—' : v.toFixed(3));
  const head = ['field'.padEnd(13), 'gold'.padStart(5), 'found'.padStart(6), ...MISS_CLASSES.map((c) => c.padStart(c.length + 1)), 'recall'.padStart(7), 'ceiling'.padStart(8)].join('');
  const lines = ['Misses by where their gold values stand (classes in src/eval/misses.ts)', '', head];
  for (const field of ENTITY_FIELDS) {
    const s = summary[field];
    lines.push([field.padEnd(13), String(s.gold).padStart(5), String(s.found).padStart(6), ...MISS_CLASSES.map((c) => String(s.classes[c]).padStart(c.length + 1)), pct(s.recall).padStart(7), pct(s.ceiling).padStart(8)].join(''));
  }
  lines.push('', 'ceiling: the recall if every own-section and across-lines miss were found and nothing found now were lost.');
  for (const [key, list] of examples) lines.push('', key, ...list.map((e) => `  ${e}`));
  return lines.join('\n');
}
