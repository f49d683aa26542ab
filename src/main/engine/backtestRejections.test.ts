import { describe, expect, it } from 'vitest';
import { runBacktest } from './backtest';
import { defaultBrokerConfig } from './brokerTypes';
import { createCandles } from './candles';
import type { StrategyDefinition } from './strategy';

const buyEveryBar: StrategyDefinition = {
  name: 'buy_every_bar',
  description: 'tries to buy on every bar',
  params: [],
  create: (_p, ctx) => ({ onBar: () => ctx.broker.buy() }),
};

function flatCandles(n: number, price: number) {
  return createCandles({
    time: Array.from({ length: n }, (_, i) => i * 60_000),
    open: new Array(n).fill(price), high: new Array(n).fill(price), low: new Array(n).fill(price),
    close: new Array(n).fill(price), volume: new Array(n).fill(1),
  });
}

describe('rejected orders in a backtest', () => {
  it('are counted and the first reason is kept, so zero trades can be explained', () => {
    const r = runBacktest(flatCandles(10, 100_000), buyEveryBar, {}, { ...defaultBrokerConfig, cash: 10_000, qtyStep: 1 });
    expect(r.trades).toHaveLength(0);
    expect(r.rejectedOrders).toBe(9);
    expect(r.firstRejection).toBe('bar 1: buy rejected: insufficient equity for one quantity step (1) at 100000: available 10000');
  });

  it('are zero when every order fills', () => {
    const buyOnce: StrategyDefinition = { ...buyEveryBar, name: 'buy_once', create: (_p, ctx) => ({ onBar: () => { if (ctx.broker.position.size === 0) ctx.broker.buy(); } }) };
    const r = runBacktest(flatCandles(10, 100), buyOnce, {}, { ...defaultBrokerConfig, cash: 10_000, qtyStep: 1 });
    expect(r.rejectedOrders).toBe(0);
    expect(r.firstRejection).toBeNull();
  });
});
