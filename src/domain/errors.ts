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
  embedding_space_empty: 409,
  dimension_mismatch: 400,
  internal_error: 500,
  database_unavailable: 503,
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
