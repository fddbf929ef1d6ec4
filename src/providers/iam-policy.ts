import { DEFAULT_BEDROCK_PARSER_MODEL } from './bedrock/index.js';
import type { ProviderSettings } from './settings.js';

/**
 * The least-privilege IAM policy for the configured AWS providers: exactly the actions our adapters call
 * (Bedrock Converse and InvokeModel are both authorised by `bedrock:InvokeModel`; SageMaker by
 * `sagemaker:InvokeEndpoint`) on exactly the models and endpoints configured. Never `"Resource": "*"`.
 */
export interface IamPolicyStatement {
  Sid: string;
  Effect: 'Allow';
  Action: string[];
  Resource: string[];
}

export interface IamPolicyDocument {
  Version: '2012-10-17';
  Statement: IamPolicyStatement[];
}

export interface IamPolicyResult {
  /** Null when no AWS provider is configured. */
  policy: IamPolicyDocument | null;
  /** Placeholders left in the policy, or assumptions the user must check. */
  warnings: string[];
  /** What each resource is for. */
  notes: string[];
}

export interface IamPolicyOptions {
  /** Region of the calls; defaults to settings.AWS_REGION. */
  region?: string;
  /** 12-digit account id for inference-profile and endpoint ARNs. */
  accountId?: string;
}

export const ACCOUNT_PLACEHOLDER = '<ACCOUNT_ID>';
export const REGION_PLACEHOLDER = '<REGION>';

/**
 * Where AWS's system-defined cross-region inference profiles may send a request, by profile prefix: the union
 * of the destination regions AWS lists for the Claude and embedding profiles in each geography (Bedrock user
 * guide, "Supported Regions and models for inference profiles", read 2026-11). ASSUMPTION: the exact set
 * differs per model and grows over time; a destination missing here shows up as an intermittent
 * AccessDeniedException, so check `aws bedrock get-inference-profile --inference-profile-identifier <id>` and
 * add its regions if it lists more. The `global.` profiles may route to any commercial region, which IAM
 * expresses with a region-less foundation-model ARN.
 */
export const PROFILE_DESTINATION_REGIONS: Readonly<Record<string, readonly string[]>> = {
  us: ['us-east-1', 'us-east-2', 'us-west-1', 'us-west-2'],
  'us-gov': ['us-gov-east-1', 'us-gov-west-1'],
  ca: ['ca-central-1', 'ca-west-1'],
  eu: ['eu-central-1', 'eu-central-2', 'eu-north-1', 'eu-south-1', 'eu-south-2', 'eu-west-1', 'eu-west-2', 'eu-west-3'],
  apac: ['ap-northeast-1', 'ap-northeast-2', 'ap-northeast-3', 'ap-south-1', 'ap-south-2', 'ap-southeast-1', 'ap-southeast-2', 'ap-southeast-4'],
  jp: ['ap-northeast-1', 'ap-northeast-3'],
  au: ['ap-southeast-2', 'ap-southeast-4'],
  global: [],
};

const PROFILE_PREFIX_RE = new RegExp(`^(${Object.keys(PROFILE_DESTINATION_REGIONS).sort((a, b) => b.length - a.length).join('|')})\\.(.+)$`);
const BEDROCK_ARN_RE = /^arn:(aws[a-z-]*):bedrock:([^:]*):(\d*):(foundation-model|inference-profile|application-inference-profile)\/(.+)$/;
const ACCOUNT_RE = /^\d{12}$/;

interface Context {
  region: string;
  account: string;
  warnings: string[];
  notes: string[];
}

