import { z } from '@hono/zod-openapi';
import { ERROR_STATUS, ParsedResumeSchema, type ErrorCode } from '../domain/index.js';

/** HTTP-edge schemas: request validation and the OpenAPI document come from the same definitions. */

export const ReferenceDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'not a real calendar date')
  .openapi({ description: '"Present" resolves against this date (default: today)', example: '2026-11-24' });

export const ParseTextBodySchema = z
  .object({
    text: z.string().min(1, 'text is empty').openapi({ description: 'Plain text or Markdown resume' }),
    referenceDate: ReferenceDateSchema.optional(),
  })
  .openapi('ParseTextRequest');

export const ParseFileBodySchema = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, 'file must be an uploaded file (multipart field "file")')
      .openapi({ type: 'string', format: 'binary', description: 'PDF, DOCX, text or Markdown; type detected from content' }),
    referenceDate: ReferenceDateSchema.optional(),
  })
  .openapi('ParseFileRequest');

export const ParseMetaResponseSchema = z
  .object({
    requestId: z.string(),
    provider: z.string(),
    model: z.string(),
    durationMs: z.number(),
    document: z.object({ format: z.enum(['pdf', 'docx', 'text', 'markdown']), pages: z.number().nullable() }),
  })
  .openapi('ResponseMeta');

export const ParseResponseSchema = z
  .object({ success: z.literal(true), data: ParsedResumeSchema.meta({ id: 'ParsedResume' }), meta: ParseMetaResponseSchema })
  .openapi('ParseResumeResponse');

export const ErrorResponseSchema = z
  .object({
    success: z.literal(false),
    error: z.object({
      code: z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]),
      message: z.string(),
      details: z.record(z.string(), z.unknown()).optional(),
    }),
  })
  .openapi('ErrorResponse');

export const HealthSchema = z
  .object({ status: z.literal('ok'), version: z.string(), uptimeSeconds: z.number() })
  .openapi('Health');

export function errorResponses(...statuses: number[]) {
  const out: Record<number, { description: string; content: { 'application/json': { schema: typeof ErrorResponseSchema } } }> = {};
  for (const s of statuses) {
    out[s] = { description: `Error (${s})`, content: { 'application/json': { schema: ErrorResponseSchema } } };
  }
  return out;
}
