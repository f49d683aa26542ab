/**
 * The local candle cache over the SQLite store: write bars (merging by open time),
 * record which time ranges are complete, read a range into typed arrays, list
 * instruments and report gaps. Synchronous, like better-sqlite3; one instance per Db.
 */
import type { Candles } from '../../engine/candles';
import { lowerBound, sliceCandles } from '../../engine/candles';
import type { Db } from '../db';
import { barGrid } from '../../../shared/market/interval';
import type { InstrumentKey } from '../../../shared/market/instrument';
import { instrumentLabel } from '../../../shared/market/instrument';
import type { BarColumns } from './blocks';
import { blockSpanMs, blockStartOf, decodeBlock, encodeBlock, mergeBars, sliceBars } from './blocks';
import type { TimeRange } from './ranges';
import { mergeRanges, subtractRanges } from './ranges';

export interface CachedInstrument {
  readonly key: InstrumentKey;
  /** Bar length in ms (the longest, 31 days, for a calendar month): orders intervals. */
  readonly intervalMs: number;
  readonly bars: number;
  /** Open time of the first and last cached bar (absent when empty). */
  readonly firstMs?: number;
  readonly lastMs?: number;
  readonly coverage: readonly TimeRange[];
}

/**
 * Bars missing from the cache: [fromMs, toMs) holds `missingBars` empty grid slots.
 * `outage`: inside a fetched range, between two cached bars (the source has no bars
 * there either: exchange outages, holes in an imported file). `not_synced`: between two
 * fetched ranges, never asked for (sync or import that span to fill it).
 */
export interface CacheGap {
  readonly fromMs: number;
  readonly toMs: number;
  readonly missingBars: number;
  readonly kind: 'outage' | 'not_synced';
}

export class CandleCache {
  private readonly selectInstrument;
  private readonly insertInstrument;
  private readonly selectBlock;
  private readonly upsertBlock;
  private readonly selectBlocksInRange;
  private readonly selectCoverage;
  private readonly deleteCoverage;
  private readonly insertCoverage;

  constructor(readonly db: Db) {
    this.selectInstrument = db.prepare<[string, string, string], { id: number }>('SELECT id FROM instruments WHERE exchange = ? AND symbol = ? AND interval = ?');
    this.insertInstrument = db.prepare('INSERT INTO instruments (exchange, symbol, interval, interval_ms) VALUES (?, ?, ?, ?)');
    this.selectBlock = db.prepare<[number, number], { bar_count: number; data: Buffer }>('SELECT bar_count, data FROM candle_blocks WHERE instrument_id = ? AND block_start = ?');
    this.upsertBlock = db.prepare(
      `INSERT INTO candle_blocks (instrument_id, block_start, bar_count, first_time, last_time, data) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT (instrument_id, block_start) DO UPDATE SET bar_count = excluded.bar_count, first_time = excluded.first_time,
         last_time = excluded.last_time, data = excluded.data`,
    );
    this.selectBlocksInRange = db.prepare<[number, number, number], { bar_count: number; data: Buffer }>(
      'SELECT bar_count, data FROM candle_blocks WHERE instrument_id = ? AND block_start >= ? AND block_start < ? ORDER BY block_start',
    );
    this.selectCoverage = db.prepare<[number], { from_ms: number; to_ms: number }>('SELECT from_ms, to_ms FROM candle_coverage WHERE instrument_id = ? ORDER BY from_ms');
    this.deleteCoverage = db.prepare('DELETE FROM candle_coverage WHERE instrument_id = ?');
    this.insertCoverage = db.prepare('INSERT INTO candle_coverage (instrument_id, from_ms, to_ms) VALUES (?, ?, ?)');
  }

  /** The instrument's row id, or undefined when it was never cached. */
  findInstrument(key: InstrumentKey): number | undefined {
    return this.selectInstrument.get(key.exchange, key.symbol, key.interval)?.id;
  }

  private ensureInstrument(key: InstrumentKey): number {
    const id = this.findInstrument(key);
    if (id !== undefined) return id;
    return Number(this.insertInstrument.run(key.exchange, key.symbol, key.interval, barGrid(key.interval).maxMs).lastInsertRowid);
  }

  /**
   * Stores bars (time strictly increasing) and, in the same transaction, marks `covered`
   * as complete. Either both land or neither: a sync killed half way leaves coverage
   * that claims exactly the bars stored.
   */
  write(key: InstrumentKey, bars: BarColumns, covered?: TimeRange): number {
    // IMMEDIATE: take the write lock first. A deferred transaction reads, then fails with
    // SQLITE_BUSY_SNAPSHOT (past busy_timeout) when another process committed meanwhile.
    return this.db.transaction(() => this.writeUnlocked(key, bars, covered)).immediate();
  }

