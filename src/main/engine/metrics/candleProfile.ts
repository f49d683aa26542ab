/**
 * What the statistics need from the candles alone, worked out once per candle set:
 * the annualization (bar period, weekend share), the calendar buckets of the period
 * returns, the duration resolution, and the close's log returns for Beta. An
 * optimizer runs thousands of backtests over the same bars; without this cache every
 * run paid for these passes again (more than the simulation itself on a million bars).
 *
 * A candle set is identified by its columns' memory: the buffers of `time` and
 * `close` with the view's byte offset and length, so every view of the same bars
 * (sliceCandles makes a new one per run) finds the same entry. Entries hold no
 * reference to the candles; they go when the buffers are collected or when the
 * byte budget evicts the least recently used. Candles are immutable by convention;
 * a few sentinel values are still compared on every lookup, so a buffer rewritten in
 * place (a live runner's) gets a fresh profile instead of a stale one.
 */
import { bucketEnds, inferAnnualization, type Annualization } from './annualization';
import { dataPeriodMs, resolutionMs } from './timeText';

export interface CandleProfile {
  readonly annualization: Annualization;
  /** Last bar of each period-return bucket (calendar day for intraday bars), see bucketEnds. */
  readonly bucketEnds: Int32Array;
  /** The unit durations are rounded up to (pandas' resolution of the bar period), ms; NaN with one bar. */
  readonly resolutionMs: number;
  /** Log returns of the close and their moments (computed on first use: only Beta needs them). */
  closeLogReturns(): LogReturns;
}

/** Log returns r[i] = log(x[i] / x[i-1]) for i >= 1 (r[0] unused), their mean and Σ (r - mean)². */
export class LogReturns {
  constructor(
    readonly values: Float64Array,
    readonly mean: number,
    readonly squaredDeviations: number,
  ) {}
}

/** The profile of these candles (cached). */
export function candleProfile(time: Float64Array, close: Float64Array): CandleProfile {
  const byClose = profilesOf(time.buffer, close.buffer);
  const key = `${time.byteOffset}:${close.byteOffset}:${time.length}`;
  const found = byClose.get(key);
  if (found !== undefined && found.matches(time, close)) {
    touch(found);
    return found;
  }
  if (found !== undefined) forget(found);
  const entry = new Entry(time, close, byClose, key);
  byClose.set(key, entry);
  remember(entry);
  return entry;
}

/** Bytes of profiles kept at most (about four million bars' close log returns). */
export const PROFILE_BUDGET_BYTES = 32 * 1024 * 1024;

class Entry implements CandleProfile {
  readonly annualization: Annualization;
  readonly bucketEnds: Int32Array;
  readonly resolutionMs: number;
  private logReturns: LogReturns | null = null;
  // The close is reached through its buffer, not the view it was built from: the key
  // is the buffer, and a later caller brings a new view (sliceCandles) of a buffer
  // that outlives the first one. Weak, so an entry never keeps candles alive.
  private readonly closeBuffer: WeakRef<ArrayBufferLike>;
  private readonly closeOffset: number;
  private readonly closeLength: number;
  // Sentinels: first, middle and last time and close.
  private readonly t0: number;
  private readonly tMid: number;
  private readonly tLast: number;
  private readonly c0: number;
  private readonly cMid: number;
  private readonly cLast: number;
  bytes: number;

  constructor(
    time: Float64Array,
    close: Float64Array,
    readonly owner: Map<string, Entry>,
    readonly key: string,
  ) {
    const n = time.length;
    this.annualization = inferAnnualization(time);
    this.bucketEnds = bucketEnds(time, this.annualization.bucket);
    this.resolutionMs = resolutionMs(dataPeriodMs(time));
    this.closeBuffer = new WeakRef(close.buffer);
    this.closeOffset = close.byteOffset;
    this.closeLength = close.length;
    const mid = n >> 1;
    this.t0 = time[0];
    this.tMid = time[mid];
    this.tLast = time[n - 1];
    this.c0 = close[0];
    this.cMid = close[mid];
    this.cLast = close[n - 1];
    this.bytes = 256 + this.bucketEnds.byteLength;
  }

  matches(time: Float64Array, close: Float64Array): boolean {
    const n = time.length;
    const mid = n >> 1;
    return same(time[0], this.t0) && same(time[mid], this.tMid) && same(time[n - 1], this.tLast)
      && same(close[0], this.c0) && same(close[mid], this.cMid) && same(close[n - 1], this.cLast);
  }

  closeLogReturns(): LogReturns {
    if (this.logReturns === null) {
      const buffer = this.closeBuffer.deref();
      // Found through this buffer by a caller holding a view of it, so it is alive.
      if (buffer === undefined) throw new Error('unreachable: the buffer of a found profile is alive');
      this.logReturns = logReturnsOf(new Float64Array(buffer, this.closeOffset, this.closeLength));
      this.bytes += this.logReturns.values.byteLength;
      remember(this);
    }
    return this.logReturns;
  }
}

/** Two NaN are the same value here. */
function same(a: number, b: number): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

/** Log returns as Beta uses them: exactly 0 where the value did not change (see sampleStats' logReturnSlope). */
function logReturnsOf(x: Float64Array): LogReturns {
  const n = x.length;
  const r = new Float64Array(n);
  let sum = 0;
  for (let i = 1; i < n; i++) {
    const a1 = x[i], a0 = x[i - 1];
    r[i] = a1 === a0 && a0 !== 0 && Number.isFinite(a0) ? 0 : Math.log(a1 / a0);
    sum += r[i];
  }
  const mean = sum / (n - 1);
  let ss = 0;
  for (let i = 1; i < n; i++) ss += (r[i] - mean) * (r[i] - mean);
  return new LogReturns(r, mean, ss);
}

// ---- the cache: buffers -> views -> entries, and one LRU order over all entries ----

const byTimeBuffer = new WeakMap<ArrayBufferLike, WeakMap<ArrayBufferLike, Map<string, Entry>>>();
/** Entries from least to most recently used (a Map keeps insertion order). */
const lru = new Map<Entry, true>();
let totalBytes = 0;
/** Bytes each entry was counted with in totalBytes. */
const counted = new WeakMap<Entry, number>();

function profilesOf(timeBuffer: ArrayBufferLike, closeBuffer: ArrayBufferLike): Map<string, Entry> {
  let byClose = byTimeBuffer.get(timeBuffer);
  if (byClose === undefined) {
    byClose = new WeakMap();
    byTimeBuffer.set(timeBuffer, byClose);
  }
  let views = byClose.get(closeBuffer);
  if (views === undefined) {
    views = new Map();
    byClose.set(closeBuffer, views);
  }
  return views;
}

function touch(e: Entry): void {
  lru.delete(e);
  lru.set(e, true);
}

/** Adds (or re-counts) an entry and evicts the least recently used ones beyond the budget. */
function remember(e: Entry): void {
  totalBytes += e.bytes - (counted.get(e) ?? 0);
  counted.set(e, e.bytes);
  touch(e);
  for (const old of lru.keys()) {
    if (totalBytes <= PROFILE_BUDGET_BYTES || old === e) break;
    forget(old);
  }
}

function forget(e: Entry): void {
  lru.delete(e);
  totalBytes -= counted.get(e) ?? 0;
  counted.delete(e);
  if (e.owner.get(e.key) === e) e.owner.delete(e.key);
}
