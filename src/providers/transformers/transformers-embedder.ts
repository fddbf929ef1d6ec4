import { AppError, embeddingSpace, type EmbedRequest, type EmbedResult, type Embedder, type EmbeddingSpace } from '../../domain/index.js';
import { sharedPromise } from '../local/embeddings/shared-promise.js';
import { importTransformersPackage, loadTransformers, type ModuleImporter, type TransformersModel, type TransformersTokenizer } from './load-transformers.js';
import { countTokens, meanPoolNormalized } from './pooling.js';

/** Output sizes of common sentence-embedding models, so that configuring one needs only its id. */
const KNOWN_DIMENSIONS: Readonly<Record<string, number>> = {
  'Xenova/all-MiniLM-L6-v2': 384,
  'Xenova/all-MiniLM-L12-v2': 384,
  'Xenova/bge-small-en-v1.5': 384,
  'Xenova/bge-base-en-v1.5': 768,
  'Xenova/e5-small-v2': 384,
  'Xenova/all-mpnet-base-v2': 768,
};

export interface TransformersEmbedderOptions {
  /** Model id, e.g. "Xenova/all-MiniLM-L6-v2": a folder under `localModelPath`, or a model in the HF cache. */
  model: string;
  /** Vector size; required unless the model is in KNOWN_DIMENSIONS. Checked against the model's output. */
  dimensions?: number;
  /** Directory holding `<model>/config.json`, `tokenizer.json`, `onnx/model.onnx`. */
  localModelPath?: string;
  /** transformers.js cache directory (where downloaded models live). */
  cacheDir?: string;
  /** Off by default: the service must not download weights at run time unless the operator says so. */
  allowRemoteModels?: boolean;
  /** Longer inputs are truncated by the tokenizer; most sentence-transformers models were trained on 256. */
  maxTokens?: number;
  batchSize?: number;
  /** E5-style models expect "query: " / "passage: " before the text. */
  prefixes?: { query?: string; document?: string };
  /** Bump when anything that shapes the vectors changes (prefixes, maxTokens), so old vectors are not mixed in. */
  version?: string;
  /** Replaces `import('@huggingface/transformers')`; for tests. */
  importer?: ModuleImporter;
}

interface LoadedModel {
  tokenizer: TransformersTokenizer;
  model: TransformersModel;
}

/**
 * Embeddings from any transformers.js feature-extraction model on disk (ONNX Runtime on the CPU), with mean
 * pooling and unit normalisation. Usage reports zero cost and the number of tokens the model read.
 */
export class TransformersEmbedder implements Embedder {
  readonly provider = 'transformers';
  readonly model: string;
  readonly space: EmbeddingSpace;
  readonly #options: TransformersEmbedderOptions;
  readonly #maxTokens: number;
  readonly #batchSize: number;

  constructor(options: TransformersEmbedderOptions) {
    const dimensions = options.dimensions ?? KNOWN_DIMENSIONS[options.model];
    if (dimensions === undefined) {
      throw new AppError('invalid_request', `Unknown output size for transformers model "${options.model}": pass its dimensions.`);
    }
    this.model = options.model;
    this.space = embeddingSpace({ provider: this.provider, model: options.model, dimensions, version: options.version ?? '1' });
    this.#options = options;
    this.#maxTokens = options.maxTokens ?? 256;
    this.#batchSize = options.batchSize ?? 32;
  }

  async embed({ texts, kind = 'document', signal }: EmbedRequest): Promise<EmbedResult> {
    signal?.throwIfAborted();
    const { tokenizer, model } = await loadModel(this.#options);
    const prefix = (kind === 'query' ? this.#options.prefixes?.query : this.#options.prefixes?.document) ?? '';
    const vectors: Float32Array[] = [];
    let inputTokens = 0;
    for (let start = 0; start < texts.length; start += this.#batchSize) {
      signal?.throwIfAborted();
      const batch = texts.slice(start, start + this.#batchSize).map((text) => prefix + text);
      const inputs = tokenizer(batch, { padding: true, truncation: true, max_length: this.#maxTokens });
      const outputs = await model(inputs);
      const hidden = outputs['last_hidden_state'];
      if (!hidden) throw new AppError('internal_error', `Model "${this.model}" has no last_hidden_state output (outputs: ${Object.keys(outputs).join(', ')}).`);
      if (hidden.dims[2] !== this.space.dimensions) {
        throw new AppError('internal_error', `Model "${this.model}" produces ${hidden.dims[2]}-d vectors, configured for ${this.space.dimensions}.`);
      }
      vectors.push(...meanPoolNormalized(hidden.data as ArrayLike<number>, inputs.attention_mask.data, hidden.dims));
      inputTokens += countTokens(inputs.attention_mask.data);
    }
    return { vectors, usage: { inputTokens, outputTokens: 0, costUsd: 0 } };
  }
}

/** One load per (importer, model, location) in the process; a failed load is retried by the next call. */
const loaders = new WeakMap<ModuleImporter, Map<string, () => Promise<LoadedModel>>>();

function loadModel(options: TransformersEmbedderOptions): Promise<LoadedModel> {
  const importer = options.importer ?? importTransformersPackage;
  const byModel = loaders.get(importer) ?? new Map<string, () => Promise<LoadedModel>>();
  loaders.set(importer, byModel);
  const key = JSON.stringify([options.model, options.localModelPath, options.cacheDir, options.allowRemoteModels]);
  let load = byModel.get(key);
  if (!load) {
    load = sharedPromise(() => loadFresh(importer, options));
    byModel.set(key, load);
  }
  return load();
}

async function loadFresh(importer: ModuleImporter, options: TransformersEmbedderOptions): Promise<LoadedModel> {
  const transformers = await loadTransformers(importer);
  const allowRemote = options.allowRemoteModels ?? false;
  // transformers.js reads these globals when loading; set them just before our own load.
  transformers.env.allowRemoteModels = allowRemote;
  transformers.env.allowLocalModels = true;
  if (options.localModelPath) transformers.env.localModelPath = options.localModelPath;
  if (options.cacheDir) transformers.env.cacheDir = options.cacheDir;
  const loadOptions = { local_files_only: !allowRemote };
  try {
    const [tokenizer, model] = await Promise.all([
      transformers.AutoTokenizer.from_pretrained(options.model, loadOptions),
      transformers.AutoModel.from_pretrained(options.model, loadOptions),
    ]);
    return { tokenizer, model };
  } catch (error) {
    const where = options.localModelPath ?? options.cacheDir ?? 'the transformers.js cache';
    throw new AppError('internal_error', `Could not load transformers model "${options.model}" from ${where}${allowRemote ? '' : ' (remote downloads are off)'}: ${(error as Error).message}`, {
      provider: 'transformers',
      model: options.model,
    });
  }
}
