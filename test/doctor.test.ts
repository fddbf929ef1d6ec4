import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { FIXES, formatDoctorReport, problemOf, runDoctor, type DoctorReport } from '../src/providers/doctor.js';
import { providerSettings } from '../src/providers/settings.js';
import { ProviderError } from '../src/domain/index.js';
import { startBedrockEmulator, type BedrockEmulator } from './emulators/bedrock.js';
import { startOpenAiEmulator, type OpenAiEmulator } from './emulators/openai.js';
import { startSageMakerEmulator, type SageMakerEmulator } from './emulators/sagemaker.js';

// The AWS SDK default chain finds these first (environment variables), as it would on a developer machine.
const AWS = { accessKeyId: 'AKIDDOCTORTEST', secretAccessKey: 'doctor-test-secret' };
process.env.AWS_ACCESS_KEY_ID = AWS.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = AWS.secretAccessKey;
process.env.OPENAI_API_KEY = 'sk-test';
delete process.env.AWS_SESSION_TOKEN;
delete process.env.AWS_BEARER_TOKEN_BEDROCK;

let openai: OpenAiEmulator;
let bedrock: BedrockEmulator;
let sagemaker: SageMakerEmulator;
before(async () => {
  [openai, bedrock, sagemaker] = await Promise.all([
    startOpenAiEmulator({ apiKey: 'sk-test' }),
    startBedrockEmulator({ ...AWS, region: 'us-east-1' }),
    startSageMakerEmulator({ ...AWS, region: 'us-east-1', endpoints: { 'embed-endpoint': 'tei' } }),
  ]);
});
after(() => Promise.all([openai.close(), bedrock.close(), sagemaker.close()]));
beforeEach(() => {
  for (const e of [openai, bedrock, sagemaker]) {
    e.setFault(null);
    e.requests.length = 0;
  }
});

function settings(overrides: Record<string, string> = {}) {
  return providerSettings({
    JOBMATCH_PARSE_PROVIDER: 'bedrock',
    JOBMATCH_EMBED_PROVIDERS: 'openai,bedrock,sagemaker',
    OPENAI_BASE_URL: openai.url,
    AWS_REGION: 'us-east-1',
    BEDROCK_ENDPOINT: bedrock.url,
    SAGEMAKER_RUNTIME_ENDPOINT: sagemaker.url,
    SAGEMAKER_ENDPOINT_NAME: 'embed-endpoint',
    SAGEMAKER_EMBED_DIMENSIONS: '512',
    ...overrides,
  });
}

const checkOf = (report: DoctorReport, capability: string, provider: string) => report.checks.find((c) => c.capability === capability && c.provider === provider)!;

