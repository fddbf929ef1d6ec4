import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ACCOUNT_PLACEHOLDER, buildIamPolicy, PROFILE_DESTINATION_REGIONS } from '../src/providers/iam-policy.js';
import { providerSettings } from '../src/providers/settings.js';

const ACCOUNT = '123456789012';
const settings = (env: Record<string, string>) => providerSettings(env);
const resources = (r: ReturnType<typeof buildIamPolicy>) => r.policy!.Statement.flatMap((s) => s.Resource);

describe('buildIamPolicy', () => {
  it('says no policy is needed without an AWS provider', () => {
    const r = buildIamPolicy(settings({ JOBMATCH_EMBED_PROVIDERS: 'local,openai', JOBMATCH_PARSE_PROVIDER: 'openai' }));
    assert.equal(r.policy, null);
    assert.match(r.notes[0]!, /No AWS provider is configured/);
  });

  it('allows bedrock:InvokeModel on the exact foundation-model ARNs', () => {
    const r = buildIamPolicy(settings({ JOBMATCH_PARSE_PROVIDER: 'bedrock', JOBMATCH_EMBED_PROVIDERS: 'bedrock,local', AWS_REGION: 'eu-west-1' }));
    assert.deepEqual(r.policy, {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'BedrockInvokeConfiguredModels',
          Effect: 'Allow',
          Action: ['bedrock:InvokeModel'],
          Resource: [
            'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
            'arn:aws:bedrock:eu-west-1::foundation-model/amazon.titan-embed-text-v2:0',
          ],
        },
      ],
    });
    assert.deepEqual(r.warnings, [], 'foundation-model ARNs need no account id');
  });

  it('allows an inference profile and its model in every destination region', () => {
    const r = buildIamPolicy(
      settings({ JOBMATCH_PARSE_PROVIDER: 'bedrock', BEDROCK_PARSE_MODEL: 'us.anthropic.claude-3-5-haiku-20241022-v1:0', AWS_REGION: 'us-east-2' }),
      { accountId: ACCOUNT },
    );
    const [profile, ...models] = resources(r);
    assert.equal(profile, `arn:aws:bedrock:us-east-2:${ACCOUNT}:inference-profile/us.anthropic.claude-3-5-haiku-20241022-v1:0`);
    assert.deepEqual(
      models,
      PROFILE_DESTINATION_REGIONS.us!.map((region) => `arn:aws:bedrock:${region}::foundation-model/anthropic.claude-3-5-haiku-20241022-v1:0`),
    );
    assert.deepEqual(r.warnings, []);
  });

  it('takes profile ARNs as given and leaves a placeholder, with a warning, when the account is unknown', () => {
    const arn = `arn:aws:bedrock:eu-central-1:${ACCOUNT}:inference-profile/eu.anthropic.claude-3-5-sonnet-20240620-v1:0`;
    const byArn = resources(buildIamPolicy(settings({ JOBMATCH_PARSE_PROVIDER: 'bedrock', BEDROCK_PARSE_MODEL: arn, AWS_REGION: 'eu-central-1' })));
    assert.equal(byArn[0], arn);
    assert.ok(byArn.includes('arn:aws:bedrock:eu-west-3::foundation-model/anthropic.claude-3-5-sonnet-20240620-v1:0'));

    const unknown = buildIamPolicy(settings({ JOBMATCH_PARSE_PROVIDER: 'bedrock', BEDROCK_PARSE_MODEL: 'eu.anthropic.claude-3-5-sonnet-20240620-v1:0', AWS_REGION: 'eu-west-1' }));
    assert.ok(resources(unknown)[0]!.includes(`:${ACCOUNT_PLACEHOLDER}:inference-profile/`));
    assert.match(unknown.warnings[0]!, /--account-id or set AWS_ACCOUNT_ID/);
  });

  it('allows sagemaker:InvokeEndpoint on the endpoint ARN, lower-cased', () => {
    const r = buildIamPolicy(
      settings({ JOBMATCH_EMBED_PROVIDERS: 'sagemaker', SAGEMAKER_ENDPOINT_NAME: 'My-Embed-Endpoint', SAGEMAKER_EMBED_DIMENSIONS: '384', AWS_REGION: 'us-west-2' }),
      { accountId: ACCOUNT },
    );
    assert.deepEqual(r.policy!.Statement, [
      { Sid: 'SageMakerInvokeConfiguredEndpoint', Effect: 'Allow', Action: ['sagemaker:InvokeEndpoint'], Resource: [`arn:aws:sagemaker:us-west-2:${ACCOUNT}:endpoint/my-embed-endpoint`] },
    ]);
  });

  it('never grants "*" and flags a missing region', () => {
    const r = buildIamPolicy(settings({ JOBMATCH_PARSE_PROVIDER: 'bedrock', JOBMATCH_EMBED_PROVIDERS: 'bedrock,sagemaker', SAGEMAKER_ENDPOINT_NAME: 'e' }));
    for (const resource of resources(r)) assert.notEqual(resource, '*');
    assert.ok(r.warnings.some((w) => /No region/.test(w)));
    assert.throws(() => buildIamPolicy(settings({ JOBMATCH_EMBED_PROVIDERS: 'sagemaker' }), { accountId: '12' }), /12 digits/);
  });
});
