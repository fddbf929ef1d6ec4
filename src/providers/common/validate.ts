import type { z } from 'zod';
import { ProviderError, ResumeFieldsSchema, type ResumeFields } from '../../domain/index.js';
import type { TokenCounts } from './pricing.js';
import { RESUME_PARSE_PROMPT } from './prompts.js';

export interface ModelAnswer {
  text: string;
  usage: TokenCounts;
}

export interface ValidateOptions {
  /** The model's first answer. */
  raw: string;
  /** Asks the model again with a repair message (already worded; see ResumePrompt.repair). */
  attempt: (repairPrompt: string) => Promise<ModelAnswer>;
  /** Builds the repair message from the validation errors; defaults to the resume prompt's wording. */
  repairPrompt?: (validationErrors: string) => string;
  provider: string;
}

export interface Validated {
  fields: ResumeFields;
  /** True when the first answer failed and the repair attempt fixed it. */
  repaired: boolean;
  /** Tokens spent on the repair attempt, when there was one. */
  repairUsage: TokenCounts | null;
}

/** Issues fed back to the model are capped: a wholly wrong answer would otherwise produce a prompt longer than itself. */
const MAX_REPORTED_ISSUES = 20;

/**
 * The one gate every LLM answer passes: JSON, then the domain schema. Strict decoding makes failures rare but
 * not impossible (providers without strict mode, refusals, truncation), so a failed answer gets exactly one
 * repair attempt that shows the model its errors; a second failure is `output_invalid`, never a guess.
 */
export async function validateWithRepair(options: ValidateOptions): Promise<Validated> {
  const first = checkResumeFields(options.raw);
  if (first.ok) return { fields: first.fields, repaired: false, repairUsage: null };

  const repairPrompt = options.repairPrompt ?? RESUME_PARSE_PROMPT.repair;
  const answer = await options.attempt(repairPrompt(first.errors));
  const second = checkResumeFields(answer.text);
  if (second.ok) return { fields: second.fields, repaired: true, repairUsage: answer.usage };
  throw new ProviderError('output_invalid', `The model's answer did not match the resume schema after one repair attempt: ${firstLine(second.errors)}`, {
    provider: options.provider,
    retryable: false,
    details: { errors: second.errors },
  });
}

type Checked = { ok: true; fields: ResumeFields } | { ok: false; errors: string };

/** Parses and validates one answer; errors are worded for the model to read. */
export function checkResumeFields(raw: string): Checked {
  let value: unknown;
  try {
    value = JSON.parse(stripCodeFence(raw));
  } catch (e) {
    return { ok: false, errors: `- The answer is not valid JSON (${(e as Error).message}).` };
  }
  const result = ResumeFieldsSchema.safeParse(value);
  return result.success ? { ok: true, fields: result.data } : { ok: false, errors: describeIssues(result.error) };
}

/** Models without strict decoding like to wrap JSON in a Markdown fence even when told not to. */
function stripCodeFence(raw: string): string {
  const fenced = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/i.exec(raw);
  return fenced ? fenced[1]! : raw;
}

function describeIssues(error: z.ZodError): string {
  const lines = error.issues.slice(0, MAX_REPORTED_ISSUES).map((issue) => {
    const path = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `- ${path}: ${issue.message}`;
  });
  const more = error.issues.length - MAX_REPORTED_ISSUES;
  if (more > 0) lines.push(`- …and ${more} more issue(s).`);
  return lines.join('\n');
}

function firstLine(text: string): string {
  return text.split('\n')[0]!.replace(/^- /, '');
}
