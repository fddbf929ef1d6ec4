import { mulberry32 } from '../random.js';

/**
 * IVF-Flat: an inverted-file approximate index over unit vectors. Spherical k-means splits the rows into
 * `nlist` lists; a query scores the centroids and scans only the rows of the `nprobe` closest lists.
 * Scanning an eighth of 100k 512-d vectors instead of all of them is what keeps a query within budget;
 * the benchmark reports its recall@10 against exact search.
 */
export interface IvfOptions {
  /** Number of lists; default ≈ √n / 2, at least 16. */
  nlist?: number;
  /** Lists scanned per query; default nlist / 6. */
  nprobe?: number;
  /** k-means iterations over the training sample. */
  iterations?: number;
  /** Rows sampled to train the centroids (per list). */
  samplePerList?: number;
  seed?: number;
}

export class Ivf {
  private constructor(
    readonly nlist: number,
    readonly nprobe: number,
    private readonly centroids: Float32Array,
    /** Rows of each list. */
    readonly lists: Int32Array[],
  ) {}

  /** Trains centroids on a sample of `data` (n × d, unit rows) and assigns every row to its closest list. */
  static build(data: Float32Array, n: number, d: number, options: IvfOptions = {}): Ivf {
    const nlist = Math.max(16, Math.min(options.nlist ?? Math.round(Math.sqrt(n) / 2), Math.floor(n / 4)));
    const nprobe = Math.max(1, Math.min(nlist, options.nprobe ?? Math.ceil(nlist / 6)));
    const random = mulberry32(options.seed ?? 1);
    const sample = sampleRows(n, Math.min(n, nlist * (options.samplePerList ?? 48)), random);
    const centroids = new Float32Array(nlist * d);
    sample.slice(0, nlist).forEach((row, c) => centroids.set(data.subarray(row * d, row * d + d), c * d));

    const sums = new Float64Array(nlist * d);
    const counts = new Int32Array(nlist);
    for (let it = 0; it < (options.iterations ?? 6); it++) {
      sums.fill(0);
      counts.fill(0);
      for (const row of sample) {
        const c = nearest(centroids, nlist, d, data, row * d);
        counts[c]!++;
        for (let j = 0; j < d; j++) sums[c * d + j]! += data[row * d + j]!;
      }
      for (let c = 0; c < nlist; c++) {
        // An empty list takes a random sample row, so no centroid is wasted.
        if (counts[c] === 0) {
          const row = sample[Math.floor(random() * sample.length)]!;
          centroids.set(data.subarray(row * d, row * d + d), c * d);
          continue;
        }
        let norm = 0;
        for (let j = 0; j < d; j++) norm += sums[c * d + j]! ** 2;
        const scale = 1 / Math.sqrt(norm || 1);
        for (let j = 0; j < d; j++) centroids[c * d + j] = sums[c * d + j]! * scale;
      }
    }

    const assignment = new Int32Array(n);
    const sizes = new Int32Array(nlist);
    for (let row = 0; row < n; row++) {
      const c = nearest(centroids, nlist, d, data, row * d);
      assignment[row] = c;
      sizes[c]!++;
    }
    const lists = Array.from({ length: nlist }, (_, c) => new Int32Array(sizes[c]!));
    const fill = new Int32Array(nlist);
    for (let row = 0; row < n; row++) lists[assignment[row]!]![fill[assignment[row]!]!++] = row;
    return new Ivf(nlist, nprobe, centroids, lists);
  }

  /** Rows of the `nprobe` lists whose centroids are closest to q (unit vector). */
  candidateLists(q: Float32Array, d: number, nprobe = this.nprobe): Int32Array[] {
    const scores = new Float32Array(this.nlist);
    for (let c = 0; c < this.nlist; c++) scores[c] = dot(this.centroids, c * d, q, 0, d);
    const order = Array.from({ length: this.nlist }, (_, c) => c).sort((a, b) => scores[b]! - scores[a]!);
    return order.slice(0, nprobe).map((c) => this.lists[c]!);
  }
}

function nearest(centroids: Float32Array, nlist: number, d: number, data: Float32Array, offset: number): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < nlist; c++) {
    const s = dot(centroids, c * d, data, offset, d);
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best;
}

export function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, d: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let j = 0;
  for (; j + 3 < d; j += 4) {
    s0 += a[ao + j]! * b[bo + j]!;
    s1 += a[ao + j + 1]! * b[bo + j + 1]!;
    s2 += a[ao + j + 2]! * b[bo + j + 2]!;
    s3 += a[ao + j + 3]! * b[bo + j + 3]!;
  }
  for (; j < d; j++) s0 += a[ao + j]! * b[bo + j]!;
  return s0 + s1 + s2 + s3;
}

function sampleRows(n: number, count: number, random: () => number): number[] {
  const rows = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (n - i));
    [rows[i], rows[j]] = [rows[j]!, rows[i]!];
  }
  return rows.slice(0, count);
}
