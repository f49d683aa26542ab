import { describe, expect, it } from 'vitest';
import { monteCarloTrades, tradeReturnsOnEquity } from './monteCarlo';
import { percentileOfSorted } from './percentile';

const base = { initialEquity: 10_000, runs: 2_000, seed: 7 } as const;

describe('percentiles', () => {
  it('interpolate linearly between closest ranks like numpy', () => {
    // np.percentile([1, 2, 3, 4], [0, 25, 50, 90, 100]) = [1, 1.75, 2.5, 3.7, 4]
    const xs = [1, 2, 3, 4];
    const got = [0, 25, 50, 90, 100].map((p) => percentileOfSorted(xs, p));
    [1, 1.75, 2.5, 3.7, 4].forEach((want, i) => expect(got[i]).toBeCloseTo(want, 12));
    expect(percentileOfSorted([5], 95)).toBe(5);
  });
});

describe('monteCarloTrades', () => {
  const returns = [0.04, -0.02, 0.03, -0.05, 0.06, 0.01, -0.03, 0.02, -0.01, 0.05];

  it('gives the same figures for the same seed and different ones for another', () => {
    const a = monteCarloTrades({ ...base, tradeReturns: returns, mode: 'resample' });
    const b = monteCarloTrades({ ...base, tradeReturns: returns, mode: 'resample' });
    const c = monteCarloTrades({ ...base, tradeReturns: returns, mode: 'resample', seed: 8 });
    expect(b).toEqual(a);
    expect(c.finalReturnPct).not.toEqual(a.finalReturnPct);
    expect(Object.keys(a.finalReturnPct)).toEqual(['p5', 'p25', 'p50', 'p75', 'p95']);
  });

  it('resampling two trades (+10%, -10%) gives the four equally likely paths their known percentiles', () => {
    // Paths: ++ → +21% (no drawdown), +- and -+ → -1% (drawdown 10%), -- → -19% (drawdown 19%).
    const r = monteCarloTrades({ ...base, runs: 20_000, tradeReturns: [0.1, -0.1], mode: 'resample' });
    expect(r.finalReturnPct.p5).toBeCloseTo(-19, 9);
    expect(r.finalReturnPct.p50).toBeCloseTo(-1, 9);
    expect(r.finalReturnPct.p95).toBeCloseTo(21, 9);
    expect(r.maxDrawdownPct.p5).toBeCloseTo(-19, 9);
    expect(r.maxDrawdownPct.p50).toBeCloseTo(-10, 9);
    expect(r.maxDrawdownPct.p95).toBe(0);
    expect(r.probabilityOfLoss).toBeGreaterThan(0.73);
    expect(r.probabilityOfLoss).toBeLessThan(0.77);
    expect(r.bands.step).toEqual([0, 1, 2]);
    expect(r.bands.p50).toEqual([10_000, expect.closeTo(9_000, 6), expect.closeTo(9_900, 6)]);
    expect(r.meaning).toMatch(/^Over 20,000 resampled sequences of the 2 trades, 90% of them end between -19\.0% and \+21\.0%, 7\d\.\d% lose money/);
  });

  it('shuffling keeps every final return equal to the backtest\'s and moves only the drawdown', () => {
    const r = monteCarloTrades({ ...base, tradeReturns: returns, mode: 'shuffle' });
    const product = returns.reduce((e, x) => e * (1 + x), 1);
    for (const v of Object.values(r.finalReturnPct)) expect(v).toBeCloseTo((product - 1) * 100, 9);
    expect(r.actual.finalReturnPct).toBeCloseTo((product - 1) * 100, 12);
    expect(r.maxDrawdownPct.p5).toBeLessThan(r.maxDrawdownPct.p95);
    expect(r.meaning).toMatch(/^Shuffling the order of the 10 trades 2,000 times leaves the final return at \+9\.\d%/);
  });

  it('keeps the equity fan to a bounded number of steps however many runs and trades', () => {
    const many = Array.from({ length: 600 }, (_, i) => (i % 3 === 0 ? -0.01 : 0.008));
    const r = monteCarloTrades({ ...base, runs: 10_000, bandSteps: 1_000, tradeReturns: many, mode: 'resample', percentiles: [10, 90] });
    expect(r.bands.step.length).toBe(400); // 4,000,000 cells / 10,000 runs
    expect(r.bands.step[0]).toBe(0);
    expect(r.bands.step[r.bands.step.length - 1]).toBe(600);
    expect(Object.keys(r.bands).sort()).toEqual(['p10', 'p90', 'step']);
    // The last band and the final-return percentiles describe the same equities.
    expect(r.bands.p90[r.bands.p90.length - 1]).toBeCloseTo(10_000 * (1 + r.finalReturnPct.p90 / 100), 6);
  });

  it('names the bad input', () => {
    expect(() => monteCarloTrades({ ...base, tradeReturns: [], mode: 'resample' })).toThrow(/tradeReturns is empty/);
    expect(() => monteCarloTrades({ ...base, tradeReturns: [0.1, -1.5], mode: 'resample' })).toThrow(/tradeReturns\[1\] = -1.5/);
    expect(() => monteCarloTrades({ ...base, runs: 0, tradeReturns: [0.1], mode: 'resample' })).toThrow(/runs must be/);
    expect(() => monteCarloTrades({ ...base, tradeReturns: [0.1], mode: 'resample', percentiles: [5, 120] })).toThrow(/120 is not a percentile/);
  });
});

describe('tradeReturnsOnEquity', () => {
  it('divides each PnL by the equity at the close before its entry bar', () => {
    const equity = [10_000, 11_000, 10_500, 10_600];
    const r = tradeReturnsOnEquity([{ entryBar: 0, pnl: 1_000 }, { entryBar: 2, pnl: -525 }], equity, 10_000);
    expect(r).toEqual([0.1, -525 / 11_000]);
    expect(() => tradeReturnsOnEquity([{ entryBar: 9, pnl: 1 }], equity, 10_000)).toThrow(/trade 1: entryBar 9 is outside/);
  });
});
