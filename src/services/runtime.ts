import type { Config } from '../config.js';
import type { Embedder, ResumeParser } from '../domain/index.js';
import { LocalEmbedder } from '../providers/local/embeddings/index.js';
import { createEmbedders, createParser } from '../providers/registry.js';
import { openDatabase, redactUrl, type Db } from '../store/index.js';
import type { Logger } from '../telemetry/logger.js';
import { JobService } from './jobs.js';

/** Everything a running instance holds: what the HTTP server, the CLI and library users share. */
export interface Services {
  db: Db;
  parser: ResumeParser;
  jobs: JobService;
  close(): Promise<void>;
}

/** The local embedder alone: the space the sample corpus ships vectors for. */
export function defaultEmbedders(): Map<string, Embedder> {
  const local = new LocalEmbedder();
  return new Map([[local.space.id, local]]);
}

/** Opens the database (migrating it), loads the job index, and seeds the sample corpus on a first start. */
export async function openServices(config: Config, logger: Logger): Promise<Services> {
  const t0 = performance.now();
  // Provider settings first: a misconfiguration should stop us before the database is touched.
  const settings = config.providers;
  const parser = createParser(settings.JOBMATCH_PARSE_PROVIDER, settings);
  const embedders = createEmbedders(settings);
  const db = await openDatabase(config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: config.dataDir });
  try {
    const jobs = new JobService(db, embedders);
    await jobs.load();
    const seeded = config.sampleJobs ? await jobs.seedSampleJobs() : 0;
    logger.info(
      {
        database: config.databaseUrl ? redactUrl(config.databaseUrl) : `pglite:${config.dataDir}`,
        parser: parser.provider,
        embeddingSpaces: [...embedders.keys()],
        jobs: jobs.index.size,
        seededSampleJobs: seeded,
        ms: Math.round(performance.now() - t0),
      },
      'services ready',
    );
    return { db, parser, jobs, close: () => db.close() };
  } catch (err) {
    await db.close();
    throw err;
  }
}
