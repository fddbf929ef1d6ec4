import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../src/config.js';
import { readConfigFile, resolveEnv } from '../src/config-file.js';

const dir = mkdtempSync(join(tmpdir(), 'jobmatch-config-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

function configError(fn: () => unknown): ConfigError {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    assert.equal(e.message.includes('\n'), false, 'one line');
    return e;
  }
  return assert.fail('expected a ConfigError');
}

describe('readConfigFile', () => {
  it('reads a flat object of env names, numbers and booleans as strings', () => {
    const path = file('ok.json', { PORT: 8080, JOBMATCH_SAMPLE_JOBS: false, AWS_REGION: 'eu-west-1', JOBMATCH_MAX_TOKENS: 10 });
    assert.deepEqual(readConfigFile(path), { PORT: '8080', JOBMATCH_SAMPLE_JOBS: 'false', AWS_REGION: 'eu-west-1', JOBMATCH_MAX_TOKENS: '10' });
  });

  it('is empty when no path is given and ./jobmatch.config.json is absent', () => {
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      assert.deepEqual(readConfigFile(), {});
      file('jobmatch.config.json', { LOG_LEVEL: 'debug' });
      assert.deepEqual(readConfigFile(), { LOG_LEVEL: 'debug' });
    } finally {
      rmSync(join(dir, 'jobmatch.config.json'));
      process.chdir(cwd);
    }
  });

  it('refuses secrets, naming the key and where secrets belong', () => {
    for (const key of ['OPENAI_API_KEY', 'HF_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'AWS_ACCESS_KEY_ID', 'AWS_SESSION_TOKEN', 'ADMIN_TOKEN', 'SMTP_PASSWORD', 'MY_SECRET']) {
      const path = file('secret.json', { PORT: 1, [key]: 'x' });
      const error = configError(() => readConfigFile(path));
      assert.match(error.message, new RegExp(`${path}.*${key} looks like a secret; keep secrets in the environment or the SDK credential chain`));
    }
    const url = file('url.json', { DATABASE_URL: 'postgres://app:hunter2@db:5432/jobs' });
    assert.match(configError(() => readConfigFile(url)).message, /DATABASE_URL holds a password/);
    assert.doesNotMatch(configError(() => readConfigFile(url)).message, /hunter2/);
  });

  it('accepts the shipped example file, which loads as a valid configuration', () => {
    const env = readConfigFile('jobmatch.config.example.json');
    assert.equal(loadConfig(env).providers.JOBMATCH_PARSE_PROVIDER, 'bedrock');
  });

  it('names the file and the problem for bad files', () => {
    assert.match(configError(() => readConfigFile(join(dir, 'missing.json'))).message, /missing\.json: no such file/);
    assert.match(configError(() => readConfigFile(file('bad.json', '{ "PORT": 1,'))).message, /bad\.json: not valid JSON/);
    assert.match(configError(() => readConfigFile(file('array.json', [1]))).message, /array\.json: expected one flat JSON object/);
    assert.match(configError(() => readConfigFile(file('nested.json', { PORT: { value: 1 } }))).message, /nested\.json: PORT values are strings, numbers or booleans/);
    assert.match(configError(() => readConfigFile(file('lower.json', { port: 1 }))).message, /lower\.json: port is not an environment variable name/);
  });
});

describe('resolveEnv', () => {
  const path = file('layer.json', { PORT: 8080, LOG_LEVEL: 'debug', JOBMATCH_EMBED_PROVIDERS: 'local,openai' });

  it('overlays the environment on the file named by JOBMATCH_CONFIG', () => {
    const env = resolveEnv({ JOBMATCH_CONFIG: path, LOG_LEVEL: 'warn', HOST: '0.0.0.0', UNSET: undefined });
    assert.equal(env.PORT, '8080');
    assert.equal(env.LOG_LEVEL, 'warn', 'the environment wins');
    assert.equal(env.HOST, '0.0.0.0');
    const config = loadConfig(env);
    assert.equal(config.port, 8080);
    assert.deepEqual(config.providers.JOBMATCH_EMBED_PROVIDERS, ['local', 'openai']);
  });

  it('passes a bad file on as a ConfigError', () => {
    const bad = file('bad-layer.json', { OPENAI_API_KEY: 'sk-x' });
    assert.match(configError(() => resolveEnv({ JOBMATCH_CONFIG: bad })).message, /OPENAI_API_KEY looks like a secret/);
  });
});
