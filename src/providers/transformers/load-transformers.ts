import { AppError } from '../../domain/index.js';

/**
 * `@huggingface/transformers` is an optional dependency: it adds ~470 MB (onnxruntime-node) and needs
 * ONNXRUNTIME_NODE_INSTALL=skip to install offline. It is imported only when the transformers provider is
 * actually used, so the rest of the service runs without it.
 */
export const TRANSFORMERS_PACKAGE = '@huggingface/transformers';

/** The members of the transformers.js module we use (typed here because the package is not installed). */
export interface TransformersModule {
  env: { allowRemoteModels: boolean; allowLocalModels: boolean; localModelPath: string; cacheDir: string | null };
  AutoTokenizer: { from_pretrained(model: string, options?: Record<string, unknown>): Promise<TransformersTokenizer> };
  AutoModel: { from_pretrained(model: string, options?: Record<string, unknown>): Promise<TransformersModel> };
}

export interface TransformersTensor {
  data: ArrayLike<number | bigint>;
  dims: number[];
}

export type TransformersTokenizer = (
  texts: string[],
  options: { padding: boolean; truncation: boolean; max_length: number },
) => Record<string, TransformersTensor> & { attention_mask: TransformersTensor };

export type TransformersModel = (inputs: Record<string, TransformersTensor>) => Promise<Record<string, TransformersTensor>>;

export type ModuleImporter = () => Promise<unknown>;

// A variable specifier keeps TypeScript from resolving a package that is not installed.
export const importTransformersPackage: ModuleImporter = () => import(TRANSFORMERS_PACKAGE);

export async function loadTransformers(importer: ModuleImporter = importTransformersPackage): Promise<TransformersModule> {
  try {
    return (await importer()) as TransformersModule;
  } catch (error) {
    if (isMissingPackage(error)) {
      throw new AppError('internal_error', `install ${TRANSFORMERS_PACKAGE} to use the transformers provider (ONNXRUNTIME_NODE_INSTALL=skip npm install ${TRANSFORMERS_PACKAGE} when offline)`, {
        provider: 'transformers',
        package: TRANSFORMERS_PACKAGE,
      });
    }
    throw new AppError('internal_error', `${TRANSFORMERS_PACKAGE} is installed but failed to load: ${(error as Error).message}`, {
      provider: 'transformers',
    });
  }
}

/**
 * Only "this package is not there" is the missing-package case. A missing dependency of the package fails
 * with the same code but names that dependency in quotes (and our package only in a path), and a broken
 * install must say what broke.
 */
function isMissingPackage(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && String(message).includes(`'${TRANSFORMERS_PACKAGE}'`);
}