describe('jobmatch doctor against the emulators', () => {
  it('passes every provider with one call each, reporting latency, region and the credential source', async () => {
    const report = await runDoctor(settings(), { timeoutMs: 5_000, env: {} });
    assert.equal(report.ok, true, formatDoctorReport(report));
    assert.deepEqual(report.checks.map((c) => `${c.capability}:${c.provider}`), ['parse:bedrock', 'embed:openai', 'embed:bedrock', 'embed:sagemaker']);
    for (const c of report.checks) {
      assert.equal(c.ok, true);
      assert.ok(typeof c.latencyMs === 'number' && c.latencyMs >= 0);
    }
    assert.equal(checkOf(report, 'embed', 'sagemaker').dimensions, 512);
    assert.deepEqual(report.aws, { region: 'us-east-1', credentialSource: 'environment variables' });
    assert.equal(bedrock.requests.length, 2, 'one parse call and one embed call');
    assert.equal(sagemaker.requests.length, 1);

    const text = formatDoctorReport(report);
    assert.match(text, /^AWS\s+region us-east-1, credentials from environment variables$/m);
    assert.match(text, /All checks passed\./);
    assert.doesNotMatch(text, new RegExp(`${AWS.secretAccessKey}|${AWS.accessKeyId}`), 'never prints credentials');
  });

  it('names the problem and the fix for bad credentials, missing model access, a missing endpoint and throttling', async () => {
    bedrock.setFault([{ kind: 'bad-credentials', times: 1 }, { kind: 'access-denied', times: 1 }]);
    openai.setFault({ kind: 'rate_limit', shouldRetry: false, retryAfter: '0' });
    const report = await runDoctor(settings({ SAGEMAKER_ENDPOINT_NAME: 'missing-endpoint' }), { timeoutMs: 5_000, env: {} });
    assert.equal(report.ok, false);

    const expected = [
      ['parse', 'bedrock', 'auth'],
      ['embed', 'bedrock', 'model_access'],
      ['embed', 'sagemaker', 'endpoint_not_found'],
      ['embed', 'openai', 'throttled'],
    ] as const;
    for (const [capability, provider, problem] of expected) {
      const c = checkOf(report, capability, provider);
      assert.equal(c.ok, false);
      assert.equal(c.problem, problem, `${capability} ${provider}: ${c.error}`);
      assert.equal(c.fix, FIXES[problem]);
    }
    assert.equal(bedrock.requests.length, 2, 'one attempt per check: the doctor reports the first failure');
    const text = formatDoctorReport(report);
    assert.match(text, /fix: The credentials were rejected/);
    assert.match(text, /fix: .*enable the model under "Model access"/);
    assert.match(text, /fix: The SageMaker endpoint was not found: check SAGEMAKER_ENDPOINT_NAME and AWS_REGION, and that the endpoint status is InService/);
    assert.match(text, /4 check\(s\) failed\./);
  });

  it('tells a wrong region, an unreachable service and a bad setting apart', async () => {
    const wrongRegion = await runDoctor(settings({ AWS_REGION: 'eu-west-1', JOBMATCH_EMBED_PROVIDERS: 'sagemaker' }), { timeoutMs: 5_000, env: {} });
    assert.equal(checkOf(wrongRegion, 'parse', 'bedrock').problem, 'wrong_region');
    assert.equal(checkOf(wrongRegion, 'embed', 'sagemaker').problem, 'wrong_region');

    const closed = 'http://127.0.0.1:9';
    const unreachable = await runDoctor(settings({ OPENAI_BASE_URL: closed, SAGEMAKER_RUNTIME_ENDPOINT: closed, JOBMATCH_PARSE_PROVIDER: 'local' }), { timeoutMs: 5_000, env: {} });
    assert.equal(checkOf(unreachable, 'embed', 'openai').problem, 'unreachable', checkOf(unreachable, 'embed', 'openai').error);
    assert.equal(checkOf(unreachable, 'embed', 'sagemaker').problem, 'unreachable', checkOf(unreachable, 'embed', 'sagemaker').error);
    assert.equal(checkOf(unreachable, 'parse', 'local').ok, true);

    const config = await runDoctor(providerSettings({ JOBMATCH_EMBED_PROVIDERS: 'sagemaker', AWS_REGION: 'us-east-1' }), { timeoutMs: 5_000, env: {} });
    const c = checkOf(config, 'embed', 'sagemaker');
    assert.equal(c.problem, 'config');
    assert.match(c.error!, /SAGEMAKER_ENDPOINT_NAME/);
  });
});

describe('problemOf', () => {
  const pe = (code: 'auth' | 'invalid_request' | 'unavailable', message: string, details: Record<string, unknown> = {}) => new ProviderError(code, message, { provider: 'x', details });
  it('refines provider error codes into fixable problems', () => {
    assert.equal(problemOf(pe('auth', 'Bedrock UnrecognizedClientException (HTTP 403): bad', { name: 'UnrecognizedClientException', status: 403 })), 'auth');
    assert.equal(problemOf(pe('auth', 'OpenAI rejected the credentials (403)', { status: 403 })), 'model_access');
    assert.equal(problemOf(pe('invalid_request', 'Invocation of model ID x with on-demand throughput isn’t supported.')), 'needs_inference_profile');
    assert.equal(problemOf(pe('invalid_request', 'OpenAI rejected the request (404)', { status: 404, code: 'model_not_found' })), 'model_access');
    assert.equal(problemOf(pe('auth', 'No OpenAI API key: set OPENAI_API_KEY (or pass apiKey).')), 'missing_credentials');
    assert.equal(problemOf(Object.assign(new Error('Region is missing'), { name: 'Error' })), 'missing_region');
  });
});
