import { describe, expect, it } from 'vitest';
import type { ParamSpec } from '../engine/strategy';
import { coerceParams, parseKeyValues } from './paramCoercion';

const specs: ParamSpec[] = [
  { name: 'period', type: 'int', default: 14, min: 2, max: 100, description: 'lookback' },
  { name: 'lower', type: 'float', default: 30, description: 'oversold level' },
  { name: 'long_only', type: 'bool', default: false, description: 'no shorts' },
  { name: 'mode', type: 'enum', default: 'a', options: ['a', 'b'], description: 'mode' },
];

describe('coerceParams', () => {
  it('reads text by the parameter type', () => {
    expect(coerceParams('s', specs, { period: '21', lower: '25.5', long_only: 'yes', mode: 'b' })).toEqual({
      period: 21, lower: 25.5, long_only: true, mode: 'b',
    });
  });

  it('lists the valid parameters when a name is unknown', () => {
    expect(() => coerceParams('rsi', specs, { perod: '3' })).toThrow(/no parameter "perod".*period \(int 2\.\.100, default 14\).*lower.*long_only.*mode/);
  });

  it('rejects a fractional int, a non-number, a bad bool and an unknown enum value', () => {
    expect(() => coerceParams('s', specs, { period: '2.5' })).toThrow(/integer/);
    expect(() => coerceParams('s', specs, { lower: 'x' })).toThrow(/number/);
    expect(() => coerceParams('s', specs, { long_only: 'maybe' })).toThrow(/true or false/);
    expect(() => coerceParams('s', specs, { mode: 'c' })).toThrow(/one of a, b/);
  });
});

describe('parseKeyValues', () => {
  it('splits on the first = and rejects flags without one', () => {
    expect(parseKeyValues(['a=1', 'b=x=y'])).toEqual({ a: '1', b: 'x=y' });
    expect(() => parseKeyValues(['a'])).toThrow(/key=value/);
  });
});
