import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OpenAPIHono } from '@hono/zod-openapi';
import { decodeValue, encodeValue } from '../src/cache/codec.js';
import { CacheSettingsSchema, createResultCache, resultCacheFromSettings, type ResultCacheOptions } from '../src/cache/result-cache.js';
import type { CallIdentity } from '../src/routing/hooks.js';
import { userKeyOf } from '../src/routing/router.js';
import type { Env } from '../src/server/env.js';
import { registerCacheRoutes } from '../src/server/routes/cache.js';
import { getCachedResult, purgeExpiredCachedResults, putCachedResult } from '../src/store/cache.js';
import { openDatabase, type Db } from '../src/store/index.js';
import { createLogger } from '../src/telemetry/logger.js';

const call = (userKey: string | null = null): CallIdentity => ({ capability: 'parse', provider: 'local', model: 'rules', role: 'primary', requestId: null, userKey });

/** A compute that counts its calls and answers a fresh object each time, like a provider. */
function counted<T>(make: (n: number) => T) {
  const c = { calls: 0, fn: async () => make(++c.calls) };
  return c;
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

const resume = (n: number) => ({ resume: { name: 'Ada', meta: { warnings: [] as string[], run: n } }, usage: { costUsd: 0.01 } });

describe('result cache (memory tier)', () => {
  const opts: ResultCacheOptions = { maxEntries: 100, ttlMs: 60_000 };

  it('misses, then hits without computing', async () => {
    const cache = createResultCache(opts);
    const compute = counted(resume);
    const first = await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    const second = await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    assert.equal(first.cached, false);
    assert.equal(second.cached, true);
    assert.deepEqual(second.value, resume(1));
    assert.equal(compute.calls, 1);
  });

  it('expires entries after the TTL (injected clock)', async () => {
    let now = 1_000_000;
    const cache = createResultCache({ ...opts, ttlMs: 1000, now: () => now });
    const compute = counted(resume);
    await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    now += 999;
    assert.equal((await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() })).cached, true);
    now += 2;
    const expired = await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    assert.equal(expired.cached, false);
    assert.equal(compute.calls, 2);
  });

  it('shares one compute among concurrent calls with one key', async () => {
    const cache = createResultCache(opts);
    const gate = deferred<void>();
    const compute = counted(resume);
    const slow = async () => {
      await gate.promise;
      return compute.fn();
    };
    const pending = Array.from({ length: 10 }, () => cache.getOrCompute('k', slow, { bypass: false, call: call() }));
    gate.resolve();
    const results = await Promise.all(pending);
    assert.equal(compute.calls, 1);
    assert.equal(results.filter((r) => !r.cached).length, 1);
    for (const r of results) assert.deepEqual(r.value, resume(1));
    // Each caller got its own object.
    assert.equal(new Set(results.map((r) => r.value)).size, 10);
  });

  it('never caches errors; concurrent callers share the failure', async () => {
    const cache = createResultCache(opts);
    let calls = 0;
    const failing = async () => {
      calls++;
      await Promise.resolve();
      throw new Error('provider down');
    };
    const outcomes = await Promise.allSettled([1, 2, 3].map(() => cache.getOrCompute('k', failing, { bypass: false, call: call() })));
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected']);
    assert.equal(calls, 1);
    const compute = counted(resume);
    const next = await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    assert.equal(next.cached, false);
    assert.equal(compute.calls, 1);
    assert.equal(cache.size, 1);
  });

  it('bypass skips the lookup but stores the fresh result', async () => {
    const cache = createResultCache(opts);
    const compute = counted(resume);
    await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    const fresh = await cache.getOrCompute('k', compute.fn, { bypass: true, call: call() });
    assert.equal(fresh.cached, false);
    assert.equal(compute.calls, 2);
    const hit = await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    assert.equal(hit.cached, true);
    assert.equal(hit.value.resume.meta.run, 2);
  });

  it('never shares an object: mutating a result leaves the cached copy alone', async () => {
    const cache = createResultCache(opts);
    const compute = counted(resume);
    const first = await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    first.value.resume.meta.warnings.push('added by the router');
    const hit = await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    assert.deepEqual(hit.value.resume.meta.warnings, []);
    hit.value.resume.name = 'changed';
    const again = await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() });
    assert.equal(again.value.resume.name, 'Ada');
  });

  it('erases a person’s entries, including a result still being computed', async () => {
    const cache = createResultCache(opts);
    const compute = counted(resume);
    await cache.getOrCompute('a1', compute.fn, { bypass: false, call: call('alice') });
    await cache.getOrCompute('a2', compute.fn, { bypass: false, call: call('alice') });
    await cache.getOrCompute('b1', compute.fn, { bypass: false, call: call('bob') });
    const gate = deferred<void>();
    const running = cache.getOrCompute('a3', async () => (await gate.promise, resume(0)), { bypass: false, call: call('alice') });

    assert.equal(await cache.erase('alice'), 2);
    gate.resolve();
    await running;
    const callsBefore = compute.calls;
    for (const key of ['a1', 'a2', 'a3']) assert.equal((await cache.getOrCompute(key, compute.fn, { bypass: false, call: call() })).cached, false, key);
    assert.equal(compute.calls, callsBefore + 3);
    assert.equal((await cache.getOrCompute('b1', compute.fn, { bypass: false, call: call() })).cached, true);
  });

  it('evicts least recently used entries beyond maxEntries', async () => {
    const cache = createResultCache({ ...opts, maxEntries: 2 });
    const compute = counted(resume);
    for (const key of ['a', 'b', 'c']) await cache.getOrCompute(key, compute.fn, { bypass: false, call: call('u') });
    assert.equal(cache.size, 2);
    assert.equal((await cache.getOrCompute('a', compute.fn, { bypass: false, call: call() })).cached, false);
  });

  it('reads its settings from the environment, and can be turned off', () => {
    const defaults = CacheSettingsSchema.parse({});
    assert.deepEqual(defaults, { JOBMATCH_CACHE: 'true', JOBMATCH_CACHE_TTL_SECONDS: 86_400, JOBMATCH_CACHE_MAX_ENTRIES: 5000 });
    assert.ok(resultCacheFromSettings(defaults, {}));
    assert.equal(resultCacheFromSettings(CacheSettingsSchema.parse({ JOBMATCH_CACHE: 'false' }), {}), undefined);
    assert.throws(() => CacheSettingsSchema.parse({ JOBMATCH_CACHE_TTL_SECONDS: '0' }));
  });
});

