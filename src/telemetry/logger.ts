import { pino, type DestinationStream, type Logger, type LoggerOptions } from 'pino';
import { redactText, redactValue } from './redact.js';

export type { Logger } from 'pino';

/**
 * JSON logs with PII redaction applied to every field and message. Resume text is never passed to the
 * logger in the first place; redaction is the second line of defence.
 */
export function createLogger(level: LoggerOptions['level'] = 'info', destination?: DestinationStream): Logger {
  const options: LoggerOptions = {
    level,
    base: { service: 'jobmatch-ai' },
    redact: { paths: ['req.headers.authorization', 'headers.authorization', '*.apiKey', '*.secretAccessKey'], censor: '[redacted]' },
    formatters: { log: (obj) => redactValue(obj) as Record<string, unknown> },
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>;
        method.apply(this, redacted);
      },
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
