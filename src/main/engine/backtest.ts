/**
 * A whole backtest over a candle series: the bar loop (simulate.ts), open trades
 * settled at the end, then backtesting.py's statistics over the bars traded.
 */
import type { BrokerConfig, Trade } from './brokerTypes';
import type { Candles } from './candles';
import type { MagnifierReport } from './magnifier';
import { computeStatsFromColumns, type Stats } from './metrics';
import { simulate, type RunOptions } from './simulate';
import type { ParamValues, StrategyDefinition } from './strategy';

export type BacktestOptions = RunOptions;

export interface BacktestResult {
  readonly strategy: string;
  /** Parameters as run (defaults filled in). */
  readonly params: ParamValues;
  readonly broker: BrokerConfig;
  /**
   * Closed trades; bar indices are relative to the first traded bar (`tradeFrom`,
   * which defaults to `from`). Built on first read (then the same array every time):
   * a caller that only wants the statistics, like an optimizer, never pays for tens of
   * thousands of objects.
   */
  readonly trades: readonly Trade[];
  /** Equity at each traded bar's close, one value per bar in [tradeFrom, to). */
  readonly equity: Float64Array;
  readonly stats: Stats;
  /** The bars run: [from, to) of the input candles. */
  readonly from: number;
  readonly to: number;
  /** The first bar traded (absolute index; `from` unless the run warmed up without trading). */
  readonly tradeFrom: number;
  /**
   * First traded bar (relative to `tradeFrom`) at which every value the strategy plots
   * is defined: its indicator warm-up. Buy & Hold starts there, as in backtesting.py.
   */
  readonly warmupBars: number;
  /** Orders the broker rejected, and the first one's bar and reason (null when none). */
  readonly rejectedOrders: number;
  readonly firstRejection: string | null;
  /** How bars where a stop-loss and a take-profit both lay inside were settled (magnifier.ts). */
  readonly magnifier: MagnifierReport;
}

export function runBacktest(
  candles: Candles,
  definition: StrategyDefinition,
  params: Readonly<Record<string, unknown>> = {},
  brokerConfig: Partial<BrokerConfig> = {},
  opts: BacktestOptions = {},
): BacktestResult {
  const sim = simulate('runBacktest', candles, definition, params, brokerConfig, opts);
  const runner = sim.runner;
  const stats = computeStatsFromColumns({
    trades: runner.tradeColumns, equity: sim.equity, candles: sim.traded, firstTradingBar: sim.warmupBars, riskFreeRate: opts.riskFreeRate ?? 0,
    compat: opts.compat,
  });
  return {
    strategy: definition.name,
    params: runner.params,
    broker: runner.broker.config,
    // An enumerable getter: JSON.stringify, structuredClone and spreading still see the trades.
    get trades(): readonly Trade[] {
      return runner.trades;
    },
    equity: sim.equity,
    stats,
    from: sim.from,
    to: sim.to,
    tradeFrom: sim.tradeFrom,
    warmupBars: sim.warmupBars,
    rejectedOrders: runner.broker.rejectedOrders,
    firstRejection: runner.broker.firstRejection,
    magnifier: runner.broker.magnifierReport,
  };
}