describe('result cache codec', () => {
  it('round-trips Float32Arrays through JSON, anywhere in the value', () => {
    const value = { vectors: [Float32Array.from([0.1, -2.5, 1e-8]), new Float32Array(0)], usage: { inputTokens: 3 }, note: null };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(value)))) as typeof value;
    assert.ok(back.vectors[0] instanceof Float32Array);
    assert.deepEqual(back, value);
  });
});

describe('result cache (database tier)', () => {
  let db: Db;
  before(async () => {
    db = await openDatabase({ inMemory: true });
  });
  after(() => db.close());

  const embedding = () => ({ vectors: [Float32Array.from([0.1, 0.2, -0.3]), Float32Array.from([1 / 3, Math.PI, -1.5e-7])], usage: { costUsd: 0 } });

  it('serves a fresh instance from the database, Float32Arrays intact', async () => {
    const writer = createResultCache({ db, purgeEveryMs: 0 });
    await writer.getOrCompute('embed-1', async () => embedding(), { bypass: false, call: { ...call(), capability: 'embed' } });
    await writer.close();

    const reader = createResultCache({ db, purgeEveryMs: 0 });
    let computed = false;
    const hit = await reader.getOrCompute(
      'embed-1',
      async () => {
        computed = true;
        return embedding();
      },
      { bypass: false, call: call() },
    );
    assert.equal(computed, false);
    assert.equal(hit.cached, true);
    assert.ok(hit.value.vectors[0] instanceof Float32Array);
    assert.deepEqual(hit.value, embedding());
    // Promoted to memory: a second read is a memory hit, and still a private copy.
    hit.value.vectors[0]![0] = 42;
    assert.equal((await reader.getOrCompute('embed-1', async () => embedding(), { bypass: false, call: call() })).value.vectors[0]![0], Float32Array.from([0.1])[0]);
  });

  it('ignores expired rows and purges them', async () => {
    let now = Date.parse('2026-01-01T00:00:00Z');
    const cache = createResultCache({ db, ttlMs: 1000, now: () => now, purgeEveryMs: 0 });
    await cache.getOrCompute('short-lived', async () => resume(1), { bypass: false, call: call() });
    await cache.idle();
    now += 1001;
    assert.equal(await getCachedResult(db, 'short-lived', new Date(now)), null);
    const fresh = createResultCache({ db, ttlMs: 1000, now: () => now, purgeEveryMs: 0 });
    assert.equal((await fresh.getOrCompute('short-lived', async () => resume(2), { bypass: false, call: call() })).cached, false);
    await fresh.idle();
    await putCachedResult(db, { key: 'stale', capability: 'parse', provider: 'local', userKey: null, value: {}, expiresAt: new Date(now - 1) });
    assert.equal(await purgeExpiredCachedResults(db, new Date(now)), 1);
  });

  it('erases a person from the database so other instances miss too', async () => {
    const first = createResultCache({ db, purgeEveryMs: 0 });
    await first.getOrCompute('carol-1', async () => resume(1), { bypass: false, call: call('carol') });
    await first.getOrCompute('carol-2', async () => resume(2), { bypass: false, call: call('carol') });
    await first.getOrCompute('dave-1', async () => resume(3), { bypass: false, call: call('dave') });
    await first.idle();
    // Erasing through another instance: it has nothing in memory, the database has both of carol's entries.
    const second = createResultCache({ db, purgeEveryMs: 0 });
    assert.equal(await second.erase('carol'), 2);
    const third = createResultCache({ db, purgeEveryMs: 0 });
    assert.equal((await third.getOrCompute('carol-1', async () => resume(9), { bypass: false, call: call() })).cached, false);
    assert.equal((await third.getOrCompute('dave-1', async () => resume(9), { bypass: false, call: call() })).cached, true);
    await Promise.all([first.close(), second.close(), third.close()]);
  });

  it('degrades to memory-only with one warning when the database fails', async () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (s: string) => void lines.push(s) });
    const broken: Db = {
      dialect: 'pglite',
      query: () => Promise.reject(new Error('connection refused')),
      exec: () => Promise.reject(new Error('connection refused')),
      transaction: () => Promise.reject(new Error('connection refused')),
      close: () => Promise.resolve(),
    };
    const cache = createResultCache({ db: broken, logger, purgeEveryMs: 0 });
    const compute = counted(resume);
    assert.equal((await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() })).cached, false);
    await cache.idle();
    assert.equal((await cache.getOrCompute('k', compute.fn, { bypass: false, call: call() })).cached, true);
    assert.equal((await cache.getOrCompute('other', compute.fn, { bypass: false, call: call() })).cached, false);
    const warnings = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).filter((l) => l.level === 40);
    assert.deepEqual(warnings.map((w) => w.msg), ['result cache: database unavailable; serving from memory only']);
    // Erasure is the exception: it must not report success when the database kept the data.
    await assert.rejects(cache.erase('anyone'), { code: 'database_unavailable' });
  });
});

describe('DELETE /api/cache/users/{userId}', () => {
  const TOKEN = 'test-admin-token-0123456789';
  const erased: string[] = [];
  const app = new OpenAPIHono<Env>();
  registerCacheRoutes(app, { adminToken: TOKEN }, { erase: async (userKey) => (erased.push(userKey), 3) });

  it('needs the admin token', async () => {
    assert.equal((await app.request('/api/cache/users/u-1', { method: 'DELETE' })).status, 401);
    assert.equal((await app.request('/api/cache/users/u-1', { method: 'DELETE', headers: { authorization: 'Bearer wrong-token-0123456789' } })).status, 403);
    assert.deepEqual(erased, []);
  });

  it('erases by the same hash the router stores', async () => {
    const res = await app.request(`/api/cache/users/${encodeURIComponent('user 42/x')}`, { method: 'DELETE', headers: { authorization: `Bearer ${TOKEN}` } });
    assert.equal(res.status, 200);
    assert.deepEqual(await res.json(), { success: true, data: { deleted: 3 } });
    assert.deepEqual(erased, [userKeyOf('user 42/x')]);
  });
});
