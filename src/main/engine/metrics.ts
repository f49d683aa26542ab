/**
 * Backtest summary statistics, defined exactly as backtesting.py 0.6.6's
 * `compute_stats` (backtesting/_stats.py), so our numbers can be checked
 * against the field's reference (test/fixtures/oracles/btpy_*.json) and users
 * comparing the two tools see the same figures under the same names.
 *
 * Definitions worth knowing (all as backtesting.py):
 * - Exposure Time counts bars with an open position, entry and exit bars
 *   included, over all bars ("n bars" time, not clock time).
 * - Annualized figures use period returns of the equity resampled to calendar
 *   days (weeks, months, years for bars that long) and 365 periods a year when
 *   the share of bars on Saturdays and Sundays exceeds 60% of 2/7 (crypto,
 *   24/7), else 252. The index is the candles' open times read as UTC, so
 *   days are UTC calendar days. Intraday bars are annualized via daily closes.
 *   Return (Ann.) compounds the geometric-mean period return; Volatility (Ann.)
 *   is the compounded-variance formula, not std * sqrt(N). CAGR divides the
 *   calendar span by 365.25 days.
 * - Sharpe = (Return (Ann.) [%] - 100 rf) / Volatility (Ann.) [%]; Sortino
 *   divides by the root mean square of period returns with gains counted as 0.
 *   Beta regresses per-bar log returns of equity on those of Close;
 *   Alpha = Return - rf - Beta (Buy & Hold - rf), in percent.
 * - Buy & Hold starts at the close of `firstTradingBar` (backtesting.py uses
 *   the first bar where every indicator of the strategy is defined).
 * - Drawdown periods run peak-to-recovery (or peak-to-end); durations are
 *   rounded up to the data's resolution (whole days for daily bars).
 * - Avg. Trade is the geometric mean of trade returns; Expectancy the
 *   arithmetic mean. Profit Factor is NaN, not infinite, with no losing trade.
 *
 * Deliberate differences from backtesting.py (each pinned by a test):
 * 1. "Commissions [$]" is always present (0 when nothing was paid);
 *    backtesting.py drops the row when total commission is 0.
 * 2. When the only drawdown is on the very last bar, backtesting.py reports
 *    that drawdown fraction in the two drawdown-duration fields (a number
 *    where a Timedelta belongs); we report them as NaN/null. Avg. Drawdown [%]
 *    matches it in that case.
 * 3. Bad input (empty series, equity and candles of different lengths, trade
 *    bars outside the data) throws a RangeError instead of a pandas error.
 */
import type { Trade } from './brokerTypes';
import type { Candles } from './candles';
import type { CompatMode } from './compat';
import type { TradeColumns, TradeField } from './tradeLog';
import { geometricMean } from './metrics/annualization';
import { drawdownSummary } from './metrics/drawdown';
import { candleProfile } from './metrics/candleProfile';
import { scanEquity } from './metrics/equityScan';
import { logReturnSlopeOnKnown, slopeFromSums } from './metrics/sampleStats';
import { fullTradeSums } from './metrics/tradeSums';
import type { Stats } from './metrics/statsShape';
import { COMMISSION_SCRATCH, readTradeFigures, scratchColumn, summaryFrom, type StatsCore } from './metrics/summaryStats';
import { ceilToUnit, isoTime, timedeltaText } from './metrics/timeText';

export type { DurationText, StatKey, Stats } from './metrics/statsShape';
export { DURATION_KEYS, STAT_KEYS } from './metrics/statsShape';
export { drawdownSeries } from './metrics/drawdown';
export { formatStatsTable, statsToJson } from './metrics/statsText';
export type { StatsJson } from './metrics/statsText';

export interface StatsInput {
  /** Closed trades (an open trade should be closed at the last Close first, as backtesting.py's finalize_trades). */
  readonly trades: readonly Trade[];
  /** Account equity at each bar's close; same length as candles. */
  readonly equity: Float64Array;
  readonly candles: Candles;
  /** Annual risk-free rate as a fraction, -1 < rf < 1. Default 0. */
  readonly riskFreeRate?: number;
  /**
   * Bar whose close starts Buy & Hold: the strategy's indicator warm-up
   * (first bar where every indicator is defined), as backtesting.py does.
   * Default 0 (backtesting.py with no strategy instance).
   */
  readonly firstTradingBar?: number;
  /** 'backtesting.py': its presentation of differences 1 and 2 above instead of ours. */
  readonly compat?: CompatMode;
}

