/**
 * Reading order for one PDF page, from positioned text runs.
 *
 * PDF has no notion of lines or columns, only glyphs at coordinates, and a two-column resume read line by
 * line interleaves its sidebar with its experience section. So: runs on the same baseline become rows; rows
 * are cut into chunks where a wide horizontal gap separates them; a vertical gutter that (almost) no chunk
 * crosses splits the page into columns, which are read one after the other, top to bottom. Full-width rows
 * that do cross the gutter (a header, a section rule) cut the page into bands, each split on its own.
 * Gutters are found recursively, so a sidebar inside a three-column page works too.
 */

/** A run of text as placed on the page. Coordinates in points, origin at the top-left, y grows downwards. */
export interface PositionedText {
  text: string;
  /** Left end of the baseline. */
  x: number;
  /** The baseline. */
  y: number;
  width: number;
  fontSize: number;
}

/** Text runs on one baseline that belong together: no gap wider than CHUNK_GAP_EM between them. */
interface Chunk {
  row: number;
  y: number;
  x0: number;
  x1: number;
  fontSize: number;
  text: string;
}

interface Line {
  text: string;
  y: number;
  fontSize: number;
}

/** `null` is a forced block break (between columns or bands). */
type LayoutLine = Line | null;

/** Baselines closer than this (in font sizes) are one row; covers sub/superscripts and rounding. */
const ROW_TOLERANCE_EM = 0.4;
/** A horizontal gap wider than this (in font sizes) ends a chunk; word spaces are ~0.25 em. */
const CHUNK_GAP_EM = 1.0;
/** A gap wider than this (in font sizes) between runs of one chunk is a word space. */
const SPACE_GAP_EM = 0.15;
/** Narrowest column gutter, in font sizes (of the median run). */
const MIN_GUTTER_EM = 0.8;
/** Share of rows allowed to cross a gutter (full-width headers and rules). */
const MAX_CROSSING_SHARE = 0.25;
/** Each side of a column split must have at least this many rows, or it is just a wide gap in a line. */
const MIN_COLUMN_ROWS = 2;
/**
 * When this share of the rows (of the longer side) have both sides on exactly one baseline, the "columns"
 * are the cells of table rows ("BSc Computer Science, Leeds ........ 2013 – 2016") and are read across.
 */
const TABLE_ROW_SHARE = 0.6;
/** A chunk with no other chunk on its side within this distance (in font sizes) stands alone. */
const ISOLATION_EM = 2.0;
const MAX_DEPTH = 4;
/** Wider than any real page (A0 is 2,384 pt), in points. */
const MAX_PAGE_WIDTH = 5000;
/** A baseline distance this much above the usual one (as a ratio) starts a new block. */
const BLOCK_GAP_FACTOR = 1.2;

const BULLET_ONLY = /^[•◦▪▫■□●○‣⁃∙·\-–*]$/u;

export function pageReadingOrder(items: readonly PositionedText[]): string[] {
  const chunks = toChunks(items);
  return toTextLines(layoutRegion(chunks, 0));
}

function toChunks(items: readonly PositionedText[]): Chunk[] {
  const runs = items
    .filter((it) => it.text.trim() !== '' && it.fontSize > 0 && [it.x, it.y, it.width].every(Number.isFinite))
    .sort((a, b) => a.y - b.y || a.x - b.x);

  const rows: PositionedText[][] = [];
  let rowY = Number.NEGATIVE_INFINITY;
  let rowSize = 0;
  for (const run of runs) {
    const current = rows[rows.length - 1];
    if (current && run.y - rowY <= ROW_TOLERANCE_EM * Math.min(run.fontSize, rowSize)) {
      current.push(run);
    } else {
      rows.push([run]);
      rowY = run.y;
      rowSize = run.fontSize;
    }
  }

  const chunks: Chunk[] = [];
  rows.forEach((row, index) => chunks.push(...rowChunks(row, index)));
  return chunks;
}

function rowChunks(row: PositionedText[], index: number): Chunk[] {
  const runs = [...row].sort((a, b) => a.x - b.x);
  const chunks: Chunk[] = [];
  let current: Chunk | undefined;
  let last: PositionedText | undefined;
  for (const run of runs) {
    // Some generators fake bold by drawing the same text twice, a fraction of a point apart.
    if (last && run.text === last.text && Math.abs(run.x - last.x) < 1 && Math.abs(run.y - last.y) < 1) continue;
    const size = Math.min(run.fontSize, last?.fontSize ?? run.fontSize);
    const gap = current ? run.x - current.x1 : Number.POSITIVE_INFINITY;
    if (!current || gap > CHUNK_GAP_EM * size) {
      current = { row: index, y: run.y, x0: run.x, x1: run.x + run.width, fontSize: run.fontSize, text: run.text };
      chunks.push(current);
    } else {
      const needsSpace = gap > SPACE_GAP_EM * size && !/\s$/.test(current.text) && !/^\s/.test(run.text);
      current.text += (needsSpace ? ' ' : '') + run.text;
      current.x1 = Math.max(current.x1, run.x + run.width);
      current.fontSize = Math.max(current.fontSize, run.fontSize);
    }
    last = run;
  }
  return mergeLoneBullets(chunks);
}

