/**
 * Bar intervals, written once for every door (CLI, API, cache, source tables, live feed):
 * a number and a unit s, m, h, d or w (`1m`, `15m`, `4h`, `1d`, `1w`), each a fixed
 * length, or M, the exchanges' calendar month (`1M`; also 2M, 3M, 4M, 6M, 12M, which
 * divide a year so every bucket starts in the same months each year).
 *
 * Code that cuts time into bars asks the interval's BarGrid (start of the bar holding a
 * time, the bar after it): one mechanism for fixed lengths and for months, instead of
 * `t + ms` arithmetic that months would break. `intervalMs` stays for the places that
 * need a fixed length (durations such as a walk-forward's `20d`) and refuses months there.
 */
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

const FIXED_RE = /^([1-9][0-9]{0,3})([smhdw])$/;
const MONTH_RE = /^([1-9][0-9]?)M$/;
/** Month counts whose buckets line up with the calendar year. */
const MONTH_COUNTS = [1, 2, 3, 4, 6, 12];

/** The intervals exchanges publish klines at (Binance's list), for menus and hints. */
export const STANDARD_INTERVALS = ['1s', '1m', '3m', '5m', '15m', '30m', '1h', '2h', '4h', '6h', '8h', '12h', '1d', '3d', '1w', '1M'] as const;

/** Monday 1970-01-05 00:00 UTC: weeks start on Monday, as on Binance (the epoch was a Thursday). */
export const WEEK_ORIGIN_MS = 4 * 86_400_000;

/** The longest calendar month; a month bar's length for sizing only (never for cutting bars). */
const LONGEST_MONTH_MS = 31 * UNIT_MS.d;

export class IntervalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IntervalError';
  }
}

const ACCEPTED = 'use a number and a unit s, m, h, d or w (e.g. 1m, 15m, 4h, 1d, 1w), or 1M for a calendar month';

/** How an interval cuts time into bars. */
export interface BarGrid {
  readonly interval: string;
  /** The bar length in ms for fixed intervals; null for calendar months, which vary. */
  readonly fixedMs: number | null;
  /** Calendar months per bar (1 for 1M); null for fixed intervals. */
  readonly months: number | null;
  /** The longest a bar can be (the fixed length, or 31 days per month): for sizing, not cutting. */
  readonly maxMs: number;
  /** Open time of the bar that contains t. */
  start(t: number): number;
  /** Open time of the bar after the one that contains t (the end of t's bar). */
  end(t: number): number;
  /** Open time of the bar k bars after the bar that contains t. */
  add(t: number, k: number): number;
  /** Bars whose open time lies in [a, b). */
  countBetween(a: number, b: number): number;
  /** True when every bar of `finer` lies inside one bar of this grid: this can be resampled from it. */
  isMadeOf(finer: BarGrid): boolean;
}

/** The grid of an interval. Throws IntervalError naming the accepted forms. */
export function barGrid(interval: string): BarGrid {
  const fixed = FIXED_RE.exec(interval);
  if (fixed) return fixedGrid(interval, Number(fixed[1]) * UNIT_MS[fixed[2]]);
  const month = MONTH_RE.exec(interval);
  if (month) {
    const n = Number(month[1]);
    if (!MONTH_COUNTS.includes(n)) {
      throw new IntervalError(`interval "${interval}": a count of calendar months must divide a year (${MONTH_COUNTS.map((k) => `${k}M`).join(', ')})`);
    }
    return monthGrid(interval, n);
  }
  throw new IntervalError(`interval "${interval}" is not valid; ${ACCEPTED}`);
}

/** `15m` → 900000: the fixed length of an interval or duration. Months have none: IntervalError. */
export function intervalMs(interval: string): number {
  const g = barGrid(interval);
  if (g.fixedMs === null) throw new IntervalError(`"${interval}" is a calendar month, which has no fixed length; give a length in d or w here (e.g. 30d)`);
  return g.fixedMs;
}

/** True for every interval barGrid accepts (fixed lengths and calendar months). */
export function isInterval(interval: string): boolean {
  return FIXED_RE.test(interval) || (MONTH_RE.test(interval) && MONTH_COUNTS.includes(Number(interval.slice(0, -1))));
}

/**
 * Origin of the bucket grid for a fixed interval: the epoch, except for whole weeks,
 * which start on Monday. The server resample (date_bin/time_bucket) is given the same
 * origin, so both sides cut identical buckets.
 */
export function bucketOriginMs(ivMs: number): number {
  return ivMs % UNIT_MS.w === 0 ? WEEK_ORIGIN_MS : 0;
}

/** Start of the bucket of width ivMs that contains t. */
export function bucketStart(t: number, ivMs: number, originMs: number = bucketOriginMs(ivMs)): number {
  return originMs + Math.floor((t - originMs) / ivMs) * ivMs;
}

function fixedGrid(interval: string, ms: number): BarGrid {
  const origin = bucketOriginMs(ms);
  return {
    interval,
    fixedMs: ms,
    months: null,
    maxMs: ms,
    start: (t) => bucketStart(t, ms, origin),
    end: (t) => bucketStart(t, ms, origin) + ms,
    add: (t, k) => bucketStart(t, ms, origin) + k * ms,
    countBetween: (a, b) => Math.max(0, Math.ceil((b - origin) / ms) - Math.ceil((a - origin) / ms)),
    // A finer fixed grid nests when its length divides ours and its origin lies on our grid.
    isMadeOf: (finer) =>
      finer.fixedMs !== null && finer.fixedMs < ms && ms % finer.fixedMs === 0 && (origin - bucketOriginMs(finer.fixedMs)) % finer.fixedMs === 0,
  };
}

/** Months since 1970-01 of the month holding t (UTC). */
function monthIndex(t: number): number {
  const d = new Date(t);
  return (d.getUTCFullYear() - 1970) * 12 + d.getUTCMonth();
}

function monthStart(index: number): number {
  return Date.UTC(1970 + Math.floor(index / 12), ((index % 12) + 12) % 12, 1);
}

function monthGrid(interval: string, n: number): BarGrid {
  const first = (t: number) => Math.floor(monthIndex(t) / n) * n;
  // Bars (counted from the epoch's) that open before t.
  const barsBefore = (t: number) => first(t) / n + (monthStart(first(t)) < t ? 1 : 0);
  return {
    interval,
    fixedMs: null,
    months: n,
    maxMs: n * LONGEST_MONTH_MS,
    start: (t) => monthStart(first(t)),
    end: (t) => monthStart(first(t) + n),
    add: (t, k) => monthStart(first(t) + k * n),
    countBetween: (a, b) => Math.max(0, barsBefore(b) - barsBefore(a)),
    // Months start at midnight UTC: any grid that cuts days (1d and finer, from the epoch) nests;
    // so does a month grid whose count divides ours.
    isMadeOf: (finer) =>
      finer.fixedMs !== null ? UNIT_MS.d % finer.fixedMs === 0 : finer.months !== null && finer.months < n && n % finer.months === 0,
  };
}
