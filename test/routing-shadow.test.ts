import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ParsedResume } from '../src/domain/index.js';
import { bucketOf, groupIdFor } from '../src/routing/bucket.js';
import { compareParses, compareRankings, type Comparison } from '../src/routing/compare.js';
import type { ShadowResult } from '../src/routing/observations.js';
import { ShadowRunner, type ShadowJob } from '../src/routing/shadow.js';

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

/** A ranking job: the candidate's answer is whatever `execute` gives, compared by top-k overlap. */
function rankingJob(execute: ShadowJob<string[]>['execute'], extra: Partial<ShadowJob<string[]>> = {}): ShadowJob<string[]> {
  return {
    requestId: 'req-1',
    capability: 'match',
    control: 'huggingface',
    candidate: 'sagemaker',
    timeoutMs: 5_000,
    controlValue: ['a', 'b', 'c'],
    execute,
    compare: (control, candidate) => compareRankings(control, candidate),
    ...extra,
  };
}

function recordingRunner(options: ConstructorParameters<typeof ShadowRunner>[0] = {}) {
  const results: ShadowResult[] = [];
  let clock = 1_000;
  const runner = new ShadowRunner({ now: () => (clock += 10), observer: { onShadow: (r) => results.push(r) }, ...options });
  return { runner, results };
}

/** Waits for an AbortSignal, as a well-behaved provider call does; never resolves otherwise. */
function untilAborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason as Error), { once: true }));
}

describe('ShadowRunner.run', () => {
  it('returns to the caller before the candidate starts, and publishes once it finishes', async () => {
    const { runner, results } = recordingRunner();
    const events: string[] = [];
    const gate = deferred<void>();
    runner.run(
      rankingJob(async () => {
        events.push('candidate started');
        await gate.promise;
        events.push('candidate finished');
        return ['a', 'c', 'b'];
      }),
    );
    events.push('caller returned');
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(events, ['caller returned', 'candidate started']);
    assert.equal(results.length, 0);

    gate.resolve();
    await runner.idle();
    assert.deepEqual(events, ['caller returned', 'candidate started', 'candidate finished']);
    assert.equal(results.length, 1);
    const [r] = results;
    assert.equal(r?.outcome, 'matched');
    assert.equal(r?.agreement, 1);
    assert.equal(r?.requestId, 'req-1');
    assert.equal(r?.control, 'huggingface');
    assert.equal(r?.candidate, 'sagemaker');
    // Fake clock: started at 1010, finished at 1020.
    assert.equal(r?.candidateLatencyMs, 10);
  });

  it('records a mismatch below the threshold, which the job can set', async () => {
    const { runner, results } = recordingRunner();
    runner.run(rankingJob(async () => ['a', 'x', 'y'])); // overlap 1/3 < 0.8
    runner.run(rankingJob(async () => ['a', 'x', 'y'], { threshold: 0.3 }));
    await runner.idle();
    assert.deepEqual(
      results.map((r) => r.outcome),
      ['mismatched', 'matched'],
    );
    assert.deepEqual(results[0]?.differences, ['only in control top 10: b, c', 'only in candidate top 10: x, y']);
  });

  it("swallows the candidate's exception and records 'error' with a redacted message", async () => {
    const { runner, results } = recordingRunner();
    assert.doesNotThrow(() =>
      runner.run(
        rankingJob(() => {
          throw new Error('upstream echoed ada@example.com');
        }),
      ),
    );
    runner.run(rankingJob(async () => Promise.reject(new TypeError('fetch failed'))));
    await runner.idle();
    assert.deepEqual(
      results.map((r) => [r.outcome, r.agreement, ...r.differences]),
      [
        ['error', null, 'Error: upstream echoed [email]'],
        ['error', null, 'TypeError: fetch failed'],
      ],
    );
    assert.equal(runner.summary()[0]?.errors, 2);
  });

  it("records 'error' when the comparator throws", async () => {
    const { runner, results } = recordingRunner();
    const compare = (): Comparison => {
      throw new Error('bad comparator');
    };
    runner.run(rankingJob(async () => ['a'], { compare }));
    await runner.idle();
    assert.equal(results[0]?.outcome, 'error');
    assert.deepEqual(results[0]?.differences, ['compare: Error: bad comparator']);
  });

  it("aborts a candidate that outlives its timeout and records 'timeout'", async () => {
    const { runner, results } = recordingRunner();
    let aborted: unknown = null;
    runner.run(
      rankingJob(
        (signal) => {
          signal.addEventListener('abort', () => (aborted = signal.reason));
          return untilAborted(signal);
        },
        { timeoutMs: 20 },
      ),
    );
    await runner.idle();
    assert.equal(results.length, 1);
    assert.equal(results[0]?.outcome, 'timeout');
    assert.equal(results[0]?.candidateLatencyMs, null);
    assert.ok(aborted instanceof DOMException && aborted.name === 'TimeoutError');
    assert.equal(runner.summary()[0]?.timeouts, 1);
  });

  it('skips runs beyond the concurrency cap instead of queueing them, and frees the slot afterwards', async () => {
    const { runner, results } = recordingRunner({ maxConcurrent: 2 });
    const gate = deferred<void>();
    let started = 0;
    const blocked = async () => {
      started += 1;
      await gate.promise;
      return ['a', 'b', 'c'];
    };
    runner.run(rankingJob(blocked));
    runner.run(rankingJob(blocked));
    runner.run(rankingJob(blocked));
    await new Promise((r) => setImmediate(r));
    assert.equal(started, 2);
    assert.deepEqual(
      results.map((r) => r.outcome),
      ['skipped'],
    );

    gate.resolve();
    await runner.idle();
    runner.run(rankingJob(blocked));
    await runner.idle();
    assert.equal(started, 3);
    const [summary] = runner.summary();
    assert.ok(summary);
    const { meanCandidateLatencyMs, ...counts } = summary;
    assert.deepEqual(counts, {
      capability: 'match',
      candidate: 'sagemaker',
      runs: 3,
      matched: 3,
      mismatched: 0,
      errors: 0,
      timeouts: 0,
      skipped: 1,
      meanAgreement: 1,
    });
    assert.ok((meanCandidateLatencyMs ?? 0) > 0);
  });

  it('keeps working when the observer throws', async () => {
    const runner = new ShadowRunner({
      observer: {
        onShadow: () => {
          throw new Error('metrics down');
        },
      },
    });
    runner.run(rankingJob(async () => ['a', 'b', 'c']));
    await runner.idle();
    assert.equal(runner.summary()[0]?.matched, 1);
  });
});

