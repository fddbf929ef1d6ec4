import { BedrockRuntimeClient, type BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';

export interface BedrockClientOptions {
  /** Defaults to the SDK's chain (AWS_REGION, profile). */
  region?: string;
  /** Only to point at an emulator or a VPC endpoint; defaults to the regional Bedrock Runtime endpoint. */
  endpoint?: string;
  /** Defaults to the SDK's default chain: environment, profile, SSO, container or instance role. */
  credentials?: BedrockRuntimeClientConfig['credentials'];
  /** Total attempts including the first; the SDK retries throttling and 5xx with jittered back-off. */
  maxAttempts?: number;
  /** Per-attempt limit. The SDK has none by default, so a hung connection would wait forever. */
  requestTimeoutMs?: number;
  /** Further SDK configuration (e.g. a retryStrategy), applied last. */
  clientConfig?: BedrockRuntimeClientConfig;
  /** A ready client; the options above are then ignored. */
  client?: BedrockRuntimeClient;
}

const DEFAULT_MAX_ATTEMPTS = 3;
const DEFAULT_REQUEST_TIMEOUT_MS = 60_000;

/**
 * One place that turns our options into an SDK client. The request handler stays the SDK's default
 * (HTTP/2, one stream per session): passing an options object rather than a handler instance keeps it.
 */
export function createBedrockClient(options: BedrockClientOptions): BedrockRuntimeClient {
  if (options.client) return options.client;
  return new BedrockRuntimeClient({
    region: options.region,
    endpoint: options.endpoint,
    credentials: options.credentials,
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: { requestTimeout: options.requestTimeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS, disableConcurrentStreams: true },
    ...options.clientConfig,
  });
}

/**
 * The foundation model behind a model id, an inference-profile id ("us.anthropic…") or either one's ARN:
 * the same model answers all of them, so prices and embedding spaces key on this.
 */
export function baseModelId(modelId: string): string {
  const arn = /^arn:aws[a-z-]*:bedrock:[^:]*:\d*:(?:foundation-model|inference-profile)\/(.+)$/.exec(modelId);
  return (arn ? arn[1]! : modelId).replace(/^(?:us|eu|apac|global|us-gov|jp|au|ca)\./, '');
}
