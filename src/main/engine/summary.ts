/**
 * The optimizer's fast path: the same run as runBacktest (same options, same bars,
 * same trades), reduced to the figures an optimization table and objective need and
 * the per-period equity returns PBO and the Deflated Sharpe Ratio are computed from.
 * Beta/Alpha, drawdown durations, duration texts and trade objects are skipped; every
 * figure returned is bit-identical to the same key of runBacktest's stats (both come
 * from metrics/summaryStats.ts). Full statistics are for the winners.
 */
import type { BrokerConfig } from './brokerTypes';
import type { Candles } from './candles';
import type { MagnifierReport } from './magnifier';
import { maxDrawdown } from './metrics/drawdown';
import { scanEquity } from './metrics/equityScan';
import { readTradeFigures, summaryFrom, type SummaryStats } from './metrics/summaryStats';
import { simulate, type RunOptions } from './simulate';
import type { StrategyDefinition } from './strategy';

export { SUMMARY_STAT_KEYS, type SummaryStatKey, type SummaryStats } from './metrics/summaryStats';

export interface BacktestSummary {
  readonly summary: SummaryStats;
  /**
   * Simple returns of the equity from one period close to the next: calendar days for
   * intraday bars (weeks, months, years for bars that long), the periods Sharpe and
   * Sortino are computed from. Periods without bars are skipped.
   */
  readonly periodReturns: Float64Array;
  /** Open time of the bar whose equity closes each period of periodReturns (epoch ms). */
  readonly periodTimes: Float64Array;
  readonly rejectedOrders: number;
  readonly firstRejection: string | null;
  /** As BacktestResult.warmupBars: where Buy & Hold starts, relative to the first traded bar. */
  readonly warmupBars: number;
  /** As BacktestResult.magnifier: how same-bar stop-loss / take-profit cases were settled. */
  readonly magnifier: MagnifierReport;
}

export function runBacktestSummary(
  candles: Candles,
  definition: StrategyDefinition,
  params: Readonly<Record<string, unknown>> = {},
  brokerConfig: Partial<BrokerConfig> = {},
  opts: RunOptions = {},
): BacktestSummary {
  const sim = simulate('runBacktestSummary', candles, definition, params, brokerConfig, opts);
  const input = { equity: sim.equity, candles: sim.traded, firstTradingBar: sim.warmupBars, riskFreeRate: opts.riskFreeRate ?? 0 };
  const figures = readTradeFigures(input, sim.runner.tradeColumns);
  // The drawdown scan without a division per bar when the curve allows (equityScan.ts); same number either way.
  const maxDd = scanEquity(sim.equity, sim.traded.time, null)?.drawdowns.max ?? maxDrawdown(sim.equity);
  const parts = summaryFrom(input, figures, maxDd);
  const { returns, endBars } = parts.periods;
  const periodTimes = new Float64Array(endBars.length);
  const time = sim.traded.time;
  for (let k = 0; k < endBars.length; k++) periodTimes[k] = time[endBars[k]];
  const broker = sim.runner.broker;
  return {
    summary: parts.summary,
    periodReturns: Float64Array.from(returns),
    periodTimes,
    rejectedOrders: broker.rejectedOrders,
    firstRejection: broker.firstRejection,
    warmupBars: sim.warmupBars,
    magnifier: broker.magnifierReport,
  };
}
