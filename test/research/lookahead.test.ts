import { describe, expect, it } from 'vitest';
import { loadCandlesForSpec } from '../../src/main/data/dataSpec';
import { sliceCandles, type Candles } from '../../src/main/engine/candles';
import { builtinStrategies, validateStrategyDefinition } from '../../src/main/engine/strategies/registry';
import type { StrategyDefinition } from '../../src/main/engine/strategy';
import { checkLookahead } from '../../src/main/research/lookahead';
import peekingModule from '../fixtures/strategies/peeking';

const broker = { cash: 10_000, commission: 0.001 };

async function sampleBars(count: number): Promise<Candles> {
  const { candles } = await loadCandlesForSpec('sample');
  return sliceCandles(candles, candles.length - count);
}

function builtin(name: string): StrategyDefinition {
  const s = builtinStrategies.find((x) => x.name === name);
  if (!s) throw new Error(`no built-in ${name}`);
  return s;
}

describe('checkLookahead', () => {
  it('finds no look-ahead in the built-in strategies', async () => {
    const candles = await sampleBars(4_000);
    for (const name of ['sma_cross', 'rsi', 'donchian_breakout']) {
      const r = await checkLookahead(candles, builtin(name), {}, broker, { cuts: 10 });
      expect(r.deterministic).toBe(true);
      expect(r.changes).toEqual([]);
      expect(r.clean).toBe(true);
      expect(r.signals).toBeGreaterThan(0);
      expect(r.cuts.length).toBeGreaterThanOrEqual(9);
      expect(r.meaning).toMatch(/^no look-ahead found: the [\d,]+ decisions of the full run are unchanged in \d+ runs cut short$/);
    }
  });

  it('catches a strategy that reads the next bar through the arrays it closes over', async () => {
    const candles = await sampleBars(4_000);
    const peeking = validateStrategyDefinition(peekingModule);
    const progress: [number, number][] = [];
    const r = await checkLookahead(candles, peeking, {}, broker, { cuts: 10, onProgress: (d, t) => progress.push([d, t]) });
    expect(r.deterministic).toBe(true);
    expect(r.clean).toBe(false);
    expect(r.changedBars).toBeGreaterThan(0);
    // Every change is the last bar before its cut: with the next bar gone the strategy stops deciding.
    for (const c of r.changes) {
      expect(c.bar).toBe(c.cutBar - 1);
      expect(c.full.length).toBeGreaterThan(0);
      expect(c.truncated).toEqual([]);
      expect(c.time).toBe(candles.time[c.bar]);
    }
    expect(r.meaning).toMatch(/^look-ahead: decisions change at \d+ bar\(s\) when later bars are removed/);
    expect(progress[progress.length - 1]).toEqual([r.cuts.length + 2, r.cuts.length + 2]);
  });

  it('reports a strategy that fails when the bar it reads ahead is missing', async () => {
    const candles = await sampleBars(1_000);
    const peeking = validateStrategyDefinition(peekingModule);
    const r = await checkLookahead(candles, peeking, { missing: 'throw' }, broker, { cuts: 4 });
    expect(r.clean).toBe(false);
    // Every run cut short, and the full run itself on its last bar (cutBar = the bar count).
    expect(r.failures.length).toBe(r.cuts.length + 1);
    expect(r.failures[0]).toMatchObject({ cutBar: 1_000, bar: 999 });
    for (const f of r.failures) {
      expect(f.bar).toBe(f.cutBar - 1);
      expect(f.message).toBe(`peeking: no bar ${f.cutBar} to read`);
    }
    // The decisions before the failing bar are the full run's.
    expect(r.changedBars).toBe(0);
    expect(r.meaning).toBe(`look-ahead: the strategy fails in ${r.failures.length} run(s) when later bars are removed — the strategy's decision at a bar depends on bars after it`);
  });

  it('says it cannot judge a strategy that decides differently on the same data', async () => {
    const candles = await sampleBars(500);
    let runs = 0;
    const moody: StrategyDefinition = {
      name: 'moody', description: 'buys on a different bar every run', params: [],
      create(_p, ctx) {
        const buyAt = 100 + runs++;
        return { onBar: (bar) => { if (bar.index === buyAt) ctx.broker.buy(); } };
      },
    };
    const r = await checkLookahead(candles, moody, {}, broker, { cuts: 3 });
    expect(r.deterministic).toBe(false);
    expect(r.clean).toBe(false);
    expect(r.meaning).toMatch(/^cannot judge: two runs on the same data decided differently at 2 bar\(s\)/);
  });
});