  /**
   * As write(), for callers that already hold a transaction (a whole-file import).
   * Returns how many stored bars were replaced by a bar with the same open time.
   */
  writeUnlocked(key: InstrumentKey, bars: BarColumns, covered?: TimeRange): number {
    const id = this.ensureInstrument(key);
    let replaced = 0;
    const span = blockSpanMs(barGrid(key.interval).maxMs);
    let a = 0;
    while (a < bars.length) {
      const start = blockStartOf(bars.time[a], span);
      let b = a + 1;
      while (b < bars.length && bars.time[b] < start + span) b++;
      const incoming = sliceBars(bars, a, b);
      const row = this.selectBlock.get(id, start);
      const merged = row ? mergeBars(decodeBlock(row.data, row.bar_count), incoming) : incoming;
      if (row) replaced += row.bar_count + incoming.length - merged.length;
      this.upsertBlock.run(id, start, merged.length, merged.time[0], merged.time[merged.length - 1], encodeBlock(merged));
      a = b;
    }
    if (covered && covered.toMs > covered.fromMs) this.addCoverageUnlocked(id, covered);
    return replaced;
  }

  coverage(key: InstrumentKey): TimeRange[] {
    const id = this.findInstrument(key);
    if (id === undefined) return [];
    return this.selectCoverage.all(id).map((r) => ({ fromMs: r.from_ms, toMs: r.to_ms }));
  }

  /** Parts of [fromMs, toMs) not yet covered. */
  missing(key: InstrumentKey, range: TimeRange): TimeRange[] {
    return subtractRanges(range, this.coverage(key));
  }

  /** Bars with open time in [fromMs, toMs), as one columnar series (copied out of the blocks). */
  read(key: InstrumentKey, fromMs: number = -8.64e15, toMs: number = 8.64e15): Candles {
    const id = this.findInstrument(key);
    const empty = emptyCandles();
    if (id === undefined || toMs <= fromMs) return empty;
    const span = blockSpanMs(barGrid(key.interval).maxMs);
    const rows = this.selectBlocksInRange.all(id, blockStartOf(fromMs, span), toMs);
    let total = 0;
    for (const r of rows) total += r.bar_count;
    // One allocation for all six columns.
    const all6 = new Float64Array(total * 6);
    const cols = [0, 1, 2, 3, 4, 5].map((c) => all6.subarray(c * total, (c + 1) * total));
    let k = 0;
    for (const r of rows) {
      const b = decodeBlock(r.data, r.bar_count);
      cols[0].set(b.time, k);
      cols[1].set(b.open, k);
      cols[2].set(b.high, k);
      cols[3].set(b.low, k);
      cols[4].set(b.close, k);
      cols[5].set(b.volume, k);
      k += b.length;
    }
    const all: Candles = { time: cols[0], open: cols[1], high: cols[2], low: cols[3], close: cols[4], volume: cols[5], length: total };
    const a = lowerBound(all, fromMs);
    const z = lowerBound(all, toMs);
    return a === 0 && z === total ? all : sliceCandles(all, a, z);
  }

  /** Every cached instrument with its bar count, first/last bar and covered ranges. */
  list(): CachedInstrument[] {
    const rows = this.db
      .prepare<[], { id: number; exchange: string; symbol: string; interval: string; interval_ms: number; bars: number | null; first: number | null; last: number | null }>(
        `SELECT i.id, i.exchange, i.symbol, i.interval, i.interval_ms,
                SUM(b.bar_count) AS bars, MIN(b.first_time) AS first, MAX(b.last_time) AS last
           FROM instruments i LEFT JOIN candle_blocks b ON b.instrument_id = i.id
          GROUP BY i.id ORDER BY i.exchange, i.symbol, i.interval_ms`,
      )
      .all();
    return rows.map((r) => ({
      key: { exchange: r.exchange, symbol: r.symbol, interval: r.interval },
      intervalMs: r.interval_ms,
      bars: r.bars ?? 0,
      ...(r.first === null ? {} : { firstMs: r.first }),
      ...(r.last === null ? {} : { lastMs: r.last }),
      coverage: this.selectCoverage.all(r.id).map((c) => ({ fromMs: c.from_ms, toMs: c.to_ms })),
    }));
  }

