/**
 * The nearest-rank percentile of ascending values: the smallest value with at least `percent` % of
 * the values at or below it. Always an observed value (no interpolation), so a client can find the
 * issue behind it; null for no values.
 *
 * @example
 * nearestRankPercentile([5, 10, 20, 40], 50); // 10
 * nearestRankPercentile([5, 10, 20, 40], 90); // 40
 */
export function nearestRankPercentile(ascending: readonly number[], percent: number): number | null {
  if (ascending.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percent / 100) * ascending.length));
  return ascending[Math.min(rank, ascending.length) - 1];
}
