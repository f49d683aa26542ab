/**
 * The invariants of one candle, written once for every source (CSV files, the upstream
 * database, the live feed, the engine): prices finite and > 0, volume finite and >= 0,
 * low <= min(open, close), high >= max(open, close). Each source puts its own place in
 * front of the same `field reason` text (`file.csv:12: high 5 is below max(open, close) = 7`,
 * `public.t bar at 2025-01-01T00:00:00.000Z: high 5 is below ...`).
 */
export type BarValueField = 'open' | 'high' | 'low' | 'close' | 'volume';

export interface BarProblem {
  readonly field: BarValueField;
  /** Text after the field name, e.g. `5 is below max(open, close) = 7`. */
  readonly reason: string;
}

/** The first broken invariant of a bar, or null when the bar is valid. */
export function barProblem(open: number, high: number, low: number, close: number, volume: number): BarProblem | null {
  const price = priceProblem('open', open) ?? priceProblem('high', high) ?? priceProblem('low', low) ?? priceProblem('close', close);
  if (price) return price;
  if (!Number.isFinite(volume) || volume < 0) return { field: 'volume', reason: `must be a finite number >= 0 (got ${volume})` };
  const lo = open < close ? open : close;
  const hi = open > close ? open : close;
  if (low > lo) return { field: 'low', reason: `${low} is above min(open, close) = ${lo}` };
  if (high < hi) return { field: 'high', reason: `${high} is below max(open, close) = ${hi}` };
  return null;
}

/** `where: field reason`: the one message shape for a bad bar, whatever the source. */
export function describeBarProblem(where: string, p: BarProblem): string {
  return `${where}: ${p.field} ${p.reason}`;
}

function priceProblem(field: BarValueField, v: number): BarProblem | null {
  if (!Number.isFinite(v)) return { field, reason: `is not a finite number (${v})` };
  if (v <= 0) return { field, reason: `must be > 0 (got ${v})` };
  return null;
}
