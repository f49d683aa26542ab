/**
 * Is the grid's winner luck? From the per-period (daily) equity returns of every
 * combination with an objective:
 *  - PBO by combinatorially symmetric cross-validation over the T×N return matrix;
 *  - the Deflated Sharpe Ratio of the winner, deflated by the number of combinations
 *    tried and the spread of their Sharpe ratios.
 * Either is null, with a warning saying why, when the grid cannot be judged.
 */
import type { DeflatedSharpe, OptimizationCell, ProbabilityOfOverfitting } from '../../../shared/researchTypes';
import type { GridCellResult } from '../pool/tasks';
import { deflatedSharpeOfWinner } from '../robustness/deflatedSharpe';
import { probabilityOfBacktestOverfitting } from '../robustness/pbo';
import { returnMoments } from '../robustness/returnMoments';

/** Fewer periods than this make both figures noise. */
const MIN_PERIODS = 16;

export interface GridRobustness {
  readonly pbo: ProbabilityOfOverfitting | null;
  readonly deflatedSharpe: DeflatedSharpe | null;
  readonly warnings: string[];
}

export function gridRobustness(results: readonly GridCellResult[], cells: readonly OptimizationCell[]): GridRobustness {
  const ranked = cells
    .filter((c): c is OptimizationCell & { objective: number } => c.objective !== null)
    .sort((a, b) => b.objective - a.objective || a.index - b.index);
  const withObjective = new Set(ranked.map((c) => c.index));
  const columns = results.filter((r) => withObjective.has(r.index) && r.periodReturns !== undefined);
  if (columns.length < 2) {
    return { pbo: null, deflatedSharpe: null, warnings: ['robustness: fewer than two combinations with an objective, so no PBO or Deflated Sharpe'] };
  }
  const T = (columns[0].periodReturns as Float64Array).length;
  if (T < MIN_PERIODS) {
    return { pbo: null, deflatedSharpe: null, warnings: [`robustness: ${T} daily returns are too few to judge overfitting (need ${MIN_PERIODS})`] };
  }
  const warnings: string[] = [];
  const N = columns.length;
  const values = new Float64Array(T * N);
  columns.forEach((c, j) => {
    const r = c.periodReturns as Float64Array;
    for (let t = 0; t < T; t++) values[t * N + j] = r[t];
  });
  const p = probabilityOfBacktestOverfitting({ rows: T, cols: N, values });

  let dsr: DeflatedSharpe | null = null;
  const winner = columns.find((c) => c.index === ranked[0].index);
  const sharpes = columns.map((c) => returnMoments(c.periodReturns as Float64Array).sharpe).filter((s) => Number.isFinite(s));
  try {
    if (!winner) throw new Error('the winner has no returns');
    const d = deflatedSharpeOfWinner(winner.periodReturns as Float64Array, sharpes);
    dsr = { dsr: d.dsr, psr: d.psr, expectedMaxSharpe: d.expectedMaxSharpe, meaning: d.meaning };
  } catch (e) {
    warnings.push(`robustness: no Deflated Sharpe (${(e as Error).message})`);
  }
  return { pbo: { pbo: p.pbo, splits: p.splits, blocks: p.blocks, meaning: p.meaning }, deflatedSharpe: dsr, warnings };
}
