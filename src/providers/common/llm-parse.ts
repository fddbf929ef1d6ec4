import type { ParseRequest, ParseResult } from '../../domain/index.js';
import { detectLanguage } from '../local/language.js';
import { toParsedResume } from './assemble.js';
import { withDeadline } from './deadline.js';
import { groundResumeFields } from './grounding.js';
import { addTokens, findPrice, priceUsage, DEFAULT_PRICE_TABLE, type PriceTable } from './pricing.js';
import { promptVersion, RESUME_PARSE_PROMPT, type ResumePrompt } from './prompts.js';
import { validateWithRepair, type ModelAnswer } from './validate.js';

/** A conversation as every chat API takes it: a system text, then alternating user and assistant turns. */
export interface Conversation {
  system: string;
  turns: { role: 'user' | 'assistant'; content: string }[];
}

export interface LlmParseOptions {
  provider: string;
  model: string;
  /** Deadline for the whole parse, retries and repair included. */
  timeoutMs: number;
  /** One model call in the provider's wire format; errors already mapped to ProviderError. */
  complete: (conversation: Conversation, signal: AbortSignal) => Promise<ModelAnswer>;
  prompt?: ResumePrompt;
  priceTable?: PriceTable;
}

/**
 * Resume parsing with any chat model: the same prompt, validation, repair, grounding, pricing and result
 * assembly for every provider, which only supplies `complete`.
 */
export async function parseResumeWithLlm(request: ParseRequest, options: LlmParseOptions): Promise<ParseResult> {
  const prompt = options.prompt ?? RESUME_PARSE_PROMPT;
  const table = options.priceTable ?? DEFAULT_PRICE_TABLE;
  const referenceDate = request.referenceDate ?? new Date();
  const started = performance.now();

  const { validated, tokens } = await withDeadline({ provider: options.provider, timeoutMs: options.timeoutMs, signal: request.signal }, async (signal) => {
    const question = { role: 'user' as const, content: prompt.user(request.text, referenceDate) };
    const first = await options.complete({ system: prompt.system, turns: [question] }, signal);
    const validated = await validateWithRepair({
      raw: first.text,
      provider: options.provider,
      repairPrompt: prompt.repair,
      attempt: (repair) =>
        options.complete(
          { system: prompt.system, turns: [question, { role: 'assistant', content: first.text }, { role: 'user', content: repair }] },
          signal,
        ),
    });
    return { validated, tokens: validated.repairUsage ? addTokens(first.usage, validated.repairUsage) : first.usage };
  });

  const grounded = groundResumeFields(validated.fields, request.text);
  const warnings = [...grounded.warnings];
  if (validated.repaired) warnings.push("The model's first answer failed schema validation and was repaired in a second call.");
  if (!findPrice(options.model, table)) warnings.push(`No price for model "${options.model}" in the price table (as of ${table.asOf}); cost is reported as 0.`);

  const resume = toParsedResume(grounded.fields, {
    provider: options.provider,
    model: options.model,
    version: promptVersion(prompt),
    durationMs: performance.now() - started,
    referenceDate,
    language: detectLanguage(request.text).code,
    warnings,
  });
  return { resume, usage: priceUsage(options.model, tokens, table) };
}
