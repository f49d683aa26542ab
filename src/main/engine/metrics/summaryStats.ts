/**
 * The statistics an optimizer's table and objective need (SUMMARY_STAT_KEYS), with
 * backtesting.py's definitions (see metrics.ts). Full statistics are built on these
 * very values (metrics.ts calls summaryFrom), so a summary is bit-identical to the
 * same keys of computeStats: one definition of each figure, in one place.
 */
import { SUMMARY_STAT_KEYS, type SummaryKey } from '../../../shared/researchTypes';
import type { Candles } from '../candles';
import type { TradeColumns, TradeField } from '../tradeLog';
import { bucketReturns, geometricMean, type BucketReturns } from './annualization';
import { candleProfile, type CandleProfile } from './candleProfile';
import { orNaN, sampleVariance } from './sampleStats';
import { summaryTradeSums } from './tradeSums';

export { SUMMARY_STAT_KEYS };
export type SummaryStatKey = SummaryKey;
/** The summary figures (NaN where a figure is undefined, as in Stats). */
export type SummaryStats = { readonly [K in SummaryStatKey]: number };

/** What the statistics read: equity and candles of the bars traded, and where Buy & Hold starts. */
export interface StatsCore {
  /** Account equity at each bar's close; same length as candles. */
  readonly equity: Float64Array;
  readonly candles: Candles;
  /** Annual risk-free rate as a fraction, -1 < rf < 1. Default 0. */
  readonly riskFreeRate?: number;
  /** Bar whose close starts Buy & Hold (the strategy's indicator warm-up). Default 0. */
  readonly firstTradingBar?: number;
}

/**
 * The trade columns the summary reads. Views of scratch columns shared by every run:
 * valid until the next readTradeFigures (statistics are computed synchronously, one run
 * at a time per thread).
 */
export interface TradeFigures {
  readonly count: number;
  readonly entryBar: Float64Array;
  readonly exitBar: Float64Array;
  readonly pnl: Float64Array;
  readonly returnPct: Float64Array;
}

/** The summary plus the intermediate values the full statistics go on from. */
export interface SummaryParts {
  readonly summary: SummaryStats;
  readonly periods: BucketReturns;
  readonly profile: CandleProfile;
  readonly returnFraction: number;
  readonly buyHoldPct: number;
  readonly returnPct: number;
  readonly winRate: number;
  readonly wins: number;
}

const SUMMARY_FIELDS: readonly TradeField[] = ['entryBar', 'exitBar', 'pnl', 'returnPct'];

/** Copies the columns the summary needs and checks the input; throws a RangeError naming what is wrong. */
export function readTradeFigures(input: StatsCore, trades: TradeColumns): TradeFigures {
  const count = trades.length;
  const entryBar = scratchColumn(0, count);
  const exitBar = scratchColumn(1, count);
  const pnl = scratchColumn(2, count);
  const returnPct = scratchColumn(3, count);
  trades.copyColumns(SUMMARY_FIELDS, [entryBar, exitBar, pnl, returnPct]);
  validate(input, entryBar, exitBar);
  return { count, entryBar, exitBar, pnl, returnPct };
}

