/**
 * Closed trades stored column by column in growable typed arrays. A busy backtest
 * closes tens of thousands of trades; keeping them as numbers instead of objects
 * means nothing per trade survives the young-generation GC, which otherwise costs
 * more than the whole simulation. Trade objects are built on demand (and cached).
 */
import type { ExitReason, Side, Trade } from './brokerTypes';

const REASONS: readonly ExitReason[] = ['signal', 'stop_loss', 'take_profit', 'end_of_data', 'reversal'];

export class TradeLog {
  private cap = 0;
  private n = 0;
  private size: Float64Array = new Float64Array(0);
  private entryBar: Float64Array = new Float64Array(0);
  private exitBar: Float64Array = new Float64Array(0);
  private entryTime: Float64Array = new Float64Array(0);
  private exitTime: Float64Array = new Float64Array(0);
  private entryPrice: Float64Array = new Float64Array(0);
  private exitPrice: Float64Array = new Float64Array(0);
  private pnl: Float64Array = new Float64Array(0);
  private returnPct: Float64Array = new Float64Array(0);
  private commission: Float64Array = new Float64Array(0);
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
    this.size[k] = size;
    this.entryBar[k] = entryBar;
    this.exitBar[k] = exitBar;
    this.entryTime[k] = entryTime;
    this.exitTime[k] = exitTime;
    this.entryPrice[k] = entryPrice;
    this.exitPrice[k] = exitPrice;
    this.pnl[k] = pnl;
    this.returnPct[k] = returnPct;
    this.commission[k] = commission;
    this.reason[k] = REASONS.indexOf(reason);
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
    for (let k = built.length; k < upTo; k++) {
      const size = this.size[k];
      const side: Side = size > 0 ? 'long' : 'short';
      const trade: Trade = {
        side,
        size: Math.abs(size),
        entryBar: this.entryBar[k],
        exitBar: this.exitBar[k],
        entryTime: this.entryTime[k],
        exitTime: this.exitTime[k],
        entryPrice: this.entryPrice[k],
        exitPrice: this.exitPrice[k],
        pnl: this.pnl[k],
        returnPct: this.returnPct[k],
        commission: this.commission[k],
        exitReason: REASONS[this.reason[k]],
      };
      const tag = this.tags[k];
      built.push(tag === undefined ? trade : { ...trade, tag });
    }
  }

  private grow(): void {
    const cap = this.cap === 0 ? 256 : this.cap * 2;
    this.size = grown(this.size, cap);
    this.entryBar = grown(this.entryBar, cap);
    this.exitBar = grown(this.exitBar, cap);
    this.entryTime = grown(this.entryTime, cap);
    this.exitTime = grown(this.exitTime, cap);
    this.entryPrice = grown(this.entryPrice, cap);
    this.exitPrice = grown(this.exitPrice, cap);
    this.pnl = grown(this.pnl, cap);
    this.returnPct = grown(this.returnPct, cap);
    this.commission = grown(this.commission, cap);
    const r = new Uint8Array(cap);
    r.set(this.reason);
    this.reason = r;
    this.cap = cap;
  }
}

/**
 * A copy of `a` with room for `cap` values. A module function, not a closure: optimized
 * code that inlines a closure holds it weakly and is thrown away when the closure dies.
 */
function grown(a: Float64Array, cap: number): Float64Array {
  const b = new Float64Array(cap);
  b.set(a);
  return b;
}
