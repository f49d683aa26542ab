/**
 * Drawdowns as backtesting.py measures them: the fraction below the running
 * equity peak, and drawdown periods that run from the bar of one peak (where
 * the drawdown is exactly 0) to the next such bar, or to the last bar when the
 * curve ends under water.
 */

/** Fraction of equity below its running peak at each bar (0 at a new high, 0.25 = 25% under). */
export function drawdownSeries(equity: ArrayLike<number>): Float64Array {
  const dd = new Float64Array(equity.length);
  let peak = -Infinity;
  for (let i = 0; i < equity.length; i++) {
    const e = equity[i];
    // np.maximum.accumulate propagates NaN from the first NaN on.
    peak = Number.isNaN(e) || Number.isNaN(peak) ? NaN : Math.max(peak, e);
    dd[i] = 1 - e / peak;
  }
  return dd;
}

export interface DrawdownPeriods {
  /** Duration of each period in ms: time of its ending bar minus time of its starting peak. */
  readonly durationsMs: number[];
  /** Deepest drawdown (fraction) inside each period, both ends included. */
  readonly peaks: number[];
}

/**
 * backtesting.py's `compute_drawdown_duration_peaks`. The candidate boundaries
 * are the bars with zero drawdown plus the last bar; a period is counted
 * between consecutive boundaries at least two bars apart. Returns null where
 * backtesting.py finds no such period (then it falls back to the raw drawdown
 * series, see computeStats).
 */
export function drawdownPeriods(dd: ArrayLike<number>, time: ArrayLike<number>): DrawdownPeriods | null {
  const n = dd.length;
  const bounds: number[] = [];
  for (let i = 0; i < n; i++) if (dd[i] === 0) bounds.push(i);
  if (n > 0 && bounds[bounds.length - 1] !== n - 1) bounds.push(n - 1);
  const durationsMs: number[] = [];
  const peaks: number[] = [];
  for (let k = 1; k < bounds.length; k++) {
    const prev = bounds[k - 1];
    const end = bounds[k];
    if (end <= prev + 1) continue;
    let deepest = -Infinity;
    for (let i = prev; i <= end; i++) {
      // pandas max skips NaN.
      if (dd[i] > deepest) deepest = dd[i];
    }
    durationsMs.push(time[end] - time[prev]);
    peaks.push(deepest === -Infinity ? NaN : deepest);
  }
  return durationsMs.length === 0 ? null : { durationsMs, peaks };
}
