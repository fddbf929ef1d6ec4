import { AppError } from '../domain/index.js';
import { dot, Ivf, type IvfOptions } from './ivf.js';
import { TopK } from './top-k.js';

export interface VectorHit {
  id: string;
  similarity: number;
}

/**
 * Cosine top-k over one embedding space, in memory. Vectors are unit-normalised on insert, so cosine is a
 * dot product over one contiguous Float32Array: exact search costs n × d multiply-adds (~10 ms at 10k × 512,
 * ~100 ms at 100k). Above that size an IVF index (buildApproximateIndex) scans a fraction of the rows.
 * The database stays the source of truth; this is the read path (pgvector's exact scan in PGlite measured
 * ~55 ms at 10k).
 */
export class VectorIndex {
  readonly dimensions: number;
  private data: Float32Array;
  private ids: string[] = [];
  private readonly slot = new Map<string, number>();
  /** Approximate index; dropped by any change, so a stale one is never searched. */
  private ivf: Ivf | undefined;

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
    this.ivf = undefined;
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
    this.ivf = undefined;
  }

  /** Whether searches currently go through the approximate index. */
  get approximate(): boolean {
    return this.ivf !== undefined;
  }

  /**
   * Builds the IVF approximate index over the current vectors (seconds at 100k rows). Searches use it
   * until the next change; below a few thousand rows exact search is as fast and this is not worth it.
   */
  buildApproximateIndex(options: IvfOptions = {}): void {
    this.ivf = Ivf.build(this.data, this.ids.length, this.dimensions, options);
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
  search(query: ArrayLike<number>, k: number, accept?: (id: string) => boolean, options: { exact?: boolean } = {}): VectorHit[] {
    if (query.length !== this.dimensions) {
      throw new AppError('invalid_request', `Query vector has ${query.length} dimensions; this space has ${this.dimensions}.`);
    }
    const q = new Float32Array(this.dimensions);
    writeNormalised(q, 0, query);
    const d = this.dimensions;
    const top = new TopK(k);
    const consider = (row: number) => {
      const score = dotAt(this.data, row * d, q, d);
      if (score > top.threshold && (!accept || accept(this.ids[row]!))) top.push(row, score);
    };
    if (this.ivf && !options.exact) {
      for (const list of this.ivf.candidateLists(q, d)) for (let i = 0; i < list.length; i++) consider(list[i]!);
    } else {
      for (let row = 0, n = this.ids.length; row < n; row++) consider(row);
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

function dotAt(data: Float32Array, base: number, q: Float32Array, d: number): number {
  return dot(data, base, q, 0, d);
}

function writeNormalised(target: Float32Array, offset: number, v: ArrayLike<number>): void {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < v.length; i++) target[offset + i] = v[i]! * scale;
}

