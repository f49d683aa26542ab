/**
 * The simulated exchange shared by the backtester and paper trading. It is driven one
 * closed bar at a time (`beginBar` → strategy → `endBar`), so a live feed and a
 * historical loop produce the same fills.
 *
 * Accounting follows backtesting.py 0.6.6 (`_Broker`) so its published results are
 * reproduced to the last digit:
 * - `balance` is backtesting.py's `_cash`: starting cash + realized gross PnL − every
 *   commission paid. Opening a trade only deducts its commission; equity is
 *   `balance + Σ size·(price − entry)` over open trades.
 * - sizing by a fraction f of equity: `units = floor(available·f / (p + f·p·c / f))`
 *   (backtesting.py's `adjusted_price_plus_commission`, Python float floor division),
 *   with "all equity" meaning f = 1 − 2⁻⁵² exactly as backtesting.py's `_FULL_EQUITY`;
 * - a closed trade's PnL and return are net of its entry and exit commission.
 *
 * Where backtesting.py's choice would let a strategy peek at the future or is not
 * defined, this broker picks the conservative variant (each one is commented below).
 */
import type {
  BrokerConfig, BrokerEvent, ExitReason, FillKind, Level, OrderApi, OrderRequest, PositionView, Side, Trade,
} from './brokerTypes';
import type { CompatMode } from './compat';
import { STOP_FIRST, TAKE_PROFIT_FIRST, type BarMagnifier, type MagnifierReport } from './magnifier';
import type { BarView } from './strategy';
import { defaultBrokerConfig } from './brokerTypes';
import type { TradeChunkSource } from './runBuffers';
import { TradeLog, type TradeColumns } from './tradeLog';

/** backtesting.py's default order size: 1 − sys.float_info.epsilon. */
const FULL_EQUITY = 1 - Number.EPSILON;

/**
 * The bar the broker is filling against (also the BarView the strategy receives). Its
 * prices are read on demand from columns at `row` rather than copied in per bar: the
 * runner points it at the candle arrays (or its live buffers) and only moves `row`, so
 * a bar costs two integer stores instead of seven double copies, and a strategy that
 * reads only the close reads only the close.
 */
export class BarState implements BarView {
  /** Bar number (what fills and trades record). */
  index = -1;
  /** Where the bar's prices sit in the columns (the runner keeps it equal to `index`). */
  row = 0;
  timeCol: Float64Array;
  openCol: Float64Array;
  highCol: Float64Array;
  lowCol: Float64Array;
  closeCol: Float64Array;
  volumeCol: Float64Array;

  constructor() {
    // One row of NaN until a driver points the bar at real prices.
    const none = new Float64Array([NaN]);
    this.timeCol = none;
    this.openCol = none;
    this.highCol = none;
    this.lowCol = none;
    this.closeCol = none;
    this.volumeCol = none;
  }

  get time(): number {
    return this.timeCol[this.row];
  }

  get open(): number {
    return this.openCol[this.row];
  }

  get high(): number {
    return this.highCol[this.row];
  }

  get low(): number {
    return this.lowCol[this.row];
  }

  get close(): number {
    return this.closeCol[this.row];
  }

  get volume(): number {
    return this.volumeCol[this.row];
  }

  /** Reads bars from these columns (same length, at least `row + 1`). */
  setColumns(
    time: Float64Array, open: Float64Array, high: Float64Array, low: Float64Array, close: Float64Array, volume: Float64Array,
  ): void {
    this.timeCol = time;
    this.openCol = open;
    this.highCol = high;
    this.lowCol = low;
    this.closeCol = close;
    this.volumeCol = volume;
  }
}

/**
 * A live open trade. Objects are pooled by the broker (reused after the trade closes),
 * so every numeric field starts as a double to keep one unboxed layout.
 */
class OpenTrade {
  /** Signed: > 0 long, < 0 short. */
  size = NaN;
  entryPrice = NaN;
  entryBar = NaN;
  entryTime = NaN;
  /** Absolute stop-loss price, NaN when none. */
  sl = NaN;
  /** Absolute take-profit price, NaN when none. */
  tp = NaN;
  /** First bar whose prices may trigger sl/tp (entries inside a bar protect from the next one). */
  protectFrom = NaN;
  tag: string | undefined = undefined;
}

/** A queued entry order (pooled like OpenTrade). */
class PendingOrder {
  dir = NaN;
  /** Fraction of equity, NaN when a fixed quantity is given. */
  fraction = NaN;
  /** Fixed quantity, NaN when sized by fraction. */
  quantity = NaN;
  limit = NaN;
  /** Stop trigger; set to NaN once triggered (a stop-limit then rests as a limit). */
  stop = NaN;
  sl: Level | undefined = undefined;
  tp: Level | undefined = undefined;
  tag: string | undefined = undefined;
}

