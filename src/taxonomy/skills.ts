/**
 * Skill matching: a hash of token n-grams built once from data/taxonomy.json, scanned longest-match-first.
 *
 * Ambiguous aliases (one or two letters, or tool names that are also ordinary words: "Go", "Spark",
 * "Excel") count only with evidence: the caller says the text is a skills list (`skillContext`), the alias
 * is written in its distinctive case ("LaTeX"), or it sits in a list next to a skill that counts ("Go,
 * Python").
 */
import { AMBIGUOUS_PREFIX, SKILL_FLAG_HOT, loadTaxonomy, type TaxonomyFile } from './data.js';
import { extendKey, phraseKey, tokenize, type Token } from './tokenize.js';

export interface SkillHit {
  /** Canonical name, e.g. "JavaScript". */
  name: string;
  /** The text as it occurs in the input, e.g. "JS". */
  surface: string;
  /** Taxonomy category, e.g. "programming-language". */
  category: string;
  /** Offsets of `surface` in the input text. */
  start: number;
  end: number;
}

export interface FindSkillsOptions {
  /**
   * True when the text is a skills section or a list of skills: ambiguous short skills (C, R, Go, Swift,
   * Spark, Excel…) count there without further evidence.
   */
  skillContext?: boolean;
}

export interface SkillInfo {
  name: string;
  category: string;
  /** Listed as a "Hot Technology" by O*NET. */
  hot: boolean;
}

interface Alias {
  skill: number;
  ambiguous: boolean;
  /** For an ambiguous alias: the exact spelling that counts without context ("LaTeX"), if any. */
  distinctiveSpelling: string | undefined;
}

interface SkillIndex {
  skills: SkillInfo[];
  aliases: Map<string, Alias>;
  /** Every proper token-prefix of every alias key: the scan stops as soon as a prefix is unknown. */
  prefixes: Set<string>;
  byName: Map<string, number>;
  /** Alias keys with spaces and symbols removed, for canonicalSkill("Java Script"); null when not unique. */
  compact: Map<string, number | null> | undefined;
}

/** How many separators (", ", " / ", " and ") may stand between two skills of one list. */
const LIST_GAP = 3;
const LIST_WORDS = new Set(['and', 'or', 'with', 'plus']);
/** Glued symbols that make a match part of a bigger word: "C" in "C++", "R" in "R&D", "go" in "go.dev". */
const JOINERS_AFTER = new Set(['+', '#', '&', "'", '@']);
const JOINERS_BEFORE = new Set(['&', "'", '@', '#', '.']);

function buildIndex(file: TaxonomyFile): SkillIndex {
  const skills: SkillInfo[] = [];
  const aliases = new Map<string, Alias>();
  const prefixes = new Set<string>();
  const byName = new Map<string, number>();
  file.skills.forEach(([name, category, flags, aliasList], skill) => {
    skills.push({ name, category: file.categories[category]!, hot: (flags & SKILL_FLAG_HOT) !== 0 });
    byName.set(name.toLowerCase(), skill);
    for (const entry of aliasList) {
      const ambiguous = entry.startsWith(AMBIGUOUS_PREFIX);
      const surface = ambiguous ? entry.slice(AMBIGUOUS_PREFIX.length) : entry;
      const key = ambiguous ? phraseKey(surface) : surface;
      if (key === '') continue;
      const distinctiveSpelling = ambiguous && surface !== key ? surface : undefined;
      aliases.set(key, { skill, ambiguous, distinctiveSpelling });
      addPrefixes(key, prefixes);
    }
  });
  return { skills, aliases, prefixes, byName, compact: undefined };
}

/** Characters that are tokens of their own in a key (see tokenize.ts); everything else but " " is a word. */
const SYMBOL_CHARS = new Set(['+', '#', '.', '/', '&', "'", '@', '!']);

/**
 * Adds every proper token-prefix of `key` ("node", "node." for "node.js"). Keys are already normalised
 * (words joined by one space, symbols glued), so a prefix is a slice that ends at a token boundary.
 */
function addPrefixes(key: string, prefixes: Set<string>): void {
  for (let i = 1; i < key.length; i++) {
    const previous = key[i - 1]!;
    const current = key[i]!;
    const boundary =
      current === ' ' || SYMBOL_CHARS.has(previous) || (SYMBOL_CHARS.has(current) && previous !== ' ');
    if (boundary) prefixes.add(key.slice(0, i));
  }
}

let index: SkillIndex | undefined;

function skillIndex(): SkillIndex {
  index ??= buildIndex(loadTaxonomy());
  return index;
}