/** The summary figures; `maxDrawdownFraction` is the deepest drawdown (drawdown.ts: maxDrawdown or DrawdownSummary.max). */
export function summaryFrom(input: StatsCore, t: TradeFigures, maxDrawdownFraction: number): SummaryParts {
  const { equity, candles } = input;
  const rf = input.riskFreeRate ?? 0;
  const firstTradingBar = input.firstTradingBar ?? 0;
  const n = candles.length;
  const close = candles.close;
  const profile = candleProfile(candles.time, close);
  const nTrades = t.count;
  const pnl = t.pnl;
  const returns = t.returnPct;

  let maxDd = maxDrawdownFraction;
  if (Number.isNaN(maxDd)) maxDd = 0; // np.nan_to_num

  const equityStart = equity[0];
  const equityFinal = equity[n - 1];
  const returnPct = ((equityFinal - equityStart) / equityStart) * 100;
  const c0 = close[firstTradingBar];
  const buyHoldPct = ((close[n - 1] - c0) / c0) * 100;

  const periodsPerYear = profile.annualization.periodsPerYear;
  const periods = bucketReturns(equity, profile.bucketEnds);
  const dayReturns = periods.returns;
  const gmean = geometricMean(dayReturns);
  const annualizedReturn = (1 + gmean) ** periodsPerYear - 1;
  const volatilityPct =
    Math.sqrt((sampleVariance(dayReturns) + (1 + gmean) ** 2) ** periodsPerYear - (1 + gmean) ** (2 * periodsPerYear)) * 100;
  const sharpe = (annualizedReturn * 100 - rf * 100) / orNaN(volatilityPct);
  const downside = Math.sqrt(meanSquaredLoss(dayReturns));
  const sortino = (annualizedReturn - rf) / (downside * Math.sqrt(periodsPerYear));
  const calmar = annualizedReturn / orNaN(maxDd);

  // The per-trade figures in one pass (tradeSums.ts).
  const sums = summaryTradeSums(pnl, returns);
  const wins = sums.wins;
  const winRate = nTrades === 0 ? NaN : wins / nTrades;
  const profitFactor = sums.positiveReturnSum / orNaN(Math.abs(sums.negativeReturnSum));
  const sqn = (Math.sqrt(nTrades) * sums.pnlMean) / orNaN(sums.pnlStd);

  const summary: SummaryStats = {
    'Return [%]': returnPct,
    'Return (Ann.) [%]': annualizedReturn * 100,
    'Volatility (Ann.) [%]': volatilityPct,
    'Sharpe Ratio': sharpe,
    'Sortino Ratio': sortino,
    'Calmar Ratio': calmar,
    'Max. Drawdown [%]': -maxDd * 100,
    '# Trades': nTrades,
    'Win Rate [%]': winRate * 100,
    'Profit Factor': profitFactor,
    'Expectancy [%]': sums.returnMean * 100,
    SQN: sqn,
    'Equity Final [$]': equityFinal,
    'Exposure Time [%]': (countBarsInMarket(t.entryBar, t.exitBar, n) / n) * 100,
    'Buy & Hold Return [%]': buyHoldPct,
  };
  return { summary, periods, profile, returnFraction: annualizedReturn, buyHoldPct, returnPct, winRate, wins };
}

/** mean(r < 0 ? r² : 0): Sortino's downside deviation before the root (NaN for no periods). */
function meanSquaredLoss(returns: ArrayLike<number>): number {
  let s = 0;
  let count = 0;
  for (let k = 0; k < returns.length; k++) {
    const r = returns[k];
    // A NaN return counts as 0, as the mapped series backtesting.py averages.
    s += r < 0 ? r * r : 0;
    count++;
  }
  return count === 0 ? NaN : s / count;
}

/**
 * Bars inside at least one trade, entry and exit bars included (Exposure Time).
 * Trades entered in time order — one position at a time, or netted oldest first —
 * are merged as intervals in one pass; any other order marks the bars in a byte array.
 */
function countBarsInMarket(entryBar: Float64Array, exitBar: Float64Array, n: number): number {
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

function countByMarking(entryBar: Float64Array, exitBar: Float64Array, n: number): number {
  const inMarket = new Uint8Array(n);
  for (let k = 0; k < entryBar.length; k++) inMarket.fill(1, entryBar[k], exitBar[k] + 1);
  let count = 0;
  for (let i = 0; i < n; i++) count += inMarket[i];
  return count;
}

/**
 * Scratch columns for the trade fields, grown as needed and reused by every run. A
 * fresh array per run cost more than the rest of the statistics (growing a JS array of
 * 45,000 doubles takes ~3 ms; a fresh typed array leaves off-heap garbage that V8 only
 * collects after tens of MB, which over an optimizer's runs shows up as peak memory).
 */
const scratch: Float64Array[] = [new Float64Array(0), new Float64Array(0), new Float64Array(0), new Float64Array(0), new Float64Array(0)];
/** The scratch column after TradeFigures' four, for the full statistics' commissions (metrics.ts). */
export const COMMISSION_SCRATCH = 4;

export function scratchColumn(k: number, n: number): Float64Array {
  if (scratch[k].length < n) scratch[k] = new Float64Array(Math.max(n, 2 * scratch[k].length));
  return scratch[k].subarray(0, n);
}

function validate(input: StatsCore, entryBars: Float64Array, exitBars: Float64Array): void {
  const n = input.candles.length;
  const rf = input.riskFreeRate ?? 0;
  const firstTradingBar = input.firstTradingBar ?? 0;
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
