import { describe, expect, it } from 'vitest';
import { deflatedSharpe, deflatedSharpeOfWinner, expectedMaxSharpeOf, probabilisticSharpe } from './deflatedSharpe';
import { normalCdf, normalQuantile } from './normal';
import { returnMoments } from './returnMoments';

// Expected values below come from Python's math.erfc and statistics.NormalDist (Wichura's
// AS241), applying the papers' formulas by hand — not from this code.

describe('normal distribution', () => {
  it('CDF matches erfc-based reference values to 1e-13 relative, tails included', () => {
    const cases: [number, number][] = [
      [0, 0.5], [1.96, 0.9750021048517795], [-1, 0.15865525393145707], [0.5, 0.6914624612740131],
      [2.9, 0.998134186699616], [3.1, 0.9990323967867817], [-5, 2.866515718791946e-7],
      [-10, 7.619853024160593e-24], [-20, 2.7536241186063314e-89], [-37, 5.725571222525139e-300],
    ];
    for (const [x, want] of cases) expect(Math.abs(normalCdf(x) - want) / want).toBeLessThan(1e-13);
  });

  it('quantile inverts the CDF to 1e-12', () => {
    const cases: [number, number][] = [
      [0.975, 1.9599639845400536], [0.995, 2.5758293035489], [0.5, 0], [0.01, -2.3263478740408408],
      [1e-10, -6.361340902404056], [1e-300, -37.0470962993612], [0.999999, 4.753424308817089],
    ];
    for (const [p, want] of cases) expect(Math.abs(normalQuantile(p) - want)).toBeLessThan(1e-12 * Math.max(1, Math.abs(want)));
    expect(normalQuantile(0)).toBe(-Infinity);
    expect(normalQuantile(1)).toBe(Infinity);
    expect(() => normalQuantile(1.5)).toThrow(/p must be a probability/);
  });
});

describe('Deflated Sharpe Ratio', () => {
  it('reproduces the paper\'s worked example (DSR 0.9004)', () => {
    // Bailey & López de Prado 2014: annualized SR 2.5 over 1,250 daily returns, 100 trials whose
    // annualized Sharpe ratios vary with variance 0.5, skewness -3, kurtosis 10.
    const r = deflatedSharpe({
      sharpe: 2.5 / Math.sqrt(250), trials: 100, trialSharpeVariance: 0.5 / 250, observations: 1_250, skewness: -3, kurtosis: 10,
    });
    expect(r.expectedMaxSharpe).toBeCloseTo(0.11317200186513214, 12);
    expect(r.dsr).toBeCloseTo(0.9003968344493904, 10);
    expect(r.dsr.toFixed(4)).toBe('0.9004');
    expect(r.psr).toBeCloseTo(0.9999968595078976, 12);
    expect(r.meaning).toBe('Deflated Sharpe 0.900: only a 90% chance the winner\'s true Sharpe beats the best of 100 luck-only trials — not convincing at the usual 95% bar.');
  });

  it('with one trial equals the PSR against zero', () => {
    const r = deflatedSharpe({ sharpe: 0.1, trials: 1, trialSharpeVariance: 0.3, observations: 500, skewness: 0, kurtosis: 3 });
    expect(r.expectedMaxSharpe).toBe(0);
    expect(r.dsr).toBe(r.psr);
    expect(r.psr).toBeCloseTo(0.9870686445155943, 12);
    expect(probabilisticSharpe(0.1, 0, 500, 0, 3)).toBe(r.psr);
    expect(expectedMaxSharpeOf(50, 0)).toBe(0);
  });

  it('from a winner\'s returns and the trials\' Sharpe ratios', () => {
    const xs = [0.01, -0.02, 0.05, 0.015, -0.005, 0.04, -0.03, 0.0, 0.002, 0.011];
    const m = returnMoments(xs);
    expect(m.sharpe).toBeCloseTo(0.29963194134666726, 13);
    expect(m.skewness).toBeCloseTo(0.3134871164742485, 13);
    expect(m.kurtosis).toBeCloseTo(2.4490777347883737, 13);
    const r = deflatedSharpeOfWinner(xs, [m.sharpe, 0.1, -0.05, 0.2, 0.02]);
    expect(r.expectedMaxSharpe).toBeCloseTo(0.16630507460861155, 12);
    expect(r.dsr).toBeCloseTo(0.6601444786349034, 11);
    expect(r.psr).toBeCloseTo(0.8232533233712659, 11);
  });

  it('names the bad input', () => {
    const ok = { sharpe: 0.1, trials: 10, trialSharpeVariance: 0.01, observations: 100, skewness: 0, kurtosis: 3 };
    expect(() => deflatedSharpe({ ...ok, trials: 0 })).toThrow(/trials must be/);
    expect(() => deflatedSharpe({ ...ok, kurtosis: -1 })).toThrow(/kurtosis must be a positive number/);
    expect(() => deflatedSharpe({ ...ok, observations: 1 })).toThrow(/observations must be/);
    expect(() => deflatedSharpe({ ...ok, sharpe: NaN })).toThrow(/sharpe must be a finite number/);
    expect(() => deflatedSharpeOfWinner([0.01, 0.01, 0.01], [0.1])).toThrow(/do not vary/);
    expect(() => returnMoments([0.01, NaN], 'winnerReturns')).toThrow(/winnerReturns\[1\] = NaN/);
  });
});
