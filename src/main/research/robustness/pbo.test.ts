import { describe, expect, it } from 'vitest';
import { blockCount, probabilityOfBacktestOverfitting, type PerformanceMatrix } from './pbo';
import { createRng } from './rng';

/** Standard normal draws from the seeded generator (Box–Muller). */
function normals(seed: number): () => number {
  const rng = createRng(seed);
  return () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
}

/** T × N matrix of noise; `edge` adds a per-period mean to one column. */
function noiseGrid(rows: number, cols: number, seed: number, edge?: { col: number; mean: number }): PerformanceMatrix {
  const draw = normals(seed);
  const values = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) values[r * cols + c] = 0.01 * draw() + (edge?.col === c ? 0.01 * edge.mean : 0);
  }
  return { rows, cols, values };
}

function matrix(rowsOfValues: number[][]): PerformanceMatrix {
  return { rows: rowsOfValues.length, cols: rowsOfValues[0].length, values: Float64Array.from(rowsOfValues.flat()) };
}

describe('probabilityOfBacktestOverfitting', () => {
  it('matches a split worked by hand: each half\'s winner is the other half\'s worst', () => {
    // Columns A, B, C; block 0 = rows 0-1, block 1 = rows 2-3.
    // Block 0 Sharpe: A 2/√2 = 1.414, B 1/√2 = 0.707, C 0. Block 1: A 0, B 3/√2 = 2.121, C 1.25/0.3536 = 3.536.
    const r = probabilityOfBacktestOverfitting(matrix([[1, 0, -1], [3, 2, 1], [-1, 2, 1], [1, 4, 1.5]]), { blocks: 2 });
    expect(r.splits).toBe(2);
    expect(r.blocks).toBe(2);
    // Winner A (IS block 0) ranks 1st of 3 in block 1; winner C (IS block 1) ranks 1st in block 0: ω = 1/4.
    expect(r.logits).toEqual([Math.log(1 / 3), Math.log(1 / 3)]);
    expect(r.pbo).toBe(1);
    expect(r.degradation.inSample[0]).toBeCloseTo(Math.SQRT2, 12);
    expect(r.degradation.inSample[1]).toBeCloseTo(1.25 / Math.sqrt(0.125), 12);
    expect(r.degradation.outOfSample).toEqual([0, 0]);
    expect(r.meaning).toBe('PBO 1.00: in 100% of the 2 splits the in-sample winner ranked at or below the median out of sample — the grid\'s best is likely luck.');
  });

  it('gives 0 when the in-sample winner is also best out of sample', () => {
    const r = probabilityOfBacktestOverfitting(matrix([[1, 0, -1], [3, 2, 1], [2, 0, 1], [4, 1, 0]]), { blocks: 2 });
    expect(r.logits).toEqual([Math.log(3), Math.log(3)]);
    expect(r.pbo).toBe(0);
    expect(r.probabilityOfOosLoss).toBe(0);
  });

  it('finds pure noise overfit about half the time or more', () => {
    const results = [1, 2, 3].map((seed) => probabilityOfBacktestOverfitting(noiseGrid(600, 100, seed)));
    const mean = results.reduce((a, r) => a + r.pbo, 0) / results.length;
    expect(mean).toBeGreaterThan(0.4);
    const one = results[0];
    expect(one.splits).toBe(12_870);
    expect(one.blocks).toBe(16);
    expect(one.logits).toHaveLength(12_870);
  });

  it('finds one real edge among noise hardly overfit', () => {
    // Column 37 earns 0.3 standard deviations a period; the other 99 are noise.
    const r = probabilityOfBacktestOverfitting(noiseGrid(600, 100, 4, { col: 37, mean: 0.3 }));
    expect(r.pbo).toBeLessThan(0.1);
    expect(r.meaning).toMatch(/^PBO 0\.0\d: the in-sample winner stayed above the median out of sample in \d+% of the 12,870 splits — little sign of overfitting\.$/);
  });

  it('handles ties deterministically: duplicate and flat columns give the same answer in any column order', () => {
    const base = noiseGrid(200, 6, 9);
    // Columns: 0..5 noise, 6 = copy of 2, 7 = flat zero (a combination that never trades).
    const cols = 8;
    const values = new Float64Array(200 * cols);
    for (let r = 0; r < 200; r++) {
      for (let c = 0; c < 6; c++) values[r * cols + c] = base.values[r * 6 + c];
      values[r * cols + 6] = base.values[r * 6 + 2];
      values[r * cols + 7] = 0;
    }
    const a = probabilityOfBacktestOverfitting({ rows: 200, cols, values });
    const order = [7, 6, 5, 4, 3, 2, 1, 0];
    const reversed = new Float64Array(values.length);
    for (let r = 0; r < 200; r++) order.forEach((from, to) => { reversed[r * cols + to] = values[r * cols + from]; });
    const b = probabilityOfBacktestOverfitting({ rows: 200, cols, values: reversed });
    expect(b.logits).toEqual(a.logits);
    expect(b.pbo).toBe(a.pbo);
    expect(probabilityOfBacktestOverfitting({ rows: 200, cols, values })).toEqual(a);
  });

  it('runs a 700 × 1,000 grid with 16 blocks (12,870 splits)', () => {
    const r = probabilityOfBacktestOverfitting(noiseGrid(700, 1_000, 5));
    expect(r.splits).toBe(12_870);
    expect(r.pbo).toBeGreaterThan(0.2);
  });

  it('lowers the blocks for a short sample and names bad input', () => {
    expect(blockCount(700, 16)).toBe(16);
    expect(blockCount(30, 16)).toBe(14);
    expect(blockCount(9, 16)).toBe(4);
    expect(() => blockCount(3, 16)).toThrow(/at least 4 periods/);
    expect(() => blockCount(100, 7)).toThrow(/even whole number/);
    expect(() => probabilityOfBacktestOverfitting({ rows: 10, cols: 1, values: new Float64Array(10) })).toThrow(/at least 2 columns/);
    const bad = new Float64Array(20);
    bad[7] = NaN;
    expect(() => probabilityOfBacktestOverfitting({ rows: 10, cols: 2, values: bad })).toThrow(/row 3, column 1 is NaN/);
    expect(() => probabilityOfBacktestOverfitting({ rows: 10, cols: 2, values: new Float64Array(19) })).toThrow(/19 values for 10 rows × 2 cols/);
  });
});
