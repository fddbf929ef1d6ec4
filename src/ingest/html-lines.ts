/**
 * Mammoth's HTML to text lines. Mammoth emits a small, well-formed subset (p, h1–h6, ul/ol/li, table/tr/td,
 * inline strong/em/a/sup/sub, br, img), so a tag tokenizer is enough; no HTML parser dependency.
 *
 * Paragraphs and headings become one line each, a blank line goes before every heading, list items become
 * "- item" ("1. item" when numbered, indented when nested). Table rows whose cells hold one line each are
 * read across ("Degree | Institution | Dates"); rows with larger cells are layout tables (the usual way to
 * build a two-column resume in Word), so each cell is emitted as its own block.
 */

interface Element {
  tag: string;
  children: Array<Element | string>;
}

const VOID_TAGS = new Set(['br', 'img', 'hr']);
const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'div', 'blockquote']);
const HEADING = /^h[1-6]$/;

export function htmlToLines(html: string): string[] {
  const out: string[] = [];
  renderBlocks(parse(html), out, 0);
  return out;
}

function parse(html: string): Element {
  const root: Element = { tag: 'root', children: [] };
  const stack: Element[] = [root];
  for (const match of html.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|([^<]+)/g)) {
    const [, closing, rawTag, text] = match;
    const parent = stack[stack.length - 1]!;
    if (text !== undefined) {
      parent.children.push(decodeEntities(text));
      continue;
    }
    const tag = rawTag!.toLowerCase();
    if (closing) {
      // Pop to the matching open tag; tolerate stray closers.
      const at = stack.map((e) => e.tag).lastIndexOf(tag);
      if (at > 0) stack.length = at;
    } else {
      const element: Element = { tag, children: [] };
      parent.children.push(element);
      if (!VOID_TAGS.has(tag)) stack.push(element);
    }
  }
  return root;
}

function renderBlocks(element: Element, out: string[], listDepth: number): void {
  let inline = '';
  const flushInline = () => {
    if (inline.trim() !== '') out.push(...inline.split('\n'));
    inline = '';
  };
  for (const child of element.children) {
    if (typeof child === 'string' || !BLOCK_TAGS.has(child.tag)) {
      inline += inlineText(child);
      continue;
    }
    flushInline();
    if (child.tag === 'p') {
      const text = inlineText(child);
      out.push(...(text.trim() === '' ? [''] : text.split('\n'))); // empty paragraphs are Word's spacers
    } else if (HEADING.test(child.tag)) {
      out.push('', ...inlineText(child).split('\n'));
    } else if (child.tag === 'ul' || child.tag === 'ol') {
      renderList(child, out, listDepth);
    } else if (child.tag === 'table') {
      renderTable(child, out);
    } else {
      renderBlocks(child, out, listDepth);
    }
  }
  flushInline();
}

function renderList(list: Element, out: string[], depth: number): void {
  const indent = '  '.repeat(depth);
  let number = 1;
  for (const item of list.children) {
    if (typeof item === 'string' || item.tag !== 'li') continue;
    const marker = list.tag === 'ol' ? `${number++}.` : '-';
    const itemLines: string[] = [];
    renderBlocks(item, itemLines, depth + 1);
    const [first = '', ...rest] = itemLines;
    // Nested lists come back already indented; other continuation lines hang under the item's text.
    out.push(`${indent}${marker} ${first.trim()}`, ...rest.map((l) => (/^\s*(?:-|\d+\.)\s/.test(l) ? l : `${indent}  ${l}`)));
  }
}

function renderTable(table: Element, out: string[]): void {
  out.push('');
  for (const row of descendants(table, 'tr')) {
    const cells = row.children
      .filter((c): c is Element => typeof c !== 'string' && (c.tag === 'td' || c.tag === 'th'))
      .map((cell) => {
        const lines: string[] = [];
        renderBlocks(cell, lines, 0);
        return lines.filter((l) => l.trim() !== '');
      })
      .filter((lines) => lines.length > 0);
    if (cells.every((lines) => lines.length === 1)) {
      if (cells.length > 0) out.push(cells.map((lines) => lines[0]!.trim()).join(' | '));
    } else {
      for (const lines of cells) out.push('', ...lines, '');
    }
  }
  out.push('');
}

/** Elements with the tag below `element`, not looking inside nested tables. */
function descendants(element: Element, tag: string): Element[] {
  const found: Element[] = [];
  for (const child of element.children) {
    if (typeof child === 'string') continue;
    if (child.tag === tag) found.push(child);
    else if (child.tag !== 'table') found.push(...descendants(child, tag));
  }
  return found;
}

function inlineText(node: Element | string): string {
  if (typeof node === 'string') return node;
  if (node.tag === 'br') return '\n';
  if (node.tag === 'img') return '';
  return node.children.map(inlineText).join('');
}

const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

/** HTML/XML character references; unknown ones are left as written. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}
