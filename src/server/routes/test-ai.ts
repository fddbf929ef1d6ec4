import { createRoute } from '@hono/zod-openapi';
import { isAppError, ProviderError, ZERO_USAGE, type ParsedResume, type Usage } from '../../domain/index.js';
import { ingest } from '../../ingest/index.js';
import { compareParses } from '../../routing/compare.js';
import type { Router } from '../../routing/router.js';
import type { Logger } from '../../telemetry/logger.js';
import type { App, AppDeps } from '../env.js';
import { errorResponses, TestAiBodySchema, TestAiResponseSchema, toDate } from '../schemas.js';

/** Per provider; a provider that ignores its abort signal is still cut off at this deadline. */
export const TRIAL_TIMEOUT_MS = 30_000;

export interface TrialResult {
  provider: string;
  model: string | null;
  ok: boolean;
  durationMs: number;
  usage: Usage;
  costUsd: number;
  resume?: ParsedResume;
  error?: { code: string; message: string };
}

const testAiRoute = createRoute({
  method: 'post',
  path: '/api/test-ai',
  tags: ['resumes'],
  summary: 'Parse one text with several providers side by side and compare the results',
  description:
    'Each provider is called directly, in parallel, with its own 30 s deadline; a failure is reported per provider. Nothing shared changes: not routing, not circuit breakers, not metrics. Paid providers are billed for every call.',
  request: { body: { required: true, content: { 'application/json': { schema: TestAiBodySchema } } } },
  responses: {
    200: { description: 'One result per provider, and field agreement against the first that succeeded', content: { 'application/json': { schema: TestAiResponseSchema } } },
    ...errorResponses(400, 413, 422),
  },
});

/** Rejects once `signal` aborts, whether or not the provider honours it. */
function deadline<T>(work: Promise<T>, signal: AbortSignal, provider: string, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      const timedOut = (signal.reason as Error | undefined)?.name === 'TimeoutError';
      reject(timedOut ? new ProviderError('timeout', `${provider} did not answer within ${timeoutMs / 1000} s.`, { provider }) : signal.reason);
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function trial(
  router: Router,
  provider: string,
  request: { text: string; referenceDate?: Date; signal: AbortSignal },
  logger: Logger,
  timeoutMs: number,
): Promise<TrialResult> {
  const t0 = performance.now();
  const elapsed = () => +(performance.now() - t0).toFixed(2);
  let model: string | null = null;
  try {
    // The provider's own parser, not the routed one: no breaker, retry policy, shadow or call statistics.
    const parser = router.parserOf(provider);
    model = parser.model;
    const signal = AbortSignal.any([request.signal, AbortSignal.timeout(timeoutMs)]);
    const { resume, usage } = await deadline(parser.parse({ text: request.text, referenceDate: request.referenceDate, signal }), signal, provider, timeoutMs);
    return { provider, model, ok: true, durationMs: elapsed(), usage, costUsd: usage.costUsd, resume };
  } catch (err) {
    if (!isAppError(err)) logger.warn({ err, provider }, 'test-ai: provider failed unexpectedly');
    const error = isAppError(err)
      ? { code: err.code, message: err.message }
      : { code: 'internal_error', message: `${provider} failed unexpectedly; the server log has the details.` };
    return { provider, model, ok: false, durationMs: elapsed(), usage: ZERO_USAGE, costUsd: 0, error };
  }
}

/** Field agreement of every other successful parse against the first successful one. */
export function differencesOf(results: readonly TrialResult[]) {
  const ok = results.filter((r): r is TrialResult & { resume: ParsedResume } => r.ok && r.resume !== undefined);
  const [first, ...others] = ok;
  if (!first) return [];
  return others.map((other) => {
    const c = compareParses(first.resume, other.resume);
    return { provider: other.provider, against: first.provider, agreement: c.agreement, fields: c.fields, differences: c.differences };
  });
}

export function registerTestAiRoutes(app: App, { services, limits, logger }: AppDeps, options: { timeoutMs?: number } = {}): void {
  const timeoutMs = options.timeoutMs ?? TRIAL_TIMEOUT_MS;
  app.openapi(testAiRoute, async (c) => {
    const body = c.req.valid('json');
    // Once, for all providers: the same normalised text, and an unusable text is the caller's 4xx, not N failures.
    const document = await ingest(new TextEncoder().encode(body.text), { maxBytes: limits.maxUploadBytes, maxPages: limits.maxPdfPages });
    const request = { text: document.text, referenceDate: toDate(body.referenceDate), signal: c.req.raw.signal };
    const results = await Promise.all(body.providers.map((p) => trial(services.router, p, request, logger, timeoutMs)));
    return c.json({ success: true as const, data: { results, differences: differencesOf(results) } }, 200);
  });
}
