/**
 * Runs one strategy bar by bar against the simulated broker. The backtester loops it
 * over a candle series; paper trading feeds it live closed bars — same code, same fills.
 *
 * Each closed bar i:
 *   1. the broker fills what bar i's prices allow (orders queued at bar i-1 at its open,
 *      stop-loss / take-profit, limit and stop orders);
 *   2. bar i joins the history (bars after i are never reachable);
 *   3. strategy.onBar(bar i) — its orders wait for bar i+1, unless tradeOnClose;
 *   4. with tradeOnClose, market orders fill at bar i's close;
 *   5. the equity at bar i's close is recorded.
 */
import type { BrokerConfig, BrokerEvent, Trade } from './brokerTypes';
import { CandleValidationError, type Candles } from './candles';
import { barProblem } from '../../shared/market/candleRules';
import type { CompatMode } from './compat';
import { ColumnHistory } from './history';
import type { IndicatorCache } from './indicators/indicatorCache';
import { IndicatorRequestError } from './indicators/computeIndicator';
import { SeriesReader, streamingReader, type IndicatorReader } from './indicators/indicatorUse';
import { resolveParams } from './params';
import type { RunBuffers } from './runBuffers';
import { SimBroker, type BarState } from './simBroker';
import type { TradeColumns } from './tradeLog';
import type { ParamValues, StrategyDefinition, StrategyHandler } from './strategy';

/**
 * How `finish` settles trades still open after the last bar:
 * - 'close': at the last bar's close (default);
 * - 'backtesting.py': at the last bar's OPEN, as backtesting.py 0.6.6 does with
 *   `finalize_trades=True` (it re-runs the last bar's order processing). Use it to
 *   reproduce that engine's numbers.
 */
export type EndOfDataMode = 'close' | 'backtesting.py';

export interface RunnerOptions {
  /** Backtest mode: the history reads these arrays (no copy); drive with `stepIndex`/`runTo`. */
  readonly candles?: Candles;
  /** Build the per-step broker events (default true; a backtest that only reads trades turns them off). */
  readonly recordEvents?: boolean;
  /**
   * Backtest mode: write the equity curve and the trade log into this memory instead of
   * new arrays (runBuffers.ts): an optimizer running thousands of backtests lends one. What
   * the run returns is then valid until the next run given the same buffers.
   */
  readonly buffers?: RunBuffers;
  /**
   * Backtest mode: the bar number of candles[0], what `bar.index`, fills and trades
   * record (default 0). A run that warms up before trading numbers its bars from the
   * first trading bar, so the warm-up bars have negative numbers.
   */
  readonly firstBarIndex?: number;
  /**
   * Backtest mode: serve the strategy's declared indicators from this cache (computed
   * once over these very candles, shared with other runs) instead of streaming them.
   */
  readonly indicatorCache?: IndicatorCache;
  /** Another tool's broker rules where ours differ on purpose (compat.ts). */
  readonly compat?: CompatMode;
}

/** A closed bar handed to `step` (live mode). */
export interface BarInput {
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

const LIVE_INITIAL_CAPACITY = 1024;

export class StrategyRunner {
  readonly definition: StrategyDefinition;
  /** The resolved parameters (defaults filled in, validated). */
  readonly params: ParamValues;
  readonly broker: SimBroker;
  private readonly handler: StrategyHandler;
  private readonly history: ColumnHistory;
  /** The one bar object reused for every bar (the broker's); strategies must not keep it. */
  private readonly bar: BarState;
  private readonly live: boolean;
  private time: Float64Array;
  private open: Float64Array;
  private high: Float64Array;
  private low: Float64Array;
  private close: Float64Array;
  private volume: Float64Array;
  private eq: Float64Array;
  private n = 0;
  private finished = false;
  /** Added to a row to give its bar number (RunnerOptions.firstBarIndex). */
  private readonly indexBase: number;

