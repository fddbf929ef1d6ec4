/**
 * Spoken languages (from ESCO's language collection). They are not skills in this taxonomy, so a resume's
 * "Languages: English, Hindi" section can be told apart from its skills.
 */
import { loadTaxonomy } from './data.js';

let languages: Set<string> | undefined;

/** True for the name of a spoken language ("German", "hindi"), case-insensitively. */
export function isSpokenLanguage(word: string): boolean {
  languages ??= new Set(loadTaxonomy().spokenLanguages.map((l) => l.toLowerCase()));
  return languages.has(word.trim().toLowerCase());
}
