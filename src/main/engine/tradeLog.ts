/**
 * Closed trades stored as numbers in growable typed arrays. A busy backtest closes
 * tens of thousands of trades; keeping them as numbers instead of objects means
 * nothing per trade survives the young-generation GC, which otherwise costs more than
 * the whole simulation. Trade objects are built on demand (and cached).
 *
 * The numeric fields of a trade sit next to each other in one Float64Array (a row of
 * FIELDS values per trade), so appending a trade touches one cache line or two and
 * growing the log is one copy, not one per field.
 */
import type { ExitReason, Side, Trade } from './brokerTypes';

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
const FIELDS = 10;

const INITIAL_CAPACITY = 256;

export class TradeLog {
  private cap = 0;
  private n = 0;
  private rows: Float64Array = new Float64Array(0);
  private reason: Uint8Array = new Uint8Array(0);
  /** Tags by trade index; stays empty until a tagged trade closes. */
  private readonly tags: (string | undefined)[] = [];
  private readonly built: Trade[] = [];

  get length(): number {
    return this.n;
  }

  /** Appends a closed trade; `size` is signed (> 0 long). Returns its index. */
  add(
    size: number, entryBar: number, exitBar: number, entryTime: number, exitTime: number, entryPrice: number,
    exitPrice: number, pnl: number, returnPct: number, commission: number, reason: ExitReason, tag: string | undefined,
  ): number {
    const k = this.n;
    if (k === this.cap) this.grow();
    const rows = this.rows;
    const r = k * FIELDS;
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
    this.reason[k] = reasonCode(reason);
    if (tag !== undefined) this.tags[k] = tag;
    this.n = k + 1;
    return k;
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

  private materialize(upTo: number): void {
    const built = this.built;
    const rows = this.rows;
    for (let k = built.length; k < upTo; k++) {
      const r = k * FIELDS;
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
        exitReason: REASONS[this.reason[k]],
      };
      const tag = this.tags[k];
      built.push(tag === undefined ? trade : { ...trade, tag });
    }
  }

  private grow(): void {
    const cap = this.cap === 0 ? INITIAL_CAPACITY : this.cap * 2;
    const rows = new Float64Array(cap * FIELDS);
    rows.set(this.rows);
    this.rows = rows;
    const reason = new Uint8Array(cap);
    reason.set(this.reason);
    this.reason = reason;
    this.cap = cap;
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
