import { describe, expect, it } from 'vitest';
import { toSummaryRecord } from '../../../shared/researchTypes';
import { evaluateObjective, objectiveLabel, parseObjective } from './objective';

describe('objective', () => {
  it('reads a statistic by its name or short name, and weighted sums', () => {
    expect(parseObjective(undefined).terms).toEqual([{ key: 'Return [%]', weight: 1 }]);
    expect(parseObjective('Sharpe Ratio').terms).toEqual([{ key: 'Sharpe Ratio', weight: 1 }]);
    const mix = parseObjective('0.7*sharpe + 0.3*Calmar Ratio');
    expect(mix.terms).toEqual([{ key: 'Sharpe Ratio', weight: 0.7 }, { key: 'Calmar Ratio', weight: 0.3 }]);
    expect(objectiveLabel(mix)).toBe('0.7*Sharpe Ratio + 0.3*Calmar Ratio');
    expect(() => parseObjective('Win Rate [%]')).toThrow(/unknown statistic "Win Rate \[%\]".*Return \[%\]/);
  });

  it('gives no objective below the minimum trades or when a statistic is undefined', () => {
    const stats = toSummaryRecord({ 'Return [%]': 12, 'Sharpe Ratio': 1.5, 'Calmar Ratio': null, '# Trades': 4 });
    expect(evaluateObjective(parseObjective('return'), stats, 1)).toEqual({ value: 12, note: null });
    expect(evaluateObjective(parseObjective('0.5*return+2*sharpe'), stats, 1).value).toBeCloseTo(9);
    expect(evaluateObjective(parseObjective('return'), stats, 5)).toEqual({ value: null, note: '4 trade(s) < minimum 5' });
    expect(evaluateObjective(parseObjective('calmar'), stats, 1)).toEqual({ value: null, note: 'Calmar Ratio is undefined' });
  });
});