  /**
   * Missing bars: holes between two covered ranges (`not_synced`), and every run of empty
   * grid slots between two cached bars of the same range (`outage`). Edges are not gaps:
   * a range may start before the source's first bar.
   */
  gaps(key: InstrumentKey): CacheGap[] {
    const grid = barGrid(key.interval);
    const out: CacheGap[] = [];
    const coverage = this.coverage(key);
    coverage.forEach((r, k) => {
      if (k > 0) {
        // Grid slots whose open time falls between the two ranges.
        const from = coverage[k - 1].toMs;
        const missingBars = grid.countBetween(from, r.fromMs);
        if (missingBars > 0) out.push({ fromMs: from, toMs: r.fromMs, missingBars, kind: 'not_synced' });
      }
      const c = this.read(key, r.fromMs, r.toMs);
      for (let i = 1; i < c.length; i++) {
        const next = grid.end(c.time[i - 1]);
        if (next >= c.time[i]) continue;
        out.push({ fromMs: next, toMs: c.time[i], missingBars: grid.countBetween(next, c.time[i]), kind: 'outage' });
      }
    });
    return out;
  }

  /** Deletes an instrument's bars and coverage. */
  remove(key: InstrumentKey): boolean {
    const id = this.findInstrument(key);
    if (id === undefined) return false;
    this.db.prepare('DELETE FROM instruments WHERE id = ?').run(id);
    return true;
  }

  /**
   * Deletes the bars with open time in `range` and takes the range out of the coverage,
   * so the next sync fetches it again; without a range, the whole instrument. One
   * transaction. Returns the number of bars deleted.
   */
  removeRange(key: InstrumentKey, range?: TimeRange): number {
    return this.db.transaction(() => this.removeRangeUnlocked(key, range)).immediate();
  }

  /** As removeRange(), inside the caller's transaction. */
  removeRangeUnlocked(key: InstrumentKey, range?: TimeRange): number {
    const id = this.findInstrument(key);
    if (id === undefined) return 0;
    if (!range) {
      const bars = this.db.prepare<[number], { n: number | null }>('SELECT SUM(bar_count) AS n FROM candle_blocks WHERE instrument_id = ?').get(id)?.n ?? 0;
      this.db.prepare('DELETE FROM instruments WHERE id = ?').run(id);
      return bars;
    }
    const span = blockSpanMs(barGrid(key.interval).maxMs);
    const blocks = this.db
      .prepare<[number, number, number], { block_start: number; bar_count: number; data: Buffer }>(
        'SELECT block_start, bar_count, data FROM candle_blocks WHERE instrument_id = ? AND block_start >= ? AND block_start < ? ORDER BY block_start',
      )
      .all(id, blockStartOf(range.fromMs, span), range.toMs);
    const deleteBlock = this.db.prepare('DELETE FROM candle_blocks WHERE instrument_id = ? AND block_start = ?');
    let deleted = 0;
    for (const row of blocks) {
      const b = decodeBlock(row.data, row.bar_count);
      const a = lowerBound(b, range.fromMs);
      const z = lowerBound(b, range.toMs);
      if (z === a) continue;
      deleted += z - a;
      const kept = mergeBars(sliceBars(b, 0, a), sliceBars(b, z, b.length));
      if (kept.length === 0) deleteBlock.run(id, row.block_start);
      else this.upsertBlock.run(id, row.block_start, kept.length, kept.time[0], kept.time[kept.length - 1], encodeBlock(kept));
    }
    const left = this.selectCoverage.all(id).flatMap((c) => {
      const r = { fromMs: c.from_ms, toMs: c.to_ms };
      return subtractRanges(r, [range]);
    });
    this.deleteCoverage.run(id);
    for (const m of left) this.insertCoverage.run(id, m.fromMs, m.toMs);
    return deleted;
  }

  private addCoverageUnlocked(id: number, r: TimeRange): void {
    const merged = mergeRanges([...this.selectCoverage.all(id).map((c) => ({ fromMs: c.from_ms, toMs: c.to_ms })), r]);
    this.deleteCoverage.run(id);
    for (const m of merged) this.insertCoverage.run(id, m.fromMs, m.toMs);
  }
}

export function describeInstrument(i: CachedInstrument): string {
  return `${instrumentLabel(i.key)} ${i.bars} bars`;
}

function emptyCandles(): Candles {
  const z = new Float64Array(0);
  return { time: z, open: z, high: z, low: z, close: z, volume: z, length: 0 };
}
