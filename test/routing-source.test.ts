import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { CapabilityRoutingSchema, DEFAULT_ROUTING, routingFromEnv } from '../src/routing/config.js';
import { decideRoute } from '../src/routing/flags.js';
import { RoutingSource } from '../src/routing/source.js';
import { openDatabase, writeRouting, type Db } from '../src/store/index.js';

const AVAILABLE = { parse: ['local', 'openai', 'bedrock'], embed: ['local', 'huggingface', 'sagemaker'] };

describe('routing from the migration guide\'s variables', () => {
  it('maps AI_PROVIDER, USE_AWS_* and MIGRATION_PERCENTAGE to per-capability routing', () => {
    assert.deepEqual(routingFromEnv({}), DEFAULT_ROUTING);
    assert.equal(routingFromEnv({ AI_PROVIDER: 'current' }).parse.control, 'openai');
    assert.equal(routingFromEnv({ AI_PROVIDER: 'current' }).embed.control, 'huggingface');
    assert.equal(routingFromEnv({ AI_PROVIDER: 'aws' }).parse.control, 'bedrock');
    assert.equal(routingFromEnv({ AI_PROVIDER: 'aws' }).match.control, 'sagemaker');

    const canary = routingFromEnv({ AI_PROVIDER: 'current', USE_AWS_BEDROCK: 'true', MIGRATION_PERCENTAGE: '10' });
    assert.deepEqual([canary.parse.mode, canary.parse.control, canary.parse.candidate, canary.parse.rolloutPercent], ['canary', 'openai', 'bedrock', 10]);
    assert.equal(canary.embed.mode, 'control', 'SageMaker is not migrating unless USE_AWS_SAGEMAKER says so');

    const shadow = routingFromEnv({ AI_PROVIDER: 'current', USE_AWS_SAGEMAKER: '1' });
    assert.equal(shadow.embed.mode, 'shadow');
    assert.equal(routingFromEnv({ AI_PROVIDER: 'current', USE_AWS_BEDROCK: 'yes', MIGRATION_PERCENTAGE: '100' }).parse.mode, 'full');
    assert.throws(() => routingFromEnv({ AI_PROVIDER: 'gcp' }), /AI_PROVIDER/);
    assert.throws(() => routingFromEnv({ MIGRATION_PERCENTAGE: '150' }), /MIGRATION_PERCENTAGE/);
  });
});

describe('route decisions', () => {
  const canary = CapabilityRoutingSchema.parse({ mode: 'canary', control: 'openai', candidate: 'bedrock', rolloutPercent: 30, fallbacks: ['local'], shadowSampleRate: 0.5 });

  it('serves the candidate to users bucketed within the percentage, with the control as their first fallback', () => {
    const decisions = Array.from({ length: 400 }, (_, i) => decideRoute('parse', canary, `u${i}`));
    for (const d of decisions) {
      assert.equal(d.cohort === 'candidate', d.bucket! <= 30);
      assert.deepEqual(d.fallbacks, d.cohort === 'candidate' ? ['openai', 'local'] : ['local']);
      // Only control-served requests are shadowed: the candidate's own users need no comparison.
      assert.equal(d.shadow, d.cohort === 'control' ? 'bedrock' : null);
    }
  });

  it('sends users without an id to the control, except in full mode', () => {
    assert.equal(decideRoute('parse', canary, undefined).provider, 'openai');
    assert.equal(decideRoute('parse', { ...canary, mode: 'full' }, undefined).provider, 'bedrock');
  });

  it('never gives embeddings or matching a fallback', () => {
    assert.deepEqual(decideRoute('match', { ...canary, fallbacks: [] }, 'u1').fallbacks, []);
  });
});

describe('the routing source', () => {
  let db: Db;
  before(async () => {
    db = await openDatabase({ inMemory: true });
  });
  after(() => db.close());

  it('serializes concurrent changes: none is lost, each is audited with its before and after', async () => {
    const source = new RoutingSource(db, DEFAULT_ROUTING, AVAILABLE);
    await source.update((c) => ({ ...c, parse: { ...c.parse, mode: 'canary', candidate: 'bedrock', rolloutPercent: 0 } }), 'setup', 'set-routing');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        source.update((c) => ({ ...c, parse: { ...c.parse, rolloutPercent: c.parse.rolloutPercent + 1 } }), `admin-${i}`, 'set-routing'),
      ),
    );
    const { config, version } = await source.refresh();
    assert.equal(config.parse.rolloutPercent, 8);
    assert.equal(version, 9);
    const audit = await source.audit();
    assert.equal(audit.length, 9);
    assert.deepEqual(audit.map((a) => a.version), [9, 8, 7, 6, 5, 4, 3, 2, 1]);
    const last = audit[0]!;
    assert.equal((last.before as typeof config).parse.rolloutPercent, 7);
    assert.equal((last.after as typeof config).parse.rolloutPercent, 8);
  });

  it('lets another instance see a change on its next poll, and refuses a stored config it cannot run', async () => {
    const a = new RoutingSource(db, DEFAULT_ROUTING, AVAILABLE);
    const b = new RoutingSource(db, DEFAULT_ROUTING, AVAILABLE);
    await a.refresh();
    await b.refresh();
    const seen: number[] = [];
    b.onChange((s) => seen.push(s.version));
    const after = await a.update((c) => ({ ...c, parse: { ...c.parse, mode: 'control', rolloutPercent: 0 } }), 'admin', 'rollback', 'incident 42');
    await b.refresh();
    assert.equal(b.current().version, after.version);
    assert.deepEqual(seen, [after.version]);

    // Written by an instance with different providers: this one keeps what it had, loudly.
    await writeRouting(db, { expectedVersion: after.version, config: { ...after.config, parse: { ...after.config.parse, control: 'cohere' } }, actor: 'elsewhere', action: 'set-routing' });
    await b.refresh();
    assert.equal(b.current().version, after.version);
    assert.equal(b.current().config.parse.control, 'local');
  });

  it('rejects an invalid config with every problem listed', () => {
    const source = new RoutingSource(db, DEFAULT_ROUTING, AVAILABLE);
    assert.throws(
      () => source.validate({ parse: { mode: 'canary', control: 'local' }, embed: { control: 'nope' } }),
      (e: Error) => /parse.candidate: mode "canary" needs a candidate provider/.test(e.message),
    );
    assert.throws(() => source.validate({ embed: { control: 'nope' } }), /embed: unknown provider "nope"/);
    assert.throws(() => source.validate({ match: { control: 'local', fallbacks: ['huggingface'] } }), /never fall back/);
  });
});
