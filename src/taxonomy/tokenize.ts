/**
 * The tokenizer shared by the taxonomy build (scripts/build-taxonomy.ts) and the runtime matcher, so that a
 * phrase is keyed identically on both sides.
 *
 * Tokens are runs of letters/digits ("word") or single phrase symbols ("symbol": + # . / & ' @ !) that can be
 * part of a skill name (C++, C#, .NET, Node.js, CI/CD, R&D). Whitespace, hyphens and underscores are gaps:
 * they separate tokens but do not stop a phrase, so "e-commerce" and "e commerce" key the same. Every other
 * character (, ; : ( ) | • …), and every URL or e-mail address, is a "break" that no phrase crosses.
 */

export type TokenKind = 'word' | 'symbol' | 'break';

export interface Token {
  kind: TokenKind;
  /** Lower-cased text ("" for a break). */
  norm: string;
  /** Offsets in the original text. */
  start: number;
  end: number;
  /** True when whitespace, a hyphen or an underscore separates this token from the previous one. */
  gapBefore: boolean;
}

// Order matters: URL/e-mail first so their parts never become words; then words; then phrase symbols;
// then gaps; anything else is a break. The e-mail branch may only start where a run of e-mail characters
// starts: tried inside a long run ("1-1-1-…"), it would rescan the rest of the run at every position.
const TOKEN_RE =
  /(?<url>(?:https?:\/\/|www\.)[^\s,;()<>]+|(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+)|(?<word>[\p{L}\p{N}\p{M}]+)|(?<symbol>[+#./&'’@!])|(?<gap>[\s\-_‐]+)|(?<other>.)/gsu;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let gapBefore = true;
  TOKEN_RE.lastIndex = 0;
  for (let m = TOKEN_RE.exec(text); m !== null; m = TOKEN_RE.exec(text)) {
    const g = m.groups ?? {};
    const start = m.index;
    const end = start + m[0].length;
    if (g.gap !== undefined) {
      gapBefore = true;
      continue;
    }
    if (g.word !== undefined) {
      tokens.push({ kind: 'word', norm: m[0].toLowerCase(), start, end, gapBefore });
    } else if (g.symbol !== undefined) {
      tokens.push({ kind: 'symbol', norm: m[0] === '’' ? "'" : m[0], start, end, gapBefore });
    } else {
      tokens.push({ kind: 'break', norm: '', start, end, gapBefore });
    }
    gapBefore = false;
  }
  return tokens;
}

/**
 * Appends `token` to a phrase key. Two words are joined by one space; symbols attach without one, so
 * "Node.js", "node . js" and "NODE.JS" all key as "node.js".
 */
export function extendKey(key: string, previous: Token | undefined, token: Token): string {
  if (previous === undefined) return token.norm;
  return previous.kind === 'word' && token.kind === 'word' ? `${key} ${token.norm}` : key + token.norm;
}

/** The lookup key of a whole phrase, or "" when it contains a break (such a phrase can never match). */
export function phraseKey(phrase: string): string {
  const tokens = tokenize(phrase);
  let key = '';
  let previous: Token | undefined;
  for (const token of tokens) {
    if (token.kind === 'break') return '';
    key = extendKey(key, previous, token);
    previous = token;
  }
  return key;
}

/** Number of tokens in a key (words and symbols), used to bound the matcher's look-ahead. */
export function keyTokenCount(key: string): number {
  return tokenize(key).length;
}
