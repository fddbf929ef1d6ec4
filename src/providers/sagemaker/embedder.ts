import {
  InvokeEndpointCommand,
  SageMakerRuntimeClient,
  type SageMakerRuntimeClientConfig,
} from '@aws-sdk/client-sagemaker-runtime';
import {
  ProviderError,
  embeddingSpace,
  type EmbedRequest,
  type EmbedResult,
  type Embedder,
  type EmbeddingSpace,
} from '../../domain/index.js';
import { assertEmbeddable, batchesOf, estimateTokens, vectorShapeProblem, withDeadline } from '../common/index.js';
import { toProviderError } from './errors.js';
import { parseVectors, requestBody, type FormatOptions, type SageMakerFormat } from './formats.js';

export interface SageMakerEmbedderOptions extends FormatOptions {
  endpointName: string;
  /** The container's vector size; SageMaker cannot tell us, and a mismatch is reported as an error. */
  dimensions: number;
  format: SageMakerFormat;
  targetVariant?: string;
  customAttributes?: string;
  /** Defaults to the SDK chain (AWS_REGION, profile). */
  region?: string;
  /** Only to point at an emulator or a VPC endpoint. */
  endpoint?: string;
  /** Defaults to the SDK's default credential chain. */
  credentials?: SageMakerRuntimeClientConfig['credentials'];
  maxAttempts?: number;
  requestTimeoutMs?: number;
  clientConfig?: SageMakerRuntimeClientConfig;
  client?: SageMakerRuntimeClient;
  /** Texts per InvokeEndpoint call (default 32). */
  batchSize?: number;
  /** Deadline for a whole embed call (default 120 s). */
  timeoutMs?: number;
}

const PROVIDER = 'sagemaker';
const SPACE_VERSION = '1';

/**
 * Embeddings through SageMaker InvokeEndpoint. Usage tokens are an ESTIMATE (4 characters per token): no
 * container reports them. Cost is 0 because SageMaker bills per instance-hour, not per call.
 */
export class SageMakerEmbedder implements Embedder {
  readonly provider = PROVIDER;
  readonly model: string;
  readonly space: EmbeddingSpace;
  readonly #options: SageMakerEmbedderOptions;
  readonly #client: SageMakerRuntimeClient;

  constructor(options: SageMakerEmbedderOptions) {
    this.#options = options;
    this.model = options.endpointName;
    this.space = embeddingSpace({ provider: PROVIDER, model: this.model, dimensions: options.dimensions, version: SPACE_VERSION });
    this.#client =
      options.client ??
      new SageMakerRuntimeClient({
        region: options.region,
        endpoint: options.endpoint,
        credentials: options.credentials,
        maxAttempts: options.maxAttempts ?? 3,
        // Without throwOnRequestTimeout the HTTP/1.1 handler only logs a warning and keeps waiting on a hung endpoint.
        requestHandler: { requestTimeout: options.requestTimeoutMs ?? 60_000, throwOnRequestTimeout: true },
        ...options.clientConfig,
      });
  }

  async embed({ texts, signal }: EmbedRequest): Promise<EmbedResult> {
    assertEmbeddable(texts);
    const size = this.#options.batchSize ?? 32;
    const vectors: Float32Array[] = [];
    await withDeadline({ provider: PROVIDER, timeoutMs: this.#options.timeoutMs ?? 120_000, signal }, async (deadline) => {
      for (const batch of batchesOf(texts, size)) vectors.push(...(await this.#invoke(batch, deadline)));
    });
    const inputTokens = estimateTokens(texts);
    return { vectors, usage: { inputTokens, outputTokens: 0, costUsd: 0 } };
  }

  async #invoke(texts: string[], signal: AbortSignal): Promise<Float32Array[]> {
    const o = this.#options;
    let json: unknown;
    try {
      const output = await this.#client.send(
        new InvokeEndpointCommand({
          EndpointName: o.endpointName,
          ContentType: 'application/json',
          Accept: 'application/json',
          Body: new TextEncoder().encode(JSON.stringify(requestBody(o.format, texts, o))),
          ...(o.targetVariant === undefined ? {} : { TargetVariant: o.targetVariant }),
          ...(o.customAttributes === undefined ? {} : { CustomAttributes: o.customAttributes }),
        }),
        { abortSignal: signal },
      );
      json = JSON.parse(new TextDecoder().decode(output.Body));
    } catch (error) {
      throw error instanceof SyntaxError ? this.#modelError(`SageMaker returned a body that is not JSON: ${error.message}`) : toProviderError(error, PROVIDER);
    }
    let vectors: number[][];
    try {
      vectors = parseVectors(o.format, json);
    } catch (error) {
      throw this.#modelError(`SageMaker returned an unexpected ${o.format} body: ${(error as Error).message}`);
    }
    const problem = vectorShapeProblem(vectors, texts.length, this.space.dimensions);
    if (problem !== null) throw this.#modelError(`Endpoint ${o.endpointName} returned ${problem}. Check the dimensions setting and the format.`);
    return vectors.map((v) => Float32Array.from(v));
  }

  #modelError(message: string): ProviderError {
    return new ProviderError('model_error', message, { provider: PROVIDER, retryable: false });
  }
}
