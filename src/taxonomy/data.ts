/**
 * The committed taxonomy file (data/taxonomy.json, written by `npm run build:taxonomy`) and its loader.
 * The file is read once, on first use, from the package root, so it works from src/ (tsx) and from dist/.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { packageFile } from '../package-root.js';

export const TAXONOMY_FORMAT = 1;

/** Skill flag bits. */
export const SKILL_FLAG_HOT = 1;

/**
 * Alias strings are phrase keys (see tokenize.ts). An alias that needs context to count (a short or
 * common-word surface such as "Go" or "Excel") is stored as "?" + its surface, with its distinctive case
 * when it has one ("?SAS"), so the matcher can accept that exact spelling without other evidence.
 */
export const AMBIGUOUS_PREFIX = '?';

const taxonomyFileSchema = z.object({
  format: z.literal(TAXONOMY_FORMAT),
  sources: z.array(z.string()),
  categories: z.array(z.string()),
  /** [canonical name, category index, flags, aliases]. */
  skills: z.array(z.tuple([z.string(), z.number().int().nonnegative(), z.number().int(), z.array(z.string())])),
  /** [O*NET-SOC code, occupation title, title keys that normalise to it joined by "|"]. */
  occupations: z.array(z.tuple([z.string(), z.string(), z.string()])),
  /** Head nouns that make a phrase a job title ("engineer", "nurse"). */
  titleHeads: z.array(z.string()),
  /** Spoken languages (kept out of skills on purpose). */
  spokenLanguages: z.array(z.string()),
});

export type TaxonomyFile = z.infer<typeof taxonomyFileSchema>;

/** data/taxonomy.json of this package, from src/ (tsx) or dist/ alike. */
export function findTaxonomyFile(): string {
  return packageFile(join('data', 'taxonomy.json'));
}

export function parseTaxonomy(json: string): TaxonomyFile {
  const file = taxonomyFileSchema.parse(JSON.parse(json));
  for (const [name, category] of file.skills) {
    if (category >= file.categories.length) throw new Error(`taxonomy: skill "${name}" has no category`);
  }
  return file;
}

let cached: TaxonomyFile | undefined;

export function loadTaxonomy(): TaxonomyFile {
  cached ??= parseTaxonomy(readFileSync(findTaxonomyFile(), 'utf8'));
  return cached;
}