/** A bullet glyph set well apart from its text belongs to that text, not to a column of its own. */
function mergeLoneBullets(chunks: Chunk[]): Chunk[] {
  const out: Chunk[] = [];
  for (let i = 0; i < chunks.length; i++) {
    const chunk = chunks[i]!;
    const next = chunks[i + 1];
    if (next && BULLET_ONLY.test(chunk.text.trim()) && next.x0 - chunk.x1 < 4 * chunk.fontSize) {
      out.push({ ...next, x0: chunk.x0, text: `${chunk.text.trim()} ${next.text}` });
      i++;
    } else {
      out.push(chunk);
    }
  }
  return out;
}

interface Band {
  chunks: Chunk[];
  /** Set when the band reads as two columns at the gutter. */
  columns?: { left: Chunk[]; right: Chunk[] };
}

function layoutRegion(chunks: Chunk[], depth: number): LayoutLine[] {
  const bands = depth < MAX_DEPTH ? findColumnBands(chunks) : null;
  if (!bands) return rowsToLines(chunks);

  const out: LayoutLine[] = [];
  let pending: Chunk[] = [];
  const flush = () => {
    if (pending.length > 0) out.push(...layoutRegion(pending, depth + 1));
    pending = [];
  };
  for (const band of bands) {
    if (!band.columns) {
      pending.push(...band.chunks);
      continue;
    }
    flush();
    out.push(null, ...layoutRegion(band.columns.left, depth + 1), null, ...layoutRegion(band.columns.right, depth + 1), null);
  }
  flush();
  return out;
}

/**
 * The cleanest vertical gutter of the region and the bands it cuts the region into, or null when no
 * gutter separates real columns. "Cleanest" = crossed by the fewest chunks; among equals, the one that
 * splits the most rows into columns.
 */
function findColumnBands(chunks: Chunk[]): Band[] | null {
  if (chunks.length < 2 * MIN_COLUMN_ROWS) return null;
  const minX = Math.min(...chunks.map((c) => c.x0));
  const maxX = Math.max(...chunks.map((c) => c.x1));
  if (maxX - minX > MAX_PAGE_WIDTH) return null; // garbage coordinates; not worth a huge histogram
  const origin = Math.floor(minX);
  const coverage = new Uint16Array(Math.ceil(maxX) - origin + 1);
  for (const c of chunks) {
    for (let x = Math.floor(c.x0) - origin; x < Math.ceil(c.x1) - origin; x++) coverage[x]!++;
  }

  const rowCount = new Set(chunks.map((c) => c.row)).size;
  const minGutter = MIN_GUTTER_EM * median(chunks.map((c) => c.fontSize));
  const maxCrossing = Math.floor(rowCount * MAX_CROSSING_SHARE);

  const tried = new Set<string>(); // a run often stays the same across levels; judge it once
  for (let level = 0; level <= maxCrossing; level++) {
    let best: { bands: Band[]; splitRows: number } | null = null;
    for (const [start, end] of lowCoverageRuns(coverage, level, minGutter)) {
      if (tried.has(`${start}:${end}`)) continue;
      tried.add(`${start}:${end}`);
      const candidate = splitAtGutter(chunks, origin + start, origin + end);
      if (candidate.splitRows > 0 && (!best || candidate.splitRows > best.splitRows)) best = candidate;
    }
    if (best) return best.bands;
  }
  return null;
}

/** Maximal runs [start, end) of bins covered at most `level` times, inside the region and wide enough. */
function lowCoverageRuns(coverage: Uint16Array, level: number, minWidth: number): Array<[number, number]> {
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let x = 0; x <= coverage.length; x++) {
    const low = x < coverage.length && coverage[x]! <= level;
    if (low && start < 0) start = x;
    if (!low && start >= 0) {
      if (start > 0 && x < coverage.length && x - start >= minWidth) runs.push([start, x]);
      start = -1;
    }
  }
  return runs;
}

function splitAtGutter(chunks: Chunk[], gutterStart: number, gutterEnd: number): { bands: Band[]; splitRows: number } {
  const middle = (gutterStart + gutterEnd) / 2;
  const attached = attachedAcross(chunks, middle);
  const crosses = (c: Chunk) => (c.x0 < gutterStart + 0.5 && c.x1 > gutterEnd - 0.5) || attached.has(c);

  const bands: Band[] = [];
  let band: Chunk[] = [];
  for (const row of groupRows(chunks)) {
    if (row.some(crosses)) {
      if (band.length > 0) bands.push({ chunks: band });
      bands.push({ chunks: row });
      band = [];
    } else {
      band.push(...row);
    }
  }
  if (band.length > 0) bands.push({ chunks: band });

  let splitRows = 0;
  for (const b of bands) {
    const left = b.chunks.filter((c) => (c.x0 + c.x1) / 2 < middle);
    const right = b.chunks.filter((c) => (c.x0 + c.x1) / 2 >= middle);
    if (readsAsColumns(left, right)) {
      b.columns = { left, right };
      splitRows += new Set(b.chunks.map((c) => c.row)).size;
    }
  }
  return { bands, splitRows };
}

