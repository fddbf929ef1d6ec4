import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { isAppError, ProviderError, type Embedder, type ProviderErrorCode, type ResumeParser } from '../domain/index.js';
import { createEmbedder, createParser, type CallTuning } from './registry.js';
import type { ProviderSettings } from './settings.js';

/**
 * `jobmatch doctor`: one minimal real call per configured provider and capability, each failure classified
 * into a problem with one fix. Nothing here prints or returns a secret: AWS credentials are resolved only to
 * learn where they came from, and errors carry the providers' messages, which never echo keys.
 */
export type Capability = 'parse' | 'embed';

/**
 * What went wrong, in terms of what to do about it: the stable ProviderError codes, refined where the same
 * code has different fixes (an AccessDenied is `auth` to a retry policy, but a console setting to a person).
 */
export type Problem =
  | 'config'
  | 'missing_credentials'
  | 'missing_region'
  | 'auth'
  | 'model_access'
  | 'needs_inference_profile'
  | 'endpoint_not_found'
  | 'wrong_region'
  | 'throttled'
  | 'timeout'
  | 'unreachable'
  | 'unavailable'
  | 'invalid_request'
  | 'model_error'
  | 'output_invalid'
  | 'budget_exceeded'
  | 'unknown';

/** The fix for each problem: the one table to edit when advice changes. */
export const FIXES: Readonly<Record<Problem, string>> = {
  config: 'Fix the setting named in the error (see .env.example or jobmatch.config.example.json).',
  missing_credentials:
    'No credentials found. OpenAI: set OPENAI_API_KEY. Hugging Face: set HF_TOKEN. AWS: configure the default chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE with `aws configure` or `aws sso login`, or an instance/container role).',
  missing_region: 'Set AWS_REGION (or a region in your AWS profile) to the region of your Bedrock models or SageMaker endpoint.',
  auth: 'The credentials were rejected: they are invalid, revoked or expired. Refresh them (`aws sso login`, new session credentials, a new API key) and check the system clock (SigV4 rejects requests more than 5 minutes off).',
  model_access:
    'The credentials work but may not use this model or endpoint. Bedrock: enable the model under "Model access" in the Bedrock console for this region, and allow bedrock:InvokeModel on it (`jobmatch iam-policy` prints the policy). SageMaker: allow sagemaker:InvokeEndpoint on the endpoint. OpenAI: give the project access to the model.',
  needs_inference_profile: 'This model is served on demand only through a cross-region inference profile: use its profile id (e.g. "us.anthropic…") as the model, and allow it with `jobmatch iam-policy`.',
  endpoint_not_found:
    'The SageMaker endpoint was not found: check SAGEMAKER_ENDPOINT_NAME and AWS_REGION, and that the endpoint status is InService (`aws sagemaker describe-endpoint --endpoint-name <name>`); it answers "not found" while still Creating or after a failed update.',
  wrong_region:
    'The request went to the wrong region for this resource: set AWS_REGION to the region the model is enabled in or the endpoint was created in (Bedrock also calls a model id it does not offer in the region "invalid": check the id too).',
  throttled: 'The provider is throttling: lower the concurrency, wait and retry, or request a higher quota (Service Quotas for Bedrock/SageMaker; usage tier for OpenAI). For OpenAI, insufficient_quota means billing, not load.',
  timeout: 'No answer in time: check network egress (proxy, VPC endpoint, firewall), then raise the timeout (doctor --timeout); a cold SageMaker or Hugging Face endpoint may need a first call to warm up.',
  unreachable: 'The service could not be reached: check the endpoint URL settings (OPENAI_BASE_URL, BEDROCK_ENDPOINT, SAGEMAKER_RUNTIME_ENDPOINT, HF_ENDPOINT_URL), DNS, proxy and firewall, and that the region name is real.',
  unavailable: 'The provider is having trouble (5xx or a malformed answer). Retry later and check its status page; a SageMaker endpoint\'s CloudWatch logs say more.',
  invalid_request: 'The provider rejected the request: check the model id and its settings (dimensions, format) against what the provider offers in this region.',
  model_error: 'The model or container failed or answered unexpectedly: check the model/format settings (SAGEMAKER_EMBED_FORMAT, dimensions) and the endpoint\'s logs.',
  output_invalid: 'The model answered, but not in the expected shape: check that the configured model supports structured output (OpenAI strict json_schema, Claude 3+ tool use) and the dimensions setting.',
  budget_exceeded: 'A spending cap of jobmatch itself stopped the call: raise the budget or wait for the next day or month (see `jobmatch costs`).',
  unknown: 'Unexpected failure: run again with LOG_LEVEL=debug and report the message.',
};

