import { describe, expect, it } from 'vitest';
import { smaCross } from '../../engine/strategies/smaCross';
import type { ParamSpec } from '../../engine/strategy';
import { comboAt, gridSize, parseParamSpace, variedAxes } from './paramSpace';

const specs: ParamSpec[] = [
  { name: 'period', type: 'int', default: 14, min: 2, max: 100, description: '' },
  { name: 'k', type: 'float', default: 2, min: 0.5, max: 4, description: '' },
  { name: 'long_only', type: 'bool', default: false, description: '' },
  { name: 'mode', type: 'enum', default: 'a', options: ['a', 'b', 'c'], description: '' },
];

describe('parseParamSpace', () => {
  it('reads inclusive ranges, lists, * and fixed values by the schema; others keep their default', () => {
    const space = parseParamSpace('s', specs, { period: '5:50:5', k: '0.5,1.5', mode: '*' });
    expect(space.map((a) => [a.name, a.values])).toEqual([
      ['period', [5, 10, 15, 20, 25, 30, 35, 40, 45, 50]],
      ['k', [0.5, 1.5]],
      ['long_only', [false]],
      ['mode', ['a', 'b', 'c']],
    ]);
    expect(gridSize(space)).toBe(60);
    expect(variedAxes(space).map((a) => a.name)).toEqual(['period', 'k', 'mode']);
  });

  it('steps floats without binary drift and uses an int parameter\'s own step when none is given', () => {
    expect(parseParamSpace('s', specs, { k: '0.5:1.1:0.3' })[1].values).toEqual([0.5, 0.8, 1.1]);
    expect(parseParamSpace('s', specs, { period: '2:5' })[0].values).toEqual([2, 3, 4, 5]);
  });

  it('names the parameter and the problem for bad input', () => {
    expect(() => parseParamSpace('s', specs, { perod: '1:2' })).toThrow(/no parameter "perod".*period/);
    expect(() => parseParamSpace('s', specs, { period: '0:10:2' })).toThrow(/period=0:10:2: 0 is below period's minimum 2/);
    expect(() => parseParamSpace('s', specs, { period: '10:5' })).toThrow(/max 5 is below min 10/);
    expect(() => parseParamSpace('s', specs, { period: '5:10:0' })).toThrow(/step must be a number > 0/);
    expect(() => parseParamSpace('s', specs, { k: '1:2' })).toThrow(/no default step/);
    expect(() => parseParamSpace('s', specs, { period: '5:10:1.5' })).toThrow(/integer/);
    expect(() => parseParamSpace('s', specs, { long_only: '1:2' })).toThrow(/numeric/);
    expect(() => parseParamSpace('s', specs, { period: '*' })).toThrow(/bool or enum/);
    expect(() => parseParamSpace('s', specs, { mode: 'a,z' })).toThrow(/one of a, b, c/);
  });

  it('enumerates the grid with the first parameter varying slowest', () => {
    const space = parseParamSpace('sma_cross', smaCross.params, { n1: '5,10', n2: '60,80,100' });
    const combos = Array.from({ length: gridSize(space) }, (_, k) => comboAt(space, k));
    expect(combos.map((c) => [c.n1, c.n2])).toEqual([[5, 60], [5, 80], [5, 100], [10, 60], [10, 80], [10, 100]]);
    expect(combos[0]).toEqual({ n1: 5, n2: 60, long_only: false });
  });
});