describe('ShadowRunner aggregates and samples', () => {
  it('aggregates per capability and candidate, with mean agreement and latency over compared runs', async () => {
    let clock = 0;
    const runner = new ShadowRunner({ now: () => (clock += 5) });
    runner.run(rankingJob(async () => ['a', 'b', 'c'])); // 1
    runner.run(rankingJob(async () => ['a', 'b', 'x'])); // 2/3
    runner.run(rankingJob(async () => ['a'], { candidate: 'bedrock', capability: 'embed' }));
    await runner.idle();
    const [match, embed] = runner.summary();
    assert.equal(match?.runs, 2);
    assert.equal(match?.matched, 1);
    assert.equal(match?.mismatched, 1);
    assert.equal(match?.meanAgreement, (1 + 2 / 3) / 2);
    assert.ok((match?.meanCandidateLatencyMs ?? 0) > 0);
    assert.equal(embed?.capability, 'embed');
    assert.equal(embed?.candidate, 'bedrock');

    runner.reset();
    assert.deepEqual(runner.summary(), []);
    assert.deepEqual(runner.mismatches(), []);
  });

  it('keeps only the newest mismatch samples, with no e-mail address even when only the e-mail differs', async () => {
    const parse = (email: string): ParsedResume => ({
      contact: { name: 'Ada Lovelace', emails: [email], phones: [], location: null, links: [] },
      headline: 'Data Engineer',
      summary: null,
      skills: [{ name: 'Python', surface: 'Python', category: 'programming-language' }],
      experience: [],
      education: [],
      certifications: [],
      languages: [],
      totalExperienceMonths: 12,
      meta: { provider: 'x', model: 'y', version: '1', durationMs: 1, referenceDate: '2024-01-01', language: null, warnings: [] },
    });
    const runner = new ShadowRunner({ maxSamples: 3, maxConcurrent: 5 });
    for (let i = 0; i < 5; i++) {
      runner.run({
        requestId: `req-${i}`,
        capability: 'parse',
        control: 'openai',
        candidate: 'bedrock',
        timeoutMs: 5_000,
        controlValue: parse('ada@example.com'),
        execute: async () => parse(`ada.${i}@example.org`),
        compare: compareParses,
        threshold: 1, // 4 of 5 fields agree: a mismatch only at the strictest threshold
      });
    }
    await runner.idle();
    const samples = runner.mismatches('parse');
    assert.deepEqual(
      samples.map((s) => s.requestId),
      ['req-2', 'req-3', 'req-4'],
    );
    assert.equal(samples[0]?.agreement, 4 / 5);
    assert.deepEqual(samples[0]?.differences, ['contact.email: "[email]" vs "[email]"']);
    const stored = JSON.stringify(samples);
    assert.ok(!stored.includes('@') && !stored.includes('ada') && !stored.includes('Lovelace'), stored);
    assert.deepEqual(runner.mismatches('match'), []);
    assert.equal(runner.summary()[0]?.mismatched, 5);
  });

  it('redacts what a careless comparator puts in its differences', async () => {
    const runner = new ShadowRunner();
    const compare = (): Comparison => ({ agreement: 0, fields: [], differences: ['email: bob@example.com vs +1 (555) 123-4567'] });
    runner.run(rankingJob(async () => [], { compare }));
    await runner.idle();
    assert.deepEqual(runner.mismatches()[0]?.differences, ['email: [email] vs [phone]']);
  });
});

