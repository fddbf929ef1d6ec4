import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import { ConfigError } from './config.js';

/**
 * An optional JSON config file beside the environment: a flat object whose keys are the environment
 * variable names themselves (one name per setting, whichever way it is given), so every module keeps
 * reading one `env` record and documentation needs one list. The environment wins over the file.
 *
 * Secrets are refused here on purpose: a config file gets committed, copied and attached to tickets. Keys
 * and tokens stay in the environment or the SDK credential chains, which is also the only place the SDKs
 * read them from.
 */
export const DEFAULT_CONFIG_FILE = 'jobmatch.config.json';

/** Keys named like a credential: a whole underscore-separated segment, so JOBMATCH_MAX_TOKENS stays allowed. */
const SECRET_KEY_RE = /(?:^|_)(?:SECRET|TOKEN|PASSWORD|API_KEY)(?:_|$)/;
/** Credentials that do not say so in their name. */
const SECRET_KEYS = new Set(['AWS_ACCESS_KEY_ID']);
const ENV_NAME_RE = /^[A-Z][A-Z0-9_]*$/;
/** A URL with a password in it (postgres://user:password@host). */
const URL_WITH_PASSWORD_RE = /^[a-z][a-z0-9+.-]*:\/\/[^/@:]+:[^/@]+@/i;

const ConfigFileSchema = z
  .record(
    z.string(),
    z.union([z.string(), z.number(), z.boolean()], { error: 'values are strings, numbers or booleans' }),
  )
  .superRefine((record, ctx) => {
    for (const [key, value] of Object.entries(record)) {
      if (!ENV_NAME_RE.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'is not an environment variable name (A-Z, 0-9, _): keys are the variable names' });
      } else if (SECRET_KEYS.has(key) || SECRET_KEY_RE.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'looks like a secret; keep secrets in the environment or the SDK credential chain, not in a config file' });
      } else if (typeof value === 'string' && URL_WITH_PASSWORD_RE.test(value)) {
        ctx.addIssue({ code: 'custom', path: [key], message: 'holds a password in a URL; keep secrets in the environment, not in a config file' });
      }
    }
  });

/**
 * The settings in a config file, as strings. `path` defaults to ./jobmatch.config.json, which may be absent;
 * a path given explicitly must exist. A file that is not valid throws a one-line ConfigError naming it.
 */
export function readConfigFile(path?: string): Record<string, string> {
  const file = resolve(path ?? DEFAULT_CONFIG_FILE);
  if (path === undefined && !existsSync(file)) return {};
  const fail = (problem: string): never => {
    throw new ConfigError(`Invalid config file ${file}: ${problem}`);
  };
  let text = '';
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    fail((e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    fail(`not valid JSON (${(e as Error).message})`);
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) fail('expected one flat JSON object of "NAME": value pairs');
  const parsed = ConfigFileSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const key = issue.path.map(String).join('.');
    return fail(`${key ? `${key} ` : ''}${issue.message}`);
  }
  return Object.fromEntries(Object.entries(parsed.data).map(([k, v]) => [k, String(v)]));
}

/**
 * The effective settings: the config file (JOBMATCH_CONFIG, else ./jobmatch.config.json when present) overlaid
 * by the environment. Pass the result wherever an `env` record is taken (`loadConfig(resolveEnv())`).
 */
export function resolveEnv(env: Record<string, string | undefined> = process.env): Record<string, string | undefined> {
  const fromFile = readConfigFile(env.JOBMATCH_CONFIG || undefined);
  const merged: Record<string, string | undefined> = { ...fromFile };
  for (const [key, value] of Object.entries(env)) if (value !== undefined) merged[key] = value;
  return merged;
}