/** Builds the matcher now rather than on the first call (e.g. at server start-up). */
export function warmUpSkills(): void {
  skillIndex();
}

interface Match {
  alias: Alias;
  /** Token range, inclusive. */
  first: number;
  last: number;
  accepted: boolean;
}

/** Every taxonomy skill mentioned in `text`, canonicalised, de-duplicated by canonical name. */
export function findSkills(text: string, options: FindSkillsOptions = {}): SkillHit[] {
  const idx = skillIndex();
  const tokens = tokenize(text);
  const matches = scan(tokens, idx);
  for (const m of matches) {
    m.accepted = !m.alias.ambiguous || options.skillContext === true || writtenDistinctively(m, tokens, text);
  }
  acceptListNeighbours(matches, tokens);

  const hits: SkillHit[] = [];
  const seen = new Set<number>();
  for (const m of matches) {
    if (!m.accepted || seen.has(m.alias.skill)) continue;
    seen.add(m.alias.skill);
    const skill = idx.skills[m.alias.skill]!;
    const start = tokens[m.first]!.start;
    const end = tokens[m.last]!.end;
    hits.push({ name: skill.name, surface: text.slice(start, end), category: skill.category, start, end });
  }
  return hits;
}

/** Longest-match-first scan over token n-grams. */
function scan(tokens: readonly Token[], idx: SkillIndex): Match[] {
  const matches: Match[] = [];
  let i = 0;
  while (i < tokens.length) {
    if (tokens[i]!.kind === 'break' || !startsCleanly(tokens, i)) {
      i++;
      continue;
    }
    let key = '';
    let found: Match | undefined;
    for (let j = i; j < tokens.length; j++) {
      const token = tokens[j]!;
      if (token.kind === 'break') break;
      key = extendKey(key, j > i ? tokens[j - 1] : undefined, token);
      const alias = idx.aliases.get(key);
      if (alias !== undefined && endsCleanly(tokens, j)) found = { alias, first: i, last: j, accepted: false };
      if (!idx.prefixes.has(key)) break;
    }
    if (found === undefined) {
      i++;
    } else {
      matches.push(found);
      i = found.last + 1;
    }
  }
  return matches;
}

function startsCleanly(tokens: readonly Token[], i: number): boolean {
  const token = tokens[i]!;
  const before = tokens[i - 1];
  if (before === undefined || token.gapBefore) return true;
  if (before.kind === 'word') return token.kind !== 'word';
  // "john.go", "R&D": glued to the word before through a joiner.
  return !(JOINERS_BEFORE.has(before.norm) && token.kind === 'word' && tokens[i - 2]?.kind === 'word' && !before.gapBefore);
}

function endsCleanly(tokens: readonly Token[], j: number): boolean {
  const after = tokens[j + 1];
  if (after === undefined || after.gapBefore || after.kind === 'break') return true;
  if (JOINERS_AFTER.has(after.norm)) return false;
  // "python.org", "Node.js" when only "node" is known: a dot glued to a following word.
  if (after.norm === '.') {
    const next = tokens[j + 2];
    return next === undefined || next.gapBefore || next.kind !== 'word';
  }
  return true;
}

/**
 * "LaTeX", "PyTorch": the alias's own distinctive spelling. An all-caps alias ("SAS") does not count
 * inside all-caps text, where every word is in capitals.
 */
function writtenDistinctively(m: Match, tokens: readonly Token[], text: string): boolean {
  const spelling = m.alias.distinctiveSpelling;
  if (spelling === undefined) return false;
  if (text.slice(tokens[m.first]!.start, tokens[m.last]!.end) !== spelling) return false;
  if (/[a-z]/.test(spelling)) return true;
  return !isUpperCaseWord(nearestWord(tokens, m.first, -1), text) && !isUpperCaseWord(nearestWord(tokens, m.last, 1), text);
}

function nearestWord(tokens: readonly Token[], from: number, step: 1 | -1): Token | undefined {
  for (let k = from + step; k >= 0 && k < tokens.length; k += step) {
    if (tokens[k]!.kind === 'word') return tokens[k];
  }
  return undefined;
}

function isUpperCaseWord(token: Token | undefined, text: string): boolean {
  if (token === undefined || token.end - token.start < 2) return false;
  const word = text.slice(token.start, token.end);
  return word === word.toUpperCase() && word !== word.toLowerCase();
}

