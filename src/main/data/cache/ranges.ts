/** Half-open time ranges [fromMs, toMs) in epoch ms: the coverage bookkeeping of the cache. */
export interface TimeRange {
  readonly fromMs: number;
  readonly toMs: number;
}

/** Sorts and merges overlapping or touching ranges; drops empty ones. */
export function mergeRanges(ranges: readonly TimeRange[]): TimeRange[] {
  const sorted = ranges.filter((r) => r.toMs > r.fromMs).sort((a, b) => a.fromMs - b.fromMs);
  const out: { fromMs: number; toMs: number }[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, r.toMs);
    else out.push({ fromMs: r.fromMs, toMs: r.toMs });
  }
  return out;
}

/** Parts of `want` not covered by `have` (have must be merged, sorted). */
export function subtractRanges(want: TimeRange, have: readonly TimeRange[]): TimeRange[] {
  const out: TimeRange[] = [];
  let cursor = want.fromMs;
  for (const h of have) {
    if (h.toMs <= cursor) continue;
    if (h.fromMs >= want.toMs) break;
    if (h.fromMs > cursor) out.push({ fromMs: cursor, toMs: Math.min(h.fromMs, want.toMs) });
    cursor = Math.max(cursor, h.toMs);
    if (cursor >= want.toMs) break;
  }
  if (cursor < want.toMs) out.push({ fromMs: cursor, toMs: want.toMs });
  return out;
}

export function formatRange(r: TimeRange): string {
  return `${iso(r.fromMs)} → ${iso(r.toMs)}`;
}

function iso(ms: number): string {
  return Number.isFinite(ms) ? new Date(ms).toISOString().replace('.000Z', 'Z') : String(ms);
}
