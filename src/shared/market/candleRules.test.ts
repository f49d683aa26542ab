import { describe, expect, it } from 'vitest';
import { barProblem, describeBarProblem } from './candleRules';

describe('barProblem', () => {
  it('accepts a valid bar, including a flat one and zero volume', () => {
    expect(barProblem(10, 12, 9, 11, 5)).toBeNull();
    expect(barProblem(10, 10, 10, 10, 0)).toBeNull();
  });

  it('names the first broken invariant', () => {
    expect(barProblem(10, 8, 9, 11, 5)).toEqual({ field: 'high', reason: '8 is below max(open, close) = 11' });
    expect(barProblem(10, 12, 10.5, 11, 5)).toEqual({ field: 'low', reason: '10.5 is above min(open, close) = 10' });
    expect(barProblem(10, 12, 9, NaN, 5)).toEqual({ field: 'close', reason: 'is not a finite number (NaN)' });
    expect(barProblem(0, 12, 9, 11, 5)).toEqual({ field: 'open', reason: 'must be > 0 (got 0)' });
    expect(barProblem(10, 12, 9, 11, -1)).toEqual({ field: 'volume', reason: 'must be a finite number >= 0 (got -1)' });
  });

  it('formats every source the same way', () => {
    expect(describeBarProblem('a.csv:3', { field: 'high', reason: '8 is below max(open, close) = 11' })).toBe('a.csv:3: high 8 is below max(open, close) = 11');
  });
});
