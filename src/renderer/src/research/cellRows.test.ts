import { describe, expect, it } from 'vitest';
import type { OptimizationCell } from '../../../shared/researchTypes';
import { isServerOrder, sortCells } from './cellOrder';

const cell = (index: number, n1: number, objective: number | null): OptimizationCell => ({ index, params: { n1 }, objective, stats: null, note: null, runId: null });

describe('results table order', () => {
  it('leaves grid order and best-first to the store, sorts any other column here', () => {
    expect(isServerOrder({ key: 'index', desc: false })).toBe(true);
    expect(isServerOrder({ key: 'objective', desc: true })).toBe(true);
    expect(isServerOrder({ key: 'objective', desc: false })).toBe(false);
    expect(isServerOrder({ key: 'param:n1', desc: false })).toBe(false);
  });

  it('sorts by a column either way with cells without a value last, ties by grid index', () => {
    const cells = [cell(0, 5, 1), cell(1, 10, null), cell(2, 5, 3), cell(3, 20, -2)];
    expect(sortCells(cells, { key: 'objective', desc: false }).map((c) => c.index)).toEqual([3, 0, 2, 1]);
    expect(sortCells(cells, { key: 'objective', desc: true }).map((c) => c.index)).toEqual([2, 0, 3, 1]);
    expect(sortCells(cells, { key: 'param:n1', desc: true }).map((c) => c.index)).toEqual([3, 1, 0, 2]);
  });
});
