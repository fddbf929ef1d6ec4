import { AppError, type ResumeParser } from '../domain/index.js';
import { LocalResumeParser } from './local/parser.js';

/** Providers that can parse resumes. Cloud providers join this list as they are added. */
export const PARSER_PROVIDERS = ['local'] as const;
export type ParserProviderName = (typeof PARSER_PROVIDERS)[number];

export function createParser(name: string): ResumeParser {
  switch (name) {
    case 'local':
      return new LocalResumeParser();
    default:
      throw new AppError('invalid_request', `Unknown parser provider "${name}". Available: ${PARSER_PROVIDERS.join(', ')}.`);
  }
}
