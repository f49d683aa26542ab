/**
 * Monte Carlo over a backtest's trade sequence. Each closed trade is reduced to its
 * return on the equity it was entered with (r = PnL / equity before entry), and an
 * equity path is rebuilt by compounding: E₀ = initial equity, Eₖ = Eₖ₋₁ · (1 + rₖ).
 * 'resample' draws the n trades with replacement (a bootstrap: another plausible run of
 * the same edge, so final returns spread); 'shuffle' permutes them (the same trades in
 * another order: the final return cannot change, only the path and its drawdowns do).
 * For every simulated path we keep the final return in percent and the maximum drawdown
 * in percent of the running peak, negative as backtesting.py prints it (the engine's
 * maxDrawdown over the path's trade-by-trade equity: closed-trade equity, so it does not
 * see the dips inside a trade). Low percentiles are the bad tail for both figures.
 * Percentiles follow percentile.ts (numpy's linear interpolation). The equity fan is
 * kept at a bounded number of trade steps, so memory grows with the runs, not with
 * runs × trades. Same inputs and seed → the same numbers, on any machine.
 */
import { maxDrawdown } from '../../engine/metrics/drawdown';
import { checkPercentiles, percentileKey, percentileOfSorted, percentilesInPlace } from './percentile';
import { createRng, type Rng } from './rng';

export type MonteCarloMode = 'resample' | 'shuffle';

export interface MonteCarloInput {
  /** Each trade's PnL as a fraction of the equity at its entry (see tradeReturnsOnEquity). */
  readonly tradeReturns: readonly number[];
  readonly initialEquity: number;
  /** Number of simulated sequences (at least 1). */
  readonly runs: number;
  readonly seed: number;
  readonly mode: MonteCarloMode;
  /** Default [5, 25, 50, 75, 95]. */
  readonly percentiles?: readonly number[];
  /** Points of the equity fan, trade 0 (the start) and the last trade included (default 101). */
  readonly bandSteps?: number;
  /** Called about a hundred times with (sequences done, runs). */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface MonteCarloResult {
  readonly runs: number;
  readonly mode: MonteCarloMode;
  readonly seed: number;
  readonly trades: number;
  /** Final return in percent, keyed 'p5', 'p25', … */
  readonly finalReturnPct: Record<string, number>;
  /** Maximum drawdown in percent (≤ 0), keyed like finalReturnPct. */
  readonly maxDrawdownPct: Record<string, number>;
  /** Share of the simulated sequences that end below the initial equity. */
  readonly probabilityOfLoss: number;
  /** The backtest's own order of the trades, rebuilt the same way. */
  readonly actual: { readonly finalReturnPct: number; readonly maxDrawdownPct: number };
  /** Equity percentile bands: `step` = number of trades taken (0 = start), one array per percentile key. */
  readonly bands: { step: number[]; [percentile: string]: number[] };
  readonly meaning: string;
}

export const DEFAULT_PERCENTILES: readonly number[] = [5, 25, 50, 75, 95];
const DEFAULT_BAND_STEPS = 101;
/** Bound on the equity fan's storage (runs × steps doubles): 32 MB. */
const MAX_BAND_CELLS = 4_000_000;
const MAX_RUNS = 10_000_000;

export function monteCarloTrades(input: MonteCarloInput): MonteCarloResult {
  const { tradeReturns: returns, initialEquity, runs, seed, mode } = input;
  checkInput(input);
  const percentiles = checkPercentiles(input.percentiles ?? DEFAULT_PERCENTILES);
  const n = returns.length;
  const steps = bandStepsFor(n, runs, input.bandSteps ?? DEFAULT_BAND_STEPS);
  // bandValues[s * runs + run]: equity of `run` after steps[s] trades; one block per step to sort.
  const bandValues = new Float64Array(steps.length * runs);
  const finals = new Float64Array(runs);
  const drawdowns = new Float64Array(runs);
  const path = new Float64Array(n + 1);
  const order = new Float64Array(returns);
  const rng = createRng(seed);
  let losses = 0;
  const progressEvery = Math.max(1, Math.floor(runs / 100));

  for (let run = 0; run < runs; run++) {
    if (input.onProgress !== undefined && run % progressEvery === 0 && run > 0) input.onProgress(run, runs);
    if (mode === 'shuffle') shuffleInPlace(order, rng);
    path[0] = initialEquity;
    let s = 0;
    if (steps[0] === 0) bandValues[s++ * runs + run] = initialEquity;
    for (let k = 1; k <= n; k++) {
      const r = mode === 'resample' ? returns[rng.int(n)] : order[k - 1];
      path[k] = path[k - 1] * (1 + r);
      if (k === steps[s]) bandValues[s++ * runs + run] = path[k];
    }
    finals[run] = (path[n] / initialEquity - 1) * 100;
    drawdowns[run] = drawdownPct(path);
    if (path[n] < initialEquity) losses++;
  }

  input.onProgress?.(runs, runs);
  const actual = actualFigures(returns, initialEquity, path);
  const bands: MonteCarloResult['bands'] = { step: steps };
  for (const p of percentiles) bands[percentileKey(p)] = [];
  for (let s = 0; s < steps.length; s++) {
    const block = bandValues.subarray(s * runs, (s + 1) * runs).sort();
    for (const p of percentiles) bands[percentileKey(p)].push(percentileOfSorted(block, p));
  }
  const finalReturnPct = percentilesInPlace(finals, percentiles);
  const maxDrawdownPct = percentilesInPlace(drawdowns, percentiles);
  const probabilityOfLoss = losses / runs;
  return {
    runs, mode, seed, trades: n, finalReturnPct, maxDrawdownPct, probabilityOfLoss, actual, bands,
    meaning: meaningOf(mode, runs, n, percentiles, finalReturnPct, maxDrawdownPct, probabilityOfLoss, actual),
  };
}

/**
 * Each trade's PnL as a fraction of the equity before it was entered: the equity at the
 * close of the bar before its entry bar (`initialEquity` for a trade entered on the
 * first bar). `equity` is the run's equity at each bar's close, indexed like the trades'
 * entry bars (a saved run's equity and trades are).
 */
export function tradeReturnsOnEquity(
  trades: readonly { readonly entryBar: number; readonly pnl: number }[],
  equity: ArrayLike<number>,
  initialEquity: number,
): number[] {
  if (!(initialEquity > 0 && Number.isFinite(initialEquity))) throw new RangeError(`initialEquity must be a positive number (got ${initialEquity})`);
  return trades.map((t, i) => {
    const bar = t.entryBar;
    if (!Number.isInteger(bar) || bar < 0 || bar >= Math.max(1, equity.length)) {
      throw new RangeError(`trade ${i + 1}: entryBar ${bar} is outside the equity curve's ${equity.length} bars`);
    }
    const before = bar === 0 ? initialEquity : equity[bar - 1];
    if (!(before > 0 && Number.isFinite(before))) throw new RangeError(`trade ${i + 1}: equity before its entry (bar ${bar}) is ${before}, not a positive number`);
    if (!Number.isFinite(t.pnl)) throw new RangeError(`trade ${i + 1}: pnl ${t.pnl} is not a finite number`);
    return t.pnl / before;
  });
}

function checkInput(input: MonteCarloInput): void {
  const { tradeReturns, initialEquity, runs, seed, mode } = input;
  if (mode !== 'resample' && mode !== 'shuffle') throw new RangeError(`mode must be 'resample' or 'shuffle' (got ${String(mode)})`);
  if (!Number.isInteger(runs) || runs < 1 || runs > MAX_RUNS) throw new RangeError(`runs must be a whole number in [1, ${MAX_RUNS}] (got ${runs})`);
  if (!Number.isInteger(seed)) throw new RangeError(`seed must be a whole number (got ${seed})`);
  if (!(initialEquity > 0 && Number.isFinite(initialEquity))) throw new RangeError(`initialEquity must be a positive number (got ${initialEquity})`);
  if (tradeReturns.length === 0) throw new RangeError('tradeReturns is empty: Monte Carlo needs at least one closed trade');
  tradeReturns.forEach((r, i) => {
    if (!(Number.isFinite(r) && r >= -1)) throw new RangeError(`tradeReturns[${i}] = ${r}: a trade's return on equity must be a finite number >= -1`);
  });
  const b = input.bandSteps;
  if (b !== undefined && !(Number.isInteger(b) && b >= 2)) throw new RangeError(`bandSteps must be a whole number >= 2 (got ${b})`);
}

/** Trade counts at which the fan is sampled: 0 and n always, evenly spaced between, within the memory bound. */
function bandStepsFor(n: number, runs: number, wanted: number): number[] {
  const count = Math.max(2, Math.min(wanted, n + 1, Math.floor(MAX_BAND_CELLS / runs)));
  const steps: number[] = [];
  for (let j = 0; j < count; j++) {
    const k = Math.round((j * n) / (count - 1));
    if (steps.length === 0 || k > steps[steps.length - 1]) steps.push(k);
  }
  return steps;
}

/** Fisher–Yates with the seeded generator. */
function shuffleInPlace(a: Float64Array, rng: Rng): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}

