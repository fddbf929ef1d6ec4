import type { Certification, Language } from '../../domain/index.js';
import { findDateRanges } from './dates.js';
import { companyScore } from './entities.js';
import type { Line } from './normalise.js';

/** Certifications and spoken languages. */

const ISSUER_SPLIT_RE = /\s+(?:[-–—|]|by|from|issued by)\s+|\s*,\s*/i;
const MAX_CERT_WORDS = 14;

export function parseCertifications(lines: readonly Line[], referenceDate: Date): Certification[] {
  const out: Certification[] = [];
  const seen = new Set<string>();
  for (const line of lines) {
    if (line.text.split(/\s+/).length > 24) continue;
    for (const item of line.text.split(/\s*;\s*|\s+\|\s+/)) {
      const cert = certification(item, referenceDate);
      if (cert === null || seen.has(cert.name.toLowerCase())) continue;
      seen.add(cert.name.toLowerCase());
      out.push(cert);
    }
  }
  return out;
}

function certification(item: string, referenceDate: Date): Certification | null {
  const ranges = findDateRanges(item, referenceDate);
  let text = item;
  let year: number | null = null;
  for (const r of [...ranges].reverse()) {
    const date = r.end ?? r.start;
    if (date !== null) year ??= Number(date.slice(0, 4));
    text = text.slice(0, r.index) + text.slice(r.index + r.length);
  }
  text = text.replace(/\(\s*\)/g, '').replace(/\s+/g, ' ').replace(/^[\s,.:;\-–—]+|[\s,.:;\-–—(]+$/g, '');
  if (text.length < 3 || !/\p{L}{2}/u.test(text)) return null;
  // "Name – Issuer": split only when what follows the separator reads as an organisation.
  const parts = text.split(ISSUER_SPLIT_RE).filter((p) => p !== '');
  const at = parts.findIndex((p, i) => i > 0 && (companyScore(p) >= 1 || /^[A-Z][A-Z&.]{1,10}$/.test(p)));
  const name = at > 0 ? text.slice(0, text.indexOf(parts[at]!)).replace(/[\s,\-–—|]+(?:by|from|issued by)?\s*$/i, '') : text;
  const issuer = at > 0 ? parts[at]! : null;
  if (name === '' || name.split(/\s+/).length > MAX_CERT_WORDS) return null;
  return { name, issuer, year: year !== null && year >= 1900 && year <= 2100 ? year : null };
}

const LANGUAGE_NAMES = new Set(
  (
    'English Spanish French German Italian Portuguese Dutch Russian Chinese Mandarin Cantonese Japanese Korean ' +
    'Arabic Hindi Urdu Bengali Bangla Punjabi Tamil Telugu Marathi Gujarati Kannada Malayalam Sinhala Nepali ' +
    'Persian Farsi Turkish Greek Hebrew Polish Czech Slovak Hungarian Romanian Bulgarian Serbian Croatian ' +
    'Bosnian Slovenian Ukrainian Belarusian Lithuanian Latvian Estonian Finnish Swedish Norwegian Danish ' +
    'Icelandic Irish Welsh Catalan Basque Galician Afrikaans Swahili Amharic Yoruba Igbo Hausa Zulu Xhosa ' +
    'Somali Malay Indonesian Tagalog Filipino Vietnamese Thai Khmer Lao Burmese Albanian Macedonian Armenian ' +
    'Georgian Azerbaijani Kazakh Uzbek Pashto Dari Kurdish Latin Esperanto Maltese Luxembourgish Creole ' +
    'Haitian Quechua Guarani Maori Samoan Tongan Fijian Hawaiian'
  ).split(' '),
);

const LANGUAGE_RE = new RegExp(`\\b(?:${[...LANGUAGE_NAMES].join('|')})\\b`, 'g');
const PROFICIENCY = String.raw`(?:native(?:\s+speaker)?|mother\s+tongue|first\s+language|bilingual|fluent(?:ly)?|fluency|proficient|full\s+professional(?:\s+proficiency)?|professional\s+working(?:\s+proficiency)?|working\s+(?:knowledge|proficiency)|limited\s+working(?:\s+proficiency)?|conversational|upper[- ]intermediate|intermediate|advanced|basic|beginner|elementary|excellent|good|fair|[ABC][12])`;
const PROFICIENCY_AFTER_RE = new RegExp(String.raw`^\s*(?:[:(\-–—]\s*)?(${PROFICIENCY})\b`, 'i');
const PROFICIENCY_ANY_RE = new RegExp(String.raw`\b(${PROFICIENCY})\b`, 'gi');
/** Lines outside a languages section that talk about spoken languages. */
const LANGUAGE_CONTEXT_RE = /\blanguages?\b|\bspeak(?:s|ing)?\b|\bfluent\b|\bnative\b|\bbilingual\b|mother\s+tongue/i;
const PROGRAMMING_CONTEXT_RE = /\b(?:programming|scripting|computer|markup|query)\s+languages?\b/i;

export interface LanguageOptions {
  /** Lines of languages sections: every language name in them counts. */
  sectionLines: readonly Line[];
  /** All lines: language names count where the line talks about languages. */
  allLines: readonly Line[];
}

export function parseLanguages(options: LanguageOptions): Language[] {
  const found = new Map<string, Language>();
  const scan = (text: string): void => {
    for (const segment of text.split(/\s*[;|•·]\s*/)) {
      for (const m of segment.matchAll(LANGUAGE_RE)) {
        const name = m[0];
        const key = name.toLowerCase();
        const proficiency = proficiencyFor(segment, m.index, m.index + name.length);
        const known = found.get(key);
        if (known === undefined) found.set(key, { name, proficiency });
        else known.proficiency ??= proficiency;
      }
    }
  };
  for (const line of options.sectionLines) scan(line.text);
  for (const line of options.allLines) {
    if (LANGUAGE_CONTEXT_RE.test(line.text) && !PROGRAMMING_CONTEXT_RE.test(line.text)) scan(line.text);
  }
  return [...found.values()];
}

/** "English (fluent)", "English: native" — or the level written before a run of names, "Basic French and Japanese". */
function proficiencyFor(segment: string, start: number, end: number): string | null {
  const after = PROFICIENCY_AFTER_RE.exec(segment.slice(end));
  if (after !== null) return after[1]!;
  let before: RegExpMatchArray | null = null;
  for (const m of segment.slice(0, start).matchAll(PROFICIENCY_ANY_RE)) before = m;
  if (before === null) return null;
  // Only language names may stand between the level and this name ("French (mother tongue) and English" is not).
  const between = segment.slice((before.index ?? 0) + before[0].length, start).replace(LANGUAGE_RE, '');
  return /^[\s,]*(?:and\s*)?[\s,]*$/i.test(between.replace(/\band\b/gi, '')) ? before[1]! : null;
}
