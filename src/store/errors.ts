/**
 * Failures of the storage layer that a person (operator or caller) can act on. Each has a stable code so
 * the server and CLI can map it (e.g. `schema_too_new` stops start-up, `dimension_mismatch` is a caller bug)
 * without parsing messages. Driver errors we cannot explain better are left as they are.
 */
export type StoreErrorCode =
  | 'database_unavailable'
  | 'database_locked'
  | 'schema_too_new'
  | 'vector_extension_missing'
  | 'unknown_embedding_space'
  | 'embedding_space_conflict'
  | 'embedding_space_empty'
  | 'dimension_mismatch'
  | 'invalid_vector'
  | 'unknown_job'
  | 'version_conflict';

export class StoreError extends Error {
  readonly code: StoreErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: StoreErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
    this.code = code;
    this.details = details;
  }
}

export function isStoreError(e: unknown, code?: StoreErrorCode): e is StoreError {
  return e instanceof StoreError && (code === undefined || e.code === code);
}

/** The SQLSTATE of a Postgres error, from either driver (both expose it as `code`). */
export function sqlState(e: unknown): string | undefined {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}
