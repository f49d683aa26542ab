/**
 * A task's compat mode reaches the engine: the optimizer's grid cells and its winners'
 * full runs (and the app's single backtests) reproduce backtesting.py when asked.
 */
import { describe, expect, it } from 'vitest';
import { defaultBrokerConfig } from '../../engine/brokerTypes';
import { getStrategy } from '../../engine/strategies/registry';
import { executeTask, type BacktestTaskResult, type GridTaskResult, type TaskEnv } from './tasks';
import { loadBtpyOracle, loadGoog } from '../../../../test/support/oracles';

const goog = loadGoog();
const env: TaskEnv = { candles: () => goog, strategy: (name) => Promise.resolve(getStrategy(name)) };
const control = { signal: { aborted: false }, progress: () => undefined };
// The oracle file ends in _c0: backtesting.py run without commission.
const broker = { ...defaultBrokerConfig, commission: 0, qtyStep: 1 };
const oracle = loadBtpyOracle('btpy_goog_sma10_20_c0.json');

describe("pool tasks with compat 'backtesting.py'", () => {
  it('a full backtest task reproduces the oracle stats and leaves out Commissions', async () => {
    const r = (await executeTask(
      { kind: 'backtest', dataId: 0, strategy: 'sma_cross', params: { n1: 10, n2: 20 }, broker, compat: 'backtesting.py' }, env, control,
    )) as BacktestTaskResult;
    expect(r.stats['Equity Final [$]']).toBeCloseTo(oracle.stats['Equity Final [$]'] as number, 6);
    expect('Commissions [$]' in r.stats).toBe(false);
  });

  it('a grid task cell reproduces the oracle return; without compat it differs', async () => {
    const grid = (compat: 'backtesting.py' | undefined) => executeTask(
      { kind: 'grid', dataId: 0, strategy: 'sma_cross', broker, firstIndex: 0, combos: [{ n1: 10, n2: 20 }], compat }, env, control,
    ) as Promise<GridTaskResult>;
    const theirs = (await grid('backtesting.py')).cells[0].summary;
    const ours = (await grid(undefined)).cells[0].summary;
    expect(theirs?.['Return [%]']).toBeCloseTo(oracle.stats['Return [%]'] as number, 8);
    expect(ours?.['Return [%]']).not.toBeCloseTo(oracle.stats['Return [%]'] as number, 8);
  });
});