class PositionState implements PositionView {
  size = NaN;
  entryPrice = NaN;
}

/** Read-only snapshot of an open trade (for portfolio views and paper-trading updates). */
export interface OpenTradeView {
  readonly side: Side;
  readonly size: number;
  readonly entryBar: number;
  readonly entryTime: number;
  readonly entryPrice: number;
  readonly stopLoss: number;
  readonly takeProfit: number;
  readonly tag?: string;
}

export class SimBroker implements OrderApi {
  readonly config: BrokerConfig;
  /** Events since the last `beginBar`/`openBar` (or `clearEvents`). */
  readonly events: BrokerEvent[] = [];
  /**
   * The bar being processed. The runner writes its fields and hands this same object to
   * the strategy, so prices never cross a call boundary as (boxed) arguments.
   */
  readonly bar = new BarState();
  /** Equity at the current bar's close, set by `closeBar`. */
  barEquity = NaN;
  /** Columns for bars handed to `beginBar` as numbers. */
  private readonly oneBar = {
    time: new Float64Array(1), open: new Float64Array(1), high: new Float64Array(1),
    low: new Float64Array(1), close: new Float64Array(1), volume: new Float64Array(1),
  };

  private readonly log: TradeLog;
  // Open trades and pending orders live in the first `openN` / `pendingN` slots; the
  // slots after them hold spent objects kept for reuse (no allocation per order).
  private readonly open: OpenTrade[] = [];
  private openN = 0;
  private readonly pending: PendingOrder[] = [];
  private pendingN = 0;
  private protectedCount = 0;
  /**
   * A queued close of the whole position (closePosition). Closes always go ahead of queued
   * entries (backtesting.py inserts them at the front), so one flag stands for any number.
   */
  private closeRequest: ExitReason | null = null;
  private readonly pos = new PositionState();
  private bankrupt = false;
  private balance = NaN;
  private readonly slip: number = NaN;
  private readonly commission: number = NaN;
  private readonly qtyStep: number = NaN;
  /** 1 / qtyStep when that is a whole number (1e-8 -> 1e8), else 0: see floorToStep. */
  private readonly stepInv: number = NaN;
  private readonly minNotional: number = NaN;
  private readonly recordEvents: boolean;
  private rejectedCount = 0;
  private firstRejectionReason: string | null = null;
  private readonly tradeOnClose: boolean;
  /** compat 'backtesting.py': its sizing and opposite-order rules (compat.ts, differences 2 and 3). */
  private readonly likeBtpy: boolean;
  /**
   * False while a run warms its strategy up without trading (runBacktest's `tradeFrom`):
   * orders are then dropped silently, neither queued nor counted as rejections.
   */
  acceptingOrders = true;
  /**
   * Finer bars that settle which of a trade's stop-loss and take-profit a bar touched
   * first (magnifier.ts); null: the adverse rule. Only consulted when both lie inside.
   */
  magnifier: BarMagnifier | null = null;
  private sameBarTakeProfitFirst = 0;
  private sameBarStopFirst = 0;
  private sameBarAdverse = 0;

  /**
   * `recordEvents: false` skips building the per-fill event objects (a backtest reads
   * `trades` at the end; paper trading publishes the events).
   */
  constructor(
    config: Partial<BrokerConfig> = {},
    options: { readonly recordEvents?: boolean; readonly compat?: CompatMode; readonly tradeChunks?: TradeChunkSource } = {},
  ) {
    this.log = new TradeLog(options.tradeChunks ?? null);
    const cfg: BrokerConfig = { ...defaultBrokerConfig, ...config };
    checkConfig(cfg);
    this.config = Object.freeze(cfg);
    this.recordEvents = options.recordEvents ?? true;
    this.tradeOnClose = cfg.tradeOnClose;
    this.likeBtpy = options.compat === 'backtesting.py';
    this.balance = cfg.cash;
    this.slip = cfg.slippageBps / 10_000;
    this.commission = cfg.commission;
    this.qtyStep = cfg.qtyStep;
    this.stepInv = stepInverse(cfg.qtyStep);
    this.minNotional = cfg.minNotional;
    this.pos.size = 0;
  }

  // ---- OrderApi (what strategies see) ----

  buy(req?: OrderRequest): void {
    this.place(1, req);
  }

  sell(req?: OrderRequest): void {
    this.place(-1, req);
  }

  /** Queues a close of every open trade; like backtesting.py it jumps ahead of queued entries. */
  closePosition(): void {
    if (this.openN !== 0 && this.acceptingOrders) this.closeRequest = 'signal';
  }

  /** Cancels every order not yet filled, closes included (stop-loss / take-profit levels of open trades stay). */
  cancelPending(): void {
    this.pendingN = 0;
    this.closeRequest = null;
  }

