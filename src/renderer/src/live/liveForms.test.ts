import { describe, expect, it } from 'vitest';
import type { StrategyInfo } from '../../../shared/apiTypes';
import { describeRule, initialAlertForm, instrumentFromData, paperFormFrom, paperFormFromRun, runChoiceLabel, toAlertRule, toNewSession } from './liveForms';

const strategies: StrategyInfo[] = [
  { name: 'rsi', description: '', source: 'builtin', params: [{ name: 'period', type: 'int', default: 14, description: '' }] },
  {
    name: 'sma_cross', description: '', source: 'builtin',
    params: [
      { name: 'n1', type: 'int', default: 10, description: '' },
      { name: 'n2', type: 'int', default: 20, description: '' },
    ],
  },
];

describe('paper session form', () => {
  it('fills a session from a saved run: strategy, parameters, instrument, cash and costs; its other broker settings pass through', () => {
    const run = { id: 12, strategy: 'sma_cross', params: { n1: 5, gone: 3 }, broker: { cash: 2500, commission: 0.00075, slippageBps: 2, minNotional: 10 }, dataSource: 'cache:binance:ethusdt:15m' };
    const f = paperFormFromRun(run, strategies);
    expect(f).toEqual({
      strategy: 'sma_cross', params: { n1: 5, n2: 20 }, instruments: 'ETHUSDT:15m', cash: 2500, feePct: 0.075, slippageBps: 2,
      name: 'sma_cross from run #12', fromRun: { id: 12, broker: run.broker },
    });
    expect(toNewSession({ ...f, cash: 3000 }).broker).toEqual({ cash: 3000, commission: 0.00075, slippageBps: 2, minNotional: 10 });
  });

  it('takes the shared broker defaults for costs a saved run did not set', () => {
    const f = paperFormFromRun({ id: 1, strategy: 'rsi', params: {}, broker: {}, dataSource: 'sample:BTCUSDT_1h' }, strategies);
    expect(f).toMatchObject({ params: { period: 14 }, instruments: 'BTCUSDT:1h', cash: 10_000, feePct: 0.1, slippageBps: 0 });
    expect(runChoiceLabel({ id: 7, label: null, strategy: 'rsi', params: { period: 9 }, dataSource: 'sample:BTCUSDT_1h' })).toBe('#7 rsi period=9 · sample:BTCUSDT_1h');
  });

  it('names the instrument of sample, cache and file data the way the live feed does', () => {
    expect(instrumentFromData('sample:BTCUSDT_1h')).toBe('BTCUSDT:1h');
    expect(instrumentFromData('cache:binance:ethusdt:1m')).toBe('ETHUSDT:1m');
    expect(instrumentFromData('/data/solusdt_15m.csv.gz')).toBe('SOLUSDT:15m');
    expect(instrumentFromData('csv:/data/prices.csv')).toBeNull();
    // The interval is the shared rule's: a calendar month is one, 5M (not dividing a year) is not.
    expect(instrumentFromData('cache:binance:ADAUSDT:1M')).toBe('ADAUSDT:1M');
    expect(instrumentFromData('/data/adausdt_5M.csv')).toBeNull();
  });

  it('copies strategy, parameters and broker from the backtest form', () => {
    const f = paperFormFrom({ data: 'sample:ETHUSDT_1m', strategy: 'sma_cross', params: { n1: 5 }, cash: 2500, commissionPct: 0.075, slippageBps: 3 }, strategies);
    expect(f).toEqual({ strategy: 'sma_cross', params: { n1: 5, n2: 20 }, instruments: 'ETHUSDT:1m', cash: 2500, feePct: 0.075, slippageBps: 3, name: '' });
  });

  it('falls back to the first strategy with its defaults when the backtest strategy is unknown', () => {
    const f = paperFormFrom({ data: 'csv:/x.csv', strategy: 'gone', params: { x: 1 }, cash: 10, commissionPct: 0, slippageBps: 0 }, strategies);
    expect(f.strategy).toBe('rsi');
    expect(f.params).toEqual({ period: 14 });
    expect(f.instruments).toBe('BTCUSDT:1m');
  });

  it('turns the fee percent into a fraction and splits the instrument list', () => {
    const s = toNewSession({ strategy: 'rsi', params: { period: 7 }, instruments: ' BTCUSDT:1m, ETHUSDT:1m ,', cash: 1000, feePct: 0.1, slippageBps: 2, name: ' mine ' });
    expect(s).toEqual({ strategy: 'rsi', params: { period: 7 }, instruments: ['BTCUSDT:1m', 'ETHUSDT:1m'], broker: { cash: 1000, commission: 0.001, slippageBps: 2 }, name: 'mine' });
    expect('name' in toNewSession({ ...{ strategy: 'rsi', params: {}, instruments: 'X:1m', cash: 1, feePct: 0, slippageBps: 0 }, name: '  ' })).toBe(false);
  });
});

describe('alert rule form', () => {
  it('builds each kind with only its own fields and the cooldown in ms', () => {
    const f = { ...initialAlertForm, level: 100_000, cooldownMin: 5 };
    expect(toAlertRule(f)).toEqual({ kind: 'price', instrument: 'BTCUSDT:1m', op: 'crosses_above', level: 100_000, cooldownMs: 300_000 });
    expect(toAlertRule({ ...f, kind: 'move', percent: 1.5, windowBars: 30 })).toEqual({ kind: 'move', instrument: 'BTCUSDT:1m', percent: 1.5, windowBars: 30, cooldownMs: 300_000 });
    expect(toAlertRule({ ...f, kind: 'indicator', op: 'below', level: 30, name: 'oversold' })).toEqual({
      kind: 'indicator', instrument: 'BTCUSDT:1m', indicator: 'rsi', params: { period: 14 }, op: 'below', level: 30, cooldownMs: 300_000, name: 'oversold',
    });
    expect(toAlertRule({ ...f, kind: 'signal', instrument: '', sessionId: '3', side: 'sell' })).toEqual({ kind: 'signal', side: 'sell', sessionId: '3', cooldownMs: 300_000 });
  });

  it('describes rules in one line', () => {
    expect(describeRule({ kind: 'price', instrument: 'BTCUSDT:1m', op: 'crosses_above', level: 110000, cooldownMs: 600_000 })).toBe('BTCUSDT:1m close crosses above 110000 · quiet 10m');
    expect(describeRule({ kind: 'indicator', instrument: 'ETHUSDT:1h', indicator: 'rsi', params: { period: 14 }, op: 'below', level: 30, name: 'oversold' })).toBe('oversold: ETHUSDT:1h rsi(14) below 30');
    expect(describeRule({ kind: 'move', instrument: 'BTCUSDT:1m', percent: 2, windowBars: 15, cooldownMs: 7_200_000 })).toBe('BTCUSDT:1m moves 2% in 15 bars · quiet 2h');
    expect(describeRule({ kind: 'signal', side: 'any' })).toBe('signal from any session');
    expect(describeRule({ kind: 'signal', side: 'buy', sessionId: '2', instrument: 'BTCUSDT:1m' })).toBe('buy signal from session #2 on BTCUSDT:1m');
  });
});