export interface DoctorCheck {
  provider: string;
  capability: Capability;
  /** Model, profile or endpoint the call went to, when the provider could be built. */
  model?: string;
  ok: boolean;
  latencyMs?: number;
  /** For embed: the vector size returned. */
  dimensions?: number;
  problem?: Problem;
  error?: string;
  fix?: string;
}

export interface AwsIdentity {
  region: string | null;
  /** Where the SDK's default chain found credentials (never the credentials); null when none were found. */
  credentialSource: string | null;
  /** True for session credentials (SSO, roles, STS). */
  temporary?: boolean;
  expiresAt?: string;
  /** Bedrock authenticates with AWS_BEARER_TOKEN_BEDROCK instead of SigV4 when it is set. */
  bedrockBearerToken?: boolean;
  problem?: Problem;
  error?: string;
  fix?: string;
}

export interface DoctorReport {
  ok: boolean;
  /** Present when an AWS provider is configured. */
  aws?: AwsIdentity;
  checks: DoctorCheck[];
}

export interface DoctorOptions {
  /** Deadline per call. Default 20 s. */
  timeoutMs?: number;
  /** Read for AWS_BEARER_TOKEN_BEDROCK's presence only. */
  env?: Record<string, string | undefined>;
  createParser?: (name: string, settings: ProviderSettings, tuning: CallTuning) => ResumeParser;
  createEmbedder?: (name: string, settings: ProviderSettings, tuning: CallTuning) => Embedder;
}

/** A short resume every parser should read: enough structure to exercise the prompt, cheap in tokens. */
export const DOCTOR_RESUME = [
  'Ada Lovelace',
  'ada.lovelace@example.com | London, UK',
  '',
  'Experience',
  'Software Engineer, Analytical Engines Ltd, 2021 - Present',
  '- Built TypeScript services on PostgreSQL',
  '',
  'Skills: TypeScript, SQL, Python',
].join('\n');
export const DOCTOR_EMBED_TEXT = 'Senior TypeScript engineer';

const DEFAULT_TIMEOUT_MS = 20_000;
const AWS_PROVIDERS = new Set(['bedrock', 'sagemaker']);

export async function runDoctor(settings: ProviderSettings, options: DoctorOptions = {}): Promise<DoctorReport> {
  // One attempt: the doctor reports the first failure as it is, not after the SDK's back-off.
  const tuning: CallTuning = { maxAttempts: 1, timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS };
  const makeParser = options.createParser ?? createParser;
  const makeEmbedder = options.createEmbedder ?? createEmbedder;
  const providers = [settings.JOBMATCH_PARSE_PROVIDER, ...settings.JOBMATCH_EMBED_PROVIDERS];

  const report: DoctorReport = { ok: true, checks: [] };
  if (providers.some((p) => AWS_PROVIDERS.has(p))) report.aws = await awsIdentity(settings, options.env ?? process.env);

  // Sequential on purpose: latencies are then the provider's, not our own contention's.
  report.checks.push(await check(settings.JOBMATCH_PARSE_PROVIDER, 'parse', () => makeParser(settings.JOBMATCH_PARSE_PROVIDER, settings, tuning), async (parser) => {
    await parser.parse({ text: DOCTOR_RESUME, referenceDate: new Date('2026-01-01T00:00:00Z') });
    return {};
  }));
  for (const name of settings.JOBMATCH_EMBED_PROVIDERS) {
    report.checks.push(await check(name, 'embed', () => makeEmbedder(name, settings, tuning), async (embedder) => {
      const { vectors } = await embedder.embed({ texts: [DOCTOR_EMBED_TEXT], kind: 'query' });
      return { dimensions: vectors[0]?.length };
    }));
  }
  report.ok = report.checks.every((c) => c.ok) && report.aws?.problem === undefined;
  return report;
}

