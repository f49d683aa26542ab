/**
 * The Probabilistic and the Deflated Sharpe Ratio (Bailey & López de Prado 2012, 2014).
 * A Sharpe ratio SR estimated from T returns is uncertain, more so with negative skew γ₃
 * and fat tails γ₄ (non-excess kurtosis). The PSR is the probability that the true Sharpe
 * exceeds a benchmark SR*:
 *   PSR(SR*) = Φ( (SR − SR*) · √(T − 1) / √(1 − γ₃·SR + (γ₄ − 1)/4 · SR²) ).
 * After N trials (a grid search), even worthless strategies produce a best Sharpe above
 * zero; its expected value, for trials whose Sharpe ratios vary with variance V, is
 *   SR₀ = √V · ((1 − γ) · Φ⁻¹(1 − 1/N) + γ · Φ⁻¹(1 − 1/(N·e))),   γ = Euler–Mascheroni.
 * The DSR is PSR(SR₀): the probability that the winner's true Sharpe beats the best that
 * luck alone would show after that many trials. With one trial (or V = 0) SR₀ = 0 and
 * DSR = PSR(0). All Sharpe ratios here are per period (not annualized) and share T.
 */
import { normalCdf, normalQuantile } from './normal';
import { returnMoments } from './returnMoments';
import { sampleVariance } from '../../engine/metrics/sampleStats';

export interface DeflatedSharpeInput {
  /** The winner's per-period Sharpe ratio (not annualized). */
  readonly sharpe: number;
  /** Number of trials N (combinations tried), at least 1. */
  readonly trials: number;
  /** Variance of the trials' per-period Sharpe ratios. */
  readonly trialSharpeVariance: number;
  /** Number of returns T behind the winner's Sharpe ratio. */
  readonly observations: number;
  /** Skewness of the winner's returns (0 for normal). */
  readonly skewness: number;
  /** Non-excess kurtosis of the winner's returns (3 for normal). */
  readonly kurtosis: number;
}

export interface DeflatedSharpeResult {
  /** Probability that the winner's true Sharpe exceeds what N luck-only trials would reach. */
  readonly dsr: number;
  /** Probability that the winner's true Sharpe exceeds 0. */
  readonly psr: number;
  /** SR₀: the best per-period Sharpe expected from N trials without skill. */
  readonly expectedMaxSharpe: number;
  readonly meaning: string;
}

const EULER_GAMMA = 0.5772156649015329;

export function deflatedSharpe(input: DeflatedSharpeInput): DeflatedSharpeResult {
  checkInput(input);
  const { sharpe, trials, trialSharpeVariance, observations, skewness, kurtosis } = input;
  const expectedMaxSharpe = expectedMaxSharpeOf(trials, trialSharpeVariance);
  const psr = probabilisticSharpe(sharpe, 0, observations, skewness, kurtosis);
  const dsr = probabilisticSharpe(sharpe, expectedMaxSharpe, observations, skewness, kurtosis);
  return { dsr, psr, expectedMaxSharpe, meaning: meaningOf(dsr, trials) };
}

/**
 * The DSR of a grid's winner from return series: the winner's per-period returns and
 * every trial's per-period Sharpe ratio (the winner's included). V is their sample
 * variance (n − 1); moments follow returnMoments.
 */
export function deflatedSharpeOfWinner(winnerReturns: ArrayLike<number>, trialSharpes: readonly number[]): DeflatedSharpeResult {
  if (trialSharpes.length === 0) throw new RangeError('trialSharpes is empty: give every trial\'s Sharpe ratio, the winner\'s included');
  trialSharpes.forEach((s, i) => {
    if (!Number.isFinite(s)) throw new RangeError(`trialSharpes[${i}] = ${s} is not a finite number`);
  });
  const m = returnMoments(winnerReturns, 'winnerReturns');
  if (!Number.isFinite(m.sharpe)) throw new RangeError('winnerReturns do not vary: the winner has no Sharpe ratio');
  return deflatedSharpe({
    sharpe: m.sharpe,
    trials: trialSharpes.length,
    trialSharpeVariance: trialSharpes.length < 2 ? 0 : sampleVariance(trialSharpes),
    observations: m.count,
    skewness: m.skewness,
    kurtosis: m.kurtosis,
  });
}

/** PSR(SR*): the probability that the true Sharpe ratio exceeds `benchmark`. */
export function probabilisticSharpe(sharpe: number, benchmark: number, observations: number, skewness: number, kurtosis: number): number {
  const spread = 1 - skewness * sharpe + ((kurtosis - 1) / 4) * sharpe * sharpe;
  if (!(spread > 0)) {
    throw new RangeError(`Sharpe ${sharpe} with skewness ${skewness} and kurtosis ${kurtosis} gives no positive variance for the estimate (1 − γ₃·SR + (γ₄ − 1)/4·SR² = ${spread})`);
  }
  return normalCdf(((sharpe - benchmark) * Math.sqrt(observations - 1)) / Math.sqrt(spread));
}

/** SR₀ = √V · ((1 − γ) Φ⁻¹(1 − 1/N) + γ Φ⁻¹(1 − 1/(N e))); 0 for a single trial. */
export function expectedMaxSharpeOf(trials: number, variance: number): number {
  if (trials <= 1 || variance === 0) return 0;
  return Math.sqrt(variance) * ((1 - EULER_GAMMA) * normalQuantile(1 - 1 / trials) + EULER_GAMMA * normalQuantile(1 - 1 / (trials * Math.E)));
}

function checkInput(x: DeflatedSharpeInput): void {
  if (!Number.isFinite(x.sharpe)) throw new RangeError(`sharpe must be a finite number (got ${x.sharpe})`);
  if (!(Number.isInteger(x.trials) && x.trials >= 1)) throw new RangeError(`trials must be a whole number >= 1 (got ${x.trials})`);
  if (!(Number.isFinite(x.trialSharpeVariance) && x.trialSharpeVariance >= 0)) {
    throw new RangeError(`trialSharpeVariance must be a finite number >= 0 (got ${x.trialSharpeVariance})`);
  }
  if (!(Number.isInteger(x.observations) && x.observations >= 2)) throw new RangeError(`observations must be a whole number >= 2 (got ${x.observations})`);
  if (!Number.isFinite(x.skewness)) throw new RangeError(`skewness must be a finite number (got ${x.skewness})`);
  if (!(Number.isFinite(x.kurtosis) && x.kurtosis > 0)) throw new RangeError(`kurtosis must be a positive number, not excess kurtosis (got ${x.kurtosis})`);
}

function meaningOf(dsr: number, trials: number): string {
  const p = dsr.toFixed(3);
  const share = `${Math.round(dsr * 100)}%`;
  const luck = trials === 1 ? 'zero' : `the best of ${trials.toLocaleString('en-US')} luck-only trials`;
  if (dsr >= 0.95) return `Deflated Sharpe ${p}: a ${share} chance the winner's true Sharpe beats ${luck} — the edge survives the search.`;
  if (dsr >= 0.5) return `Deflated Sharpe ${p}: only a ${share} chance the winner's true Sharpe beats ${luck} — not convincing at the usual 95% bar.`;
  return `Deflated Sharpe ${p}: a ${share} chance the winner's true Sharpe beats ${luck} — its Sharpe is what the search alone would produce.`;
}