function drawdownPct(path: Float64Array): number {
  const dd = maxDrawdown(path);
  // A path that never falls below its peak has no drawdown; 0, never -0.
  return dd > 0 ? -dd * 100 : 0;
}

function actualFigures(returns: readonly number[], initialEquity: number, path: Float64Array): MonteCarloResult['actual'] {
  path[0] = initialEquity;
  for (let k = 1; k <= returns.length; k++) path[k] = path[k - 1] * (1 + returns[k - 1]);
  return { finalReturnPct: (path[returns.length] / initialEquity - 1) * 100, maxDrawdownPct: drawdownPct(path) };
}

function meaningOf(
  mode: MonteCarloMode, runs: number, trades: number, percentiles: readonly number[],
  finals: Record<string, number>, drawdowns: Record<string, number>, pLoss: number, actual: MonteCarloResult['actual'],
): string {
  const lo = percentiles[0];
  const hi = percentiles[percentiles.length - 1];
  const own = `the backtest's own order: ${signedPct(actual.finalReturnPct)}, drawdown ${pct(-actual.maxDrawdownPct)}`;
  const deepest = `${formatShare(lo)} of them draw down by more than ${pct(-drawdowns[percentileKey(lo)])}`;
  if (mode === 'shuffle') {
    return `Shuffling the order of the ${count(trades)} trades ${count(runs)} times leaves the final return at ${signedPct(actual.finalReturnPct)} (order cannot change it); ${deepest} (${own}).`;
  }
  const range = lo === hi
    ? `the final return's ${percentileKey(lo)} is ${signedPct(finals[percentileKey(lo)])}`
    : `${formatShare(hi - lo)} of them end between ${signedPct(finals[percentileKey(lo)])} and ${signedPct(finals[percentileKey(hi)])}`;
  return `Over ${count(runs)} resampled sequences of the ${count(trades)} trades, ${range}, ${formatShare(pLoss * 100)} lose money and ${deepest} (${own}).`;
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

function pct(x: number): string {
  return `${x.toFixed(1)}%`;
}

function signedPct(x: number): string {
  return `${x >= 0 ? '+' : ''}${x.toFixed(1)}%`;
}

function formatShare(percent: number): string {
  return `${Number(percent.toFixed(1))}%`;
}