async function check<P extends { model: string }>(
  provider: string,
  capability: Capability,
  build: () => P,
  call: (p: P) => Promise<{ dimensions?: number | undefined }>,
): Promise<DoctorCheck> {
  let built: P;
  try {
    built = build();
  } catch (e) {
    return failed({ provider, capability }, e, 'config');
  }
  const base = { provider, capability, model: built.model };
  const started = performance.now();
  try {
    const { dimensions } = await call(built);
    return { ...base, ok: true, latencyMs: Math.round(performance.now() - started), ...(dimensions === undefined ? {} : { dimensions }) };
  } catch (e) {
    return { ...failed(base, e), latencyMs: Math.round(performance.now() - started) };
  }
}

function failed(base: Omit<DoctorCheck, 'ok'>, error: unknown, fallback?: Problem): DoctorCheck {
  const problem = problemOf(error, fallback);
  return { ...base, ok: false, problem, error: errorMessage(error), fix: FIXES[problem] };
}

/** Region and credential source as the AWS SDK's default chain resolves them, with no network call to AWS. */
async function awsIdentity(settings: ProviderSettings, env: Record<string, string | undefined>): Promise<AwsIdentity> {
  const client = new BedrockRuntimeClient({ region: settings.AWS_REGION });
  const identity: AwsIdentity = { region: null, credentialSource: null };
  if (env.AWS_BEARER_TOKEN_BEDROCK) identity.bedrockBearerToken = true;
  try {
    identity.region = await client.config.region();
  } catch {
    Object.assign(identity, { problem: 'missing_region', error: 'No AWS region configured.', fix: FIXES.missing_region });
  }
  try {
    const credentials = await client.config.credentials();
    identity.credentialSource = credentialSource((credentials as { $source?: Record<string, string> }).$source);
    if (credentials.sessionToken) identity.temporary = true;
    if (credentials.expiration) identity.expiresAt = credentials.expiration.toISOString();
  } catch (e) {
    if (identity.problem === undefined) Object.assign(identity, { problem: 'missing_credentials', error: errorMessage(e), fix: FIXES.missing_credentials });
  } finally {
    client.destroy();
  }
  return identity;
}

/** The SDK tags credentials with the provider that produced them (feature ids in @aws-sdk/types); most specific first. */
const CREDENTIAL_SOURCES: ReadonlyArray<[RegExp, string]> = [
  [/STS_WEB_ID|WEB_ID_TOKEN/, 'web identity token (EKS/OIDC role)'],
  [/SSO/, 'IAM Identity Center (SSO) profile'],
  [/PROCESS/, 'credential_process in the AWS profile'],
  [/LOGIN/, 'aws login session'],
  [/SOURCE_PROFILE|STS_ASSUME_ROLE/, 'assumed role from the AWS profile'],
  [/PROFILE/, 'shared credentials/config profile'],
  [/ENV_VARS/, 'environment variables'],
  [/HTTP/, 'container credentials endpoint (ECS/EKS)'],
  [/IMDS/, 'EC2 instance role (IMDS)'],
  [/CODE/, 'credentials passed in code'],
];

function credentialSource(source: Record<string, string> | undefined): string {
  const features = Object.keys(source ?? {}).join(' ');
  return CREDENTIAL_SOURCES.find(([re]) => re.test(features))?.[1] ?? 'the AWS SDK default chain';
}

