/**
 * How backtesting.py 0.6.6 annualizes: it infers the bar period from the index,
 * resamples equity to day (or week, month, year) closes, and compounds the
 * geometric-mean period return over a number of periods per year:
 * 52 for weekly bars, 12 for monthly, 1 for yearly, otherwise daily periods
 * counted as 365 a year when the data trades on weekends (crypto) or 252 when
 * it does not (exchange-traded). Intraday bars are annualized through their
 * daily closes, the same way.
 */
import { MS_PER_DAY, dataPeriodMs } from './timeText';

/** pandas resample rule used for the period returns: calendar day, week ending Sunday, month end, year end. */
export type ReturnBucket = 'D' | 'W' | 'ME' | 'YE';

export interface Annualization {
  /** Whole days in the inferred bar period (NaN with a single bar). */
  readonly freqDays: number;
  readonly bucket: ReturnBucket;
  readonly periodsPerYear: number;
  readonly haveWeekends: boolean;
}

export function inferAnnualization(time: ArrayLike<number>): Annualization {
  const freqDays = Math.floor(dataPeriodMs(time) / MS_PER_DAY);
  const haveWeekends = weekendShare(time) > (2 / 7) * 0.6;
  const periodsPerYear =
    freqDays === 7 ? 52 : freqDays === 31 ? 12 : freqDays === 365 ? 1 : haveWeekends ? 365 : 252;
  const bucket: ReturnBucket = freqDays === 7 ? 'W' : freqDays === 31 ? 'ME' : freqDays === 365 ? 'YE' : 'D';
  return { freqDays, bucket, periodsPerYear, haveWeekends };
}

/**
 * `equity.resample(bucket).last().dropna().pct_change().dropna()`: the last
 * equity of each calendar bucket that has one, then simple returns between
 * consecutive buckets (the first, undefined return dropped, as 0.6.6 does).
 */
export function periodReturns(time: ArrayLike<number>, equity: ArrayLike<number>, bucket: ReturnBucket): number[] {
  return bucketReturns(equity, bucketEnds(time, bucket)).returns;
}

/**
 * Index of the last bar of each calendar bucket that has bars, in time order. It
 * depends on the times only, so a caller running many equity curves over the same
 * candles works it out once (see candleProfile.ts).
 */
export function bucketEnds(time: ArrayLike<number>, bucket: ReturnBucket): Int32Array {
  const ends: number[] = [];
  let currentKey = NaN;
  // A bucket is a whole number of UTC days: its key is worked out once per day, not per bar.
  let keyDay = NaN;
  let key = NaN;
  for (let i = 0; i < time.length; i++) {
    const day = Math.floor(time[i] / MS_PER_DAY);
    if (day !== keyDay) {
      keyDay = day;
      key = bucketKey(time[i], bucket);
    }
    if (key !== currentKey) {
      if (i > 0) ends.push(i - 1);
      currentKey = key;
    }
  }
  if (time.length > 0) ends.push(time.length - 1);
  return Int32Array.from(ends);
}

/** Per-bucket returns of an equity curve, and the bar each return ends on. */
export interface BucketReturns {
  readonly returns: number[];
  /** Bar (index into equity) whose equity closes each return's bucket. */
  readonly endBars: number[];
}

/**
 * The returns periodReturns describes, over buckets already found by bucketEnds:
 * resample().last() takes the last non-NaN equity of a bucket, and a bucket without
 * one is dropped.
 */
export function bucketReturns(equity: ArrayLike<number>, ends: Int32Array): BucketReturns {
  const closes: number[] = [];
  const closeBars: number[] = [];
  let start = 0;
  for (let b = 0; b < ends.length; b++) {
    let i = ends[b];
    while (i >= start && Number.isNaN(equity[i])) i--;
    if (i >= start) {
      closes.push(equity[i]);
      closeBars.push(i);
    }
    start = ends[b] + 1;
  }
  const returns: number[] = [];
  for (let k = 1; k < closes.length; k++) returns.push(closes[k] / closes[k - 1] - 1);
  return { returns, endBars: closeBars.slice(1) };
}

/**
 * backtesting.py's `geometric_mean`: NaN counts as 0; 0 when any 1 + r <= 0
 * (a total loss makes the log undefined); NaN for an empty series.
 */
export function geometricMean(returns: ArrayLike<number>): number {
  let logSum = 0;
  for (let i = 0; i < returns.length; i++) {
    const g = (Number.isNaN(returns[i]) ? 0 : returns[i]) + 1;
    if (g <= 0) return 0;
    logSum += Math.log(g);
  }
  return returns.length === 0 ? NaN : Math.exp(logSum / returns.length) - 1;
}

function weekendShare(time: ArrayLike<number>): number {
  if (time.length === 0) return NaN;
  let weekend = 0;
  for (let i = 0; i < time.length; i++) {
    // Day of week without a Date per bar: epoch day 0 (1970-01-01) was a Thursday,
    // so (day + 3) mod 7 is 0 on Mondays, 5 on Saturdays, 6 on Sundays.
    const dow = mod7(Math.floor(time[i] / MS_PER_DAY) + 3);
    if (dow >= 5) weekend++;
  }
  return weekend / time.length;
}

function bucketKey(ms: number, bucket: ReturnBucket): number {
  const day = Math.floor(ms / MS_PER_DAY);
  switch (bucket) {
    case 'D':
      return day;
    case 'W':
      // Weeks run Monday..Sunday (pandas 'W' = 'W-SUN' labels a week by its Sunday).
      // Epoch day 0 (1970-01-01) was a Thursday, so day + 3 puts Mondays on multiples of 7.
      return Math.floor((day + 3) / 7);
    case 'ME': {
      const d = new Date(ms);
      return d.getUTCFullYear() * 12 + d.getUTCMonth();
    }
    case 'YE':
      return new Date(ms).getUTCFullYear();
  }
}

function mod7(x: number): number {
  return ((x % 7) + 7) % 7;
}
