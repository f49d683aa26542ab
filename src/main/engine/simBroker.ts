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
import { defaultBrokerConfig } from './brokerTypes';

/** backtesting.py's default order size: 1 − sys.float_info.epsilon. */
const FULL_EQUITY = 1 - Number.EPSILON;

/** A live open trade as the broker keeps it (never handed out: see `openTrades`). */
class OpenTrade {
  constructor(
    /** Signed: > 0 long, < 0 short. */
    public size: number,
    readonly entryPrice: number,
    readonly entryBar: number,
    readonly entryTime: number,
    /** Absolute stop-loss price, NaN when none. */
    readonly sl: number,
    /** Absolute take-profit price, NaN when none. */
    readonly tp: number,
    /** First bar whose prices may trigger sl/tp (entries inside a bar protect from the next one). */
    readonly protectFrom: number,
    readonly tag: string | undefined,
  ) {}
}

class PendingOrder {
  constructor(
    readonly dir: 1 | -1,
    /** Fraction of equity, NaN when a fixed quantity is given. */
    readonly fraction: number,
    /** Fixed quantity, NaN when sized by fraction. */
    readonly quantity: number,
    readonly limit: number,
    /** Stop trigger; set to NaN once triggered (a stop-limit then rests as a limit). */
    public stop: number,
    readonly sl: Level | undefined,
    readonly tp: Level | undefined,
    readonly tag: string | undefined,
    /** A closePosition() order: closes every open trade when it fills. */
    readonly closeReason: ExitReason | null,
  ) {}
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
  /** Closed trades in the order they closed. */
  readonly trades: Trade[] = [];
  /** Events since the last `beginBar` (or `clearEvents`). */
  readonly events: BrokerEvent[] = [];

  private balance: number;
  private readonly open: OpenTrade[] = [];
  private readonly pending: PendingOrder[] = [];
  private protectedCount = 0;
  private readonly pos = { size: 0, entryPrice: NaN };
  private bankrupt = false;
  private readonly slip: number;
  private readonly commission: number;
  private readonly qtyStep: number;

  // The bar being processed.
  private i = -1;
  private t = NaN;
  private o = NaN;
  private h = NaN;
  private l = NaN;
  private c = NaN;

  constructor(config: Partial<BrokerConfig> = {}) {
    const cfg: BrokerConfig = { ...defaultBrokerConfig, ...config };
    checkConfig(cfg);
    this.config = cfg;
    this.balance = cfg.cash;
    this.slip = cfg.slippageBps / 10_000;
    this.commission = cfg.commission;
    this.qtyStep = cfg.qtyStep;
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
    if (this.open.length === 0) return;
    this.pending.unshift(new PendingOrder(-1, NaN, NaN, NaN, NaN, undefined, undefined, undefined, 'signal'));
  }

  /** Cancels every order not yet filled (stop-loss / take-profit levels of open trades stay). */
  cancelPending(): void {
    this.pending.length = 0;
  }

  get position(): PositionView {
    return this.pos;
  }

  /** Quote-currency balance of a spot account: a long's cost is spent, a short's proceeds are held. */
  get cash(): number {
    let cash = this.balance;
    const open = this.open;
    for (let k = 0; k < open.length; k++) cash -= open[k].size * open[k].entryPrice;
    return cash;
  }

  /** Cash plus open positions marked at the current bar's close. */
  get equity(): number {
    return this.equityAt(this.c);
  }

  // ---- driving the broker (runner / paper trading) ----

  /** Number of orders waiting to fill. */
  get pendingCount(): number {
    return this.pending.length;
  }

  get openTrades(): OpenTradeView[] {
    return this.open.map((t) => ({
      side: t.size > 0 ? 'long' : 'short', size: Math.abs(t.size), entryBar: t.entryBar, entryTime: t.entryTime,
      entryPrice: t.entryPrice, stopLoss: t.sl, takeProfit: t.tp, ...(t.tag === undefined ? {} : { tag: t.tag }),
    }));
  }

  clearEvents(): void {
    if (this.events.length !== 0) this.events.length = 0;
  }