  get position(): PositionView {
    return this.pos;
  }

  /** Quote-currency balance of a spot account: a long's cost is spent, a short's proceeds are held. */
  get cash(): number {
    let cash = this.balance;
    const open = this.open;
    for (let k = 0; k < this.openN; k++) cash -= open[k].size * open[k].entryPrice;
    return cash;
  }

  /** Cash plus open positions marked at the current bar's close. */
  get equity(): number {
    return this.equityAt(this.bar.close);
  }

  // ---- reading the account (runner, paper trading, UI) ----

  /** Closed trades in the order they closed. */
  get trades(): readonly Trade[] {
    return this.log.all();
  }

  /** Closed trades read field by field (no Trade objects built). */
  get tradeColumns(): TradeColumns {
    return this.log;
  }

  /** Number of closed trades (without building the trade objects). */
  get tradeCount(): number {
    return this.log.length;
  }

  /** Number of orders waiting to fill (a queued close counts as one). */
  get pendingCount(): number {
    return this.pendingN + (this.closeRequest === null ? 0 : 1);
  }

  get openTrades(): OpenTradeView[] {
    const out: OpenTradeView[] = [];
    for (let k = 0; k < this.openN; k++) {
      const t = this.open[k];
      out.push({
        side: t.size > 0 ? 'long' : 'short', size: Math.abs(t.size), entryBar: t.entryBar, entryTime: t.entryTime,
        entryPrice: t.entryPrice, stopLoss: t.sl, takeProfit: t.tp, ...(t.tag === undefined ? {} : { tag: t.tag }),
      });
    }
    return out;
  }

  clearEvents(): void {
    if (this.events.length !== 0) this.events.length = 0;
  }

  // ---- driving the broker, one closed bar at a time ----

  /**
   * Opens bar `index`: fills what the bar's prices allow, in the order they happen.
   * 1. market orders (and closePosition) queued before this bar fill at its open;
   * 2. stop-loss / take-profit of open trades — when both lie inside the bar we cannot
   *    know which was touched first, so the ADVERSE one (stop-loss) fills, as
   *    backtesting.py does by queueing stop-loss orders first (unless a magnifier's
   *    finer bars show the take-profit came first);
   * 3. limit and stop orders fill at their price, or at the open when the bar gaps through.
   */
  beginBar(index: number, time: number, open: number, high: number, low: number, close: number, volume = 0): void {
    // A caller-supplied bar lives in the broker's own one-row columns.
    const one = this.oneBar;
    one.time[0] = time;
    one.open[0] = open;
    one.high[0] = high;
    one.low[0] = low;
    one.close[0] = close;
    one.volume[0] = volume;
    const bar = this.bar;
    if (bar.closeCol !== one.close) bar.setColumns(one.time, one.open, one.high, one.low, one.close, one.volume);
    bar.index = index;
    bar.row = 0;
    this.openBar();
  }

  /**
   * `beginBar` for a caller that has already written the prices into `this.bar`.
   * Kept to a few bytecodes: the bar loop inlines it, and V8's inlining budget is
   * better spent on the strategy and its indicators.
   */
  openBar(): void {
    if (this.pendingN !== 0 || this.protectedCount !== 0 || this.closeRequest !== null || this.events.length !== 0) this.openBarSlow();
  }

  /**
   * Closes the current bar after the strategy has run: with `tradeOnClose`, market
   * orders placed during this bar fill at its close. Returns the equity at the close.
   */
  endBar(): number {
    this.closeBar();
    return this.barEquity;
  }

  /** `endBar` without the return value: the equity is left in `barEquity`. Small for the same reason as openBar. */
  closeBar(): void {
    if (this.tradeOnClose || this.openN > 1) {
      this.closeBarSlow();
      return;
    }
    const equity = this.openN === 0 ? this.balance : this.balance + this.open[0].size * (this.bar.close - this.open[0].entryPrice);
    if (equity > 0) this.barEquity = equity;
    else this.closeBarSlow();
  }

  /**
   * End of data: cancels unfilled orders and closes open trades at the last close
   * (commission charged, no slippage: it values the position rather than trading it).
   * Returns the final equity.
   */
  closeAllAtClose(): number {
    this.pendingN = 0;
    this.closeRequest = null;
    if (this.openN !== 0) this.closeAll(this.bar.close, 'end_of_data', 'end_of_data', undefined);
    this.barEquity = this.equityAt(this.bar.close);
    return this.barEquity;
  }

