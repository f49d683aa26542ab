/**
 * Bar intervals, written once for every door (CLI, API, cache, source tables, live feed):
 * a number and a unit s, m, h, d or w (`1m`, `15m`, `4h`, `1d`, `1w`), each a fixed length.
 * `1M`, the exchanges' calendar month, is refused with its own message everywhere: months
 * have no fixed length, so neither the fixed-grid cache nor date_bin can hold them.
 */
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const INTERVAL_RE = /^([1-9][0-9]{0,3})([smhdw])$/;

/** The intervals exchanges publish klines at (Binance's list without 1M), for menus and hints. */
export const STANDARD_INTERVALS = ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w'] as const;

/** Monday 1970-01-05 00:00 UTC: weeks start on Monday, as on Binance (the epoch was a Thursday). */
export const WEEK_ORIGIN_MS = 4 * 86_400_000;

export class IntervalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntervalError';
  }
}

/** `15m` → 900000. Throws IntervalError naming the accepted forms (and why months are not). */
export function intervalMs(interval: string): number {
  const m = INTERVAL_RE.exec(interval);
  if (m) return Number(m[1]) * UNIT_MS[m[2]];
  if (/^[1-9][0-9]*M$/.test(interval)) {
    throw new IntervalError(`interval "${interval}" is a calendar month, which has no fixed length and is not supported; use 1w or 1d (e.g. 4w)`);
  }
  throw new IntervalError(`interval "${interval}" is not valid; use a number and a unit s, m, h, d or w (e.g. 1m, 15m, 4h, 1d, 1w)`);
}

export function isInterval(interval: string): boolean {
  return INTERVAL_RE.test(interval);
}

/**
 * Origin of the bucket grid for an interval: the epoch, except for whole weeks, which
 * start on Monday. The server resample (date_bin/time_bucket) is given the same origin,
 * so both sides cut identical buckets.
 */
export function bucketOriginMs(ivMs: number): number {
  return ivMs % UNIT_MS.w === 0 ? WEEK_ORIGIN_MS : 0;
}

/** Start of the bucket of width ivMs that contains t. */
export function bucketStart(t: number, ivMs: number, originMs: number = bucketOriginMs(ivMs)): number {
  return originMs + Math.floor((t - originMs) / ivMs) * ivMs;
}