  /**
   * Opens bar `index`: fills what the bar's prices allow, in the order they happen.
   * 1. market orders (and closePosition) queued before this bar fill at its open;
   * 2. stop-loss / take-profit of open trades — when both lie inside the bar we cannot
   *    know which was touched first, so the ADVERSE one (stop-loss) fills, as
   *    backtesting.py does by queueing stop-loss orders first;
   * 3. limit and stop orders fill at their price, or at the open when the bar gaps through.
   */
  beginBar(index: number, time: number, open: number, high: number, low: number, close: number): void {
    this.i = index;
    this.t = time;
    this.o = open;
    this.h = high;
    this.l = low;
    this.c = close;
    if (this.events.length !== 0) this.events.length = 0;
    // Fast path: nothing can fill, nothing can trigger.
    if (this.pending.length === 0 && this.protectedCount === 0) return;
    this.processBar();
  }

  /**
   * Closes the current bar after the strategy has run: with `tradeOnClose`, market
   * orders placed during this bar fill at its close. Returns the equity at the close.
   */
  endBar(): number {
    if (this.config.tradeOnClose && this.pending.length !== 0) this.fillMarketOrders(this.c, false);
    const equity = this.equityAt(this.c);
    if (equity <= 0 && !this.bankrupt) return this.goBankrupt();
    return equity;
  }

  /**
   * End of data: cancels unfilled orders and closes open trades at the last close
   * (commission charged, no slippage: it values the position rather than trading it).
   * Returns the final equity.
   */
  closeAllAtClose(): number {
    this.pending.length = 0;
    if (this.open.length !== 0) this.closeAll(this.c, 'end_of_data', 'end_of_data', undefined);
    return this.equityAt(this.c);
  }

  /**
   * backtesting.py's `finalize_trades=True`: it queues a close of every trade after the
   * last bar and re-runs the last bar's order processing, so trades exit at the LAST
   * BAR'S OPEN (orders placed on the last bar fill there too). Kept for reproducing its
   * published numbers; `closeAllAtClose` is the default.
   */
  closeAllLikeBacktestingPy(): number {
    if (this.open.length !== 0) {
      this.pending.unshift(new PendingOrder(-1, NaN, NaN, NaN, NaN, undefined, undefined, undefined, 'end_of_data'));
    }
    if (this.pending.length !== 0 || this.protectedCount !== 0) this.processBar();
    return this.equityAt(this.c);
  }

  // ---- internals ----

  private place(dir: 1 | -1, req: OrderRequest | undefined): void {
    const action = dir > 0 ? 'buy' : 'sell';
    if (req === undefined) {
      this.pending.push(new PendingOrder(dir, FULL_EQUITY, NaN, NaN, NaN, undefined, undefined, undefined, null));
      return;
    }
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
    const ref = !Number.isNaN(limit) ? limit : !Number.isNaN(stop) ? stop : this.c;
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
    this.pending.push(new PendingOrder(dir, fraction, quantity, limit, stop, req.stopLoss, req.takeProfit, req.tag, null));
  }

  private processBar(): void {
    if (this.pending.length !== 0) this.fillMarketOrders(this.o, true);
    if (this.protectedCount !== 0) this.checkProtections();
    if (this.pending.length !== 0) this.fillConditionalOrders();
  }

  /** Fills queued market orders (and closes) at `price`: the open, or the close with tradeOnClose. */
  private fillMarketOrders(price: number, atOpen: boolean): void {
    const pending = this.pending;
    let w = 0;
    for (let r = 0; r < pending.length; r++) {
      const order = pending[r];
      if (!Number.isNaN(order.limit) || !Number.isNaN(order.stop)) {
        pending[w++] = order;
        continue;
      }
      if (order.closeReason !== null) {
        if (this.open.length !== 0) {
          const dir = this.open[0].size > 0 ? -1 : 1;
          this.closeAll(this.slipped(price, dir), order.closeReason, order.closeReason === 'signal' ? 'close' : 'end_of_data', undefined);
        }
      } else {
        // An entry filled at the open can be stopped out inside the same bar (its whole
        // range comes after the open); one filled at the close is protected from the next bar.
        this.execute(order, this.slipped(price, order.dir), 'market', atOpen ? this.i : this.i + 1);
      }
    }
    pending.length = w;
  }

