/**
 * Which finer interval to resample from, when an interval has no bars of its own: the
 * finest one that covers the whole requested range, else the one covering most of it
 * (finer on ties). One rule for the server-side resample of `sync` and the client-side
 * resample of `cache:` specs, so both pick the same base for the same data.
 */
import type { TimeRange } from './cache/ranges';
import { barGrid } from '../../shared/market/interval';

export interface ResampleCandidate<T> {
  readonly item: T;
  readonly interval: string;
  /** Where this candidate has bars (a table's extent, or the cache's coverage). */
  readonly ranges: readonly TimeRange[];
}

/**
 * `range` bounds may be ±Infinity (no --from / --to). Undefined when no candidate's bars
 * nest in the target's (the interval grids decide: 1h in 1d, 1d in 1M, not 1w in 1M).
 */
export function chooseResampleBase<T>(target: string, candidates: readonly ResampleCandidate<T>[], range: TimeRange): T | undefined {
  const grid = barGrid(target);
  const usable = candidates
    .map((c) => ({ c, g: barGrid(c.interval) }))
    .filter(({ g }) => grid.isMadeOf(g))
    .sort((a, b) => a.g.maxMs - b.g.maxMs)
    .map(({ c }) => c);
  const want = range.toMs - range.fromMs;
  let best: ResampleCandidate<T> | undefined;
  let bestOverlap = -1;
  for (const c of usable) {
    const overlap = c.ranges.reduce((s, r) => s + Math.max(0, Math.min(r.toMs, range.toMs) - Math.max(r.fromMs, range.fromMs)), 0);
    if (overlap >= want) return c.item;
    // Strictly more: among equal overlaps the finer (earlier) candidate stays.
    if (overlap > bestOverlap) {
      best = c;
      bestOverlap = overlap;
    }
  }
  return best?.item;
}
