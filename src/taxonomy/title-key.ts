/**
 * How a job title is reduced to a lookup key. Shared by the taxonomy build and the runtime so that O*NET's
 * "Back-End Web Developer" and a resume's "Sr. backend web developer" meet on the same key.
 */
import { tokenize } from './tokenize.js';

/** Abbreviations expanded wherever they occur in a title. */
const ABBREVIATIONS: ReadonlyMap<string, string> = new Map(
  Object.entries({
    sr: 'senior',
    snr: 'senior',
    jr: 'junior',
    mgr: 'manager',
    mngr: 'manager',
    eng: 'engineer',
    engr: 'engineer',
    dev: 'developer',
    asst: 'assistant',
    assoc: 'associate',
    exec: 'executive',
    coord: 'coordinator',
    rep: 'representative',
    dir: 'director',
    supv: 'supervisor',
    svp: 'senior vice president',
    evp: 'executive vice president',
    avp: 'assistant vice president',
    vp: 'vice president',
    sw: 'software',
    backend: 'back end',
    frontend: 'front end',
    fullstack: 'full stack',
  }),
);

/**
 * Words that say how senior a role is, not what it is. They are dropped only after the full title failed
 * to match, so real titles that contain them ("Staff Nurse", "Lead Teacher") still match exactly.
 */
const SENIORITY = new Set([
  'senior',
  'junior',
  'lead',
  'principal',
  'staff',
  'entry',
  'mid',
  'level',
  'experienced',
  'trainee',
  'i',
  'ii',
  'iii',
  'iv',
  '1',
  '2',
  '3',
  '4',
]);

/** Lower-case words of a title; "&" becomes "and", "C++"/"C#" keep their symbol, other punctuation goes. */
export function titleWords(title: string): string[] {
  const words: string[] = [];
  const tokens = tokenize(title.replace(/\([^)]*\)/g, ' '));
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'word') {
      const expanded = ABBREVIATIONS.get(token.norm);
      if (token.norm === 'admin') {
        // "Admin Assistant" is administrative; a lone "Systems Admin" is an administrator.
        words.push(i === tokens.length - 1 ? 'administrator' : 'administrative');
      } else if (expanded !== undefined) {
        words.push(...expanded.split(' '));
      } else {
        words.push(token.norm);
      }
    } else if (token.norm === '&') {
      words.push('and');
    } else if ((token.norm === '+' || token.norm === '#') && !token.gapBefore && words.length > 0) {
      words[words.length - 1] += token.norm;
    }
  }
  return words;
}

export function titleKey(title: string): string {
  return titleWords(title).join(' ');
}

/** The words with seniority markers removed (the original words when nothing else would be left). */
export function withoutSeniority(words: readonly string[]): string[] {
  const kept = words.filter((w) => !SENIORITY.has(w));
  return kept.length > 0 ? kept : [...words];
}

/** Naive English singular of the last word, for plural O*NET occupation titles ("Registered Nurses"). */
export function singular(word: string): string {
  if (word.length <= 3 || word.endsWith('ss') || word.endsWith('us') || word.endsWith('is')) return word;
  if (word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ches|shes|xes|sses)$/.test(word)) return word.slice(0, -2);
  if (word.endsWith('s')) return word.slice(0, -1);
  return word;
}

/** The head noun of a title: the word before "of"/"for"/"to"/"in" ("Director of Sales"), else the last. */
export function titleHead(words: readonly string[]): string | undefined {
  const cut = words.findIndex((w, i) => i > 0 && (w === 'of' || w === 'for' || w === 'to' || w === 'in'));
  return cut > 0 ? words[cut - 1] : words[words.length - 1];
}