  /**
   * backtesting.py's `finalize_trades=True`: it queues a close of every trade after the
   * last bar and re-runs the last bar's order processing, so trades exit at the LAST
   * BAR'S OPEN (orders placed on the last bar fill there too). Kept for reproducing its
   * published numbers; `closeAllAtClose` is the default.
   */
  closeAllLikeBacktestingPy(): number {
    if (this.openN !== 0) this.closeRequest = 'end_of_data';
    if (this.pendingN !== 0 || this.protectedCount !== 0 || this.closeRequest !== null) this.processBar();
    this.barEquity = this.equityAt(this.bar.close);
    return this.barEquity;
  }

  // ---- internals ----

  private openBarSlow(): void {
    if (this.events.length !== 0) this.events.length = 0;
    if (this.pendingN !== 0 || this.protectedCount !== 0 || this.closeRequest !== null) this.processBar();
  }

  private closeBarSlow(): void {
    if (this.tradeOnClose && (this.pendingN !== 0 || this.closeRequest !== null)) this.fillMarketOrders(false);
    let equity = this.equityAt(this.bar.close);
    if (equity <= 0 && !this.bankrupt) {
      this.goBankrupt();
      equity = 0;
    }
    this.barEquity = this.bankrupt ? 0 : equity;
  }

  private place(dir: 1 | -1, req: OrderRequest | undefined): void {
    if (req === undefined) {
      this.enqueue(dir, FULL_EQUITY, NaN, NaN, NaN, undefined, undefined, undefined);
      return;
    }
    const action = dir > 0 ? 'buy' : 'sell';
    const quantity = req.quantity ?? NaN;
    let fraction = NaN;
    if (req.quantity !== undefined) {
      if (!(Number.isFinite(quantity) && quantity > 0)) throw new RangeError(`${action}: quantity must be a finite number > 0 (got ${req.quantity})`);
    } else {
      const f = req.fraction ?? 1;
      if (!(f > 0 && f <= 1)) throw new RangeError(`${action}: fraction must be in (0, 1] (got ${req.fraction})`);
      fraction = f === 1 ? FULL_EQUITY : f;
    }
    const limit = checkPrice(action, 'limit', req.limit);
    const stop = checkPrice(action, 'stop', req.stop);
    checkLevel(action, 'stopLoss', req.stopLoss);
    checkLevel(action, 'takeProfit', req.takeProfit);
    // Absolute levels must bracket the expected entry (backtesting.py raises the same way).
    const ref = !Number.isNaN(limit) ? limit : !Number.isNaN(stop) ? stop : this.bar.close;
    const sl = req.stopLoss !== undefined && 'price' in req.stopLoss ? req.stopLoss.price : NaN;
    const tp = req.takeProfit !== undefined && 'price' in req.takeProfit ? req.takeProfit.price : NaN;
    if (!Number.isNaN(ref)) {
      if (dir > 0 && (sl >= ref || tp <= ref)) {
        throw new RangeError(`buy: a long needs stopLoss (${sl}) < entry (${ref}) < takeProfit (${tp})`);
      }
      if (dir < 0 && (sl <= ref || tp >= ref)) {
        throw new RangeError(`sell: a short needs takeProfit (${tp}) < entry (${ref}) < stopLoss (${sl})`);
      }
    }
    if (req.tag !== undefined && typeof req.tag !== 'string') throw new TypeError(`${action}: tag must be a string`);
    this.enqueue(dir, fraction, quantity, limit, stop, req.stopLoss, req.takeProfit, req.tag);
  }

  private enqueue(
    dir: number, fraction: number, quantity: number, limit: number, stop: number,
    sl: Level | undefined, tp: Level | undefined, tag: string | undefined,
  ): void {
    // Checked after the request's validation: a malformed order fails the same way in the warm-up.
    if (!this.acceptingOrders) return;
    const k = this.pendingN;
    if (k === this.pending.length) this.pending.push(new PendingOrder());
    const o = this.pending[k];
    o.dir = dir;
    o.fraction = fraction;
    o.quantity = quantity;
    o.limit = limit;
    o.stop = stop;
    o.sl = sl;
    o.tp = tp;
    o.tag = tag;
    this.pendingN = k + 1;
  }

  private processBar(): void {
    if (this.pendingN !== 0 || this.closeRequest !== null) this.fillMarketOrders(true);
    if (this.protectedCount !== 0) this.checkProtections();
    if (this.pendingN !== 0) this.fillConditionalOrders();
  }

