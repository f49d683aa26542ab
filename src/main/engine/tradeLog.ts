/**
 * Closed trades stored as numbers in typed arrays. A busy backtest closes tens of
 * thousands of trades; keeping them as numbers instead of objects means nothing per
 * trade survives the young-generation GC, which otherwise costs more than the whole
 * simulation. Trade objects are built on demand (and cached).
 *
 * The fields of a trade sit next to each other (a row of FIELDS doubles), rows are
 * filled into fixed-size chunks, and a full chunk is followed by a new one rather than
 * copied into a bigger array: appending touches one or two cache lines, and a run
 * allocates just the memory its trades take. (Laid out field by field instead, the
 * statistics' copies got faster but the bar loop slower by more, in bench:engine.)
 * Doubling a single array would allocate twice that and leave the old copies for the GC,
 * which lets off-heap garbage pile up over the runs of an optimizer (V8 collects it only
 * after tens of MB). A caller running backtests one after another lends the chunks
 * (runBuffers.ts), so its runs reuse the same memory.
 */
import type { ExitReason, Side, Trade } from './brokerTypes';
import type { TradeChunkSource } from './runBuffers';

const REASONS: readonly ExitReason[] = ['signal', 'stop_loss', 'take_profit', 'end_of_data', 'reversal'];

// Offsets of the fields in a trade's row.
const SIZE = 0;
const ENTRY_BAR = 1;
const EXIT_BAR = 2;
const ENTRY_TIME = 3;
const EXIT_TIME = 4;
const ENTRY_PRICE = 5;
const EXIT_PRICE = 6;
const PNL = 7;
const RETURN_PCT = 8;
const COMMISSION = 9;
/** Index into REASONS, stored as a double like the rest of the row. */
const REASON = 10;
const FIELDS = 11;

/** Trades per chunk: 2^CHUNK_SHIFT (1024 trades, 88 KB). */
const CHUNK_SHIFT = 10;
const CHUNK = 1 << CHUNK_SHIFT;
const CHUNK_MASK = CHUNK - 1;

/** The numeric trade fields the statistics read. */
export type TradeField = 'entryBar' | 'exitBar' | 'entryTime' | 'exitTime' | 'pnl' | 'returnPct' | 'commission';

/**
 * Closed trades read a whole field at a time, without building Trade objects (what the
 * statistics need; an optimizer running thousands of backtests never builds them).
 * Values are those of the Trade objects.
 */
export interface TradeColumns {
  readonly length: number;
  /**
   * Writes field `fields[j]` of trades 0..length-1, in order, into `outs[j][0..length-1]`,
   * every field in one pass over the trades.
   */
  copyColumns(fields: readonly TradeField[], outs: readonly Float64Array[]): void;
}

const FIELD_OFFSET: Readonly<Record<TradeField, number>> = {
  entryBar: ENTRY_BAR, exitBar: EXIT_BAR, entryTime: ENTRY_TIME, exitTime: EXIT_TIME, pnl: PNL, returnPct: RETURN_PCT, commission: COMMISSION,
};

export class TradeLog implements TradeColumns {
  private n = 0;
  private readonly chunks: Float64Array[] = [];
  /** Tags by trade index; stays empty until a tagged trade closes. */
  private readonly tags: (string | undefined)[] = [];
  private readonly built: Trade[] = [];
  /** The lender's generation when this log was created (see check). */
  private readonly generation: number;

  constructor(private readonly source: TradeChunkSource | null = null) {
    this.generation = source === null ? 0 : source.generation;
  }

  get length(): number {
    return this.n;
  }

  /** Appends a closed trade; `size` is signed (> 0 long). Returns its index. */
  add(
    size: number, entryBar: number, exitBar: number, entryTime: number, exitTime: number, entryPrice: number,
    exitPrice: number, pnl: number, returnPct: number, commission: number, reason: ExitReason, tag: string | undefined,
  ): number {
    const k = this.n;
    const c = k >> CHUNK_SHIFT;
    if (c === this.chunks.length) this.chunks.push(this.newChunk(c));
    const rows = this.chunks[c];
    const r = (k & CHUNK_MASK) * FIELDS;
    rows[r + SIZE] = size;
    rows[r + ENTRY_BAR] = entryBar;
    rows[r + EXIT_BAR] = exitBar;
    rows[r + ENTRY_TIME] = entryTime;
    rows[r + EXIT_TIME] = exitTime;
    rows[r + ENTRY_PRICE] = entryPrice;
    rows[r + EXIT_PRICE] = exitPrice;
    rows[r + PNL] = pnl;
    rows[r + RETURN_PCT] = returnPct;
    rows[r + COMMISSION] = commission;
    rows[r + REASON] = reasonCode(reason);
    if (tag !== undefined) this.tags[k] = tag;
    this.n = k + 1;
    return k;
  }

