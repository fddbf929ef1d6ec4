// One-off experiment (not part of the project): the cache injected into a running server's router, to see
// cache-hit throughput before the lead wires it in runtime.ts.
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResultCache } from './src/cache/result-cache.js';
import { loadConfig } from './src/config.js';
import { startServer } from './src/server/main.js';
import { createLogger } from './src/telemetry/logger.js';

const autocannon = createRequire(import.meta.url)('autocannon') as (o: Record<string, unknown>) => Promise<any>;
const RESUME = `Priya Natarajan\nPune, India | priya.n@example.com\n\nExperience\nData Analyst, Lotus Analytics — 2020 – Present\n- Built dashboards in Tableau and SQL\n\nEducation\nBSc Statistics, University of Pune, 2019\n\nSkills\nSQL, Tableau, Python, Excel\n`;
const dataDir = mkdtempSync(join(tmpdir(), 'jobmatch-exp-'));
const server = await startServer(loadConfig({ PORT: '0', HOST: '127.0.0.1', JOBMATCH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBMATCH_SAMPLE_JOBS: 'false', JOBMATCH_GUARD: 'false' }), createLogger('silent'));
if (process.env.WIRE !== '0') (server.services.router as any).deps.cache = createResultCache({ db: server.services.db, purgeEveryMs: 0 });
let calls = 0, hits = 0;
server.services.observers.add({ onCall: (c) => { calls++; if (c.cached) hits++; } });
const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ text: RESUME, referenceDate: '2026-01-15' }) };
for (let i = 0; i < 200; i++) await fetch(`${server.url}/api/parse-resume`, request);
for (const c of (process.env.CONNS ?? '2,8,16').split(',').map(Number)) {
  calls = hits = 0;
  const r = await autocannon({ url: `${server.url}${process.env.P ?? "/api/parse-resume"}`, ...(process.env.P ? {} : request), connections: c, duration: Number(process.env.SECS ?? 5), workers: process.env.NOWORKER ? undefined : 1 });
  console.log(`conns ${c}: ${Math.round(r.requests.average)} req/s p50 ${r.latency.p50} p99 ${r.latency.p99} non2xx ${r.non2xx} hits ${hits}/${calls}`);
}
await server.close();
rmSync(dataDir, { recursive: true, force: true });