  /** Fills queued market orders (and closes) at the open, or at the close with tradeOnClose. */
  private fillMarketOrders(atOpen: boolean): void {
    const price = atOpen ? this.bar.open : this.bar.close;
    const reason = this.closeRequest;
    if (reason !== null) {
      this.closeRequest = null;
      if (this.openN !== 0) {
        const dir = this.open[0].size > 0 ? -1 : 1;
        this.closeAll(this.slipped(price, dir), reason, reason === 'signal' ? 'close' : 'end_of_data', undefined);
      }
    }
    const pending = this.pending;
    const n = this.pendingN;
    let w = 0;
    for (let r = 0; r < n; r++) {
      const order = pending[r];
      if (!Number.isNaN(order.limit) || !Number.isNaN(order.stop)) {
        keep(pending, r, w++);
        continue;
      }
      // An entry filled at the open can be stopped out inside the same bar (its whole
      // range comes after the open); one filled at the close is protected from the next bar.
      this.execute(order, this.slipped(price, order.dir), 'market', atOpen ? this.bar.index : this.bar.index + 1);
    }
    this.pendingN = w;
  }

  private fillConditionalOrders(): void {
    const pending = this.pending;
    const bar = this.bar;
    const o = bar.open, h = bar.high, l = bar.low;
    const n = this.pendingN;
    let w = 0;
    for (let r = 0; r < n; r++) {
      const order = pending[r];
      const long = order.dir > 0;
      const stop = order.stop;
      if (!Number.isNaN(stop)) {
        if (!(long ? h >= stop : l <= stop)) {
          keep(pending, r, w++);
          continue;
        }
        // Triggered: from now on a market order, or a resting limit order for a stop-limit.
        order.stop = NaN;
      }
      const limit = order.limit;
      let price: number;
      let kind: FillKind;
      if (!Number.isNaN(limit)) {
        const hit = long ? l <= limit : h >= limit;
        // A stop-limit whose limit lies beyond its stop must wait: the limit price was
        // passed before the stop made the order live (backtesting.py's pessimistic rule).
        const limitBeforeStop = hit && (long ? limit <= stop : limit >= stop);
        if (!hit || limitBeforeStop) {
          keep(pending, r, w++);
          continue;
        }
        // Price improves to the open (or the stop level) when the bar gaps through the limit.
        // For a stop-limit, backtesting.py takes min(stop, limit) even when the bar opened
        // beyond the stop; we start from the trigger price actually reachable, max(open, stop).
        const start = Number.isNaN(stop) ? o : long ? Math.max(o, stop) : Math.min(o, stop);
        price = long ? Math.min(start, limit) : Math.max(start, limit);
        kind = 'limit';
      } else {
        price = this.slipped(long ? Math.max(o, stop) : Math.min(o, stop), order.dir);
        kind = 'stop';
      }
      this.execute(order, price, kind, bar.index + 1);
    }
    this.pendingN = w;
  }

  private checkProtections(): void {
    const open = this.open;
    const bar = this.bar;
    const o = bar.open, h = bar.high, l = bar.low, i = bar.index;
    for (let k = 0; k < this.openN; k++) {
      const t = open[k];
      if (t.protectFrom > i) continue;
      const long = t.size > 0;
      const sl = t.sl, tp = t.tp;
      const slHit = !Number.isNaN(sl) && (long ? l <= sl : h >= sl);
      // Stop-loss first: the adverse outcome when both levels are inside the bar, unless
      // finer bars show the take-profit came first (the rare case: the common path stays as is).
      if (slHit && !Number.isNaN(tp) && (long ? h >= tp : l <= tp) && this.takeProfitFirst(bar.row, long, sl, tp)) {
        this.closeOne(k, long ? Math.max(o, tp) : Math.min(o, tp), 'take_profit', 'take_profit');
        k--;
      } else if (slHit) {
        const price = this.slipped(long ? Math.min(o, sl) : Math.max(o, sl), long ? -1 : 1);
        this.closeOne(k, price, 'stop_loss', 'stop_loss');
        k--;
      } else if (!Number.isNaN(tp) && (long ? h >= tp : l <= tp)) {
        this.closeOne(k, long ? Math.max(o, tp) : Math.min(o, tp), 'take_profit', 'take_profit');
        k--;
      }
    }
  }

  /** Both levels inside the bar: asks the magnifier (when there is one) and counts the outcome. */
  private takeProfitFirst(row: number, long: boolean, sl: number, tp: number): boolean {
    const answer = this.magnifier === null ? 0 : this.magnifier.firstHit(row, long, sl, tp);
    if (answer === TAKE_PROFIT_FIRST) this.sameBarTakeProfitFirst++;
    else if (answer === STOP_FIRST) this.sameBarStopFirst++;
    else this.sameBarAdverse++;
    return answer === TAKE_PROFIT_FIRST;
  }

  /** How same-bar stop-loss / take-profit cases were settled so far. */
  get magnifierReport(): MagnifierReport {
    return {
      used: this.magnifier !== null,
      resolvedTakeProfitFirst: this.sameBarTakeProfitFirst,
      resolvedStopFirst: this.sameBarStopFirst,
      unresolvedAdverse: this.sameBarAdverse,
    };
  }

