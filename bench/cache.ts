import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createResultCache } from '../src/cache/result-cache.js';
import { loadConfig } from '../src/config.js';
import { summariseLatency } from '../src/eval/stats.js';
import { LocalResumeParser } from '../src/providers/local/parser.js';
import type { CallIdentity } from '../src/routing/hooks.js';
import { startServer } from '../src/server/main.js';
import { openDatabase } from '../src/store/index.js';
import { createLogger } from '../src/telemetry/logger.js';

/**
 * The exact-match cache: (1) getOrCompute's hit paths in-process (memory tier; database tier, i.e. a memory
 * miss served from PGlite) with the cost of the clone that every hit pays; (2) cache-hit parses through the
 * real HTTP server under autocannon (one fixed JSON body, so every request after the first is a hit once the
 * cache is wired into the runtime; the run says whether it was).
 *
 * Load generation runs in a worker thread so server and client each get a core of a 2-core machine.
 * BENCH_CONNECTIONS overrides the connection count (default 8: beyond that, on 2 cores, latency grows and
 * throughput doesn't), BENCH_SECONDS the duration.
 */
const RESUME = `Priya Natarajan
Pune, India | priya.n@example.com | +91 98765 43210

Summary
Data analyst with five years of SQL, Python and dashboarding for retail and logistics teams.

Experience
Data Analyst, Lotus Analytics — 2020 – Present
- Built dashboards in Tableau and SQL for 40 stores
- Automated weekly reporting in Python (pandas), saving 6 hours a week

Junior Analyst, Kestrel Logistics — 2018 – 2020
- Cleaned shipment data and maintained Excel models

Education
BSc Statistics, University of Pune, 2019

Skills
SQL, Tableau, Python, pandas, Excel, Power BI
`;

const CALL: CallIdentity = { capability: 'parse', provider: 'local', model: 'rules', role: 'primary', requestId: null, userKey: 'bench-user' };
const us = (ms: number | null) => (ms === null ? '—' : `${(ms * 1000).toFixed(1)} µs`).padStart(10);

export async function benchCache(): Promise<void> {
  console.log('result cache — hit paths in-process, then cache-hit parses over HTTP');
  await benchInProcess();
  console.log();
  await benchServer();
}

async function timeHits(label: string, runs: number, once: () => Promise<unknown>): Promise<void> {
  for (let i = 0; i < Math.min(1000, runs); i++) await once();
  const ms: number[] = [];
  const t0 = performance.now();
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await once();
    ms.push(performance.now() - t);
  }
  const total = performance.now() - t0;
  const s = summariseLatency(ms);
  console.log(`  ${label.padEnd(38)} n=${String(runs).padEnd(6)} p50 ${us(s.p50)}  p99 ${us(s.p99)}  ${Math.round(runs / (total / 1000)).toLocaleString('en')} ops/s`);
}

async function benchInProcess(): Promise<void> {
  const parsed = await new LocalResumeParser().parse({ text: RESUME });
  const compute = () => Promise.resolve(structuredClone(parsed));
  console.log(`  value: a ParseResult of ${JSON.stringify(parsed).length.toLocaleString('en')} bytes as JSON`);

  await timeHits('structuredClone alone (paid per hit)', 20_000, () => Promise.resolve(structuredClone(parsed)));

  const memory = createResultCache({ maxEntries: 5000 });
  await memory.getOrCompute('k', compute, { bypass: false, call: CALL });
  await timeHits('memory-tier hit', 20_000, () => memory.getOrCompute('k', compute, { bypass: false, call: CALL }));

  // maxEntries 1 and two alternating keys: every lookup misses memory and is answered by the database.
  const db = await openDatabase({ inMemory: true });
  try {
    const writer = createResultCache({ db, purgeEveryMs: 0 });
    for (const key of ['a', 'b']) await writer.getOrCompute(key, compute, { bypass: false, call: CALL });
    await writer.close();
    const tiered = createResultCache({ db, maxEntries: 1, purgeEveryMs: 0 });
    let i = 0;
    await timeHits('database-tier hit (PGlite, in memory)', 2000, () => tiered.getOrCompute(i++ % 2 ? 'a' : 'b', compute, { bypass: false, call: CALL }));
    await tiered.close();
  } finally {
    await db.close();
  }
}

/** The slice of autocannon's API used here (the package ships no types). */
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (options: Record<string, unknown>) => Promise<AutocannonResult>;

async function benchServer(): Promise<void> {
  const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;
  const connections = Number(process.env['BENCH_CONNECTIONS'] ?? 8);
  const seconds = Number(process.env['BENCH_SECONDS'] ?? 10);
  const dataDir = mkdtempSync(join(tmpdir(), 'jobmatch-bench-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', JOBMATCH_DATA_DIR: dataDir, LOG_LEVEL: 'silent', JOBMATCH_SAMPLE_JOBS: 'false', JOBMATCH_GUARD: 'false' });
  const server = await startServer(config, createLogger('silent'));
  let calls = 0;
  let hits = 0;
  server.services.observers.add({
    onCall: (call) => {
      calls++;
      if (call.cached) hits++;
    },
  });
  try {
    const body = JSON.stringify({ text: RESUME, referenceDate: '2026-01-15' });
    const request = { method: 'POST', headers: { 'content-type': 'application/json' }, body };
    for (let i = 0; i < 50; i++) {
      const res = await fetch(`${server.url}/api/parse-resume`, request);
      if (res.status !== 200) throw new Error(`warm-up request failed: ${res.status} ${await res.text()}`);
    }
    calls = hits = 0;
    const r = await autocannon({ url: `${server.url}/api/parse-resume`, ...request, connections, duration: seconds, workers: 1 });
    const cached = calls === 0 ? '—' : `${((hits / calls) * 100).toFixed(1)} %`;
    console.log(`  POST /api/parse-resume, one fixed body, ${connections} connections, ${seconds} s (load in a worker thread)`);
    console.log(`    ${Math.round(r.requests.average).toLocaleString('en')} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   non-2xx ${r.non2xx}   errors ${r.errors + r.timeouts}`);
    console.log(`    provider calls served from the cache: ${cached} of ${calls.toLocaleString('en')}${hits === 0 ? '  (cache not wired into the runtime yet: these are uncached parses)' : ''}`);
  } finally {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
