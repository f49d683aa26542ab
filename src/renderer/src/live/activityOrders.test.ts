import { describe, expect, it } from 'vitest';
import { activityOrders } from './activityOrders';

describe('activity orders', () => {
  it('merges fills and refusals into one log, newest first', () => {
    const rows = activityOrders({
      fills: [
        { instrument: 'BTCUSDT:1m', side: 'sell', kind: 'stop_loss', price: 99, size: 0.5, commission: 0.05, positionAfter: 0, time: 3000 },
        { instrument: 'BTCUSDT:1m', side: 'buy', kind: 'market', price: 100, size: 0.5, commission: 0.05, positionAfter: 0.5, time: 1000 },
      ],
      rejectedOrders: [{ instrument: 'BTCUSDT:1m', side: 'buy', reason: 'insufficient cash', time: 2000 }],
    });
    expect(rows.map((r) => [r.time, r.status, r.detail])).toEqual([[3000, 'filled', 'stop_loss'], [2000, 'refused', 'insufficient cash'], [1000, 'filled', 'market']]);
  });
});