export function computeStats(input: StatsInput): Stats {
  return statsOf(input, new TradeArrayColumns(input.trades));
}

/**
 * computeStats over trades still in the broker's columnar log (runBacktest's path):
 * the same statistics without building a Trade object per trade.
 */
export function computeStatsFromColumns(input: Omit<StatsInput, 'trades'> & { readonly trades: TradeColumns }): Stats {
  return statsOf(input, input.trades);
}

/** The trade fields only the full statistics read (TradeFigures has the summary's). */
const FULL_FIELDS: readonly TradeField[] = ['entryTime', 'exitTime', 'commission'];

/** Trade objects seen through the TradeColumns interface. */
class TradeArrayColumns implements TradeColumns {
  constructor(private readonly trades: readonly Trade[]) {}

  get length(): number {
    return this.trades.length;
  }

  copyColumns(fields: readonly TradeField[], outs: readonly Float64Array[]): void {
    const trades = this.trades;
    for (let j = 0; j < fields.length; j++) {
      const field = fields[j];
      const out = outs[j];
      for (let k = 0; k < trades.length; k++) out[k] = trades[k][field];
    }
  }
}

function statsOf(input: StatsCore & { readonly compat?: CompatMode }, trades: TradeColumns): Stats {
  const { equity, candles } = input;
  const rf = input.riskFreeRate ?? 0;
  // Trade fields copied out a column at a time into scratch columns reused by every run
  // (summaryStats.ts): no value per trade boxed, and nothing allocated per run.
  const figures = readTradeFigures(input, trades);
  const nTrades = figures.count;
  const n = candles.length;
  const time = candles.time;

  // Memory: nothing below holds a value per bar (bar loops fold the drawdown and the
  // log returns into their sums as they go); a million-bar run would otherwise build
  // ~40 MB of short-lived arrays. What depends on the candles only (annualization,
  // period buckets, the close's log returns) comes from their cached profile.

  // --- Equity and drawdowns (with the sums Beta needs, in the same pass when it can) ---
  // Per-bar log returns of equity regressed on those of Close.
  const closeReturns = n - 1 > 1 ? candleProfile(time, candles.close).closeLogReturns() : null;
  const scan = scanEquity(equity, time, closeReturns === null ? null : closeReturns.values);
  const dd = scan === null ? drawdownSummary(equity, time) : scan.drawdowns;
  const core = summaryFrom(input, figures, dd.max);
  const summary = core.summary;
  const unit = core.profile.resolutionMs;
  const roundDuration = (ms: number): number => ceilToUnit(ms, unit);
  let avgDdPeak: number;
  let maxDdDurationMs: number;
  let avgDdDurationMs: number;
  if (dd.periodCount !== 0) {
    avgDdPeak = dd.meanPeak;
    maxDdDurationMs = roundDuration(dd.maxDurationMs);
    avgDdDurationMs = roundDuration(dd.meanDurationMs);
  } else {
    // backtesting.py falls back to dd with zeros as NaN for both series (difference 2 above).
    avgDdPeak = dd.meanNonZero;
    maxDdDurationMs = NaN;
    avgDdDurationMs = NaN;
  }
  // Under compat the durations carry that drawdown fraction, as backtesting.py's do.
  const ddFractionAsDuration = input.compat === 'backtesting.py' && dd.periodCount === 0;

  // --- Trades ---
  const returns = figures.returnPct;
  // The bar columns are spent: reused as scratch for the times of the trades.
  const entryTimes = figures.entryBar;
  const exitTimes = figures.exitBar;
  const commissionColumn = scratchColumn(COMMISSION_SCRATCH, nTrades);
  trades.copyColumns(FULL_FIELDS, [entryTimes, exitTimes, commissionColumn]);
  const tradeSums = fullTradeSums(figures.pnl, returns, entryTimes, exitTimes, commissionColumn);
  const commissions = tradeSums.commissionSum;

  // --- Returns ---
  const equityStart = equity[0];
  const equityFinal = equity[n - 1];
  const durationMs = time[n - 1] - time[0];
  // pandas: (Duration.days + Duration.seconds / 86400) / 365.25 — sub-second parts ignored.
  const years = Math.floor(durationMs / 1000) / 86400 / 365.25;
  const cagrPct = years ? ((equityFinal / equityStart) ** (1 / years) - 1) * 100 : NaN;

  let beta = NaN;
  if (closeReturns !== null) {
    const y = closeReturns;
    beta = scan === null
      ? logReturnSlopeOnKnown(equity, y.values, y.mean, y.squaredDeviations)
      : slopeFromSums(scan.logReturnSum, scan.logReturnProductSum, y.mean, y.squaredDeviations);
  }
  const alphaPct = core.returnPct - rf * 100 - beta * (core.buyHoldPct - rf * 100);

  // --- Trade statistics ---
  const wins = core.wins;
  const winRate = core.winRate;
  // mean() of the winning / losing PnLs: their sum over their count, NaN when none.
  const losingTrades = tradeSums.losses;
  const avgWin = wins === 0 ? NaN : tradeSums.positivePnlSum / wins;
  const avgLoss = losingTrades === 0 ? NaN : tradeSums.negativePnlSum / losingTrades;
  const kelly = winRate - (1 - winRate) / (avgWin / -avgLoss);

  const maxTradeMs = roundDuration(tradeSums.maxDurationMs);
  const avgTradeMs = roundDuration(tradeSums.meanDurationMs);

  const stats: Stats = {
    Start: isoTime(time[0]),
    End: isoTime(time[n - 1]),
    Duration: timedeltaText(durationMs),
    'Duration (seconds)': durationMs / 1000,
    'Exposure Time [%]': summary['Exposure Time [%]'],
    'Equity Final [$]': summary['Equity Final [$]'],
    'Equity Peak [$]': dd.peak,
    'Commissions [$]': commissions,
    'Return [%]': summary['Return [%]'],
    'Buy & Hold Return [%]': summary['Buy & Hold Return [%]'],
    'Return (Ann.) [%]': summary['Return (Ann.) [%]'],
    'Volatility (Ann.) [%]': summary['Volatility (Ann.) [%]'],
    'CAGR [%]': cagrPct,
    'Sharpe Ratio': summary['Sharpe Ratio'],
    'Sortino Ratio': summary['Sortino Ratio'],
    'Calmar Ratio': summary['Calmar Ratio'],
    'Alpha [%]': alphaPct,
    Beta: beta,
    'Max. Drawdown [%]': summary['Max. Drawdown [%]'],
    'Avg. Drawdown [%]': -avgDdPeak * 100,
    'Max. Drawdown Duration': ddFractionAsDuration ? fractionText(maxDdFraction(dd)) : timedeltaText(maxDdDurationMs),
    'Max. Drawdown Duration (seconds)': ddFractionAsDuration ? maxDdFraction(dd) : maxDdDurationMs / 1000,
    'Avg. Drawdown Duration': ddFractionAsDuration ? fractionText(dd.meanNonZero) : timedeltaText(avgDdDurationMs),
    'Avg. Drawdown Duration (seconds)': ddFractionAsDuration ? dd.meanNonZero : avgDdDurationMs / 1000,
    '# Trades': nTrades,
    'Win Rate [%]': summary['Win Rate [%]'],
    'Best Trade [%]': tradeSums.bestReturn * 100,
    'Worst Trade [%]': tradeSums.worstReturn * 100,
    'Avg. Trade [%]': geometricMean(returns) * 100,
    'Max. Trade Duration': timedeltaText(maxTradeMs),
    'Max. Trade Duration (seconds)': maxTradeMs / 1000,
    'Avg. Trade Duration': timedeltaText(avgTradeMs),
    'Avg. Trade Duration (seconds)': avgTradeMs / 1000,
    'Profit Factor': summary['Profit Factor'],
    'Expectancy [%]': summary['Expectancy [%]'],
    SQN: summary.SQN,
    'Kelly Criterion': kelly,
  };
  if (input.compat === 'backtesting.py' && commissions === 0) {
    // backtesting.py drops the row when nothing was paid (difference 1 above).
    const { 'Commissions [$]': _omitted, ...rest } = stats;
    return rest;
  }
  return stats;
}

/** backtesting.py's dd.replace(0, nan).max(): the deepest drawdown, NaN when there is none. */
function maxDdFraction(dd: { readonly max: number; readonly meanNonZero: number }): number {
  return Number.isNaN(dd.meanNonZero) ? NaN : dd.max;
}

/** A drawdown fraction where a duration text belongs (compat 'backtesting.py'); null for NaN, as NaT. */
function fractionText(fraction: number): string | null {
  return Number.isNaN(fraction) ? null : String(fraction);
}
