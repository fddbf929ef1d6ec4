import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { OpenFeature, TypedInMemoryProvider, type JsonValue } from '@openfeature/server-sdk';
import { CapabilityRoutingSchema, DEFAULT_ROUTING, type RoutingConfig } from '../src/routing/config.js';
import { controlRoute, createRoutingFlags, decideRoute, evaluateRoute, type RouteVariant } from '../src/routing/flags.js';
import { RoutingSource } from '../src/routing/source.js';
import { openDatabase, type Db } from '../src/store/index.js';

/** Route decisions through OpenFeature: ours (database-backed), a foreign provider's valid and invalid values. */

const AVAILABLE = { parse: ['local', 'openai', 'bedrock'], embed: ['local'] };
const canary: RoutingConfig = {
  ...DEFAULT_ROUTING,
  parse: CapabilityRoutingSchema.parse({ mode: 'canary', control: 'openai', candidate: 'bedrock', rolloutPercent: 50, fallbacks: ['local'] }),
};

let domains = 0;
async function foreignClient(value: JsonValue) {
  const domain = `routing-flags-test-${++domains}`;
  await OpenFeature.setProviderAndWait(domain, new TypedInMemoryProvider({ 'routing.parse': { variants: { only: value }, defaultVariant: 'only', disabled: false } }));
  return OpenFeature.getClient(domain);
}

describe('route decisions through OpenFeature', () => {
  let db: Db;
  before(async () => {
    db = await openDatabase({ inMemory: true });
  });
  after(() => db.close());

  it('resolves through our provider to the bucketed decision, shared and frozen per bucket', async () => {
    const source = new RoutingSource(db, canary, AVAILABLE);
    const flags = await createRoutingFlags(source);
    const control = controlRoute('parse', canary.parse);
    for (const userId of ['u-1', 'u-2', 'u-3', 'u-4', 'u-5', 'u-6']) {
      const { route, variant } = await evaluateRoute(flags, 'parse', control, userId);
      assert.deepEqual(route, decideRoute('parse', canary.parse, userId));
      assert.equal(variant, route.cohort);
      assert.equal(route, decideRoute('parse', canary.parse, userId), 'the same object for the same bucket');
      assert.ok(Object.isFrozen(route) && Object.isFrozen(route.fallbacks));
      assert.deepEqual(route.fallbacks, route.cohort === 'candidate' ? ['openai', 'local'] : ['local']);
    }
  });

  it('follows a routing change at once: decisions are kept per config, not per user', async () => {
    const source = new RoutingSource(db, canary, AVAILABLE);
    const flags = await createRoutingFlags(source);
    const control = () => controlRoute('parse', source.current().config.parse);
    const before = await evaluateRoute(flags, 'parse', control(), 'u-7');
    await source.update((c) => ({ ...c, parse: CapabilityRoutingSchema.parse({ ...c.parse, mode: 'full' }) }), 'test', 'promote');
    const afterChange = await evaluateRoute(flags, 'parse', control(), 'u-7');
    assert.equal(afterChange.route.provider, 'bedrock');
    assert.equal(afterChange.route.mode, 'full');
    assert.equal(before.route.mode, 'canary');
  });

  it('takes a valid variant from any other OpenFeature provider', async () => {
    const foreign: RouteVariant = { ...controlRoute('parse', canary.parse), provider: 'bedrock', cohort: 'candidate', mode: 'canary', bucket: 12, fallbacks: ['openai'] };
    const flags = await foreignClient(foreign as unknown as JsonValue);
    const { route, variant } = await evaluateRoute(flags, 'parse', controlRoute('parse', canary.parse), 'u-1');
    assert.deepEqual(route, foreign);
    assert.equal(variant, 'only');
  });

  it('answers an invalid variant with the control provider, reported as the default', async () => {
    const flags = await foreignClient({ provider: 'bedrock', cohort: 'sideways' });
    const control = controlRoute('parse', canary.parse);
    const { route, variant } = await evaluateRoute(flags, 'parse', control, 'u-1');
    assert.equal(route, control);
    assert.equal(route.provider, 'openai');
    assert.equal(route.bucket, null);
    assert.equal(variant, 'default');
  });

  it('answers a missing flag with the control provider', async () => {
    const flags = await foreignClient({});
    const control = controlRoute('embed', canary.embed);
    const { route, variant } = await evaluateRoute(flags, 'embed', control, 'u-1');
    assert.equal(route, control);
    assert.equal(variant, 'default');
  });
});