const NETWORK_RE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ECONNRESET|EHOSTUNREACH|ENETUNREACH|Could not reach|fetch failed|getaddrinfo/;

/** The problem behind a failed call: the ProviderError code, refined by what the provider said. */
export function problemOf(error: unknown, fallback: Problem = 'unknown'): Problem {
  const text = errorChainText(error);
  if (/Region is missing|region.*not configured/i.test(text)) return 'missing_region';
  if (/CredentialsProviderError|Could not load credentials|No OpenAI API key|missing credentials/i.test(text)) return 'missing_credentials';
  if (!(error instanceof ProviderError)) return isAppError(error) ? 'config' : NETWORK_RE.test(text) ? 'unreachable' : fallback;
  const details = error.details ?? {};
  const name = String(details.name ?? '');
  if (details.reason === 'endpoint_not_found') return 'endpoint_not_found';
  if (/scoped to (a valid|correct) region/i.test(error.message)) return 'wrong_region';
  if (/on-demand throughput isn.t supported/i.test(error.message)) return 'needs_inference_profile';
  if (/provided model identifier is invalid/i.test(error.message)) return 'wrong_region';
  switch (error.code) {
    case 'auth':
      // AWS names its 403s (UnrecognizedClient… is bad credentials); OpenAI and HF only send the status.
      return name === 'AccessDeniedException' || (name === '' && details.status === 403) ? 'model_access' : 'auth';
    case 'invalid_request':
      return details.status === 404 || details.code === 'model_not_found' ? 'model_access' : 'invalid_request';
    case 'unavailable':
      return NETWORK_RE.test(text) || (typeof details.code === 'string' && NETWORK_RE.test(details.code)) ? 'unreachable' : 'unavailable';
    default:
      return error.code as ProviderErrorCode;
  }
}

/** Messages and names along the cause chain, where SDKs put the network error that started it. */
function errorChainText(error: unknown): string {
  const parts: string[] = [];
  let e: unknown = error;
  for (let depth = 0; e && depth < 5; depth++) {
    const err = e as { name?: unknown; message?: unknown; code?: unknown; cause?: unknown };
    parts.push(String(err.name ?? ''), String(err.message ?? ''), String(err.code ?? ''));
    e = err.cause;
  }
  return parts.join(' ');
}

function errorMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = isAppError(error) ? `${error.code}: ` : '';
  return `${code}${message}`.slice(0, 500);
}

/** The report for people: one line per check, each failure followed by its fix. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = [];
  if (report.aws) {
    const a = report.aws;
    const creds = a.credentialSource ? `credentials from ${a.credentialSource}${a.temporary ? ' (temporary' + (a.expiresAt ? `, expire ${a.expiresAt}` : '') + ')' : ''}` : 'no credentials';
    lines.push(`AWS       region ${a.region ?? '(none)'}, ${creds}${a.bedrockBearerToken ? '; Bedrock uses AWS_BEARER_TOKEN_BEDROCK' : ''}`);
    if (a.problem) lines.push(`  FAIL    ${a.problem}: ${a.error ?? ''}`, `  fix:    ${a.fix ?? ''}`);
  }
  for (const c of report.checks) {
    const what = `${c.capability.padEnd(5)} ${c.provider.padEnd(11)} ${c.model ?? ''}`.trimEnd();
    if (c.ok) {
      lines.push(`ok        ${what}  ${c.latencyMs} ms${c.dimensions === undefined ? '' : `, ${c.dimensions} dims`}`);
    } else {
      lines.push(`FAIL      ${what}${c.latencyMs === undefined ? '' : `  ${c.latencyMs} ms`}`, `  ${c.problem}: ${c.error ?? ''}`, `  fix: ${c.fix ?? ''}`);
    }
  }
  const failures = report.checks.filter((c) => !c.ok).length + (report.aws?.problem ? 1 : 0);
  lines.push(report.ok ? 'All checks passed.' : `${failures} check(s) failed.`);
  return lines.join('\n');
}
