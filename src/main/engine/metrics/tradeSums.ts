/**
 * The statistics' sums over the trades, each family in one pass instead of one pass per
 * figure. A busy run closes tens of thousands of trades, and a dozen separate loops over
 * them (count the wins, sum the gains, sum the losses, the mean, the maximum, ...) cost
 * more than the whole drawdown scan of a million bars.
 *
 * Every accumulator adds the same values in the same order as the one-figure helpers of
 * sampleStats.ts (countPositive, sumPositive, mean, max, ...), so each result equals the
 * helper's bit for bit, NaN handling included; tradeSums.test.ts holds them to that.
 * Math.log (the geometric mean) stays in its own loop: a call out of the loop would make
 * every accumulator here be saved and restored around it.
 */
import { squaredDeviations } from './sampleStats';

/** What the optimizer's summary reads from the trades (summaryStats.ts). */
export interface SummaryTradeSums {
  /** Trades with pnl > 0. */
  readonly wins: number;
  /** Σ of the returns > 0 and Σ of the returns < 0, in order. */
  readonly positiveReturnSum: number;
  readonly negativeReturnSum: number;
  /** Means over the non-NaN values (NaN when none). */
  readonly pnlMean: number;
  readonly returnMean: number;
  /** Sample standard deviation (ddof = 1) of the non-NaN pnl values; NaN with fewer than two. */
  readonly pnlStd: number;
}

export function summaryTradeSums(pnl: Float64Array, returns: Float64Array): SummaryTradeSums {
  let wins = 0;
  let pnlSum = 0;
  let pnlCount = 0;
  let positiveReturnSum = 0;
  let negativeReturnSum = 0;
  let returnSum = 0;
  let returnCount = 0;
  for (let k = 0; k < pnl.length; k++) {
    const p = pnl[k];
    const r = returns[k];
    if (p > 0) wins++;
    if (p === p) {
      pnlSum += p;
      pnlCount++;
    }
    if (r > 0) positiveReturnSum += r;
    if (r < 0) negativeReturnSum += r;
    if (r === r) {
      returnSum += r;
      returnCount++;
    }
  }
  const pnlMean = pnlCount === 0 ? NaN : pnlSum / pnlCount;
  const pnlStd = pnlCount < 2 ? NaN : Math.sqrt(squaredDeviations(pnl, pnlMean) / (pnlCount - 1));
  return {
    wins, positiveReturnSum, negativeReturnSum, pnlMean,
    returnMean: returnCount === 0 ? NaN : returnSum / returnCount,
    pnlStd,
  };
}

/** What only the full statistics read from the trades (metrics.ts). */
export interface FullTradeSums {
  /** Trades with pnl < 0, and Σ of the pnl > 0 and < 0, in order. */
  readonly losses: number;
  readonly positivePnlSum: number;
  readonly negativePnlSum: number;
  /** Largest and smallest non-NaN return (NaN when none). */
  readonly bestReturn: number;
  readonly worstReturn: number;
  /** Largest and mean non-NaN exit time - entry time (NaN when none). */
  readonly maxDurationMs: number;
  readonly meanDurationMs: number;
  /** Σ of the commissions from 0, in order, NaN propagating. */
  readonly commissionSum: number;
}

export function fullTradeSums(
  pnl: Float64Array, returns: Float64Array, entryTime: Float64Array, exitTime: Float64Array, commission: Float64Array,
): FullTradeSums {
  let losses = 0;
  let positivePnlSum = 0;
  let negativePnlSum = 0;
  let bestReturn = NaN;
  let worstReturn = NaN;
  let maxDuration = NaN;
  let durationSum = 0;
  let durationCount = 0;
  let commissionSum = 0;
  for (let k = 0; k < pnl.length; k++) {
    const p = pnl[k];
    const r = returns[k];
    const d = exitTime[k] - entryTime[k];
    if (p < 0) {
      losses++;
      negativePnlSum += p;
    }
    if (p > 0) positivePnlSum += p;
    // As max()/min(): the first non-NaN value, then any larger (smaller) one.
    if (r === r) {
      if (!(r <= bestReturn)) bestReturn = r;
      if (!(r >= worstReturn)) worstReturn = r;
    }
    if (d === d) {
      if (!(d <= maxDuration)) maxDuration = d;
      durationSum += d;
      durationCount++;
    }
    commissionSum += commission[k];
  }
  return {
    losses, positivePnlSum, negativePnlSum, bestReturn, worstReturn,
    maxDurationMs: maxDuration,
    meanDurationMs: durationCount === 0 ? NaN : durationSum / durationCount,
    commissionSum,
  };
}
