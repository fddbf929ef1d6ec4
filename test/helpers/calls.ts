import { ZERO_USAGE } from '../../src/domain/index.js';
import type { ProviderCall } from '../../src/routing/observations.js';

/** One successful primary parse call, free and untagged; each test overrides what it asserts on. */
export function providerCall(overrides: Partial<ProviderCall> = {}): ProviderCall {
  return {
    at: 0,
    requestId: null,
    userKey: null,
    capability: 'parse',
    provider: 'openai',
    model: 'gpt-4o-mini',
    cohort: 'control',
    role: 'primary',
    outcome: 'ok',
    errorCode: null,
    errorType: null,
    latencyMs: 100,
    usage: ZERO_USAGE,
    retries: 0,
    ...overrides,
  };
}
