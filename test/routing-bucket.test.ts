import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, it } from 'node:test';
import { bucketOf, inRollout } from '../src/routing/bucket.js';

/** Unleash's published client-specification: every SDK must give these answers. */
const require = createRequire(import.meta.url);
const specDir = join(dirname(require.resolve('@unleash/client-specification/package.json')), 'specifications');

interface Strategy {
  name: string;
  parameters?: Record<string, string>;
  constraints?: unknown[];
}
interface SpecFile {
  state: { features: { name: string; enabled: boolean; strategies: Strategy[] }[] };
  tests?: { description: string; context: Record<string, string>; toggleName: string; expectedResult: boolean }[];
}

function load(file: string): SpecFile {
  return JSON.parse(readFileSync(join(specDir, file), 'utf8')) as SpecFile;
}

/** The strategies whose outcome is decided by our function alone: userId stickiness, no constraints. */
function evaluate(strategy: Strategy, context: Record<string, string>): boolean | undefined {
  const p = strategy.parameters ?? {};
  if ((strategy.constraints ?? []).length > 0) return undefined;
  if (strategy.name === 'gradualRolloutUserId') {
    if (!context.userId) return false;
    return inRollout(bucketOf(context.userId, p.groupId ?? ''), Number(p.percentage));
  }
  if (strategy.name === 'flexibleRollout') {
    const rollout = Number(p.rollout);
    const stickiness = p.stickiness ?? 'default';
    const id = stickiness === 'default' ? (context.userId ?? context.sessionId) : context[stickiness];
    if (!id) return rollout === 100 ? true : rollout === 0 ? false : undefined;
    return inRollout(bucketOf(id, p.groupId ?? ''), rollout);
  }
  if (strategy.name === 'default') return true;
  return undefined;
}

describe('Unleash bucketing', () => {
  for (const file of ['03-gradual-rollout-user-id-strategy.json', '10-flexible-rollout-strategy.json']) {
    it(`matches every decidable case of ${file}`, () => {
      const spec = load(file);
      let checked = 0;
      for (const t of spec.tests ?? []) {
        const feature = spec.state.features.find((f) => f.name === t.toggleName);
        assert.ok(feature, t.toggleName);
        const results = feature.strategies.map((s) => evaluate(s, t.context));
        if (results.includes(undefined)) continue;
        assert.equal(feature.enabled && results.some(Boolean), t.expectedResult, t.description);
        checked++;
      }
      assert.ok(checked >= 5, `only ${checked} cases checked`);
    });
  }

  it('gives buckets 1..100, stable per user and group', () => {
    const seen = new Set<number>();
    for (let i = 0; i < 5000; i++) {
      const b = bucketOf(`user-${i}`, 'g');
      assert.ok(b >= 1 && b <= 100);
      seen.add(b);
    }
    assert.equal(seen.size, 100);
    assert.equal(bucketOf('user-7', 'g'), bucketOf('user-7', 'g'));
  });

  it('only adds users when the rollout goes up and only removes them when it goes down', () => {
    const users = Array.from({ length: 2000 }, (_, i) => `u${i}`);
    const cohort = (percent: number) => new Set(users.filter((u) => inRollout(bucketOf(u, 'parse'), percent)));
    let previous = cohort(0);
    assert.equal(previous.size, 0);
    for (const percent of [1, 5, 10, 25, 50, 100]) {
      const next = cohort(percent);
      for (const u of previous) assert.ok(next.has(u), `${u} left the cohort at ${percent}%`);
      previous = next;
    }
    assert.equal(previous.size, users.length);
    // 10 % of 2,000 users is 200, give or take the hash's spread.
    assert.ok(Math.abs(cohort(10).size - 200) < 50);
  });
});
