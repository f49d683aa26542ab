/**
 * One paper-trading session: a strategy with parameters on one or more instruments.
 * Each instrument gets its own engine `StrategyRunner` (the backtester's code, unchanged)
 * with an equal share of the session's cash, so an instrument's sub-portfolio is exactly
 * a backtest of that instrument's bars with cash / N — which is what `paper verify` checks.
 */
import type { BrokerEvent, FillEvent, Trade } from '../engine/brokerTypes';
import { StrategyRunner } from '../engine/runner';
import type { StrategyDefinition } from '../engine/strategy';
import type { SessionRow, StoredCandle } from './liveStore';

export interface PositionSnapshot {
  readonly instrument: string;
  readonly symbol: string;
  /** Signed: > 0 long, < 0 short. */
  readonly size: number;
  readonly entryPrice: number | null;
  readonly markPrice: number | null;
  readonly unrealizedPnl: number;
  readonly cash: number;
  readonly equity: number;
  readonly bars: number;
  readonly trades: number;
}

export interface PortfolioSnapshot {
  readonly sessionId: string;
  readonly cash: number;
  readonly equity: number;
  readonly bars: number;
  readonly positions: readonly PositionSnapshot[];
  /** Open time of the last bar processed (null before the first). */
  readonly time: number | null;
}

export interface StepOutcome {
  readonly fills: readonly FillEvent[];
  /** Trades that closed during this bar. */
  readonly closedTrades: readonly Trade[];
  /** Index of the first of `closedTrades` in the instrument's trade list. */
  readonly firstTradeSeq: number;
  readonly rejections: readonly BrokerEvent[];
}

interface Book {
  readonly runner: StrategyRunner;
  lastTime: number;
  lastClose: number;
  /** Equity after each bar not yet folded into the session's curve, oldest first. */
  readonly pending: Array<{ time: number; equity: number }>;
  /** Equity as of the last bar folded into the curve (the cash share before any bar). */
  settled: number;
}

/** One point of a session's stored equity curve. */
export interface EquityPoint {
  readonly time: number;
  readonly equity: number;
}

export class PaperSession {
  readonly id: number;
  private readonly books = new Map<string, Book>();
  private lastTime: number | null = null;

  constructor(readonly row: SessionRow, readonly definition: StrategyDefinition) {
    this.id = row.id;
    const share = row.broker.cash / row.instruments.length;
    for (const inst of row.instruments) {
      this.books.set(inst, { runner: new StrategyRunner(definition, row.params, { ...row.broker, cash: share }), lastTime: -Infinity, lastClose: NaN, pending: [], settled: share });
    }
  }

  get instruments(): readonly string[] {
    return this.row.instruments;
  }

  has(instrument: string): boolean {
    return this.books.has(instrument);
  }

  /** Last bar time this session processed for the instrument (-Infinity before the first). */
  lastBarTime(instrument: string): number {
    return this.books.get(instrument)?.lastTime ?? -Infinity;
  }

  /** Feeds one closed bar of `instrument` through its runner. */
  step(instrument: string, c: StoredCandle): StepOutcome {
    const book = this.books.get(instrument);
    if (!book) throw new Error(`session ${this.id} does not trade ${instrument}`);
    const runner = book.runner;
    const before = runner.trades.length;
    const events = runner.step(c);
    book.lastTime = c.time;
    book.lastClose = c.close;
    book.pending.push({ time: c.time, equity: runner.lastEquity });
    if (this.lastTime === null || c.time > this.lastTime) this.lastTime = c.time;
    const fills: FillEvent[] = [];
    const rejections: BrokerEvent[] = [];
    for (const e of events) {
      if (e.type === 'fill') fills.push(e);
      else if (e.type !== 'trade_closed') rejections.push(e);
    }
    return { fills, closedTrades: runner.trades.slice(before), firstTradeSeq: before, rejections };
  }

  /** Sum of the instruments' equity at their last close. */
  equity(): number {
    let e = 0;
    for (const b of this.books.values()) e += b.runner.lastEquity;
    return e;
  }

  /**
   * The equity points that have become final, oldest first, each taken once. A point at
   * bar time t is final when every instrument has a bar at or after t, and is the sum of
   * each instrument's equity after its last bar at or before t. So the curve depends on
   * the bars alone: not on which instrument's message arrived first, nor on how the
   * feed batched them. With one instrument each bar gives its point at once; with
   * several, the curve advances as far as the instrument that is furthest behind.
   */
  takeEquityPoints(): EquityPoint[] {
    let upTo = Infinity;
    for (const b of this.books.values()) if (b.lastTime < upTo) upTo = b.lastTime;
    if (upTo === -Infinity) return [];
    const times: number[] = [];
    for (const b of this.books.values()) for (const p of b.pending) if (p.time <= upTo) times.push(p.time);
    if (times.length === 0) return [];
    const distinct = [...new Set(times)].sort((x, y) => x - y);
    const books = [...this.books.values()];
    const next = books.map(() => 0);
    const points: EquityPoint[] = [];
    for (const t of distinct) {
      let equity = 0;
      books.forEach((b, k) => {
        while (next[k] < b.pending.length && b.pending[next[k]].time <= t) b.settled = b.pending[next[k]++].equity;
        equity += b.settled;
      });
      points.push({ time: t, equity });
    }
    books.forEach((b, k) => b.pending.splice(0, next[k]));
    return points;
  }

  snapshot(): PortfolioSnapshot {
    const positions: PositionSnapshot[] = [];
    let cash = 0;
    let bars = 0;
    for (const [instrument, b] of this.books) {
      const br = b.runner.broker;
      const size = br.position.size;
      const entry = size === 0 ? null : br.position.entryPrice;
      const mark = Number.isFinite(b.lastClose) ? b.lastClose : null;
      cash += br.cash;
      bars += b.runner.barCount;
      positions.push({
        instrument, symbol: instrument.split(':')[0], size, entryPrice: entry, markPrice: mark,
        unrealizedPnl: entry !== null && mark !== null ? size * (mark - entry) : 0,
        cash: br.cash, equity: b.runner.lastEquity, bars: b.runner.barCount, trades: b.runner.trades.length,
      });
    }
    return { sessionId: String(this.id), cash, equity: this.equity(), bars, positions, time: this.lastTime };
  }

  /** Orders waiting to fill per instrument (they fill at the next bar at the earliest). */
  openOrders(): Map<string, number> {
    return new Map([...this.books].map(([k, b]) => [k, b.runner.broker.pendingCount]));
  }

  /** Closed trades per instrument (for verify and status). */
  trades(): Map<string, readonly Trade[]> {
    return new Map([...this.books].map(([k, b]) => [k, b.runner.trades]));
  }
}

/**
 * Rebuilds a session by replaying the bars it consumed (deterministic: same runner, same
 * bars, same order per instrument), the restart path after a crash or app restart.
 */
export function replaySession(row: SessionRow, definition: StrategyDefinition, bars: Map<string, StoredCandle[]>): PaperSession {
  const s = new PaperSession(row, definition);
  for (const [inst, list] of bars) {
    if (!s.has(inst)) continue;
    for (const c of list) s.step(inst, c);
  }
  // The points these bars made final were stored with them; only later ones are new.
  s.takeEquityPoints();
  return s;
}
