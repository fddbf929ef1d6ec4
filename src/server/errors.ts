import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import { AppError, ERROR_STATUS, type ErrorCode } from '../domain/errors.js';
import { isStoreError } from '../store/index.js';
import type { Logger } from '../telemetry/logger.js';

export interface ErrorBody {
  success: false;
  error: { code: ErrorCode; message: string; details?: Record<string, unknown> };
}

export function errorBody(code: ErrorCode, message: string, details?: Record<string, unknown>): ErrorBody {
  return { success: false, error: details ? { code, message, details } : { code, message } };
}

/** A readable one-liner for a zod failure: "text: Too small …; referenceDate: Invalid date". */
export function describeZodError(error: ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * Maps anything thrown to the stable error shape. A user's mistake is a 4xx with a code; only our own
 * faults become 500, and those are logged with the request id so they can be found.
 */
export function toErrorResponse(err: unknown, c: Context, logger: Logger): Response {
  if (err instanceof AppError) {
    return c.json(errorBody(err.code, err.message, err.details), err.status as ContentfulStatusCode);
  }
  if (isStoreError(err) && err.code in ERROR_STATUS) {
    const code = err.code as ErrorCode;
    return c.json(errorBody(code, err.message), ERROR_STATUS[code] as ContentfulStatusCode);
  }
  if (err instanceof ZodError) {
    return c.json(errorBody('invalid_request', describeZodError(err)), 400);
  }
  if (err instanceof HTTPException) {
    const code: ErrorCode = err.status === 413 ? 'file_too_large' : err.status === 415 ? 'unsupported_media_type' : 'invalid_request';
    if (err.status < 500) return c.json(errorBody(code, err.message || 'Bad request'), err.status as ContentfulStatusCode);
  }
  logger.error({ err, requestId: c.get('requestId' as never) }, 'unhandled error');
  return c.json(
    errorBody('internal_error', `Something went wrong on our side. Quote request id ${String(c.get('requestId' as never) ?? 'unknown')} when reporting it.`),
    ERROR_STATUS.internal_error,
  );
}