/** Accepts ambiguous matches that stand in a list next to an accepted skill ("Go, Python"). */
function acceptListNeighbours(matches: Match[], tokens: readonly Token[]): void {
  // Two sweeps let acceptance travel along a list in either direction ("C, R, Python").
  for (const order of [matches, [...matches].reverse()]) {
    let previous: Match | undefined;
    for (const m of order) {
      if (previous !== undefined && !m.accepted && previous.accepted && inSameList(previous, m, tokens)) {
        m.accepted = true;
      }
      previous = m;
    }
  }
}

function inSameList(a: Match, b: Match, tokens: readonly Token[]): boolean {
  const [left, right] = a.first < b.first ? [a, b] : [b, a];
  const between = right.first - left.last - 1;
  if (between > LIST_GAP) return false;
  for (let k = left.last + 1; k < right.first; k++) {
    const token = tokens[k]!;
    if (token.kind === 'word' && !LIST_WORDS.has(token.norm)) return false;
    // A full stop ends the sentence, and with it the list.
    if (token.kind === 'symbol' && token.norm === '.') return false;
  }
  return true;
}

/** Canonical form of one skill phrase ("k8s" → Kubernetes), or null when the taxonomy has no entry. */
export function canonicalSkill(phrase: string): { name: string; category: string } | null {
  const idx = skillIndex();
  const skill = lookupPhrase(phrase, idx);
  if (skill === undefined) return null;
  const info = idx.skills[skill]!;
  return { name: info.name, category: info.category };
}

/** Name, category and O*NET hot flag of a canonical skill name (case-insensitive), or null. */
export function skillInfo(name: string): SkillInfo | null {
  const idx = skillIndex();
  const skill = idx.byName.get(name.trim().toLowerCase());
  return skill === undefined ? null : { ...idx.skills[skill]! };
}

/** Version tokens: "8", "10g", "9i", "v2", "2008", "x" (as in 3.x), and Windows' "xp"/"nt"/"vista". */
const VERSION_TOKEN = /^(?:v?\d+(?:[a-z]{1,2})?|x|\d+x|xp|nt|vista|me)$/;
const SKILL_SUFFIXES = /\s+(?:skills?|programming|development|language|framework)$/i;

/**
 * Exact alias first; then without a version ("Oracle 10g", "Java 1.6", "SQL Server 2008"), without a
 * parenthesis ("Search engine optimization (SEO)"), without "skills", and finally ignoring spaces and
 * punctuation ("Java Script", "Power Point").
 */
function lookupPhrase(phrase: string, idx: SkillIndex): number | undefined {
  const candidates = [phrase, ...phraseVariants(phrase)];
  for (const candidate of candidates) {
    const alias = idx.aliases.get(phraseKey(candidate.trim()));
    if (alias !== undefined) return alias.skill;
    const versionless = stripVersion(candidate);
    if (versionless !== undefined) {
      const hit = idx.aliases.get(versionless);
      if (hit !== undefined) return hit.skill;
    }
  }
  const compact = compactKey(phraseKey(phrase));
  if (compact.length < 3) return undefined;
  return compactIndex(idx).get(compact) ?? undefined;
}

function phraseVariants(phrase: string): string[] {
  const variants: string[] = [];
  const paren = /^(.*\S)\s*\(([^)]+)\)\s*$/.exec(phrase);
  if (paren !== null) variants.push(paren[1]!, paren[2]!);
  if (SKILL_SUFFIXES.test(phrase)) variants.push(phrase.replace(SKILL_SUFFIXES, ''));
  // "Oracle databases", "Relational Databases".
  if (/[^s]s$/i.test(phrase.trim())) variants.push(phrase.trim().slice(0, -1));
  return variants;
}

/** The key without trailing version tokens, or undefined when there were none. */
function stripVersion(phrase: string): string | undefined {
  const tokens = tokenize(phrase);
  let end = tokens.length;
  while (end > 1) {
    const t = tokens[end - 1]!;
    if ((t.kind === 'word' && VERSION_TOKEN.test(t.norm)) || (t.kind === 'symbol' && (t.norm === '.' || t.norm === '/'))) end--;
    else break;
  }
  if (end === tokens.length || end === 0) return undefined;
  let key = '';
  for (let i = 0; i < end; i++) key = extendKey(key, tokens[i - 1], tokens[i]!);
  return key;
}

function compactKey(key: string): string {
  return key.replace(/[\s.\-_/]/g, '');
}

function compactIndex(idx: SkillIndex): Map<string, number | null> {
  if (idx.compact === undefined) {
    const compact = new Map<string, number | null>();
    for (const [key, alias] of idx.aliases) {
      const c = compactKey(key);
      const existing = compact.get(c);
      compact.set(c, existing === undefined || existing === alias.skill ? alias.skill : null);
    }
    idx.compact = compact;
  }
  return idx.compact;
}