export function buildIamPolicy(settings: ProviderSettings, options: IamPolicyOptions = {}): IamPolicyResult {
  const bedrockModels = new Map<string, string>();
  if (settings.JOBMATCH_PARSE_PROVIDER === 'bedrock') bedrockModels.set(settings.BEDROCK_PARSE_MODEL ?? DEFAULT_BEDROCK_PARSER_MODEL, 'resume parsing');
  if (settings.JOBMATCH_EMBED_PROVIDERS.includes('bedrock')) {
    const use = bedrockModels.has(settings.BEDROCK_EMBED_MODEL) ? `${bedrockModels.get(settings.BEDROCK_EMBED_MODEL)} and embeddings` : 'embeddings';
    bedrockModels.set(settings.BEDROCK_EMBED_MODEL, use);
  }
  const sagemaker = settings.JOBMATCH_EMBED_PROVIDERS.includes('sagemaker');
  if (bedrockModels.size === 0 && !sagemaker) {
    return { policy: null, warnings: [], notes: ['No AWS provider is configured (bedrock or sagemaker in JOBMATCH_PARSE_PROVIDER / JOBMATCH_EMBED_PROVIDERS): no IAM policy is needed.'] };
  }

  const ctx: Context = { region: options.region ?? settings.AWS_REGION ?? REGION_PLACEHOLDER, account: accountOf(options.accountId), warnings: [], notes: [] };
  if (ctx.region === REGION_PLACEHOLDER) ctx.warnings.push(`No region: set AWS_REGION or pass --region, or replace ${REGION_PLACEHOLDER} in the policy.`);

  const statements: IamPolicyStatement[] = [];
  const bedrockResources = [...bedrockModels].flatMap(([modelId, use]) => bedrockModelResources(modelId, use, ctx));
  if (bedrockResources.length > 0) {
    statements.push({ Sid: 'BedrockInvokeConfiguredModels', Effect: 'Allow', Action: ['bedrock:InvokeModel'], Resource: unique(bedrockResources) });
  }
  if (sagemaker) {
    let name = settings.SAGEMAKER_ENDPOINT_NAME;
    if (!name) {
      name = '<ENDPOINT_NAME>';
      ctx.warnings.push('The sagemaker embedder is configured without SAGEMAKER_ENDPOINT_NAME; replace <ENDPOINT_NAME> in the policy.');
    }
    // IAM matches endpoint ARNs in lower case, whatever case the endpoint was created with.
    const arn = `arn:${partitionOf(ctx.region)}:sagemaker:${ctx.region}:${ctx.account}:endpoint/${name.toLowerCase()}`;
    ctx.notes.push(`${arn}: SageMaker endpoint for embeddings.`);
    statements.push({ Sid: 'SageMakerInvokeConfiguredEndpoint', Effect: 'Allow', Action: ['sagemaker:InvokeEndpoint'], Resource: [arn] });
  }
  if (ctx.account === ACCOUNT_PLACEHOLDER && statements.some((s) => s.Resource.some((r) => r.includes(ACCOUNT_PLACEHOLDER)))) {
    ctx.warnings.unshift(`No account id: pass --account-id or set AWS_ACCOUNT_ID, or replace ${ACCOUNT_PLACEHOLDER} in the policy.`);
  }
  return { policy: { Version: '2012-10-17', Statement: statements }, warnings: ctx.warnings, notes: ctx.notes };
}

/** The ARNs `bedrock:InvokeModel` must allow for one configured model id, profile id or ARN. */
function bedrockModelResources(modelId: string, use: string, ctx: Context): string[] {
  const arn = BEDROCK_ARN_RE.exec(modelId);
  if (arn) {
    const [, partition, region, account, kind, id] = arn as unknown as [string, string, string, string, string, string];
    if (kind === 'foundation-model') {
      ctx.notes.push(`${modelId}: foundation model for ${use}.`);
      return [modelId];
    }
    if (kind === 'application-inference-profile') {
      ctx.notes.push(`${modelId}: application inference profile for ${use}.`);
      ctx.warnings.push(`${modelId} is an application inference profile: add the foundation-model ARN(s) it was created from (aws bedrock get-inference-profile) to the policy.`);
      return [modelId];
    }
    return profileResources({ partition, region, account, id }, use, ctx);
  }
  const profile = PROFILE_PREFIX_RE.exec(modelId);
  if (profile) return profileResources({ partition: partitionOf(ctx.region), region: ctx.region, account: ctx.account, id: modelId }, use, ctx);
  const resource = `arn:${partitionOf(ctx.region)}:bedrock:${ctx.region}::foundation-model/${modelId}`;
  ctx.notes.push(`${resource}: foundation model for ${use}.`);
  return [resource];
}

/**
 * A cross-region inference profile is authorised twice: the profile itself, in the region it is called from,
 * and the foundation model in every region the profile may route the request to.
 */
function profileResources(p: { partition: string; region: string; account: string; id: string }, use: string, ctx: Context): string[] {
  const [, geography, model] = PROFILE_PREFIX_RE.exec(p.id) ?? [];
  const profileArn = `arn:${p.partition}:bedrock:${p.region}:${p.account}:inference-profile/${p.id}`;
  ctx.notes.push(`${profileArn}: cross-region inference profile for ${use}.`);
  if (!geography || !model) {
    ctx.warnings.push(`${p.id}: not a known cross-region profile prefix; add the foundation-model ARNs it routes to.`);
    return [profileArn];
  }
  if (geography === 'global') {
    ctx.warnings.push(`${p.id} is a global profile: it may route to any commercial region, so the foundation model is allowed region-less (arn:${p.partition}:bedrock:::foundation-model/${model}).`);
    return [profileArn, `arn:${p.partition}:bedrock:::foundation-model/${model}`];
  }
  const regions = unique([p.region, ...PROFILE_DESTINATION_REGIONS[geography]!].filter((r) => r !== REGION_PLACEHOLDER)).sort();
  ctx.notes.push(`${model}: foundation model behind ${p.id}, allowed in ${regions.join(', ')} (the profile's destination regions; see PROFILE_DESTINATION_REGIONS).`);
  return [profileArn, ...regions.map((r) => `arn:${p.partition}:bedrock:${r}::foundation-model/${model}`)];
}

function accountOf(accountId: string | undefined): string {
  if (accountId === undefined || accountId === '') return ACCOUNT_PLACEHOLDER;
  if (!ACCOUNT_RE.test(accountId)) throw new RangeError(`An AWS account id is 12 digits, not "${accountId}".`);
  return accountId;
}

function partitionOf(region: string): string {
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  if (region.startsWith('cn-')) return 'aws-cn';
  return 'aws';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
