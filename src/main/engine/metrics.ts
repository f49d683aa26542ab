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
import type { TradeColumns, TradeField } from './tradeLog';
import { geometricMean, inferAnnualization, periodReturns } from './metrics/annualization';
import { drawdownSummary } from './metrics/drawdown';
import {
  countNegative, countPositive, logReturnSlope, max, mean, min, orNaN, sampleStd, sampleVariance, sumNegative, sumPositive,
} from './metrics/sampleStats';
import type { Stats } from './metrics/statsShape';
import { ceilToUnit, dataPeriodMs, isoTime, resolutionMs, timedeltaText } from './metrics/timeText';

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

/** Trade objects seen through the TradeColumns interface. */
class TradeArrayColumns implements TradeColumns {
  constructor(private readonly trades: readonly Trade[]) {}

  get length(): number {
    return this.trades.length;
  }

  copyColumn(field: TradeField, out: number[]): void {
    const trades = this.trades;
    for (let k = 0; k < trades.length; k++) out[k] = trades[k][field];
  }
}

function statsOf(input: Omit<StatsInput, 'trades'>, trades: TradeColumns): Stats {
  const { equity, candles } = input;
  const rf = input.riskFreeRate ?? 0;
  const firstTradingBar = input.firstTradingBar ?? 0;
  // Trade fields copied out a column at a time (two scratch arrays reused, plus the
  // PnL and return columns the trade statistics read): no value per trade boxed.
  // Plain double arrays on the JS heap rather than typed arrays: they die young, and
  // the minor GCs their allocation brings also free earlier runs' trade logs. Off-heap
  // ArrayBuffers alone are only collected after tens of MB have piled up, which over
  // back-to-back backtests shows up as peak memory.
  const nTrades = trades.length;
  const colA = doubles(nTrades);
  const colB = doubles(nTrades);
  trades.copyColumn('entryBar', colA);
  trades.copyColumn('exitBar', colB);
  validate(input, colA, colB, rf, firstTradingBar);
  const barsInMarket = countBarsInMarket(colA, colB, candles.length);

  const n = candles.length;
  const time = candles.time;
  const close = candles.close;
  const roundDuration = makeRounder(time);

  // Memory: nothing below holds a value per bar (bar loops fold the drawdown and the
  // log returns into their sums as they go); a million-bar run would otherwise build
  // ~40 MB of short-lived arrays.

  // --- Equity and drawdowns ---
  const dd = drawdownSummary(equity, time);
  let maxDd = dd.max;
  if (Number.isNaN(maxDd)) maxDd = 0; // np.nan_to_num
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

  // --- Trades ---
  const pnl = doubles(nTrades);
  const returns = doubles(nTrades);
  trades.copyColumn('pnl', pnl);
  trades.copyColumn('returnPct', returns);
  const tradeDurationsMs = colA;
  trades.copyColumn('exitTime', tradeDurationsMs);
  trades.copyColumn('entryTime', colB);
  subtractFrom(tradeDurationsMs, colB);
  trades.copyColumn('commission', colB);
  const commissions = plainSum(colB);

  // --- Returns and annualization ---
  const equityStart = equity[0];
  const equityFinal = equity[n - 1];
  const returnPct = ((equityFinal - equityStart) / equityStart) * 100;
  const c0 = close[firstTradingBar];
  const buyHoldPct = ((close[n - 1] - c0) / c0) * 100;

  const ann = inferAnnualization(time);
  const periodsPerYear = ann.periodsPerYear;
  const dayReturns = periodReturns(time, equity, ann.bucket);
  const gmean = geometricMean(dayReturns);
  const annualizedReturn = (1 + gmean) ** periodsPerYear - 1;
  const volatilityPct =
    Math.sqrt((sampleVariance(dayReturns) + (1 + gmean) ** 2) ** periodsPerYear - (1 + gmean) ** (2 * periodsPerYear)) * 100;
  const durationMs = time[n - 1] - time[0];
  // pandas: (Duration.days + Duration.seconds / 86400) / 365.25 — sub-second parts ignored.
  const years = Math.floor(durationMs / 1000) / 86400 / 365.25;
  const cagrPct = years ? ((equityFinal / equityStart) ** (1 / years) - 1) * 100 : NaN;

  const sharpe = (annualizedReturn * 100 - rf * 100) / orNaN(volatilityPct);
  const downside = Math.sqrt(mean(dayReturns.map((r) => (r < 0 ? r * r : 0))));
  const sortino = (annualizedReturn - rf) / (downside * Math.sqrt(periodsPerYear));
  const calmar = annualizedReturn / orNaN(maxDd);

  // Per-bar log returns of equity regressed on those of Close.
  const beta = n - 1 > 1 ? logReturnSlope(equity, close) : NaN;
  const alphaPct = returnPct - rf * 100 - beta * (buyHoldPct - rf * 100);

  // --- Trade statistics ---
  // Filters written as counting/summing loops (a filter callback boxes every value).
  const wins = countPositive(pnl);
  const winRate = nTrades === 0 ? NaN : wins / nTrades;
  const profitFactor = sumPositive(returns) / orNaN(Math.abs(sumNegative(returns)));
  const sqn = (Math.sqrt(nTrades) * mean(pnl)) / orNaN(sampleStd(pnl));
  // mean() of the winning / losing PnLs: their sum over their count, NaN when none.
  const losingTrades = countNegative(pnl);
  const avgWin = wins === 0 ? NaN : sumPositive(pnl) / wins;
  const avgLoss = losingTrades === 0 ? NaN : sumNegative(pnl) / losingTrades;
  const kelly = winRate - (1 - winRate) / (avgWin / -avgLoss);

  const maxTradeMs = roundDuration(max(tradeDurationsMs));
  const avgTradeMs = roundDuration(mean(tradeDurationsMs));

  return {
    Start: isoTime(time[0]),
    End: isoTime(time[n - 1]),
    Duration: timedeltaText(durationMs),
    'Duration (seconds)': durationMs / 1000,
    'Exposure Time [%]': (barsInMarket / n) * 100,
    'Equity Final [$]': equityFinal,
    'Equity Peak [$]': maxPropagatingNaN(equity),
    'Commissions [$]': commissions,
    'Return [%]': returnPct,
    'Buy & Hold Return [%]': buyHoldPct,
    'Return (Ann.) [%]': annualizedReturn * 100,
    'Volatility (Ann.) [%]': volatilityPct,
    'CAGR [%]': cagrPct,
    'Sharpe Ratio': sharpe,
    'Sortino Ratio': sortino,
    'Calmar Ratio': calmar,
    'Alpha [%]': alphaPct,
    Beta: beta,
    'Max. Drawdown [%]': -maxDd * 100,
    'Avg. Drawdown [%]': -avgDdPeak * 100,
    'Max. Drawdown Duration': timedeltaText(maxDdDurationMs),
    'Max. Drawdown Duration (seconds)': maxDdDurationMs / 1000,
    'Avg. Drawdown Duration': timedeltaText(avgDdDurationMs),
    'Avg. Drawdown Duration (seconds)': avgDdDurationMs / 1000,
    '# Trades': nTrades,
    'Win Rate [%]': winRate * 100,
    'Best Trade [%]': max(returns) * 100,
    'Worst Trade [%]': min(returns) * 100,
    'Avg. Trade [%]': geometricMean(returns) * 100,
    'Max. Trade Duration': timedeltaText(maxTradeMs),
    'Max. Trade Duration (seconds)': maxTradeMs / 1000,
    'Avg. Trade Duration': timedeltaText(avgTradeMs),
    'Avg. Trade Duration (seconds)': avgTradeMs / 1000,
    'Profit Factor': profitFactor,
    'Expectancy [%]': mean(returns) * 100,
    SQN: sqn,
    'Kelly Criterion': kelly,
  };
}

