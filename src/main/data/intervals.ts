/**
 * Bar intervals as written by exchanges and table names (`1m`, `15m`, `4h`, `1d`, `1w`).
 * Only fixed-length intervals are supported: months have no fixed length, so neither
 * date_bin nor a fixed-grid cache can hold them.
 */
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

/** Monday 1970-01-05 00:00 UTC: weeks start on Monday, as on Binance (the epoch was a Thursday). */
export const WEEK_ORIGIN_MS = 4 * 86_400_000;

export class IntervalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntervalError';
  }
}

/** `15m` → 900000. Throws IntervalError naming the accepted forms. */
export function intervalMs(interval: string): number {
  const m = /^([1-9][0-9]{0,3})([smhdw])$/.exec(interval);
  if (!m) throw new IntervalError(`interval "${interval}" is not valid; use a number and a unit s, m, h, d or w (e.g. 1m, 15m, 4h, 1d, 1w)`);
  return Number(m[1]) * UNIT_MS[m[2]];
}

export function isInterval(interval: string): boolean {
  return /^([1-9][0-9]{0,3})([smhdw])$/.test(interval);
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
