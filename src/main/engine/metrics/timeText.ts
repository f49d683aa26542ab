/**
 * Time arithmetic and text the way pandas does it, so our stats print exactly as
 * backtesting.py's: ISO timestamps (Timestamp.isoformat), "N days HH:MM:SS"
 * durations (Timedelta.__str__), the bar period backtesting.py infers from the
 * index, and Timedelta.ceil to that period's resolution.
 *
 * Times are epoch milliseconds (UTC), read as pandas reads a tz-naive index.
 */

export const MS_PER_SECOND = 1000;
export const MS_PER_MINUTE = 60 * MS_PER_SECOND;
export const MS_PER_HOUR = 60 * MS_PER_MINUTE;
export const MS_PER_DAY = 24 * MS_PER_HOUR;

/** `Timestamp.isoformat()`: "2004-08-19T00:00:00", microseconds appended only when non-zero. */
export function isoTime(ms: number): string {
  if (!Number.isFinite(ms)) throw new RangeError(`isoTime: time must be finite epoch ms (got ${ms})`);
  const whole = Math.floor(ms);
  const d = new Date(whole);
  const base = d.toISOString().slice(0, 19);
  const micros = Math.round((ms - Math.floor(ms / 1000) * 1000) * 1000);
  return micros === 0 ? base : `${base}.${String(micros).padStart(6, '0')}`;
}

/**
 * `str(pd.Timedelta)` for a non-negative duration: "3116 days 00:00:00", with
 * ".ffffff" microseconds when there is a sub-second part; null for NaN (NaT).
 */
export function timedeltaText(ms: number): string | null {
  if (Number.isNaN(ms)) return null;
  if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`timedeltaText: expected a duration >= 0 ms (got ${ms})`);
  const days = Math.floor(ms / MS_PER_DAY);
  let rest = ms - days * MS_PER_DAY;
  const h = Math.floor(rest / MS_PER_HOUR);
  rest -= h * MS_PER_HOUR;
  const m = Math.floor(rest / MS_PER_MINUTE);
  rest -= m * MS_PER_MINUTE;
  const s = Math.floor(rest / MS_PER_SECOND);
  const micros = Math.round((rest - s * MS_PER_SECOND) * 1000);
  const hms = `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
  const frac = micros === 0 ? '' : `.${String(micros).padStart(6, '0')}`;
  return `${days} days ${hms}${frac}`;
}

/**
 * backtesting.py's `_data_period`: the median spacing of the last 100 timestamps
 * (NaN with fewer than two bars). The median of an even count is the mean of the
 * two middle values, as pandas computes it.
 */
export function dataPeriodMs(time: ArrayLike<number>): number {
  const from = Math.max(0, time.length - 100);
  const diffs: number[] = [];
  for (let i = from + 1; i < time.length; i++) diffs.push(time[i] - time[i - 1]);
  if (diffs.length === 0) return NaN;
  diffs.sort((a, b) => a - b);
  const mid = diffs.length >> 1;
  return diffs.length % 2 === 1 ? diffs[mid] : (diffs[mid - 1] + diffs[mid]) / 2;
}

// Timedelta resolution units from coarsest to finest ('D', 'h', 'min', 's', 'ms', 'us', 'ns').
const UNITS_MS = [MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, MS_PER_SECOND, 1, 1e-3, 1e-6];

/**
 * The pandas `resolution_string` of a period, as a unit in ms: the smallest
 * non-zero component of the Timedelta, i.e. the coarsest unit that divides it
 * (1 day -> 1 day, 4 hours -> 1 hour, 90 minutes -> 1 minute). NaN for NaN.
 */
export function resolutionMs(periodMs: number): number {
  if (!(periodMs > 0)) return NaN;
  for (const unit of UNITS_MS) {
    const q = periodMs / unit;
    if (Math.abs(q - Math.round(q)) < 1e-9) return unit;
  }
  return UNITS_MS[UNITS_MS.length - 1];
}

/** `Timedelta.ceil(resolution)`; NaN stays NaN, and a NaN resolution leaves the value as is. */
export function ceilToUnit(ms: number, unitMs: number): number {
  if (Number.isNaN(ms) || !(unitMs > 0)) return ms;
  const q = ms / unitMs;
  const nearest = Math.round(q);
  // Values that are already whole units (up to float noise) stay put, as integer nanoseconds would.
  return (Math.abs(q - nearest) < 1e-9 ? nearest : Math.ceil(q)) * unitMs;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