/**
 * Chunks with no neighbour on their side of the gutter but a chunk on their baseline across it: the date
 * or location set apart on a job title's line, the year in a timeline margin. They belong to that line,
 * so their row is read across. (A sidebar line that happens to share a baseline with the main column has
 * sidebar lines right above or below it, so it stays in its column.)
 */
function attachedAcross(chunks: Chunk[], middle: number): Set<Chunk> {
  const isLeft = (c: Chunk) => (c.x0 + c.x1) / 2 < middle;
  const byY = [...chunks].sort((a, b) => a.y - b.y);
  const attached = new Set<Chunk>();
  byY.forEach((c, i) => {
    const window = ISOLATION_EM * c.fontSize;
    let aligned = false;
    // Neighbours by baseline, walking out from c in both directions until out of reach.
    for (const step of [-1, 1]) {
      for (let j = i + step; j >= 0 && j < byY.length && Math.abs(byY[j]!.y - c.y) <= window; j += step) {
        const other = byY[j]!;
        if (isLeft(other) !== isLeft(c)) {
          if (other.row === c.row && baselinesAlign(c, other)) aligned = true;
        } else if (other.row !== c.row) {
          return; // a neighbour on its own side: part of a column
        }
      }
    }
    if (aligned) attached.add(c);
  });
  return attached;
}

function baselinesAlign(a: Chunk, b: Chunk): boolean {
  return Math.abs(a.y - b.y) <= Math.max(1, 0.1 * Math.min(a.fontSize, b.fontSize));
}

function readsAsColumns(left: Chunk[], right: Chunk[]): boolean {
  const leftRows = new Set(left.map((c) => c.row));
  const rightRows = new Set(right.map((c) => c.row));
  if (leftRows.size < MIN_COLUMN_ROWS || rightRows.size < MIN_COLUMN_ROWS) return false;
  const rightByRow = new Map(right.map((c) => [c.row, c]));
  const alignedRows = new Set<number>();
  for (const l of left) {
    const r = rightByRow.get(l.row);
    if (r && baselinesAlign(l, r)) alignedRows.add(l.row);
  }
  const aligned = alignedRows.size;
  return aligned < TABLE_ROW_SHARE * Math.max(leftRows.size, rightRows.size);
}

/** Chunks grouped by row, rows top to bottom, chunks left to right. */
function groupRows(chunks: Chunk[]): Chunk[][] {
  const byRow = new Map<number, Chunk[]>();
  for (const c of chunks) {
    const row = byRow.get(c.row);
    if (row) row.push(c);
    else byRow.set(c.row, [c]);
  }
  return [...byRow.values()]
    .map((row) => row.sort((a, b) => a.x0 - b.x0))
    .sort((a, b) => a[0]!.row - b[0]!.row); // rows are numbered top to bottom
}

function rowsToLines(chunks: Chunk[]): Line[] {
  return groupRows(chunks).map((row) => ({
    text: row.map((c) => c.text.trim()).join(' '),
    y: Math.min(...row.map((c) => c.y)),
    fontSize: Math.max(...row.map((c) => c.fontSize)),
  }));
}

/**
 * Lines to text, with a blank line at forced breaks and wherever the space between two lines is clearly
 * larger than the usual line spacing of their block (section and paragraph breaks).
 */
function toTextLines(layout: LayoutLine[]): string[] {
  const out: string[] = [];
  let block: Line[] = [];
  const flush = () => {
    if (block.length === 0) return;
    if (out.length > 0) out.push('');
    out.push(...withBlockBreaks(block));
    block = [];
  };
  for (const line of layout) {
    if (line) block.push(line);
    else flush();
  }
  flush();
  return out;
}

function withBlockBreaks(lines: Line[]): string[] {
  const ratios = lines.slice(1).map((line, i) => spacingRatio(lines[i]!, line));
  // The usual line spacing is the tight end of the distribution: in a short block (a page with a few
  // sections) half the distances may be section breaks.
  const usual = ratios.filter((r) => r > 0 && r < 2.5);
  const typical = usual.length >= 2 ? quantile(usual, 0.25) : 1.3;
  const out = [lines[0]!.text];
  lines.slice(1).forEach((line, i) => {
    const ratio = ratios[i]!;
    if (ratio <= 0 || ratio > typical * BLOCK_GAP_FACTOR) out.push('');
    out.push(line.text);
  });
  return out;
}

/** Baseline distance in font sizes (of the pair), so the taller line height of a heading is not a "gap". */
function spacingRatio(above: Line, below: Line): number {
  return (below.y - above.y) / ((above.fontSize + below.fontSize) / 2);
}

function median(values: number[]): number {
  return quantile(values, 0.5);
}

/** Linear-interpolated quantile; 0 for no values. */
function quantile(values: number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.min(lo + 1, sorted.length - 1);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
