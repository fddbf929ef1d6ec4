import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ParseResult, ResumeParser } from '../src/domain/index.js';
import { LocalResumeParser } from '../src/providers/local/parser.js';
import { CapabilityRoutingSchema, DEFAULT_ROUTING, type RoutingConfig } from '../src/routing/config.js';
import { createRoutingFlags } from '../src/routing/flags.js';
import { Resilience } from '../src/routing/resilience.js';
import { Router } from '../src/routing/router.js';
import { ShadowRunner } from '../src/routing/shadow.js';
import { RoutingSource } from '../src/routing/source.js';
import { CallStats } from '../src/routing/stats.js';
import { openDatabase } from '../src/store/index.js';
import { summariseLatency } from '../src/eval/stats.js';
import { SAMPLE_RESUME as RESUME } from '../test/helpers/openai-server.js';

function us(label: string, ms: number[]): string {
  const s = summariseLatency(ms);
  const f = (x: number | null) => (x === null ? '—' : `${(x * 1000).toFixed(1)} µs`).padStart(10);
  return `  ${label.padEnd(44)} n=${String(ms.length).padEnd(6)} p50 ${f(s.p50)}  p99 ${f(s.p99)}`;
}

/**
 * Routing overhead per request: flag evaluation through OpenFeature, the plan (bucket, fallback chain), the
 * resilience policies and the bookkeeping (observer, stats). Measured as router.parse() around a provider that
 * answers at once (a resolved promise of a prepared result), minus that provider called directly. Then shadow's effect on the
 * primary's latency with the real local parser: p99 with and without a shadowed candidate, in one run.
 */
export async function benchRouting(): Promise<void> {
  console.log('routing overhead (flag evaluation + plan + policies + bookkeeping)');
  const dir = mkdtempSync(join(tmpdir(), 'jobmatch-bench-'));
  const db = await openDatabase({ dataDir: dir });
  try {
    const local = new LocalResumeParser();
    const answer: ParseResult = await local.parse({ text: RESUME });
    const instant: ResumeParser = { provider: 'instant', model: 'none', parse: () => Promise.resolve({ ...answer }) };
    const parsers: Record<string, ResumeParser> = { local, openai: instant, bedrock: instant };

    const canary: RoutingConfig = { ...DEFAULT_ROUTING, parse: CapabilityRoutingSchema.parse({ mode: 'canary', control: 'openai', candidate: 'bedrock', rolloutPercent: 50 }) };
    const source = new RoutingSource(db, canary, { parse: ['local', 'openai', 'bedrock'], embed: ['local'] });
    const stats = new CallStats();
    const shadow = new ShadowRunner({ observer: stats });
    const router = new Router({
      source,
      flags: await createRoutingFlags(source),
      parser: (name) => parsers[name]!,
      embedder: () => {
        throw new Error('not used');
      },
      resilience: new Resilience(),
      shadow,
      observer: stats,
    });

    const N = 20_000;
    const direct: number[] = [];
    const routed: number[] = [];
    for (let i = 0; i < N + 2000; i++) {
      // A server's requests each start from an I/O callback, so the microtask queue drains between them; a
      // loop of awaits alone never drains it, and V8 then keeps (and promotes) every iteration's garbage.
      await new Promise((resolve) => setImmediate(resolve));
      const ctx = { userId: `user-${i}`, routes: [] };
      let t0 = performance.now();
      await instant.parse({ text: RESUME });
      const d = performance.now() - t0;
      t0 = performance.now();
      await router.parse({ text: RESUME }, ctx);
      const r = performance.now() - t0;
      if (i >= 2000) {
        direct.push(d);
        routed.push(r);
      }
    }
    console.log(us('provider alone (resolved promise)', direct));
    console.log(us('through the router (canary 50 %)', routed));
    const overhead = routed.map((r, i) => r - direct[i]!);
    console.log(us('routing overhead per request', overhead));

    console.log('\nshadow and the primary\'s latency (local parser serving, local parser shadowed)');
    const shadowParsers: Record<string, ResumeParser> = { local, openai: new LocalResumeParser(), bedrock: instant };
    const withShadow: RoutingConfig = { ...DEFAULT_ROUTING, parse: CapabilityRoutingSchema.parse({ mode: 'shadow', control: 'local', candidate: 'openai', shadowSampleRate: 1 }) };
    const plain: RoutingConfig = { ...DEFAULT_ROUTING, parse: CapabilityRoutingSchema.parse({ control: 'local' }) };
    const routers = await Promise.all(
      [plain, withShadow].map(async (config) => {
        const s = new RoutingSource(db, config, { parse: ['local', 'openai', 'bedrock'], embed: ['local'] });
        return new Router({ source: s, flags: await createRoutingFlags(s), parser: (n) => shadowParsers[n]!, embedder: () => { throw new Error('not used'); }, resilience: new Resilience(), shadow: new ShadowRunner({ maxConcurrent: 2 }), observer: {} });
      }),
    );
    const off: number[] = [];
    const on: number[] = [];
    for (let i = 0; i < 600; i++) {
      // Let queued shadow runs start between requests, as they would between a server's requests.
      await new Promise((resolve) => setImmediate(resolve));
      for (const [k, r] of routers.entries()) {
        const t0 = performance.now();
        await r.parse({ text: RESUME }, { userId: `u${i}` });
        (k === 0 ? off : on).push(performance.now() - t0);
      }
    }
    await routers[1]!.shadow.idle();
    const s = routers[1]!.shadow.summary()[0];
    const fmt = (ms: number[]) => { const x = summariseLatency(ms); return `p50 ${x.p50?.toFixed(2)} ms  p99 ${x.p99?.toFixed(2)} ms`; };
    console.log(`  primary without shadow                        ${fmt(off)}`);
    console.log(`  primary with every request shadowed           ${fmt(on)}   (shadow runs ${s?.runs ?? 0}, skipped at the cap ${s?.skipped ?? 0})`);
  } finally {
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