describe('ShadowRunner.shouldSample', () => {
  const runner = new ShadowRunner();
  const keys = Array.from({ length: 10_000 }, (_, i) => `user-${i}`);

  it('gives a key the same answer every time, and lands close to the rate over 10k keys', () => {
    const first = keys.filter((k) => runner.shouldSample(0.1, k, 'parse'));
    const again = keys.filter((k) => new ShadowRunner().shouldSample(0.1, k, 'parse'));
    assert.deepEqual(again, first);
    // Binomial sd at n = 10k, p = 0.1 is 30 keys; ±200 is over six sd.
    assert.ok(Math.abs(first.length - 1_000) < 200, `${first.length} of 10000 sampled`);
  });

  it('only adds keys as the rate rises', () => {
    const at10 = keys.filter((k) => runner.shouldSample(0.1, k, 'parse'));
    const at20 = new Set(keys.filter((k) => runner.shouldSample(0.2, k, 'parse')));
    assert.ok(at10.every((k) => at20.has(k)));
  });

  it('samples different users per salt, and not the first rollout buckets', () => {
    const parse = keys.filter((k) => runner.shouldSample(0.1, k, 'parse'));
    const embed = new Set(keys.filter((k) => runner.shouldSample(0.1, k, 'embed')));
    const both = parse.filter((k) => embed.has(k)).length;
    assert.ok(both < 300, `${both} keys in both samples; independent samples share about 100`);
    const inFirstBuckets = parse.filter((k) => bucketOf(k, groupIdFor('parse')) <= 10).length;
    assert.ok(inFirstBuckets < 300, `${inFirstBuckets} sampled keys are in the first 10 % rollout buckets`);
  });

  it('never samples at rate 0, always at rate 1, and tosses a coin without a key', () => {
    assert.equal(runner.shouldSample(0, 'user-1', 'parse'), false);
    assert.equal(runner.shouldSample(1, 'user-1', 'parse'), true);
    assert.equal(runner.shouldSample(0, null, 'parse'), false);
    assert.equal(runner.shouldSample(1, null, 'parse'), true);
    const original = Math.random;
    try {
      Math.random = () => 0.05;
      assert.equal(runner.shouldSample(0.1, null, 'parse'), true);
      Math.random = () => 0.5;
      assert.equal(runner.shouldSample(0.1, null, 'parse'), false);
    } finally {
      Math.random = original;
    }
  });
});
