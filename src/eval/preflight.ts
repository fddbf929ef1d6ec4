import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { AppError, isAppError, type ResumeParser } from '../domain/index.js';
import { estimateTokens, findPrice, DEFAULT_PRICE_TABLE, type PriceTable } from '../providers/common/pricing.js';
import { RESUME_PARSE_PROMPT, strictResumeFieldsSchema } from '../providers/common/index.js';
import { createParser, type CallTuning } from '../providers/registry.js';
import type { ProviderSettings } from '../providers/settings.js';
import type { EvalRecord } from './dataset.js';

/**
 * What must hold before a comparison spends anything: every provider known and buildable, its credentials
 * present, and the estimated bill within the caller's limit. Each failure is one line naming the fix.
 */

/** Splits "local, openai,bedrock" into names; duplicates and empty entries are the caller's mistake. */
export function providerList(value: string): string[] {
  const names = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (names.length === 0) throw new AppError('invalid_request', 'No provider given: pass --providers local,openai,…');
  const repeated = names.find((n, i) => names.indexOf(n) !== i);
  if (repeated !== undefined) throw new AppError('invalid_request', `Provider "${repeated}" is listed twice.`);
  return names;
}

/**
 * Builds every parser, then checks credentials the SDKs would only look for on the first call: OpenAI's key
 * is checked by the client constructor; AWS's default chain is resolved here (environment, profile, SSO,
 * role) without any request to AWS. Throws AppError on the first problem.
 */
export async function buildParsers(names: readonly string[], settings: ProviderSettings, env: Record<string, string | undefined> = process.env, tuning: CallTuning = {}): Promise<ResumeParser[]> {
  const parsers: ResumeParser[] = [];
  for (const name of names) {
    try {
      parsers.push(createParser(name, settings, tuning));
    } catch (e) {
      // Ours already name the provider and the fix (unknown name, missing OpenAI key); others get the name.
      throw isAppError(e) ? e : new AppError('invalid_request', `${name}: ${(e as Error).message}`);
    }
  }
  if (names.includes('bedrock') && !env.AWS_BEARER_TOKEN_BEDROCK) await checkAwsCredentials(settings);
  return parsers;
}

async function checkAwsCredentials(settings: ProviderSettings): Promise<void> {
  const client = new BedrockRuntimeClient({ region: settings.AWS_REGION });
  try {
    try {
      await client.config.region();
    } catch {
      throw new AppError('invalid_request', 'bedrock: no AWS region configured; set AWS_REGION (or a region in your AWS profile).');
    }
    try {
      await client.config.credentials();
    } catch {
      throw new AppError('invalid_request', 'bedrock: no AWS credentials found; set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run where a role is attached (`jobmatch doctor` says more).');
    }
  } finally {
    client.destroy();
  }
}

/** A parsed resume as JSON is typically 600–1,500 tokens; the estimate takes the upper end. */
export const EXPECTED_OUTPUT_TOKENS = 1500;

export interface ProviderEstimate {
  provider: string;
  model: string;
  /** Resumes still to parse (cached ones cost nothing). */
  resumes: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  /** False when the model is not in the price table: its cost is unknown, not zero. Local parsers are free. */
  priced: boolean;
}

export interface CostEstimate {
  providers: ProviderEstimate[];
  totalUsd: number;
}

/**
 * Estimated bill of a run: per resume, estimateTokens(system prompt + user message + output schema) at the
 * input price plus EXPECTED_OUTPUT_TOKENS at the output price. Schema repairs (a second call) are not
 * included: the estimate is for a run where answers validate.
 */
export function estimateParseCost(
  todo: ReadonlyMap<string, readonly EvalRecord[]>,
  parsers: readonly ResumeParser[],
  options: { referenceDate?: Date; table?: PriceTable; expectedOutputTokens?: number } = {},
): CostEstimate {
  const table = options.table ?? DEFAULT_PRICE_TABLE;
  const outputPerResume = options.expectedOutputTokens ?? EXPECTED_OUTPUT_TOKENS;
  const date = options.referenceDate ?? new Date();
  const overhead = estimateTokens([RESUME_PARSE_PROMPT.system, JSON.stringify(strictResumeFieldsSchema())]);
  const providers = parsers.map((parser): ProviderEstimate => {
    const records = todo.get(parser.provider) ?? [];
    const llm = parser.provider !== 'local';
    const price = findPrice(parser.model, table);
    const inputTokens = llm ? records.reduce((sum, r) => sum + overhead + estimateTokens([RESUME_PARSE_PROMPT.user(r.text, date)]), 0) : 0;
    const outputTokens = llm ? records.length * outputPerResume : 0;
    const usd = price ? (inputTokens * price.input + outputTokens * price.output) / 1_000_000 : 0;
    return { provider: parser.provider, model: parser.model, resumes: records.length, inputTokens, outputTokens, usd, priced: !llm || price !== undefined };
  });
  return { providers, totalUsd: providers.reduce((sum, p) => sum + p.usd, 0) };
}

export function formatEstimate(estimate: CostEstimate): string {
  const lines = estimate.providers.map(
    (p) =>
      `  ${p.provider.padEnd(10)} ${p.model.padEnd(42)} ${String(p.resumes).padStart(5)} resumes  ~${p.inputTokens} in + ${p.outputTokens} out tokens  ${p.priced ? `$${p.usd.toFixed(4)}` : 'no price in the table'}`,
  );
  return [`estimated cost: $${estimate.totalUsd.toFixed(4)}`, ...lines].join('\n');
}
