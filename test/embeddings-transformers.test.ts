import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AppError } from '../src/domain/index.js';
import { TRANSFORMERS_PACKAGE, TransformersEmbedder } from '../src/providers/transformers/index.js';
import { loadTransformers, type TransformersModule, type TransformersTensor } from '../src/providers/transformers/load-transformers.js';
import { countTokens, meanPoolNormalized } from '../src/providers/transformers/pooling.js';

// @huggingface/transformers is an optional dependency and is not installed here; the tests that need it
// missing skip themselves if someone installs it.
function isInstalled(): boolean {
  try {
    import.meta.resolve(TRANSFORMERS_PACKAGE);
    return true;
  } catch {
    return false;
  }
}
const skipIfInstalled = isInstalled() ? `${TRANSFORMERS_PACKAGE} is installed` : false;

const isInstallHint = (e: unknown) =>
  e instanceof AppError && e.code === 'internal_error' && e.message.startsWith('install @huggingface/transformers to use the transformers provider');

/**
 * A stand-in for the transformers.js module: a whitespace tokenizer (token id = word length) and a "model"
 * whose hidden state for a token is [id, 1, 0, 0]. Padding positions get a huge value, so any pooling that
 * lets them in shows up at once.
 */
function fakeTransformers() {
  const calls: { model: string; options: unknown }[] = [];
  const seen: string[][] = [];
  const module: TransformersModule = {
    env: { allowRemoteModels: true, allowLocalModels: false, localModelPath: '/models/', cacheDir: null },
    AutoTokenizer: {
      async from_pretrained(model, options) {
        calls.push({ model, options });
        return (texts, { max_length }) => {
          seen.push(texts);
          const ids = texts.map((t) => t.split(' ').map((w) => w.length).slice(0, max_length));
          const width = Math.max(...ids.map((r) => r.length));
          const tensor = (f: (row: number[], i: number) => number): TransformersTensor => ({
            data: BigInt64Array.from(ids.flatMap((row) => Array.from({ length: width }, (_, i) => BigInt(f(row, i))))),
            dims: [texts.length, width],
          });
          return { input_ids: tensor((row, i) => row[i] ?? 0), attention_mask: tensor((row, i) => (i < row.length ? 1 : 0)) };
        };
      },
    },
    AutoModel: {
      async from_pretrained(model, options) {
        calls.push({ model, options });
        return async ({ input_ids, attention_mask }) => {
          const [batch, width] = input_ids!.dims as [number, number];
          const hidden = new Float32Array(batch * width * 4);
          for (let p = 0; p < batch * width; p++) {
            const real = Number(attention_mask!.data[p]) === 1;
            hidden.set(real ? [Number(input_ids!.data[p]), 1, 0, 0] : [1e6, 1e6, 1e6, 1e6], p * 4);
          }
          return { last_hidden_state: { data: hidden, dims: [batch, width, 4] } };
        };
      },
    },
  };
  return { module, calls, seen, importer: async () => module };
}

describe('transformers provider: optional package', () => {
  it('says how to install the package when it is missing', { skip: skipIfInstalled }, async () => {
    await assert.rejects(loadTransformers(), isInstallHint);
  });

  it('fails an embed call, not construction, when the package is missing', { skip: skipIfInstalled }, async () => {
    const embedder = new TransformersEmbedder({ model: 'Xenova/all-MiniLM-L6-v2' });
    await assert.rejects(embedder.embed({ texts: ['hello'] }), isInstallHint);
    await assert.rejects(embedder.embed({ texts: ['hello'] }), isInstallHint);
  });

  it('reports a broken install as such, not as a missing package', async () => {
    const missingDependency = Object.assign(
      new Error(`Cannot find package 'onnxruntime-node' imported from /app/node_modules/${TRANSFORMERS_PACKAGE}/dist/transformers.mjs`),
      { code: 'ERR_MODULE_NOT_FOUND' },
    );
    await assert.rejects(
      loadTransformers(() => Promise.reject(missingDependency)),
      (e: unknown) => e instanceof AppError && /installed but failed to load: Cannot find package 'onnxruntime-node'/.test(e.message),
    );
  });
});

