import { AppError } from '../domain/index.js';

export interface VectorHit {
  id: string;
  similarity: number;
}

/**
 * Exact cosine top-k over one embedding space, in memory. Vectors are unit-normalised on insert, so
 * cosine is a dot product over one contiguous Float32Array — about 50 M multiply-adds for 100k × 512,
 * a few tens of milliseconds, with recall 1 by construction. The database stays the source of truth;
 * this is the read path (pgvector's exact scan in PGlite measured ~55 ms at 10k).
 */
export class VectorIndex {
  readonly dimensions: number;
  private data: Float32Array;
  private ids: string[] = [];
  private readonly slot = new Map<string, number>();

  constructor(dimensions: number, initialCapacity = 1024) {
    this.dimensions = dimensions;
    this.data = new Float32Array(dimensions * initialCapacity);
  }

  get size(): number {
    return this.ids.length;
  }

  has(id: string): boolean {
    return this.slot.has(id);
  }

  upsert(id: string, vector: ArrayLike<number>): void {
    if (vector.length !== this.dimensions) {
      throw new AppError('invalid_request', `Vector for ${id} has ${vector.length} dimensions; this space has ${this.dimensions}.`);
    }
    let at = this.slot.get(id);
    if (at === undefined) {
      at = this.ids.length;
      this.ensureCapacity(at + 1);
      this.ids.push(id);
      this.slot.set(id, at);
    }
    writeNormalised(this.data, at * this.dimensions, vector);
  }

  remove(id: string): void {
    const at = this.slot.get(id);
    if (at === undefined) return;
    // Swap the last row into the hole: removal stays O(d) and the matrix stays dense.
    const last = this.ids.length - 1;
    const lastId = this.ids[last]!;
    if (at !== last) {
      this.data.copyWithin(at * this.dimensions, last * this.dimensions, (last + 1) * this.dimensions);
      this.ids[at] = lastId;
      this.slot.set(lastId, at);
    }
    this.ids.pop();
    this.slot.delete(id);
  }

  /** Cosine similarity of stored vectors to one query; undefined for an id with no vector here. */
  similarityTo(query: ArrayLike<number>): (id: string) => number | undefined {
    const q = new Float32Array(this.dimensions);
    writeNormalised(q, 0, query);
    return (id) => {
      const at = this.slot.get(id);
      return at === undefined ? undefined : dotAt(this.data, at * this.dimensions, q, this.dimensions);
    };
  }

  /** The k most similar ids, best first. `accept` filters before ranking (e.g. location filters). */
  search(query: ArrayLike<number>, k: number, accept?: (id: string) => boolean): VectorHit[] {
    if (query.length !== this.dimensions) {
      throw new AppError('invalid_request', `Query vector has ${query.length} dimensions; this space has ${this.dimensions}.`);
    }
    const q = new Float32Array(this.dimensions);
    writeNormalised(q, 0, query);
    const d = this.dimensions;
    const data = this.data;
    const top = new TopK(k);
    for (let row = 0, n = this.ids.length; row < n; row++) {
      const dot = dotAt(data, row * d, q, d);
      if (dot > top.threshold && (!accept || accept(this.ids[row]!))) top.push(row, dot);
    }
    return top.sorted().map(([row, similarity]) => ({ id: this.ids[row]!, similarity }));
  }

  private ensureCapacity(rows: number): void {
    if (rows * this.dimensions <= this.data.length) return;
    const next = new Float32Array(Math.max(rows, (this.data.length / this.dimensions) * 2) * this.dimensions);
    next.set(this.data);
    this.data = next;
  }
}

/** Dot product of data[base..base+d) and q, unrolled by four: the hot loop of every search. */
function dotAt(data: Float32Array, base: number, q: Float32Array, d: number): number {
  let a = 0;
  let b = 0;
  let c = 0;
  let e = 0;
  let j = 0;
  for (; j + 3 < d; j += 4) {
    a += data[base + j]! * q[j]!;
    b += data[base + j + 1]! * q[j + 1]!;
    c += data[base + j + 2]! * q[j + 2]!;
    e += data[base + j + 3]! * q[j + 3]!;
  }
  for (; j < d; j++) a += data[base + j]! * q[j]!;
  return a + b + c + e;
}

function writeNormalised(target: Float32Array, offset: number, v: ArrayLike<number>): void {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < v.length; i++) target[offset + i] = v[i]! * scale;
}

/** A bounded min-heap of (row, score): keeps the k best seen so far. */
class TopK {
  private readonly rows: number[] = [];
  private readonly scores: number[] = [];
  constructor(private readonly k: number) {}

  get threshold(): number {
    return this.rows.length < this.k ? -Infinity : this.scores[0]!;
  }

  push(row: number, score: number): void {
    if (this.k <= 0) return;
    if (this.rows.length < this.k) {
      this.rows.push(row);
      this.scores.push(score);
      this.up(this.rows.length - 1);
    } else {
      this.rows[0] = row;
      this.scores[0] = score;
      this.down(0);
    }
  }

  sorted(): Array<[number, number]> {
    return this.rows.map((r, i): [number, number] => [r, this.scores[i]!]).sort((a, b) => b[1] - a[1]);
  }

  private up(i: number): void {
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.scores[p]! <= this.scores[i]!) break;
      this.swap(i, p);
      i = p;
    }
  }

  private down(i: number): void {
    const n = this.rows.length;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < n && this.scores[l]! < this.scores[m]!) m = l;
      if (r < n && this.scores[r]! < this.scores[m]!) m = r;
      if (m === i) return;
      this.swap(i, m);
      i = m;
    }
  }

  private swap(a: number, b: number): void {
    [this.rows[a], this.rows[b]] = [this.rows[b]!, this.rows[a]!];
    [this.scores[a], this.scores[b]] = [this.scores[b]!, this.scores[a]!];
  }
}
