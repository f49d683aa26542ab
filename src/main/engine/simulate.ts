/**
 * The bar loop of a backtest, shared by runBacktest (full statistics) and
 * runBacktestSummary (the optimizer's few numbers): checks the bar range, steps a
 * StrategyRunner over it with progress and cancellation, finds the strategy's
 * indicator warm-up, and settles what is open at the end.
 *
 * A run may warm up without trading: the strategy sees bars from `from`, but the broker
 * drops every order before `tradeFrom`, and everything measured (equity, trades, bar
 * numbers, statistics) starts at `tradeFrom`. A walk-forward out-of-sample window then
 * starts with warm indicators instead of trading late.
 */
import type { BrokerConfig } from './brokerTypes';
import { sliceCandles, type Candles } from './candles';
import type { CompatMode } from './compat';
import { BarMagnifier } from './magnifier';
import type { IndicatorCache } from './indicators/indicatorCache';
import type { RunBuffers } from './runBuffers';
import { StrategyRunner, type EndOfDataMode } from './runner';
import type { StrategyDefinition } from './strategy';

/** The options runBacktest and runBacktestSummary share. */
export interface RunOptions {
  /** First bar the strategy sees (inclusive, index into `candles`). Default 0. */
  readonly from?: number;
  /** Last bar to run (exclusive). Default candles.length. */
  readonly to?: number;
  /**
   * First bar the broker trades (absolute index, from <= tradeFrom < to; default `from`).
   * Orders placed before it are dropped silently (not counted as rejections); equity,
   * trades and statistics cover [tradeFrom, to), trade bar numbers count from it.
   */
  readonly tradeFrom?: number;
  /** Called about every 65,536 bars and once at the end with (bars done, bars total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked with the progress calls; when aborted the run throws an AbortError. */
  readonly signal?: { readonly aborted: boolean };
  /** How trades still open after the last bar are settled (see EndOfDataMode). Default 'close' ('backtesting.py' under that compat). */
  readonly endOfData?: EndOfDataMode;
  /**
   * Memory for the equity curve and the trade log, lent by a caller running backtests one
   * after another (runBuffers.ts): the result's equity and trades are then valid until the
   * next run given the same buffers (reading stale trades throws).
   */
  readonly buffers?: RunBuffers;
  /** Annual risk-free rate for Sharpe/Sortino/Alpha, as a fraction. Default 0. */
  readonly riskFreeRate?: number;
  /**
   * Indicator series shared across runs (an optimizer's grid): a strategy that declares
   * its indicators reads them from here, computed once over the bars it sees ([from, to)).
   */
  readonly indicatorCache?: IndicatorCache;
  /**
   * Reproduce another tool's numbers: every deliberate difference from it flipped
   * (compat.ts lists them). Default: none, our own rules.
   */
  readonly compat?: CompatMode;
  /**
   * Finer bars (1m) over the same instrument and range: when a stop-loss and a take-profit
   * both lie inside one bar, they say which was touched first instead of assuming the
   * stop-loss (magnifier.ts). The caller loads them; bars they do not cover keep the rule.
   */
  readonly magnifier?: Candles;
}

export interface Simulation {
  readonly runner: StrategyRunner;
  /** The bars traded, [tradeFrom, to) of the input: what the statistics describe. */
  readonly traded: Candles;
  /** Equity at each traded bar's close. */
  readonly equity: Float64Array;
  /** First traded bar (relative to tradeFrom) where every plotted value of the strategy is defined. */
  readonly warmupBars: number;
  readonly from: number;
  readonly to: number;
  readonly tradeFrom: number;
}

const PROGRESS_EVERY = 65_536;
/** Give up looking for the end of the warm-up after this many bars (the strategy may plot a series that stays NaN). */
const WARMUP_SCAN_LIMIT = 10_000;

export function simulate(
  caller: string,
  candles: Candles,
  definition: StrategyDefinition,
  params: Readonly<Record<string, unknown>>,
  brokerConfig: Partial<BrokerConfig>,
  opts: RunOptions,
): Simulation {
  const from = opts.from ?? 0;
  const to = opts.to ?? candles.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > candles.length || from >= to) {
    throw new RangeError(`${caller}: bar range [${from}, ${to}) is empty or outside the ${candles.length} candles`);
  }
  const tradeFrom = opts.tradeFrom ?? from;
  if (!Number.isInteger(tradeFrom) || tradeFrom < from || tradeFrom >= to) {
    throw new RangeError(`${caller}: tradeFrom (${opts.tradeFrom}) must be an integer bar index in [from, to) = [${from}, ${to})`);
  }
  const data = from === 0 && to === candles.length ? candles : sliceCandles(candles, from, to);
  // Bars before the first traded one only warm the strategy up.
  const tradeStart = tradeFrom - from;
  const runner = new StrategyRunner(definition, params, brokerConfig, {
    candles: data, recordEvents: false, buffers: opts.buffers, firstBarIndex: -tradeStart, indicatorCache: opts.indicatorCache, compat: opts.compat,
  });
  const broker = runner.broker;
  if (opts.magnifier !== undefined) broker.magnifier = new BarMagnifier(opts.magnifier, data.time);
  const n = data.length;
  const signal = opts.signal;
  const onProgress = opts.onProgress;

  // Warm-up scan: step while the strategy's plotted values are still undefined.
  let warmup = 0;
  let i = 0;
  if (runner.hasPlotValues) {
    const scanEnd = Math.min(n, WARMUP_SCAN_LIMIT);
    warmup = -1;
    for (; i < scanEnd && warmup < 0; i++) {
      broker.acceptingOrders = i >= tradeStart;
      runner.stepIndex(i);
      if (allDefined(runner.plotValues())) warmup = i;
    }
    if (warmup < 0) warmup = 0;
  }

  while (i < n) {
    if (signal?.aborted) throw abortError();
    // A chunk never straddles the first traded bar: the broker opens there.
    const end = i < tradeStart ? Math.min(tradeStart, i + PROGRESS_EVERY) : Math.min(n, i + PROGRESS_EVERY);
    broker.acceptingOrders = i >= tradeStart;
    runner.runTo(end);
    i = end;
    if (onProgress !== undefined && i < n) onProgress(i, n);
  }
  broker.acceptingOrders = true;
  runner.finish(opts.endOfData ?? (opts.compat === 'backtesting.py' ? 'backtesting.py' : 'close'));
  onProgress?.(n, n);

  const equity = tradeStart === 0 ? runner.equity : runner.equity.subarray(tradeStart);
  return {
    runner,
    traded: tradeStart === 0 ? data : sliceCandles(data, tradeStart),
    equity,
    // Buy & Hold starts at the first traded bar or at the end of the indicator warm-up, whichever is later.
    warmupBars: Math.max(0, warmup - tradeStart),
    from,
    to,
    tradeFrom,
  };
}

function allDefined(values: Readonly<Record<string, number>>): boolean {
  for (const k in values) if (Number.isNaN(values[k])) return false;
  return true;
}

function abortError(): Error {
  const e = new Error('backtest cancelled');
  e.name = 'AbortError';
  return e;
}
