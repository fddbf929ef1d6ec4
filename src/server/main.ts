import { serve, type ServerType } from '@hono/node-server';
import type { Config } from '../config.js';
import { warmUpIngest } from '../ingest/index.js';
import { openServices, type Services } from '../services/runtime.js';
import { warmUpSkills, warmUpTitles } from '../taxonomy/index.js';
import { createLogger, type Logger } from '../telemetry/logger.js';
import { createApp } from './app.js';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
  logger: Logger;
  services: Services;
}

/** Starts the HTTP service on the configured host and port (port 0 picks a free one, for tests). */
export async function startServer(config: Config, logger: Logger = createLogger(config.logLevel)): Promise<RunningServer> {
  const services = await openServices(config, logger);
  // Pay pdf.js, mammoth and taxonomy loading now rather than on the first upload (~0.7 s together).
  warmUpSkills();
  warmUpTitles();
  await warmUpIngest();
  const app = createApp({
    logger,
    services,
    adminToken: config.adminToken,
    sloTargets: config.sloTargets,
    limits: { maxUploadBytes: config.maxUploadBytes, maxPdfPages: config.maxPdfPages },
  });

  const server = await new Promise<ServerType>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s));
    s.once('error', reject);
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  logger.info({ url, dataDir: config.dataDir }, 'jobmatch-ai listening');

  return {
    url,
    port,
    logger,
    services,
    async close() {
      await new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve())));
      await services.close();
    },
  };
}