  constructor(
    definition: StrategyDefinition,
    params: Readonly<Record<string, unknown>> = {},
    brokerConfig: Partial<BrokerConfig> = {},
    options: RunnerOptions = {},
  ) {
    this.definition = definition;
    this.params = resolveParams(definition.name, definition.params, params);
    const c = options.candles;
    const buffers = c === undefined ? undefined : options.buffers;
    // Before the broker: starting the run marks the previous borrower's trade log stale.
    const equityMemory = buffers?.beginRun(c === undefined ? 0 : c.length);
    this.broker = new SimBroker(brokerConfig, { recordEvents: options.recordEvents ?? true, compat: options.compat, tradeChunks: buffers });
    this.bar = this.broker.bar;
    this.live = c === undefined;
    const base = options.firstBarIndex ?? 0;
    if (!Number.isSafeInteger(base) || Math.abs(base) >= 2 ** 31) throw new RangeError(`firstBarIndex must be an integer (got ${options.firstBarIndex})`);
    // As a small integer: -0 (what `-tradeStart` gives for 0) or any double-typed value here
    // made every bar.index a double field, and the whole bar loop about 10% slower.
    this.indexBase = base | 0;
    if (c === undefined) {
      this.time = new Float64Array(LIVE_INITIAL_CAPACITY);
      this.open = new Float64Array(LIVE_INITIAL_CAPACITY);
      this.high = new Float64Array(LIVE_INITIAL_CAPACITY);
      this.low = new Float64Array(LIVE_INITIAL_CAPACITY);
      this.close = new Float64Array(LIVE_INITIAL_CAPACITY);
      this.volume = new Float64Array(LIVE_INITIAL_CAPACITY);
      this.eq = new Float64Array(LIVE_INITIAL_CAPACITY);
    } else {
      this.time = c.time.subarray(0, c.length);
      this.open = c.open.subarray(0, c.length);
      this.high = c.high.subarray(0, c.length);
      this.low = c.low.subarray(0, c.length);
      this.close = c.close.subarray(0, c.length);
      this.volume = c.volume.subarray(0, c.length);
      this.eq = equityMemory ?? new Float64Array(c.length);
    }
    this.history = new ColumnHistory(this.time, this.open, this.high, this.low, this.close, this.volume);
    this.bar.setColumns(this.time, this.open, this.high, this.low, this.close, this.volume);
    this.handler = definition.create(this.params, {
      broker: this.broker,
      history: this.history,
      indicator: indicatorSource(definition, this.params, c, options.indicatorCache),
    });
  }

  /** Number of bars processed so far. */
  get barCount(): number {
    return this.n;
  }

  /** Closed trades so far. */
  get trades(): readonly Trade[] {
    return this.broker.trades;
  }

  /** Closed trades so far, read field by field without building Trade objects. */
  get tradeColumns(): TradeColumns {
    return this.broker.tradeColumns;
  }

  /** What the broker did during the last `step`/`stepIndex`/`finish`: fills, closed trades, rejections. */
  get events(): readonly BrokerEvent[] {
    return this.broker.events;
  }

  /** Equity at each processed bar's close (a view: copy it to keep it past further steps). */
  get equity(): Float64Array {
    return this.eq.subarray(0, this.n);
  }

  /** Equity at the last processed bar's close (the initial cash before the first bar). */
  get lastEquity(): number {
    return this.n === 0 ? this.broker.config.cash : this.eq[this.n - 1];
  }

  /** True when the strategy reports values to plot (its indicators). */
  get hasPlotValues(): boolean {
    return typeof this.handler.plotValues === 'function';
  }

  /** The strategy's plotted values at the last processed bar ({} when it has none). */
  plotValues(): Readonly<Record<string, number>> {
    return this.handler.plotValues?.() ?? {};
  }

  /** Live mode: processes one closed bar. Throws CandleValidationError for a malformed or out-of-order bar. */
  step(bar: BarInput): readonly BrokerEvent[] {
    if (!this.live) throw new Error('step(bar) is for live runners; this runner reads its candles: use stepIndex(i)');
    this.checkOpen();
    const i = this.n;
    checkBar(i, bar, i === 0 ? -Infinity : this.time[i - 1]);
    if (i === this.time.length) this.grow();
    this.time[i] = bar.time;
    this.open[i] = bar.open;
    this.high[i] = bar.high;
    this.low[i] = bar.low;
    this.close[i] = bar.close;
    this.volume[i] = bar.volume;
    this.process(i);
    return this.broker.events;
  }

  /** Backtest mode: processes candle `i`, which must be the next one. */
  stepIndex(i: number): readonly BrokerEvent[] {
    if (this.live) throw new Error('stepIndex(i) needs a runner built with candles; use step(bar) for live bars');
    this.checkOpen();
    if (i !== this.n || i >= this.time.length) {
      throw new RangeError(`stepIndex(${i}): the next bar is ${this.n} of ${this.time.length}`);
    }
    this.process(i);
    return this.broker.events;
  }

