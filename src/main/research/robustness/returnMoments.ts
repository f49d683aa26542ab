/**
 * The moments of a return series that the Sharpe-ratio statistics need. Sharpe ratio =
 * mean / sample standard deviation (n − 1), per period, not annualized — the same rule
 * PBO ranks by. Skewness and kurtosis are the moment ratios m₃ / m₂^(3/2) and m₄ / m₂²
 * with population moments (scipy.stats.skew / kurtosis(fisher=False) defaults, as in
 * Bailey & López de Prado); kurtosis is not excess: 3 for a normal distribution.
 */
import { mean, sampleVariance } from '../../engine/metrics/sampleStats';

export interface ReturnMoments {
  readonly count: number;
  readonly mean: number;
  /** Sample standard deviation (n − 1). */
  readonly std: number;
  /** mean / std per period; NaN when std is 0. */
  readonly sharpe: number;
  readonly skewness: number;
  /** Non-excess kurtosis (3 for a normal distribution). */
  readonly kurtosis: number;
}

export function returnMoments(returns: ArrayLike<number>, input = 'returns'): ReturnMoments {
  const n = returns.length;
  if (n < 2) throw new RangeError(`${input}: need at least 2 values for a Sharpe ratio (got ${n})`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(returns[i])) throw new RangeError(`${input}[${i}] = ${returns[i]} is not a finite number`);
  }
  const m = mean(returns);
  const std = Math.sqrt(sampleVariance(returns));
  let m2 = 0;
  let m3 = 0;
  let m4 = 0;
  for (let i = 0; i < n; i++) {
    const d = returns[i] - m;
    const d2 = d * d;
    m2 += d2;
    m3 += d2 * d;
    m4 += d2 * d2;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  return {
    count: n,
    mean: m,
    std,
    sharpe: std > 0 ? m / std : NaN,
    skewness: m2 > 0 ? m3 / m2 ** 1.5 : NaN,
    kurtosis: m2 > 0 ? m4 / (m2 * m2) : NaN,
  };
}