/**
 * Bars inside at least one trade, entry and exit bars included (Exposure Time).
 * Trades entered in time order — one position at a time, or netted oldest first —
 * are merged as intervals in one pass; any other order marks the bars in a byte array.
 */
function countBarsInMarket(entryBar: number[], exitBar: number[], n: number): number {
  let count = 0;
  let coveredTo = -1;
  let prevEntry = -Infinity;
  for (let k = 0; k < entryBar.length; k++) {
    const entry = entryBar[k];
    const exit = exitBar[k];
    if (entry < prevEntry) return countByMarking(entryBar, exitBar, n);
    prevEntry = entry;
    if (exit > coveredTo) {
      count += exit - Math.max(entry, coveredTo + 1) + 1;
      coveredTo = exit;
    }
  }
  return count;
}

function countByMarking(entryBar: number[], exitBar: number[], n: number): number {
  const inMarket = new Uint8Array(n);
  for (let k = 0; k < entryBar.length; k++) inMarket.fill(1, entryBar[k], exitBar[k] + 1);
  let count = 0;
  for (let i = 0; i < n; i++) count += inMarket[i];
  return count;
}

/** A plain array of n doubles (filled with a non-integer so V8 stores them unboxed from the start). */
function doubles(n: number): number[] {
  const a: number[] = [];
  for (let i = 0; i < n; i++) a.push(0.5);
  return a;
}

