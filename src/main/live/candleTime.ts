/**
 * The bar open time of a feed message, in epoch ms. Upstreams send epoch milliseconds
 * (Binance, the canonical form), epoch seconds (Python's `int(time.time())`, pandas'
 * `timestamp()`), or ISO-8601 text (`datetime.isoformat()`).
 *
 * Seconds and milliseconds are told apart by size, and the split is chosen so that no
 * value is ambiguous: 1e8 seconds and 1e11 milliseconds are the same instant
 * (1973-03-03T09:46:40Z), so a number in [1e8, 1e11) is seconds and one in [1e11, 1e14)
 * is milliseconds. Anything earlier is refused rather than read as a 1970 bar: a market
 * data feed has no bars from before 1973, but it does have upstreams that send seconds.
 */
import { parseUtcDate } from '../data/csvCandles';

/** Earliest bar open time accepted (ms); below it, seconds and milliseconds overlap. */
export const EARLIEST_BAR_MS = 1e11;
/** First value read as milliseconds; smaller ones (down to 1e8) are seconds. */
const FIRST_MS = 1e11;
const FIRST_SECONDS = FIRST_MS / 1000;
/** 1e14 ms is the year 5138: larger numbers are micro- or nanoseconds, which we refuse. */
const LAST_MS = 1e14;

/**
 * An epoch number as ms, or null when it is neither plausible seconds nor plausible
 * milliseconds. Milliseconds must be whole; seconds may carry a fraction (rounded to the ms).
 */
export function epochNumberToMs(x: number): number | null {
  if (!(x >= FIRST_SECONDS && x < LAST_MS)) return null; // also refuses NaN
  if (x >= FIRST_MS) return Number.isSafeInteger(x) ? x : null;
  return Math.round(x * 1000);
}

/** An ISO-8601 date or date-time (UTC unless it carries an offset) as ms, or null. */
export function isoTimeToMs(text: string): number | null {
  const t = parseUtcDate(text);
  return Number.isFinite(t) && t >= EARLIEST_BAR_MS && t < LAST_MS ? t : null;
}

/** What a refused time is told as, after the field name. */
export const BAR_TIME_RULE = 'must be epoch seconds, epoch milliseconds or an ISO-8601 time after 1973-03-03';
