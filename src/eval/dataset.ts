import { readFile } from 'node:fs/promises';
import { z } from 'zod';

/**
 * The labelled evaluation set: JSON Lines, one resume a line,
 *   {"id": "dev-12", "text": "…", "gold": {"name": …, "email": …, "phone": …, "skills": […], "companies": […],
 *    "titles": […], "degrees": […], "institutions": […], "graduationYears": […], "location": …}}
 * Annotation is partial: null, [] or a missing key all mean "not labelled", never "absent".
 */

const single = z.string().nullish().transform((v) => v ?? null);
const list = z.array(z.string()).nullish().transform((v) => v ?? []);

export const GoldFieldsSchema = z.object({
  name: single,
  email: single,
  phone: single,
  skills: list,
  companies: list,
  titles: list,
  degrees: list,
  institutions: list,
  // Years are strings in the dev set; a number is the other natural way to write one.
  graduationYears: z
    .array(z.union([z.string(), z.number().int()]).transform(String))
    .nullish()
    .transform((v) => v ?? []),
  location: single,
});
export type GoldFields = z.output<typeof GoldFieldsSchema>;

export const EvalRecordSchema = z.object({
  id: z.string().min(1),
  text: z.string(),
  gold: GoldFieldsSchema,
});
export type EvalRecord = z.output<typeof EvalRecordSchema>;

/** A line that was skipped, with its 1-based line number and why. */
export interface DatasetIssue {
  line: number;
  message: string;
}

export interface Dataset {
  records: EvalRecord[];
  issues: DatasetIssue[];
}

/**
 * Parses JSONL text. Blank lines are ignored; a line that is not JSON, does not fit the schema or repeats
 * an earlier id is reported and skipped, so one bad line never costs the rest of the set.
 */
export function parseDataset(jsonl: string): Dataset {
  const records: EvalRecord[] = [];
  const issues: DatasetIssue[] = [];
  const seen = new Set<string>();
  const lines = jsonl.replace(/^\uFEFF/, '').split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (e) {
      issues.push({ line, message: `not valid JSON: ${(e as Error).message}` });
      return;
    }
    const parsed = EvalRecordSchema.safeParse(value);
    if (!parsed.success) {
      issues.push({ line, message: describeIssues(parsed.error) });
      return;
    }
    if (seen.has(parsed.data.id)) {
      issues.push({ line, message: `duplicate id "${parsed.data.id}"` });
      return;
    }
    seen.add(parsed.data.id);
    records.push(parsed.data);
  });
  return { records, issues };
}

/** Reads and parses a JSONL file (see parseDataset). I/O errors are thrown; content errors are issues. */
export async function loadDataset(path: string): Promise<Dataset> {
  return parseDataset(await readFile(path, 'utf8'));
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(record)'}: ${issue.message}`)
    .join('; ');
}