  /** Fills an entry order at `price` (slippage already applied): nets against opposite trades, then opens. */
  private execute(order: PendingOrder, price: number, kind: FillKind, protectFrom: number): void {
    const dir = order.dir;
    if (this.bankrupt) {
      this.reject(dir, REJECT_BANKRUPT, price, 0, order.tag);
      return;
    }
    const c = this.commission;
    const step = this.qtyStep;
    const inv = this.stepInv;
    let filled = 0;
    let fees = 0;
    let want = order.quantity;
    const open = this.open;
    // Netting account: an opposite order first closes open trades, oldest first.
    if (this.openN !== 0 && open[0].size * dir < 0) {
      if (Number.isNaN(want) && this.likeBtpy) {
        // backtesting.py sizes first, from the margin left with the opposite trades still
        // open (none when fully invested: the order is cancelled), then nets that size.
        want = this.sizeByFraction(order.fraction, price, this.marginAvailable(price));
        if (want === 0) {
          this.reject(dir, REJECT_NO_MARGIN, price, 0, order.tag);
          return;
        }
      }
      if (Number.isNaN(want)) {
        // Sized by equity: a reversal — close the whole opposite position, then size the new one.
        for (let k = 0; k < this.openN; k++) filled += Math.abs(open[k].size);
        fees += this.closeAll(price, 'reversal', null, order.tag);
      } else {
        while (want > 0 && this.openN !== 0) {
          const t = open[0];
          const q = Math.abs(t.size);
          if (q <= want + step * 1e-9) {
            filled += q;
            fees += this.closeOne(0, price, 'signal', null);
            want -= q;
          } else {
            filled += want;
            fees += this.reduce(t, want, price);
            want = 0;
          }
        }
        if (want < step * 1e-9) want = 0;
      }
    }
    let qty = 0;
    if (!(want === 0)) {
      const available = this.marginAvailable(price);
      qty = Number.isNaN(want) ? this.sizeByFraction(order.fraction, price, available) : floorToStep(want, step, inv);
      const unitCost = price * (1 + c);
      // backtesting.py cancels an order the margin does not cover; we never overdraw
      // either, but shrink it to what the margin pays for, fee included.
      if (qty * unitCost > available) qty = this.likeBtpy ? 0 : floorToStep(available / unitCost, step, inv);
      while (qty > 0 && qty * unitCost > available) qty = floorToStep(qty - step, step, inv);
      if (qty <= 0) {
        this.reject(dir, REJECT_NO_MARGIN, price, available, order.tag);
        qty = 0;
      } else if (qty * price < this.minNotional) {
        this.reject(dir, REJECT_MIN_NOTIONAL, price, qty, order.tag);
        qty = 0;
      }
    }
    if (qty > 0) {
      const fee = Math.abs(qty) * price * c;
      this.balance -= fee;
      fees += fee;
      filled += qty;
      const k = this.openN;
      if (k === open.length) open.push(new OpenTrade());
      const t = open[k];
      t.size = dir * qty;
      t.entryPrice = price;
      t.entryBar = this.bar.index;
      t.entryTime = this.bar.time;
      t.sl = resolveLevel(order.sl, price, dir, true);
      t.tp = resolveLevel(order.tp, price, dir, false);
      t.protectFrom = protectFrom;
      t.tag = order.tag;
      this.openN = k + 1;
      if (!Number.isNaN(t.sl) || !Number.isNaN(t.tp)) this.protectedCount++;
      this.updatePosition();
    }
    if (filled > 0) this.emitFill(dir > 0 ? 'buy' : 'sell', kind, filled, price, fees, order.tag);
  }

  /**
   * Margin left for new exposure: equity minus open notional, with open trades marked at
   * the fill price. (backtesting.py marks them at the bar's close, which is look-ahead;
   * compat 'backtesting.py' does so.)
   */
  private marginAvailable(price: number): number {
    const mark = this.likeBtpy ? this.bar.close : price;
    const open = this.open;
    let available = this.balance;
    for (let k = 0; k < this.openN; k++) available -= Math.abs(open[k].size) * mark - open[k].size * (mark - open[k].entryPrice);
    return available > 0 ? available : 0;
  }

  /** Units a fraction `f` of `available` buys at `price`, commission included (backtesting.py's formula). */
  private sizeByFraction(f: number, price: number, available: number): number {
    const perUnit = price + (f * price * this.commission) / f;
    return this.qtyStep === 1 ? pyFloorDiv(available * f, perUnit) : floorToStep((available * f) / perUnit, this.qtyStep, this.stepInv);
  }

