import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import type { Command } from 'commander';
import { resolveEnv } from '../config-file.js';
import { loadConfig } from '../config.js';
import { buildIamPolicy } from '../providers/iam-policy.js';

/**
 * `jobmatch iam-policy`: the least-privilege policy JSON on stdout (redirect it to a file), warnings and what
 * each resource is for on stderr.
 */
export function registerIamPolicyCommand(program: Command): void {
  program
    .command('iam-policy')
    .description('print the least-privilege IAM policy for the configured AWS providers (Bedrock, SageMaker)')
    .option('--account-id <id>', 'AWS account id for inference-profile and endpoint ARNs (default: AWS_ACCOUNT_ID)')
    .option('--region <region>', 'region of the calls (default: AWS_REGION, else the AWS profile)')
    .action(async (opts: { accountId?: string; region?: string }) => {
      const env = resolveEnv();
      const settings = loadConfig(env).providers;
      const needsAws = settings.JOBMATCH_PARSE_PROVIDER === 'bedrock' || settings.JOBMATCH_EMBED_PROVIDERS.some((p) => p === 'bedrock' || p === 'sagemaker');
      const region = opts.region ?? settings.AWS_REGION ?? (needsAws ? await profileRegion() : undefined);
      const result = buildIamPolicy(settings, { region, accountId: opts.accountId ?? env.AWS_ACCOUNT_ID });
      for (const note of result.notes) process.stderr.write(`${note}\n`);
      for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
      if (result.policy) process.stdout.write(`${JSON.stringify(result.policy, null, 2)}\n`);
    });
}

/** The region the AWS SDK would use (AWS_REGION, then the shared config profile), if any; no network. */
async function profileRegion(): Promise<string | undefined> {
  try {
    return await new SageMakerRuntimeClient({}).config.region();
  } catch {
    return undefined;
  }
}
