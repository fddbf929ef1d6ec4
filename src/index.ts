/**
 * jobmatch-ai as a library. Typical use inside a Next.js route handler:
 *
 *   import { createApp, createLogger, loadConfig, openServices } from 'jobmatch-ai';
 *   const config = loadConfig();
 *   const logger = createLogger('info');
 *   const services = await openServices(config, logger);
 *   const app = createApp({ logger, services,
 *     limits: { maxUploadBytes: config.maxUploadBytes, maxPdfPages: config.maxPdfPages } });
 *   export const POST = (req: Request) => app.fetch(req);
 *
 * or, without HTTP at all:
 *
 *   const { resume } = await parseResume({ text }, createParser('local'));
 *   const { matches } = await matchJobs({ resume }, { jobs: services.jobs, parser: services.parser });
 *
 * and under migration control, per user (sticky rollout, shadow, fallback, breakers):
 *
 *   const ctx = { userId: 'user-42', routes: [] };
 *   const { resume } = await parseResume({ text }, services.router.parserFor(ctx));
 *   const ranked = await matchJobsRouted({ resume }, { jobs: services.jobs, router: services.router }, {}, ctx);
 *   // ctx.routes now says which provider served each capability, in which cohort and bucket.
 */
export * from './domain/index.js';
export { loadConfig, type Config } from './config.js';
export { ingest } from './ingest/index.js';
export type { DocumentFormat, IngestedDocument, IngestOptions } from './ingest/types.js';
export { parseResume, type ParseResumeOptions, type ParsedResumeResult, type ResumeInput } from './services/resume.js';
export { createParser, PARSER_PROVIDERS } from './providers/registry.js';
export { LocalResumeParser } from './providers/local/parser.js';
export { createApp, type AppDeps } from './server/app.js';
export { JobService, type ReindexOptions, type ReindexReport, type SpaceStatus } from './services/jobs.js';
export { matchJobs, matchJobsRouted, profileFromResume, type MatchInput, type MatchOptions } from './services/match.js';
export { Router, type RequestContext } from './routing/router.js';
export { RoutingConfigSchema, CAPABILITIES, ROUTING_MODES, type Capability, type RoutingConfig, type RoutingMode } from './routing/config.js';
export { RoutingFlagProvider, RouteVariantSchema, routingFlagKey, type RouteVariant } from './routing/flags.js';
export { bucketOf, inRollout } from './routing/bucket.js';
export type { ProviderCall, RouteInfo, RoutingObserver, ShadowResult } from './routing/observations.js';
export { openServices, defaultEmbedders, type Services } from './services/runtime.js';
export { rankJobs, HYBRID_WEIGHTS } from './matching/rank.js';
export { LocalEmbedder, LOCAL_EMBEDDING_SPACE } from './providers/local/embeddings/index.js';
export { openDatabase, type Db } from './store/index.js';
export { startServer, type RunningServer } from './server/main.js';
export { createLogger, type Logger } from './telemetry/logger.js';
export { VERSION } from './version.js';
