import { describe, expect, it } from 'vitest';
import { isUserError } from '../../errorKinds';
import { monteCarloOfRun } from './runMonteCarlo';

const opts = { runs: 200, seed: 1, mode: 'resample' } as const;

describe('monteCarloOfRun', () => {
  it('simulates a saved run\'s trades from its cash and equity curve', () => {
    const run = {
      id: 4, broker: { cash: 1_000 }, equity: [1_000, 1_100, 1_100, 990],
      trades: [{ entryBar: 0, pnl: 100 }, { entryBar: 2, pnl: -110 }],
    } as unknown as Parameters<typeof monteCarloOfRun>[0];
    const r = monteCarloOfRun(run, opts);
    expect(r).toMatchObject({ runId: 4, runs: 200, mode: 'resample', seed: 1, trades: 2 });
    // Returns on equity: +10%, then -110 / 1,100 = -10%.
    expect(r.actual.finalReturnPct).toBeCloseTo(-1, 9);
    expect(r.bands.step).toEqual([0, 1, 2]);
  });

  it('says why a run cannot be simulated, as the user\'s problem', () => {
    const noTrades = { id: 9, broker: {}, equity: [10_000], trades: [] } as unknown as Parameters<typeof monteCarloOfRun>[0];
    expect(() => monteCarloOfRun(noTrades, opts)).toThrow(/run #9 has no closed trades/);
    const broken = { id: 5, broker: {}, equity: [10_000], trades: [{ entryBar: 7, pnl: 1 }] } as unknown as Parameters<typeof monteCarloOfRun>[0];
    try {
      monteCarloOfRun(broken, opts);
      expect.unreachable();
    } catch (e) {
      expect((e as Error).message).toMatch(/^run #5: trade 1: entryBar 7 is outside/);
      expect(isUserError(e)).toBe(true);
    }
  });
});