/** a[k] -= b[k] for every k. (Loops live in small functions: see sampleStats' note on loops.) */
function subtractFrom(a: number[], b: number[]): void {
  for (let k = 0; k < a.length; k++) a[k] -= b[k];
}

/** Σ xs from 0, in order, NaN propagating (as `trades.reduce((acc, t) => acc + t.commission, 0)`). */
function plainSum(xs: number[]): number {
  let s = 0;
  for (let k = 0; k < xs.length; k++) s += xs[k];
  return s;
}

/** Rounds durations up to the resolution of the bar period, as backtesting.py's `_round_timedelta`. */
function makeRounder(time: ArrayLike<number>): (ms: number) => number {
  const unit = resolutionMs(dataPeriodMs(time));
  return (ms) => ceilToUnit(ms, unit);
}

function maxPropagatingNaN(xs: Float64Array): number {
  let best = -Infinity;
  for (let i = 0; i < xs.length; i++) {
    if (Number.isNaN(xs[i])) return NaN;
    if (xs[i] > best) best = xs[i];
  }
  return best;
}

function validate(input: Omit<StatsInput, 'trades'>, entryBars: number[], exitBars: number[], rf: number, firstTradingBar: number): void {
  const n = input.candles.length;
  if (n < 1) throw new RangeError('computeStats: needs at least one bar');
  if (input.equity.length !== n) {
    throw new RangeError(`computeStats: equity has ${input.equity.length} values but candles have ${n} bars`);
  }
  if (!(rf > -1 && rf < 1)) throw new RangeError(`computeStats: riskFreeRate must be in (-1, 1) (got ${rf})`);
  if (!Number.isInteger(firstTradingBar) || firstTradingBar < 0 || firstTradingBar >= n) {
    throw new RangeError(`computeStats: firstTradingBar must be an integer bar index in [0, ${n - 1}] (got ${firstTradingBar})`);
  }
  for (let k = 0; k < entryBars.length; k++) {
    const entryBar = entryBars[k];
    const exitBar = exitBars[k];
    if (!Number.isInteger(entryBar) || !Number.isInteger(exitBar) || entryBar < 0 || exitBar >= n || exitBar < entryBar) {
      throw new RangeError(`computeStats: trade ${k} has bars ${entryBar}..${exitBar}, outside 0..${n - 1} or reversed`);
    }
  }
}
