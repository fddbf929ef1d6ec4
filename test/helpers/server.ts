import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { startServer, type RunningServer } from '../../src/server/main.js';
import { createLogger } from '../../src/telemetry/logger.js';

/** A real server on a free loopback port with its own data directory, torn down by `stop()`. */
export async function startTestServer(env: Record<string, string> = {}): Promise<RunningServer & { stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'jobmatch-test-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', JOBMATCH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', ...env });
  const server = await startServer(config, createLogger('silent'));
  return {
    ...server,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
