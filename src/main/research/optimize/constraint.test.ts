import { describe, expect, it } from 'vitest';
import { parseConstraint } from './constraint';

const names = ['n1', 'n2', 'long_only'];

describe('parseConstraint', () => {
  it('compares parameters with arithmetic, and/or and parentheses', () => {
    const lt = parseConstraint('n1 < n2', names);
    expect(lt({ n1: 5, n2: 10 })).toBe(true);
    expect(lt({ n1: 10, n2: 10 })).toBe(false);
    const twice = parseConstraint('n2 >= 2 * n1 and n1 > 3', names);
    expect(twice({ n1: 4, n2: 8 })).toBe(true);
    expect(twice({ n1: 3, n2: 8 })).toBe(false);
    expect(twice({ n1: 5, n2: 8 })).toBe(false);
    const either = parseConstraint('(n1 == 5 || n2 - n1 > 50) && long_only == 0', names);
    expect(either({ n1: 5, n2: 6, long_only: false })).toBe(true);
    expect(either({ n1: 6, n2: 100, long_only: false })).toBe(true);
    expect(either({ n1: 6, n2: 10, long_only: false })).toBe(false);
    expect(either({ n1: 5, n2: 6, long_only: true })).toBe(false);
    expect(parseConstraint('(n1 + 1) * 2 < n2', names)({ n1: 4, n2: 11 })).toBe(true);
  });

  it('refuses unknown names and malformed expressions with the reason', () => {
    expect(() => parseConstraint('n3 < n2', names)).toThrow(/unknown parameter "n3".*n1, n2, long_only/);
    expect(() => parseConstraint('n1 n2', names)).toThrow(/expected a comparison/);
    expect(() => parseConstraint('n1 < n2; rm -rf /', names)).toThrow(/cannot read/);
    expect(() => parseConstraint('n1 <', names)).toThrow(/ends too early/);
    expect(() => parseConstraint('', names)).toThrow(/empty/);
  });
});
