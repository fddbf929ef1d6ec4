/**
 * Ranking metrics for the matching benchmark, with graded relevance (0 = not relevant, 1 = related,
 * 2 = same occupation).
 *
 * - NDCG@k: DCG = Σ (2^grade − 1) / log2(rank + 1) over the top k, divided by the DCG of the ideal
 *   ordering of all judged jobs (so a query is only perfect if its best jobs come first).
 * - Recall@k: relevant jobs (grade ≥ 1) in the top k divided by min(k, number of relevant jobs) — capped so
 *   that a query with 30 relevant jobs can still reach 1 with a perfect top 10.
 */
export type Grades = Readonly<Record<string, number>>;

export function ndcgAt(ranked: readonly string[], grades: Grades, k: number): number {
  const dcg = ranked.slice(0, k).reduce((sum, id, i) => sum + gain(grades[id] ?? 0) / Math.log2(i + 2), 0);
  const ideal = Object.values(grades)
    .sort((a, b) => b - a)
    .slice(0, k)
    .reduce((sum, g, i) => sum + gain(g) / Math.log2(i + 2), 0);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function recallAt(ranked: readonly string[], grades: Grades, k: number): number {
  const relevant = Object.values(grades).filter((g) => g > 0).length;
  if (relevant === 0) return 0;
  const hits = ranked.slice(0, k).filter((id) => (grades[id] ?? 0) > 0).length;
  return hits / Math.min(k, relevant);
}

function gain(grade: number): number {
  return 2 ** grade - 1;
}