  /**
   * Backtest mode: processes bars up to (excluding) `end`. The hot loop of the
   * backtester: no allocation per bar, one reused bar object.
   */
  runTo(end: number): void {
    if (this.live) throw new Error('runTo needs a runner built with candles');
    this.checkOpen();
    const stop = Math.min(end, this.time.length);
    // `process` written out in the loop body: a loop's own code does not count against
    // V8's inlining budget, which then goes to the strategy's onBar and its indicators
    // (an indicator call left out-of-line boxes its double argument and result).
    const broker = this.broker;
    const bar = this.bar;
    const history = this.history;
    const handler = this.handler;
    const eq = this.eq;
    const base = this.indexBase;
    for (let i = this.n; i < stop; i++) {
      bar.index = i + base;
      bar.row = i;
      broker.openBar();
      history.cursor = i;
      handler.onBar(bar);
      broker.closeBar();
      eq[i] = broker.barEquity;
      this.n = i + 1;
    }
  }

  /**
   * No more bars: settles open trades (exit reason end_of_data) and updates the last
   * equity point. Further steps are refused.
   */
  finish(mode: EndOfDataMode = 'close'): readonly BrokerEvent[] {
    this.checkOpen();
    this.finished = true;
    const broker = this.broker;
    broker.clearEvents();
    if (this.n === 0) return broker.events;
    const equity = mode === 'backtesting.py' ? broker.closeAllLikeBacktestingPy() : broker.closeAllAtClose();
    this.eq[this.n - 1] = equity;
    return broker.events;
  }

  private process(i: number): void {
    const broker = this.broker;
    // The broker's bar object doubles as the strategy's BarView: written once, read by both.
    const bar = this.bar;
    bar.index = i + this.indexBase;
    bar.row = i;
    broker.openBar();
    this.history.cursor = i;
    this.handler.onBar(bar);
    broker.closeBar();
    this.eq[i] = broker.barEquity;
    this.n = i + 1;
  }

  private checkOpen(): void {
    if (this.finished) throw new Error('this runner has finished (finish() was called); create a new one');
  }

  private grow(): void {
    const cap = this.time.length * 2;
    this.time = grown(this.time, cap);
    this.open = grown(this.open, cap);
    this.high = grown(this.high, cap);
    this.low = grown(this.low, cap);
    this.close = grown(this.close, cap);
    this.volume = grown(this.volume, cap);
    this.eq = grown(this.eq, cap);
    const hs = this.history;
    hs.timeCol = this.time;
    hs.openCol = this.open;
    hs.highCol = this.high;
    hs.lowCol = this.low;
    hs.closeCol = this.close;
    hs.volumeCol = this.volume;
    this.bar.setColumns(this.time, this.open, this.high, this.low, this.close, this.volume);
  }
}

/** ctx.indicator for a strategy: its declared uses, streamed, or read from the cache over `candles`. */
function indicatorSource(
  definition: StrategyDefinition, params: ParamValues, candles: Candles | undefined, cache: IndicatorCache | undefined,
): (name: string) => IndicatorReader {
  const uses = definition.indicators?.(params) ?? {};
  return (name) => {
    const use = Object.prototype.hasOwnProperty.call(uses, name) ? uses[name] : undefined;
    if (use === undefined) {
      const declared = Object.keys(uses);
      throw new IndicatorRequestError(
        `strategy ${definition.name}: ctx.indicator("${name}") is not declared by its indicators() (declared: ${declared.length ? declared.join(', ') : 'none'})`,
      );
    }
    return cache !== undefined && candles !== undefined ? new SeriesReader(name, cache.series(candles, use), candles.close) : streamingReader(name, use);
  };
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

function checkBar(i: number, b: BarInput, prevTime: number): void {
  if (!Number.isFinite(b.time)) throw new CandleValidationError(i, 'time', `is not a finite number (${b.time})`);
  if (!(b.time > prevTime)) throw new CandleValidationError(i, 'time', `${b.time} is not after the previous bar's ${prevTime} (time must strictly increase)`);
  // The candle's own invariants: the one rule every source applies (src/shared/market/candleRules.ts).
  const p = barProblem(b.open, b.high, b.low, b.close, b.volume);
  if (p) throw new CandleValidationError(i, p.field, p.reason);
}
