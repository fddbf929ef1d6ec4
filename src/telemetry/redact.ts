/**
 * Personal data must not reach logs: resumes are full of e-mails and phone numbers. These patterns are
 * deliberately broad — a redacted date range in a log line costs nothing, a leaked phone number does.
 */
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
// Not inside a word or an id: `…-aeb123456789` in a request id is not a phone number.
const PHONE = /(?<![\w-])(?:\+|\b00)?\d[\d\s().-]{6,}\d(?![\w-])/g;
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]+/gi;
const SECRET_TOKENS = /\b(?:sk-[A-Za-z0-9_-]{16,}|hf_[A-Za-z0-9]{16,}|AKIA[0-9A-Z]{16}|ASIA[0-9A-Z]{16})\b/g;

export function redactText(text: string): string {
  return text
    .replace(EMAIL, '[email]')
    .replace(BEARER, '$1 [redacted]')
    .replace(SECRET_TOKENS, '[secret]')
    .replace(PHONE, (m) => (m.replace(/\D/g, '').length >= 7 ? '[phone]' : m));
}

/** Redacts every string inside a log object (depth-limited: log objects are small and shallow). */
export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactText(value);
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => redactValue(v, depth + 1));
  // pino's error serializer never sees the Error (formatters run first), so keep what it would have kept.
  if (value instanceof Error) {
    const code = (value as { code?: unknown }).code;
    return { type: value.name, message: redactText(value.message), ...(typeof code === 'string' ? { code } : {}), stack: value.stack ? redactText(value.stack) : undefined };
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, depth + 1);
  return out;
}