describe('TransformersEmbedder', () => {
  it('names its space after the model and knows common output sizes', () => {
    const embedder = new TransformersEmbedder({ model: 'Xenova/all-MiniLM-L6-v2' });
    assert.equal(embedder.provider, 'transformers');
    assert.deepEqual(embedder.space, {
      id: 'transformers:Xenova/all-MiniLM-L6-v2:384:1',
      provider: 'transformers',
      model: 'Xenova/all-MiniLM-L6-v2',
      dimensions: 384,
      version: '1',
    });
    assert.throws(() => new TransformersEmbedder({ model: 'acme/unknown' }), (e: unknown) => e instanceof AppError && e.code === 'invalid_request');
    assert.equal(new TransformersEmbedder({ model: 'acme/unknown', dimensions: 4 }).space.id, 'transformers:acme/unknown:4:1');
  });

  it('loads from the local model directory only, and pools and normalises what the model returns', async () => {
    const fake = fakeTransformers();
    const embedder = new TransformersEmbedder({ model: 'acme/tiny', dimensions: 4, localModelPath: '/srv/models', importer: fake.importer });
    const { vectors, usage } = await embedder.embed({ texts: ['abc', 'a bb cccc dd'] });

    assert.equal(fake.module.env.allowRemoteModels, false);
    assert.equal(fake.module.env.localModelPath, '/srv/models');
    assert.deepEqual(fake.calls.map((c) => c.options), [{ local_files_only: true }, { local_files_only: true }]);
    // "abc": one token [3,1,0,0]; "a bb cccc dd": mean of [1,2,4,2] → [2.25,1,0,0]; padding never counts.
    const unit = (x: number, y: number) => [x / Math.hypot(x, y), y / Math.hypot(x, y), 0, 0];
    assert.deepEqual([...vectors[0]!].map((x) => x.toFixed(6)), unit(3, 1).map((x) => x.toFixed(6)));
    assert.deepEqual([...vectors[1]!].map((x) => x.toFixed(6)), unit(2.25, 1).map((x) => x.toFixed(6)));
    assert.deepEqual(usage, { inputTokens: 5, outputTokens: 0, costUsd: 0 });
  });

  it('batches, truncates and adds the prefix for the kind of text', async () => {
    const fake = fakeTransformers();
    const embedder = new TransformersEmbedder({
      model: 'acme/e5-like',
      dimensions: 4,
      batchSize: 2,
      maxTokens: 3,
      prefixes: { query: 'query: ', document: 'passage: ' },
      importer: fake.importer,
    });
    const { vectors, usage } = await embedder.embed({ texts: ['one', 'two words', 'a b c d e f'], kind: 'query' });
    assert.equal(vectors.length, 3);
    assert.deepEqual(fake.seen, [['query: one', 'query: two words'], ['query: a b c d e f']]);
    assert.equal(usage.inputTokens, 2 + 3 + 3);
    await embedder.embed({ texts: ['one'] });
    assert.deepEqual(fake.seen.at(-1), ['passage: one']);
  });

  it('refuses a model whose output size differs from the configured one', async () => {
    const fake = fakeTransformers();
    const embedder = new TransformersEmbedder({ model: 'acme/tiny', dimensions: 384, importer: fake.importer });
    await assert.rejects(embedder.embed({ texts: ['x'] }), /produces 4-d vectors, configured for 384/);
  });

  it('names the model and where it looked when loading fails, and retries on the next call', async () => {
    const fake = fakeTransformers();
    let attempts = 0;
    const realLoad = fake.module.AutoModel.from_pretrained;
    fake.module.AutoModel.from_pretrained = async (model, options) => {
      if (++attempts === 1) throw new Error('Could not locate file: "/srv/models/acme/tiny/onnx/model.onnx".');
      return realLoad(model, options);
    };
    const embedder = new TransformersEmbedder({ model: 'acme/tiny', dimensions: 4, localModelPath: '/srv/models', importer: fake.importer });
    await assert.rejects(embedder.embed({ texts: ['x'] }), /Could not load transformers model "acme\/tiny" from \/srv\/models \(remote downloads are off\): Could not locate file/);
    assert.equal((await embedder.embed({ texts: ['x'] })).vectors.length, 1);
  });
});

describe('mean pooling', () => {
  it('averages the unmasked token vectors of each row and normalises', () => {
    // batch 2, sequence 3, dimensions 2; row 0 has 2 real tokens, row 1 has 3.
    const hidden = [1, 0, 3, 4, 99, 99, 0, 2, 0, 2, 0, 2];
    const [a, b] = meanPoolNormalized(hidden, [1, 1, 0, 1, 1, 1], [2, 3, 2]);
    // row 0: mean([1,0],[3,4]) = [2,2] → [0.7071, 0.7071]; row 1: [0,2] → [0,1]
    assert.ok(Math.abs(a![0]! - Math.SQRT1_2) < 1e-6 && Math.abs(a![1]! - Math.SQRT1_2) < 1e-6);
    assert.deepEqual([...b!], [0, 1]);
  });

  it('accepts int64 masks and leaves an all-padding row as a zero vector', () => {
    const [a, b] = meanPoolNormalized([3, 4, 5, 5], BigInt64Array.from([1n, 0n]), [2, 1, 2]);
    assert.deepEqual([...a!].map((x) => +x.toFixed(6)), [0.6, 0.8]);
    assert.deepEqual([...b!], [0, 0]);
    assert.equal(countTokens(BigInt64Array.from([1n, 1n, 0n, 1n])), 3);
  });

  it('rejects shapes that do not match the data', () => {
    assert.throws(() => meanPoolNormalized([1, 2, 3], [1], [1, 1, 2]), RangeError);
    assert.throws(() => meanPoolNormalized([1, 2], [1], [1, 2]), RangeError);
  });
});
