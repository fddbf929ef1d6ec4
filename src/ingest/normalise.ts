/**
 * The last step of every format: one visual line per line, single blank lines between blocks, and none
 * of the invisible characters that word processors and PDF exporters leave behind (they break matching
 * of e-mails, names and section headings downstream).
 */

const LIGATURES: Record<string, string> = {
  '\uFB00': 'ff',
  '\uFB01': 'fi',
  '\uFB02': 'fl',
  '\uFB03': 'ffi',
  '\uFB04': 'ffl',
  '\uFB05': 'st',
  '\uFB06': 'st',
};

// Word's Symbol and Wingdings bullets land in the Private Use Area when the font has no Unicode map.
const PRIVATE_USE_BULLETS = /[\uF0A7\uF0B7\uF076\uF0D8\uF0FC\uF0A8]/g;
const ZERO_WIDTH = /[\u200B-\u200D\u2060\uFEFF\u00AD]/g;
const HORIZONTAL_SPACE = /[\t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]/g;
// C0/C1 controls other than tab and line feed (which are handled separately) carry no text.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;

export function normaliseText(text: string): string {
  const lines = text
    .normalize('NFC')
    .replace(/\r\n?|[\u2028\u2029\v\f\u0085]/g, '\n')
    .replace(/[\uFB00-\uFB06]/g, (c) => LIGATURES[c] ?? c)
    .replace(PRIVATE_USE_BULLETS, '•')
    .replace(ZERO_WIDTH, '')
    .replace(CONTROL, '')
    .split('\n')
    .map(normaliseLine);

  const out: string[] = [];
  for (const line of lines) {
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

/** Keeps leading indentation (nested lists), collapses inner runs of spaces, drops trailing ones. */
function normaliseLine(line: string): string {
  const spaced = line.replace(HORIZONTAL_SPACE, (c) => (c === '\t' ? '  ' : ' ')).trimEnd();
  const indent = /^ */.exec(spaced)?.[0] ?? '';
  const body = spaced.slice(indent.length).replace(/ {2,}/g, ' ');
  return body === '' ? '' : indent + body;
}

/** Letters, digits and symbols; a quick "is there any text here" measure that ignores whitespace. */
export function countVisibleChars(text: string): number {
  let n = 0;
  for (const ch of text) if (ch.trim() !== '') n++;
  return n;
}

/** More than this many characters per newline on average means the line breaks were flattened away. */
const FLATTENED_CHARS_PER_NEWLINE = 150;

/**
 * Text copied out of a PDF viewer or a web form often has no line breaks left: each line break became a
 * run of 2–3 spaces and each paragraph break a run of 4 or more. Normalising would collapse those runs and
 * lose the structure for good, so such text gets its breaks back first.
 */
export function isFlattened(text: string): boolean {
  let newlines = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) newlines++;
  return newlines * FLATTENED_CHARS_PER_NEWLINE < text.length && /\S {2,}\S/.test(text);
}

export function unflattenText(text: string): string {
  if (!isFlattened(text)) return text;
  return text.replace(/[ \t]*\n[ \t]*\n\s*| {4,}|\t+ */g, '\n\n').replace(/ {2,3}/g, '\n');
}
