/**
 * Which combinations of a parameter space an optimization runs: the whole grid, or a
 * seeded random sample of it (without repetition), each filtered by the constraints
 * before anything runs. Order is grid order in both cases, so chunks that share an
 * indicator period land together and results read naturally.
 */
import type { ParamValue } from '../../engine/strategy';
import { createRng } from '../robustness/rng';
import type { Constraint } from './constraint';
import { comboAt, gridSize, MAX_GRID, type ParamSpace } from './paramSpace';

export interface CombinationPlan {
  /** Grid index and values of each combination to run, in grid order. */
  readonly combos: readonly { readonly index: number; readonly params: Record<string, ParamValue> }[];
  readonly gridSize: number;
  readonly skippedByConstraint: number;
}

export function planGrid(space: ParamSpace, constraints: readonly Constraint[]): CombinationPlan {
  const size = gridSize(space);
  if (size > MAX_GRID) {
    throw new Error(`the grid has ${size.toLocaleString('en-US')} combinations (limit ${MAX_GRID.toLocaleString('en-US')}): use larger steps or random search (--method random --samples N)`);
  }
  const combos: { index: number; params: Record<string, ParamValue> }[] = [];
  let skipped = 0;
  for (let k = 0; k < size; k++) {
    const params = comboAt(space, k);
    if (constraints.every((c) => c(params))) combos.push({ index: k, params });
    else skipped++;
  }
  return { combos, gridSize: size, skippedByConstraint: skipped };
}

/**
 * `samples` distinct grid combinations that pass the constraints, drawn uniformly with
 * the seeded generator (the same seed gives the same sample). A space with fewer valid
 * combinations than asked gives them all.
 */
export function planRandom(space: ParamSpace, constraints: readonly Constraint[], samples: number, seed: number): CombinationPlan {
  if (!Number.isInteger(samples) || samples < 1) throw new Error(`--samples must be a whole number >= 1 (got ${samples})`);
  const size = gridSize(space);
  if (size <= samples * 2 && size <= MAX_GRID) {
    // Small space: filter the whole grid, then draw from what is valid.
    const all = planGrid(space, constraints);
    if (all.combos.length <= samples) return all;
    const rng = createRng(seed);
    const picked = new Set<number>();
    while (picked.size < samples) picked.add(rng.int(all.combos.length));
    return { combos: [...picked].sort((a, b) => a - b).map((i) => all.combos[i]), gridSize: size, skippedByConstraint: all.skippedByConstraint };
  }
  const rng = createRng(seed);
  const picked = new Map<number, Record<string, ParamValue>>();
  const rejected = new Set<number>();
  const maxDraws = samples * 50;
  for (let draws = 0; picked.size < samples && draws < maxDraws; draws++) {
    const k = Math.floor(rng.next() * size);
    if (picked.has(k) || rejected.has(k)) continue;
    const params = comboAt(space, k);
    if (constraints.every((c) => c(params))) picked.set(k, params);
    else rejected.add(k);
  }
  if (picked.size === 0) throw new Error('no combination drawn satisfies the constraints');
  const combos = [...picked].sort((a, b) => a[0] - b[0]).map(([index, params]) => ({ index, params }));
  return { combos, gridSize: size, skippedByConstraint: rejected.size };
}
