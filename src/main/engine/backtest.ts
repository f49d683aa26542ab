/**
 * A whole backtest over a candle series: StrategyRunner looped over the bars, open
 * trades settled at the end, then backtesting.py's statistics.
 */
import type { BrokerConfig, Trade } from './brokerTypes';
import { sliceCandles, type Candles } from './candles';
import { computeStatsFromColumns, type Stats } from './metrics';
import { StrategyRunner, type EndOfDataMode } from './runner';
import type { ParamValues, StrategyDefinition } from './strategy';

export interface BacktestOptions {
  /** First bar to run (inclusive, index into `candles`). Default 0. */
  readonly from?: number;
  /** Last bar to run (exclusive). Default candles.length. */
  readonly to?: number;
  /** Called about every 65,536 bars and once at the end with (bars done, bars total). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Checked with the progress calls; when aborted the run throws an AbortError. */
  readonly signal?: { readonly aborted: boolean };
  /** How trades still open after the last bar are settled (see EndOfDataMode). Default 'close'. */
  readonly endOfData?: EndOfDataMode;
  /** Reuse this buffer (length >= bars run) for the equity curve; `result.equity` is then a view of it. */
  readonly equityBuffer?: Float64Array;
  /** Annual risk-free rate for Sharpe/Sortino/Alpha, as a fraction. Default 0. */
  readonly riskFreeRate?: number;
}

export interface BacktestResult {
  readonly strategy: string;
  /** Parameters as run (defaults filled in). */
  readonly params: ParamValues;
  readonly broker: BrokerConfig;
  /**
   * Closed trades; bar indices are relative to `from` (0 = the first bar run). Built
   * on first read (then the same array every time): a caller that only wants the
   * statistics, like an optimizer, never pays for tens of thousands of objects.
   */
  readonly trades: readonly Trade[];
  /** Equity at each bar's close, one value per bar run. */
  readonly equity: Float64Array;
  readonly stats: Stats;
  /** The bars run: [from, to) of the input candles. */
  readonly from: number;
  readonly to: number;
  /**
   * First bar (relative to `from`) at which every value the strategy plots is defined:
   * its indicator warm-up. Buy & Hold starts there, as in backtesting.py.
   */
  readonly warmupBars: number;
  /** Orders the broker rejected, and the first one's bar and reason (null when none). */
  readonly rejectedOrders: number;
  readonly firstRejection: string | null;
}

const PROGRESS_EVERY = 65_536;
/** Give up looking for the end of the warm-up after this many bars (the strategy may plot a series that stays NaN). */
const WARMUP_SCAN_LIMIT = 10_000;

export function runBacktest(
  candles: Candles,
  definition: StrategyDefinition,
  params: Readonly<Record<string, unknown>> = {},
  brokerConfig: Partial<BrokerConfig> = {},
  opts: BacktestOptions = {},
): BacktestResult {
  const from = opts.from ?? 0;
  const to = opts.to ?? candles.length;
  if (!Number.isInteger(from) || !Number.isInteger(to) || from < 0 || to > candles.length || from >= to) {
    throw new RangeError(`runBacktest: bar range [${from}, ${to}) is empty or outside the ${candles.length} candles`);
  }
  const data = from === 0 && to === candles.length ? candles : sliceCandles(candles, from, to);
  const runner = new StrategyRunner(definition, params, brokerConfig, { candles: data, recordEvents: false, equityBuffer: opts.equityBuffer });
  const n = data.length;
  const signal = opts.signal;
  const onProgress = opts.onProgress;

  // Warm-up scan: step while the strategy's plotted values are still undefined.
  let warmup = 0;
  const scanEnd = Math.min(n, WARMUP_SCAN_LIMIT);
  let i = 0;
  if (runner.hasPlotValues) {
    warmup = -1;
    for (; i < scanEnd && warmup < 0; i++) {
      runner.stepIndex(i);
      if (allDefined(runner.plotValues())) warmup = i;
    }
    if (warmup < 0) warmup = 0;
  }

  while (i < n) {
    if (signal?.aborted) throw abortError();
    const end = Math.min(n, i + PROGRESS_EVERY);
    runner.runTo(end);
    i = end;
    if (onProgress !== undefined && i < n) onProgress(i, n);
  }
  runner.finish(opts.endOfData ?? 'close');
  onProgress?.(n, n);

  const equity = runner.equity;
  const stats = computeStatsFromColumns({
    trades: runner.tradeColumns, equity, candles: data, firstTradingBar: warmup, riskFreeRate: opts.riskFreeRate ?? 0,
  });
  return {
    strategy: definition.name,
    params: runner.params,
    broker: runner.broker.config,
    // An enumerable getter: JSON.stringify, structuredClone and spreading still see the trades.
    get trades(): readonly Trade[] {
      return runner.trades;
    },
    equity,
    stats,
    from,
    to,
    warmupBars: warmup,
    rejectedOrders: runner.broker.rejectedOrders,
    firstRejection: runner.broker.firstRejection,
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
