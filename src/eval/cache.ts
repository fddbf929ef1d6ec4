import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ParsedResumeSchema, UsageSchema, type ParsedResume, type Usage } from '../domain/index.js';

/**
 * Parses already paid for, on disk, so an interrupted or repeated comparison resumes where it stopped instead
 * of calling (and billing) every provider again. One small JSON file per parse, written atomically (temp file,
 * then rename), so a crash mid-run loses at most the parses in flight. Only successes are kept: a failure is
 * retried on the next run.
 */

export const CachedParseSchema = z.object({
  resume: ParsedResumeSchema,
  usage: UsageSchema,
  /** Latency of the original call: a rerun reports the run as it happened, not the cache's speed. */
  latencyMs: z.number().nonnegative(),
});
export type CachedParse = z.infer<typeof CachedParseSchema>;

export interface ParseKey {
  provider: string;
  model: string;
  /** Prompt or parser version: a new prompt must never be scored with the old prompt's answers. */
  version: string;
  /** "Present" resolves against it, so it changes the answer; null when each parse used its own now. */
  referenceDate: string | null;
  text: string;
}

/** sha256 over the parts, length-prefixed so no two different keys can concatenate to the same bytes. */
export function parseCacheKey(key: ParseKey): string {
  const hash = createHash('sha256');
  for (const part of [key.provider, key.model, key.version, key.referenceDate ?? '', key.text]) hash.update(`${part.length}:${part}\0`);
  return hash.digest('hex');
}

export class ParseCache {
  constructor(readonly dir: string) {}

  private path(key: string): string {
    return join(this.dir, key.slice(0, 2), `${key}.json`);
  }

  /** The cached parse, or undefined when absent or unreadable (a torn or foreign file is just a miss). */
  async get(key: string): Promise<CachedParse | undefined> {
    let text: string;
    try {
      text = await readFile(this.path(key), 'utf8');
    } catch {
      return undefined;
    }
    try {
      const parsed = CachedParseSchema.safeParse(JSON.parse(text));
      return parsed.success ? parsed.data : undefined;
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: { resume: ParsedResume; usage: Usage; latencyMs: number }): Promise<void> {
    const path = this.path(key);
    await mkdir(join(this.dir, key.slice(0, 2)), { recursive: true });
    const temp = `${path}.${randomUUID()}.tmp`;
    await writeFile(temp, JSON.stringify(value));
    await rename(temp, path);
  }
}
