import { describe, expect, it } from 'vitest';
import { chooseCuts } from './lookahead';
import { signalText } from './lookaheadRecorder';

describe('chooseCuts', () => {
  it('puts half the cuts right after decision bars and spreads the rest over the range', () => {
    const cuts = chooseCuts(1_000, [10, 10, 200, 400, 600, 800], 6);
    // Three cuts after decision bars (picked evenly along 11, 201, 401, 601, 801), three at 1000·k/4.
    expect(cuts).toEqual([11, 250, 401, 500, 750, 801]);
  });

  it('fills with evenly spaced cuts when there are few decisions, and stays inside the data', () => {
    expect(chooseCuts(100, [], 3)).toEqual([25, 50, 75]);
    // After bar 0 would leave one bar, after bar 99 nothing is removed: both fall back to even cuts.
    expect(chooseCuts(100, [0, 99], 2)).toEqual([33, 66]);
  });
});

describe('signalText', () => {
  it('writes an order the same way whatever the order of its fields, nested levels included', () => {
    const a = signalText({ action: 'buy', order: { fraction: 0.5, stopLoss: { percent: 2 }, limit: NaN } });
    const b = signalText({ action: 'buy', order: { limit: NaN, stopLoss: { percent: 2 }, fraction: 0.5 } });
    expect(a).toBe('buy {"fraction":0.5,"limit":NaN,"stopLoss":{"percent":2}}');
    expect(b).toBe(a);
    expect(signalText({ action: 'close', order: {} })).toBe('close');
  });
});
