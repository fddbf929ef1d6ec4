import OpenAI, { OpenAIError } from 'openai';
import { ProviderError } from '../../domain/index.js';
import { PROVIDER } from './errors.js';

/** Connection settings shared by the OpenAI parser and embedder. */
export interface OpenAIClientOptions {
  /** Defaults to OPENAI_API_KEY, read by the SDK itself. */
  apiKey?: string;
  /** Defaults to OPENAI_BASE_URL or the public API; an emulator or a compatible gateway goes here. */
  baseURL?: string;
  /** SDK retries after the first attempt (429, 408, 409, 5xx, connection errors). Default 2. */
  maxRetries?: number;
  /** Per-attempt timeout in ms, enforced by the SDK. Default 60 s. */
  requestTimeoutMs?: number;
  /** A ready client, e.g. one shared by parser and embedder; the options above are then ignored. */
  client?: OpenAI;
}

export const DEFAULT_MAX_RETRIES = 2;
export const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

export function createOpenAIClient(options: OpenAIClientOptions): OpenAI {
  if (options.client) return options.client;
  try {
    return new OpenAI({
      // undefined falls back to the SDK's own environment defaults.
      apiKey: options.apiKey,
      baseURL: options.baseURL,
      maxRetries: options.maxRetries ?? DEFAULT_MAX_RETRIES,
      timeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS,
    });
  } catch (e) {
    // The only constructor failure is a missing key; say what to set, in our terms.
    if (e instanceof OpenAIError) {
      throw new ProviderError('auth', 'No OpenAI API key: set OPENAI_API_KEY (or pass apiKey).', { provider: PROVIDER, retryable: false, details: { sdk: e.message } });
    }
    throw e;
  }
}
