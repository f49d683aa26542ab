/**
 * Indicator series shared across the runs of an optimization: each distinct declared
 * indicator (same bars, same catalog indicator, parameters and output) is computed
 * once and read by every parameter combination that declares it. Bounded by bytes,
 * least recently used evicted first.
 *
 * Bars are identified by the close column's memory (buffer, byte offset, length), so
 * every view of the same bars (runBacktest slices a new one per run) finds the same
 * series; an entry holds no reference to the candles. Candles are immutable by
 * convention; the first and last close are still compared on every lookup.
 */
import type { Candles } from '../candles';
import { useKey, useSeries, type IndicatorUse } from './indicatorUse';

/** Default budget: 256 MB, 32 series of a million bars. */
const DEFAULT_MAX_BYTES = 256 * 1024 * 1024;

interface Entry {
  readonly values: Float64Array;
  readonly first: number;
  readonly last: number;
  readonly owner: Map<string, Entry>;
  readonly key: string;
}

export class IndicatorCache {
  /** Series computed so far (a lookup that finds one does not count). */
  computations = 0;
  private bytesHeld = 0;
  private readonly byBuffer = new WeakMap<ArrayBufferLike, Map<string, Entry>>();
  /** Entries from least to most recently used. */
  private readonly lru = new Map<Entry, true>();

  constructor(readonly maxBytes: number = DEFAULT_MAX_BYTES) {
    if (!(maxBytes > 0)) throw new RangeError(`IndicatorCache: maxBytes must be > 0 (got ${maxBytes})`);
  }

  /** Bytes of series held now. */
  get bytes(): number {
    return this.bytesHeld;
  }

  /** The series of `use` over exactly these bars: computed on first request, then shared. */
  series(candles: Candles, use: IndicatorUse): Float64Array {
    const close = candles.close;
    const n = candles.length;
    let views = this.byBuffer.get(close.buffer);
    if (views === undefined) {
      views = new Map();
      this.byBuffer.set(close.buffer, views);
    }
    const key = `${close.byteOffset}:${n}:${useKey(use)}`;
    const found = views.get(key);
    if (found !== undefined && found.first === close[0] && found.last === close[n - 1]) {
      this.lru.delete(found);
      this.lru.set(found, true);
      return found.values;
    }
    if (found !== undefined) this.forget(found);
    const values = useSeries(candles, use);
    this.computations++;
    const entry: Entry = { values, first: close[0], last: close[n - 1], owner: views, key };
    views.set(key, entry);
    this.lru.set(entry, true);
    this.bytesHeld += values.byteLength;
    for (const old of this.lru.keys()) {
      if (this.bytesHeld <= this.maxBytes || old === entry) break;
      this.forget(old);
    }
    return values;
  }

  /** Drops every series. */
  clear(): void {
    for (const e of [...this.lru.keys()]) this.forget(e);
  }

  private forget(e: Entry): void {
    this.lru.delete(e);
    this.bytesHeld -= e.values.byteLength;
    if (e.owner.get(e.key) === e) e.owner.delete(e.key);
  }
}