  /** Closes every open trade at `price`; returns the exit commissions charged. */
  private closeAll(price: number, reason: ExitReason, kind: FillKind | null, tag: string | undefined): number {
    if (this.openN === 0) return 0;
    const action = this.open[0].size > 0 ? 'sell' : 'buy';
    let qty = 0;
    let fees = 0;
    while (this.openN !== 0) {
      qty += Math.abs(this.open[0].size);
      fees += this.closeOne(0, price, reason, null);
    }
    if (kind !== null) this.emitFill(action, kind, qty, price, fees, tag);
    return fees;
  }

  /** Closes open trade `k` at `price`; returns the exit commission. */
  private closeOne(k: number, price: number, reason: ExitReason, kind: FillKind | null): number {
    const open = this.open;
    const t = open[k];
    const n = this.openN;
    // Shift the later trades down and park the closed object after them for reuse.
    for (let j = k + 1; j < n; j++) open[j - 1] = open[j];
    open[n - 1] = t;
    this.openN = n - 1;
    if (!Number.isNaN(t.sl) || !Number.isNaN(t.tp)) this.protectedCount--;
    const fee = this.settle(t, t.size, price, reason);
    this.updatePosition();
    if (kind !== null) this.emitFill(t.size > 0 ? 'sell' : 'buy', kind, Math.abs(t.size), price, fee, t.tag);
    return fee;
  }

  /** Closes `qty` units of trade `t` (less than its size) at `price`; returns the exit commission. */
  private reduce(t: OpenTrade, qty: number, price: number): number {
    const closed = t.size > 0 ? qty : -qty;
    t.size -= closed;
    const fee = this.settle(t, closed, price, 'signal');
    this.updatePosition();
    return fee;
  }

  /** Books the exit of `size` units of `t` (backtesting.py's `_close_trade` arithmetic, in its order). */
  private settle(t: OpenTrade, size: number, price: number, reason: ExitReason): number {
    const c = this.commission;
    const exitFee = Math.abs(size) * price * c;
    const gross = size * (price - t.entryPrice);
    this.balance += gross - exitFee;
    const commission = exitFee + Math.abs(size) * t.entryPrice * c;
    const sign = size > 0 ? 1 : -1;
    const k = this.log.add(
      size, t.entryBar, this.bar.index, t.entryTime, this.bar.time, t.entryPrice, price, gross - commission,
      sign * (price / t.entryPrice - 1) - commission / (Math.abs(size) * t.entryPrice), commission, reason, t.tag,
    );
    if (this.recordEvents) this.events.push({ type: 'trade_closed', bar: this.bar.index, time: this.bar.time, trade: this.log.get(k) });
    return exitFee;
  }

  private equityAt(price: number): number {
    let equity = this.balance;
    const open = this.open;
    for (let k = 0; k < this.openN; k++) equity += open[k].size * (price - open[k].entryPrice);
    return equity;
  }

  /** Out of money (backtesting.py's `_OutOfMoneyError`): close everything, equity stays 0, no more orders. */
  private goBankrupt(): void {
    this.bankrupt = true;
    this.pendingN = 0;
    this.closeRequest = null;
    if (this.openN !== 0) this.closeAll(this.bar.close, 'signal', 'close', undefined);
    this.balance = 0;
  }

  private updatePosition(): void {
    const open = this.open;
    let size = 0;
    let cost = 0;
    for (let k = 0; k < this.openN; k++) {
      size += open[k].size;
      cost += open[k].size * open[k].entryPrice;
    }
    this.pos.size = size;
    this.pos.entryPrice = size === 0 ? NaN : cost / size;
  }

  private slipped(price: number, dir: number): number {
    return this.slip === 0 ? price : price * (1 + dir * this.slip);
  }

  private emitFill(action: 'buy' | 'sell', kind: FillKind, quantity: number, price: number, commission: number, tag: string | undefined): void {
    if (!this.recordEvents) return;
    this.events.push({ type: 'fill', bar: this.bar.index, time: this.bar.time, action, kind, quantity, price, commission, positionAfter: this.pos.size, tag });
  }

  /**
   * Records a rejected order. Always counted, and the first reason always kept, so a run
   * whose orders all bounce (e.g. whole-unit steps a small account cannot afford) can say
   * why instead of silently showing zero trades; the event only when events are recorded.
   */
  private reject(dir: number, code: number, price: number, amount: number, tag: string | undefined): void {
    this.rejectedCount++;
    if (!this.recordEvents && this.firstRejectionReason !== null) return;
    let reason: string;
    if (code === REJECT_BANKRUPT) reason = 'the account ran out of money';
    else if (code === REJECT_NO_MARGIN) reason = `insufficient equity for one quantity step (${this.qtyStep}) at ${price}: available ${amount}`;
    else reason = `notional ${amount * price} is below the minimum ${this.minNotional}`;
    if (this.firstRejectionReason === null) this.firstRejectionReason = `bar ${this.bar.index}: ${dir > 0 ? 'buy' : 'sell'} rejected: ${reason}`;
    if (!this.recordEvents) return;
    this.events.push({ type: 'order_rejected', bar: this.bar.index, time: this.bar.time, action: dir > 0 ? 'buy' : 'sell', reason, tag });
  }

