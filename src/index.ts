/**
 * jobmatch-ai as a library. Typical use inside a Next.js route handler:
 *
 *   import { createApp, createLogger, createParser, loadConfig } from 'jobmatch-ai';
 *   const config = loadConfig();
 *   const app = createApp({ logger: createLogger('info'), parser: createParser('local'),
 *     limits: { maxUploadBytes: config.maxUploadBytes, maxPdfPages: config.maxPdfPages } });
 *   export const POST = (req: Request) => app.fetch(req);
 *
 * or, without HTTP at all:
 *
 *   const { resume } = await parseResume({ text }, createParser('local'));
 */
export * from './domain/index.js';
export { loadConfig, type Config } from './config.js';
export { ingest } from './ingest/index.js';
export type { DocumentFormat, IngestedDocument, IngestOptions } from './ingest/types.js';
export { parseResume, type ParseResumeOptions, type ParsedResumeResult, type ResumeInput } from './services/resume.js';
export { createParser, PARSER_PROVIDERS } from './providers/registry.js';
export { LocalResumeParser } from './providers/local/parser.js';
export { createApp, type AppDeps } from './server/app.js';
export { startServer, type RunningServer } from './server/main.js';
export { createLogger, type Logger } from './telemetry/logger.js';
export { VERSION } from './version.js';