  private fillConditionalOrders(): void {
    const pending = this.pending;
    const o = this.o, h = this.h, l = this.l;
    let w = 0;
    for (let r = 0; r < pending.length; r++) {
      const order = pending[r];
      const long = order.dir > 0;
      const stop = order.stop;
      if (!Number.isNaN(stop)) {
        if (!(long ? h >= stop : l <= stop)) {
          pending[w++] = order;
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
          pending[w++] = order;
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
      this.execute(order, price, kind, this.i + 1);
    }
    pending.length = w;
  }

  private checkProtections(): void {
    const open = this.open;
    const o = this.o, h = this.h, l = this.l, i = this.i;
    for (let k = 0; k < open.length; k++) {
      const t = open[k];
      if (t.protectFrom > i) continue;
      const long = t.size > 0;
      const sl = t.sl, tp = t.tp;
      // Stop-loss first: the adverse outcome when both levels are inside the bar.
      if (!Number.isNaN(sl) && (long ? l <= sl : h >= sl)) {
        const price = this.slipped(long ? Math.min(o, sl) : Math.max(o, sl), long ? -1 : 1);
        this.closeOne(k, price, 'stop_loss', 'stop_loss');
        k--;
      } else if (!Number.isNaN(tp) && (long ? h >= tp : l <= tp)) {
        this.closeOne(k, long ? Math.max(o, tp) : Math.min(o, tp), 'take_profit', 'take_profit');
        k--;
      }
    }
  }

  /** Fills an entry order at `price` (slippage already applied): nets against opposite trades, then opens. */
  private execute(order: PendingOrder, price: number, kind: FillKind, protectFrom: number): void {
    const action = order.dir > 0 ? 'buy' : 'sell';
    if (this.bankrupt) {
      this.reject(action, 'the account ran out of money', order.tag);
      return;
    }
    const dir = order.dir;
    const c = this.commission;
    let filled = 0;
    let fees = 0;
    let want = order.quantity;
    const open = this.open;
    // Netting account: an opposite order first closes open trades, oldest first.
    if (open.length !== 0 && open[0].size * dir < 0) {
      if (Number.isNaN(want)) {
        // Sized by equity: a reversal — close the whole opposite position, then size the new one.
        for (let k = open.length - 1; k >= 0; k--) {
          filled += Math.abs(open[k].size);
        }
        fees += this.closeAll(price, 'reversal', null, order.tag);
      } else {
        while (want > 0 && open.length !== 0) {
          const t = open[0];
          const q = Math.abs(t.size);
          if (q <= want + this.qtyStep * 1e-9) {
            filled += q;
            fees += this.closeOne(0, price, 'signal', null);
            want -= q;
          } else {
            filled += want;
            fees += this.reduce(t, want, price);
            want = 0;
          }
        }
        if (want < this.qtyStep * 1e-9) want = 0;
      }
    }
    let qty = 0;
    if (!(want === 0)) {
      // Margin left for new exposure: equity marked at the fill price, minus open notional.
      // (backtesting.py marks open trades at the bar's close here; that would be look-ahead.)
      let available = this.balance;
      for (let k = 0; k < open.length; k++) available -= Math.abs(open[k].size) * price - open[k].size * (price - open[k].entryPrice);
      if (!(available > 0)) available = 0;
      if (Number.isNaN(want)) {
        const f = order.fraction;
        const perUnit = price + (f * price * c) / f;
        qty = this.qtyStep === 1 ? pyFloorDiv(available * f, perUnit) : this.floorToStep((available * f) / perUnit);
      } else {
        qty = this.floorToStep(want);
      }
      // Never overdraw: shrink to what the margin pays for, fee included.
      const unitCost = price * (1 + c);
      if (qty * unitCost > available) qty = this.floorToStep(available / unitCost);
      while (qty > 0 && qty * unitCost > available) qty = this.floorToStep(qty - this.qtyStep);
      if (qty <= 0) {
        this.reject(action, `insufficient equity for one quantity step (${this.qtyStep}) at ${price}: available ${available}`, order.tag);
        qty = 0;
      } else if (qty * price < this.config.minNotional) {
        this.reject(action, `notional ${qty * price} is below the minimum ${this.config.minNotional}`, order.tag);
        qty = 0;
      }
    }
    if (qty > 0) {
      const fee = Math.abs(qty) * price * c;
      this.balance -= fee;
      fees += fee;
      filled += qty;
      const sl = resolveLevel(order.sl, price, dir, true);
      const tp = resolveLevel(order.tp, price, dir, false);
      const t = new OpenTrade(dir * qty, price, this.i, this.t, sl, tp, protectFrom, order.tag);
      open.push(t);
      if (!Number.isNaN(sl) || !Number.isNaN(tp)) this.protectedCount++;
      this.updatePosition();
    }
    if (filled > 0) this.emitFill(action, kind, filled, price, fees, order.tag);
  }

  /** Closes every open trade at `price`; returns the exit commissions charged. */
  private closeAll(price: number, reason: ExitReason, kind: FillKind | null, tag: string | undefined): number {
    const open = this.open;
    if (open.length === 0) return 0;
    const action = open[0].size > 0 ? 'sell' : 'buy';
    let qty = 0;
    let fees = 0;
    while (open.length !== 0) {
      qty += Math.abs(open[0].size);
      fees += this.closeOne(0, price, reason, null);
    }
    if (kind !== null) this.emitFill(action, kind, qty, price, fees, tag);
    return fees;
  }

  /** Closes open trade `k` at `price`; returns the exit commission. */
  private closeOne(k: number, price: number, reason: ExitReason, kind: FillKind | null): number {
    const t = this.open[k];
    this.open.splice(k, 1);
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
    const trade: Trade = {
      side: size > 0 ? 'long' : 'short',
      size: Math.abs(size),
      entryBar: t.entryBar,
      exitBar: this.i,
      entryTime: t.entryTime,
      exitTime: this.t,
      entryPrice: t.entryPrice,
      exitPrice: price,
      pnl: gross - commission,
      returnPct: sign * (price / t.entryPrice - 1) - commission / (Math.abs(size) * t.entryPrice),
      commission,
      exitReason: reason,
      ...(t.tag === undefined ? {} : { tag: t.tag }),
    };
    this.trades.push(trade);
    this.events.push({ type: 'trade_closed', bar: this.i, time: this.t, trade });
    return exitFee;
  }

  private equityAt(price: number): number {
    let equity = this.balance;
    const open = this.open;
    for (let k = 0; k < open.length; k++) equity += open[k].size * (price - open[k].entryPrice);
    return equity;
  }

  /** Out of money (backtesting.py's `_OutOfMoneyError`): close everything, equity stays 0, no more orders. */
  private goBankrupt(): number {
    this.bankrupt = true;
    this.pending.length = 0;
    if (this.open.length !== 0) this.closeAll(this.c, 'signal', 'close', undefined);
    this.balance = 0;
    return 0;
  }

  private updatePosition(): void {
    const open = this.open;
    let size = 0;
    let cost = 0;
    for (let k = 0; k < open.length; k++) {
      size += open[k].size;
      cost += open[k].size * open[k].entryPrice;
    }
    this.pos.size = size;
    this.pos.entryPrice = size === 0 ? NaN : cost / size;
  }

  private slipped(price: number, dir: number): number {
    return this.slip === 0 ? price : price * (1 + dir * this.slip);
  }

  /** Largest multiple of the quantity step <= x (tolerating x a hair below a multiple). */
  private floorToStep(x: number): number {
    const step = this.qtyStep;
    if (!(x > 0)) return 0;
    const n = Math.floor(x / step + 1e-9);
    return step === 1 ? n : n * step;
  }

  private emitFill(action: 'buy' | 'sell', kind: FillKind, quantity: number, price: number, commission: number, tag: string | undefined): void {
    this.events.push({
      type: 'fill', bar: this.i, time: this.t, action, kind, quantity, price, commission,
      positionAfter: this.pos.size, ...(tag === undefined ? {} : { tag }),
    });
  }

  private reject(action: 'buy' | 'sell', reason: string, tag: string | undefined): void {
    this.events.push({ type: 'order_rejected', bar: this.i, time: this.t, action, reason, ...(tag === undefined ? {} : { tag }) });
  }
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