  /** Orders rejected so far (insufficient equity, below minimum notional, bankrupt). */
  get rejectedOrders(): number {
    return this.rejectedCount;
  }

  /** The first rejection, with its bar and reason; null when none. */
  get firstRejection(): string | null {
    return this.firstRejectionReason;
  }
}

const REJECT_BANKRUPT = 0;
const REJECT_NO_MARGIN = 1;
const REJECT_MIN_NOTIONAL = 2;

/** Moves pending[r] to slot w, parking the order that was there at r (kept for reuse). */
function keep(pending: PendingOrder[], r: number, w: number): void {
  if (r === w) return;
  const o = pending[w];
  pending[w] = pending[r];
  pending[r] = o;
}

/**
 * Largest multiple of the quantity step <= x (tolerating x a hair below a multiple).
 * Steps like 1e-8 are applied as a division by 1e8 (`inv`, from stepInverse), which
 * yields the nearest double to the decimal quantity (n * 1e-8 would leave artifacts
 * such as 0.30000000000000004).
 */
function floorToStep(x: number, step: number, inv: number): number {
  if (!(x > 0)) return 0;
  const n = Math.floor(x / step + 1e-9);
  if (step === 1) return n;
  return inv !== 0 ? n / inv : n * step;
}

/** The whole number 1 / step when the step is its exact reciprocal (up to float noise), else 0. */
function stepInverse(step: number): number {
  const inv = Math.round(1 / step);
  return Math.abs(inv * step - 1) < 1e-12 ? inv : 0;
}

/** Python's float floor division `a // b` (CPython float_divmod), to size orders as backtesting.py does. */
export function pyFloorDiv(a: number, b: number): number {
  const mod = a % b;
  let div = (a - mod) / b;
  if (mod !== 0 && (b < 0) !== (mod < 0)) div -= 1;
  if (div === 0) return 0;
  let floordiv = Math.floor(div);
  if (div - floordiv > 0.5) floordiv += 1;
  return floordiv;
}

function resolveLevel(level: Level | undefined, fill: number, dir: number, isStop: boolean): number {
  if (level === undefined) return NaN;
  if ('price' in level) return level.price;
  const away = level.percent / 100;
  // Stop-loss below a long's fill (above a short's), take-profit the other side.
  const sign = isStop ? -dir : dir;
  return fill * (1 + sign * away);
}

function checkPrice(action: string, name: string, v: number | undefined): number {
  if (v === undefined) return NaN;
  if (!(Number.isFinite(v) && v > 0)) throw new RangeError(`${action}: ${name} price must be a finite number > 0 (got ${v})`);
  return v;
}

function checkLevel(action: string, name: string, level: Level | undefined): void {
  if (level === undefined) return;
  if ('price' in level) {
    checkPrice(action, name, level.price);
  } else if ('percent' in level) {
    const p = level.percent;
    if (!(Number.isFinite(p) && p > 0)) throw new RangeError(`${action}: ${name}.percent must be a finite number > 0 (got ${p})`);
    if (name === 'stopLoss' && action === 'buy' && p >= 100) throw new RangeError(`${action}: a long's stopLoss.percent must be < 100 (got ${p})`);
  } else {
    throw new TypeError(`${action}: ${name} must be { price } or { percent }`);
  }
}

function checkConfig(cfg: BrokerConfig): void {
  const bad = (name: string, rule: string, v: unknown): never => {
    throw new RangeError(`broker config: ${name} ${rule} (got ${String(v)})`);
  };
  if (!(Number.isFinite(cfg.cash) && cfg.cash > 0)) bad('cash', 'must be a finite number > 0', cfg.cash);
  if (!(cfg.commission >= 0 && cfg.commission < 1)) bad('commission', 'is a fraction of notional in [0, 1), e.g. 0.001 = 0.1 %', cfg.commission);
  if (!(cfg.slippageBps >= 0 && cfg.slippageBps < 10_000)) bad('slippageBps', 'must be in [0, 10000)', cfg.slippageBps);
  if (!(Number.isFinite(cfg.qtyStep) && cfg.qtyStep > 0)) bad('qtyStep', 'must be a finite number > 0', cfg.qtyStep);
  if (!(Number.isFinite(cfg.minNotional) && cfg.minNotional >= 0)) bad('minNotional', 'must be a finite number >= 0', cfg.minNotional);
  if (typeof cfg.tradeOnClose !== 'boolean') bad('tradeOnClose', 'must be a boolean', cfg.tradeOnClose);
}