  copyColumns(fields: readonly TradeField[], outs: readonly Float64Array[]): void {
    this.check();
    if (fields.length !== outs.length) throw new RangeError(`copyColumns: ${fields.length} fields but ${outs.length} columns`);
    for (let j = 0; j < fields.length; j += 4) {
      // Four fields per pass, written out: a loop over the fields inside the loop over the
      // rows cost more than reading the log once per field. A group of fewer than four
      // repeats its last field (the same value written twice).
      const last = Math.min(fields.length, j + 4) - 1;
      const pick = (d: number): number => Math.min(j + d, last);
      this.copyFour(
        FIELD_OFFSET[fields[pick(0)]], outs[pick(0)], FIELD_OFFSET[fields[pick(1)]], outs[pick(1)],
        FIELD_OFFSET[fields[pick(2)]], outs[pick(2)], FIELD_OFFSET[fields[pick(3)]], outs[pick(3)],
      );
    }
  }

  /** Row by row (a row's fields share one or two cache lines), four fields at a time. */
  private copyFour(
    o0: number, a0: Float64Array, o1: number, a1: Float64Array, o2: number, a2: Float64Array, o3: number, a3: Float64Array,
  ): void {
    const n = this.n;
    for (let c = 0, k = 0; k < n; c++) {
      const rows = this.chunks[c];
      const end = Math.min(n, k + CHUNK);
      for (let r = 0; k < end; k++, r += FIELDS) {
        a0[k] = rows[r + o0];
        a1[k] = rows[r + o1];
        a2[k] = rows[r + o2];
        a3[k] = rows[r + o3];
      }
    }
  }

  /** Trade `k` as an object (built once, then cached). */
  get(k: number): Trade {
    if (!(k >= 0 && k < this.n)) throw new RangeError(`trade ${k} does not exist (${this.n} closed)`);
    this.materialize(k + 1);
    return this.built[k];
  }

  /** Every closed trade, as objects, in the order they closed. */
  all(): readonly Trade[] {
    this.materialize(this.n);
    return this.built;
  }

  private newChunk(c: number): Float64Array {
    const length = CHUNK * FIELDS;
    return this.source === null ? new Float64Array(length) : this.source.chunk(c, length);
  }

  /** Borrowed chunks are overwritten by the lender's next run: reading them after that is a bug, said at once. */
  private check(): void {
    if (this.source !== null && this.source.generation !== this.generation) {
      throw new Error('these trades were overwritten: a later run was given the same RunBuffers (read a result before starting the next run)');
    }
  }

  private materialize(upTo: number): void {
    const built = this.built;
    if (built.length < upTo) this.check();
    for (let k = built.length; k < upTo; k++) {
      const rows = this.chunks[k >> CHUNK_SHIFT];
      const r = (k & CHUNK_MASK) * FIELDS;
      const size = rows[r + SIZE];
      const side: Side = size > 0 ? 'long' : 'short';
      const trade: Trade = {
        side,
        size: Math.abs(size),
        entryBar: rows[r + ENTRY_BAR],
        exitBar: rows[r + EXIT_BAR],
        entryTime: rows[r + ENTRY_TIME],
        exitTime: rows[r + EXIT_TIME],
        entryPrice: rows[r + ENTRY_PRICE],
        exitPrice: rows[r + EXIT_PRICE],
        pnl: rows[r + PNL],
        returnPct: rows[r + RETURN_PCT],
        commission: rows[r + COMMISSION],
        exitReason: REASONS[rows[r + REASON]],
      };
      const tag = this.tags[k];
      built.push(tag === undefined ? trade : { ...trade, tag });
    }
  }
}

/** Index of `reason` in REASONS (a switch: no array search per trade). */
function reasonCode(reason: ExitReason): number {
  switch (reason) {
    case 'signal':
      return 0;
    case 'stop_loss':
      return 1;
    case 'take_profit':
      return 2;
    case 'end_of_data':
      return 3;
    case 'reversal':
      return 4;
  }
}
