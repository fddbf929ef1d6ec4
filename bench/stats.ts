import { summariseLatency } from '../src/eval/stats.js';

/** Times `fn` `runs` times after `warmup` untimed runs; milliseconds per run. */
export async function time(runs: number, fn: (i: number) => unknown, warmup = Math.min(10, runs)): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn(i);
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn(i);
    out.push(performance.now() - t0);
  }
  return out;
}

export function row(label: string, ms: number[], extra = ''): string {
  const s = summariseLatency(ms);
  const f = (x: number | null) => (x === null ? '—' : x.toFixed(2)).padStart(8);
  return `  ${label.padEnd(34)} n=${String(ms.length).padEnd(5)} p50 ${f(s.p50)} ms  p95 ${f(s.p95)} ms  p99 ${f(s.p99)} ms${extra ? `  ${extra}` : ''}`;
}
