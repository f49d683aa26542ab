/** The orders of an optimization's results table: which the store serves, and sorting by any other column. */
import type { OptimizationCell } from '../../../shared/researchTypes';

/** A column to sort by: the grid index, the objective, a parameter ("param:n1") or a statistic ("stat:SQN"). */
export interface CellSort {
  key: string;
  desc: boolean;
}

export const BEST_FIRST: CellSort = { key: 'objective', desc: true };

/** Orders the store serves directly: grid order ascending, and best objective first. */
export function isServerOrder(sort: CellSort): boolean {
  return (sort.key === 'index' && !sort.desc) || (sort.key === 'objective' && sort.desc);
}

/** Sorts by a column; cells without a value go last whichever the direction. */
export function sortCells(cells: readonly OptimizationCell[], sort: CellSort): OptimizationCell[] {
  const value = columnValue(sort.key);
  const dir = sort.desc ? -1 : 1;
  return [...cells].sort((a, b) => {
    const va = value(a), vb = value(b);
    if (va === null || vb === null) return va === vb ? a.index - b.index : va === null ? 1 : -1;
    if (va < vb) return -dir;
    if (va > vb) return dir;
    return a.index - b.index;
  });
}

export function columnValue(key: string): (c: OptimizationCell) => number | string | null {
  if (key === 'index') return (c) => c.index;
  if (key === 'objective') return (c) => c.objective;
  if (key.startsWith('param:')) {
    const name = key.slice(6);
    return (c) => {
      const v = c.params[name];
      return typeof v === 'boolean' ? Number(v) : (v ?? null);
    };
  }
  const stat = key.slice(5) as keyof NonNullable<OptimizationCell['stats']>;
  return (c) => c.stats?.[stat] ?? null;
}
