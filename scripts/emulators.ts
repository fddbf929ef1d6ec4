/**
 * `npm run emulators`: the cloud providers' wire emulators on loopback, so the cloud paths can be tried with
 * no account and no network. They answer with the local parser and embedder, in each provider's exact wire
 * format (and verify SigV4 for AWS). Stop with Ctrl-C.
 */
import { startBedrockEmulator } from '../test/emulators/bedrock.js';
import { startHuggingFaceEmulator } from '../test/emulators/huggingface.js';
import { startOpenAiEmulator } from '../test/emulators/openai.js';
import { startSageMakerEmulator } from '../test/emulators/sagemaker.js';

// Test credentials, valid only against these emulators.
const AWS = { accessKeyId: 'AKIDEMULATOR', secretAccessKey: 'emulator-secret' };
const OPENAI_KEY = 'sk-emulator';

const openai = await startOpenAiEmulator({ port: 4010, apiKey: OPENAI_KEY });
const bedrock = await startBedrockEmulator({ ...AWS, port: 4011 });
const hf = await startHuggingFaceEmulator({ token: 'hf_emulator', port: 4012 });
const sagemaker = await startSageMakerEmulator({ ...AWS, port: 4013, endpoints: { 'embed-endpoint': 'tei' } });

process.stdout.write(`Emulators running. Point jobmatch at them with:

  # OpenAI
  OPENAI_API_KEY=${OPENAI_KEY} OPENAI_BASE_URL=${openai.url} JOBMATCH_PARSE_PROVIDER=openai JOBMATCH_EMBED_PROVIDERS=openai,local npm start

  # AWS Bedrock (credentials resolved by the AWS SDK's default chain, here from the environment)
  AWS_ACCESS_KEY_ID=${AWS.accessKeyId} AWS_SECRET_ACCESS_KEY=${AWS.secretAccessKey} AWS_REGION=us-east-1 \\
  BEDROCK_ENDPOINT=${bedrock.url} JOBMATCH_PARSE_PROVIDER=bedrock JOBMATCH_EMBED_PROVIDERS=bedrock,local npm start

  # Hugging Face (a dedicated inference endpoint)
  HF_TOKEN=hf_emulator HF_ENDPOINT_URL=${hf.endpointUrl} HF_EMBED_DIMENSIONS=512 JOBMATCH_EMBED_PROVIDERS=huggingface,local npm start

  # AWS SageMaker (a TEI embedding endpoint)
  AWS_ACCESS_KEY_ID=${AWS.accessKeyId} AWS_SECRET_ACCESS_KEY=${AWS.secretAccessKey} AWS_REGION=us-east-1 \\
  SAGEMAKER_RUNTIME_ENDPOINT=${sagemaker.url} SAGEMAKER_ENDPOINT_NAME=embed-endpoint SAGEMAKER_EMBED_DIMENSIONS=512 \\
  JOBMATCH_EMBED_PROVIDERS=sagemaker,local npm start

  # Any of the above: check the setup with \`npx jobmatch doctor\`, print its IAM policy with \`npx jobmatch iam-policy\`.

`);

const stop = async () => {
  await Promise.all([openai.close(), bedrock.close(), hf.close(), sagemaker.close()]);
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
