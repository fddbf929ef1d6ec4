/**
 * Stable error codes. Clients branch on `code`, people read `message`. A code, once published, keeps its
 * meaning; add new ones rather than reuse.
 */
export const ERROR_STATUS = {
  invalid_request: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  file_too_large: 413,
  request_too_large: 413,
  unsupported_media_type: 415,
  unsupported_file_type: 415,
  too_many_pages: 422,
  encrypted_pdf: 422,
  no_text_layer: 422,
  empty_document: 422,
  binary_content: 422,
  corrupt_file: 422,
  unknown_embedding_space: 404,
  embedding_space_conflict: 409,
  version_conflict: 409,
  admin_disabled: 404,
  embedding_space_empty: 409,
  dimension_mismatch: 400,
  throttled: 429,
  budget_exceeded: 429,
  internal_error: 500,
  auth: 502,
  model_error: 502,
  output_invalid: 502,
  unavailable: 503,
  database_unavailable: 503,
  timeout: 504,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}

/** The codes a provider call can fail with, whatever the provider. */
export const PROVIDER_ERROR_CODES = ['throttled', 'timeout', 'invalid_request', 'auth', 'unavailable', 'model_error', 'output_invalid', 'budget_exceeded'] as const;
export type ProviderErrorCode = (typeof PROVIDER_ERROR_CODES)[number];

/**
 * A failed provider call, classified. `retryable` drives retry and fallback policy: throttling, timeouts
 * and unavailability may succeed on another try; bad credentials or a rejected request will not.
 */
export class ProviderError extends AppError {
  readonly provider: string;
  readonly retryable: boolean;
  /** Seconds the provider asked us to wait (Retry-After), when it said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    code: ProviderErrorCode,
    message: string,
    options: { provider: string; retryable?: boolean; retryAfterSeconds?: number; details?: Record<string, unknown> },
  ) {
    super(code, message, options.details);
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.retryable = options.retryable ?? (code === 'throttled' || code === 'timeout' || code === 'unavailable');
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}
