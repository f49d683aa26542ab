import { describe, expect, it } from 'vitest';
import type { BrokerConfig, FillEvent, OrderRejectedEvent } from './brokerTypes';
import { pyFloorDiv, SimBroker } from './simBroker';

type Ohlc = readonly [open: number, high: number, low: number, close: number];

/** Drives a broker bar by bar; `act` runs as the strategy would, after the bar's fills. */
function drive(b: SimBroker, bars: readonly Ohlc[], act: (i: number, b: SimBroker) => void = () => {}): number[] {
  const equity: number[] = [];
  bars.forEach(([o, h, l, c], i) => {
    b.beginBar(i, i * 60_000, o, h, l, c);
    act(i, b);
    equity.push(b.endBar());
  });
  return equity;
}

function broker(cfg: Partial<BrokerConfig> = {}): SimBroker {
  return new SimBroker({ cash: 10_000, commission: 0, slippageBps: 0, qtyStep: 1, minNotional: 0, tradeOnClose: false, ...cfg });
}

const fills = (b: SimBroker): FillEvent[] => b.events.filter((e): e is FillEvent => e.type === 'fill');

describe('SimBroker market orders', () => {
  it('fills a market order at the next bar open, never at the signal bar', () => {
    const b = broker();
    drive(b, [[100, 101, 99, 100.5], [102, 103, 101, 102.5]], (i, br) => {
      if (i === 0) br.buy({ quantity: 10 });
    });
    expect(b.position.size).toBe(10);
    expect(b.position.entryPrice).toBe(102);
  });

  it('with tradeOnClose fills at the signal bar close and records that bar as the entry', () => {
    const b = broker({ tradeOnClose: true });
    drive(b, [[100, 101, 99, 100.5], [102, 103, 101, 102.5]], (i, br) => {
      if (i === 0) br.buy({ quantity: 10 });
      if (i === 1) br.closePosition();
    });
    expect(b.trades).toHaveLength(1);
    expect(b.trades[0]).toMatchObject({ entryBar: 0, entryPrice: 100.5, exitBar: 1, exitPrice: 102.5 });
  });

  it('applies slippage adversely to market entries and exits', () => {
    const b = broker({ slippageBps: 10 });
    drive(b, [[100, 100, 100, 100], [100, 100, 100, 100], [200, 200, 200, 200], [200, 200, 200, 200]], (i, br) => {
      if (i === 0) br.buy({ quantity: 1 });
      if (i === 2) br.closePosition();
    });
    expect(b.trades[0].entryPrice).toBeCloseTo(100 * 1.001, 10);
    expect(b.trades[0].exitPrice).toBeCloseTo(200 * 0.999, 10);
  });

  it('charges commission as a fraction of notional on entry and exit, net in PnL and return', () => {
    const b = broker({ commission: 0.001 });
    drive(b, [[100, 100, 100, 100], [100, 100, 100, 100], [110, 110, 110, 110], [110, 110, 110, 110]], (i, br) => {
      if (i === 0) br.buy({ quantity: 10 });
      if (i === 2) br.closePosition();
    });
    const t = b.trades[0];
    expect(t.commission).toBeCloseTo(10 * 100 * 0.001 + 10 * 110 * 0.001, 10);
    expect(t.pnl).toBeCloseTo(10 * 10 - t.commission, 10);
    expect(t.returnPct).toBeCloseTo(0.1 - t.commission / 1000, 12);
    expect(b.equity).toBeCloseTo(10_000 + t.pnl, 9);
  });

  it('books a short: profit when price falls, cash holds the sale proceeds', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [100, 100, 100, 100], [90, 90, 90, 90], [90, 90, 90, 90]], (i, br) => {
      if (i === 0) br.sell({ quantity: 5 });
      if (i === 1) expect(br.cash).toBe(10_000 + 500);
      if (i === 2) br.closePosition();
    });
    expect(b.trades[0]).toMatchObject({ side: 'short', size: 5, entryPrice: 100, exitPrice: 90, pnl: 50, exitReason: 'signal' });
    expect(b.equity).toBe(10_050);
  });

  it('sized by equity, an opposite order reverses: closes the whole position, then opens the other side', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [100, 100, 100, 100], [125, 125, 125, 125], [125, 125, 125, 125]], (i, br) => {
      if (i === 0) br.buy();
      if (i === 2) br.sell();
    });
    expect(b.trades).toHaveLength(1);
    // 10,000 · (1 − 2⁻⁵²) / 100 is a hair under 100: backtesting.py's "all equity" buys 99.
    expect(b.trades[0]).toMatchObject({ side: 'long', size: 99, exitPrice: 125, exitReason: 'reversal' });
    // All the new equity, now short: (10,000 + 99 · 25) / 125 = 99.8 → 99 units.
    expect(b.position.size).toBe(-99);
    expect(b.equity).toBe(10_000 + 99 * 25);
  });

  it('a fixed opposite quantity smaller than the position reduces it and books the closed part', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [100, 100, 100, 100], [120, 120, 120, 120], [120, 120, 120, 120]], (i, br) => {
      if (i === 0) br.buy({ quantity: 10 });
      if (i === 2) br.sell({ quantity: 4 });
    });
    expect(b.trades).toHaveLength(1);
    expect(b.trades[0]).toMatchObject({ size: 4, pnl: 80 });
    expect(b.position.size).toBe(6);
  });
});

describe('SimBroker sizing and cash', () => {
  it('rounds quantities to the step: whole units with step 1, satoshis with 1e-8', () => {
    const whole = broker({ qtyStep: 1, cash: 1000 });
    drive(whole, [[300, 300, 300, 300], [300, 300, 300, 300]], (i, br) => i === 0 && br.buy());
    expect(whole.position.size).toBe(3);
    const sats = broker({ qtyStep: 1e-8, cash: 1000 });
    drive(sats, [[300, 300, 300, 300], [300, 300, 300, 300]], (i, br) => i === 0 && br.buy());
    expect(sats.position.size).toBe(3.33333333);
  });

  it('sizes an all-equity order as backtesting.py: floor(cash / (price * (1 + commission)))', () => {
    const b = broker({ commission: 0.001 });
    drive(b, [[169.02, 170, 168, 169], [169.02, 170, 168, 169]], (i, br) => i === 0 && br.sell());
    expect(b.position.size).toBe(-Math.floor(10_000 / (169.02 * 1.001)));
  });

  it('rejects an order whose notional is below the minimum, with an event saying why', () => {
    const b = broker({ qtyStep: 1e-8, minNotional: 10 });
    drive(b, [[100, 100, 100, 100], [100, 100, 100, 100]], (i, br) => i === 0 && br.buy({ quantity: 0.05, tag: 'tiny' }));
    expect(b.position.size).toBe(0);
    const rejected = b.events.filter((e): e is OrderRejectedEvent => e.type === 'order_rejected');
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ action: 'buy', tag: 'tiny' });
    expect(rejected[0].reason).toMatch(/below the minimum 10/);
  });

  it('shrinks an order it cannot afford instead of overdrawing cash, fees included', () => {
    const b = broker({ commission: 0.01, qtyStep: 1e-8 });
    drive(b, [[100, 100, 100, 100], [100, 100, 100, 100]], (i, br) => i === 0 && br.buy({ quantity: 1000 }));
    expect(b.position.size).toBeGreaterThan(0);
    expect(b.position.size).toBeLessThan(100);
    expect(b.cash).toBeGreaterThanOrEqual(0);
    expect(b.cash).toBeLessThan(0.01);
  });

  it('keeps cash >= 0 through a run of all-in entries and exits with fees and slippage', () => {
    const b = broker({ commission: 0.002, slippageBps: 5, qtyStep: 1e-8 });
    const bars: Ohlc[] = [];
    for (let i = 0; i < 200; i++) {
      const p = 100 + 20 * Math.sin(i / 5);
      bars.push([p, p * 1.01, p * 0.99, p * 1.002]);
    }
    drive(b, bars, (i, br) => {
      expect(br.cash).toBeGreaterThanOrEqual(0);
      if (i % 3 === 0) br.buy();
      if (i % 3 === 2) br.closePosition();
    });
    expect(b.trades.length).toBeGreaterThan(50);
    expect(b.cash).toBeGreaterThanOrEqual(0);
  });
});

describe('SimBroker limit, stop and protective orders', () => {
  it('fills a buy limit at the limit when the bar trades through it', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [100, 101, 97, 99]], (i, br) => i === 0 && br.buy({ quantity: 1, limit: 98 }));
    expect(fills(b)[0]).toMatchObject({ kind: 'limit', price: 98, quantity: 1 });
  });

  it('fills a buy limit at the open when the bar gaps below the limit', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [96, 97, 95, 96]], (i, br) => i === 0 && br.buy({ quantity: 1, limit: 98 }));
    expect(b.position.entryPrice).toBe(96);
  });

  it('keeps an untouched limit order pending across bars until its price trades', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [100, 101, 99, 100], [100, 101, 99, 100], [99, 99, 97.5, 98]], (i, br) => {
      if (i === 0) br.buy({ quantity: 1, limit: 98 });
      if (i === 1 || i === 2) expect(br.pendingCount).toBe(1);
    });
    expect(b.position.entryPrice).toBe(98);
    expect(b.pendingCount).toBe(0);
  });

  it('triggers a buy stop at the stop price with slippage, or at the gap open', () => {
    const b = broker({ slippageBps: 10 });
    drive(b, [[100, 100, 100, 100], [100, 103, 99, 102.5]], (i, br) => i === 0 && br.buy({ quantity: 1, stop: 102 }));
    expect(b.position.entryPrice).toBeCloseTo(102 * 1.001, 10);
    const gap = broker();
    drive(gap, [[100, 100, 100, 100], [104, 105, 103.5, 104]], (i, br) => i === 0 && br.buy({ quantity: 1, stop: 102 }));
    expect(gap.position.entryPrice).toBe(104);
    const untouched = broker();
    drive(untouched, [[100, 100, 100, 100], [100, 101.9, 99, 101]], (i, br) => i === 0 && br.buy({ quantity: 1, stop: 102 }));
    expect(untouched.position.size).toBe(0);
  });

  it('when stop-loss and take-profit both lie inside one bar, the stop-loss (adverse) fills', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [100, 100.5, 99.5, 100], [100, 106, 94, 100]], (i, br) => {
      if (i === 0) br.buy({ quantity: 10, stopLoss: { price: 95 }, takeProfit: { price: 105 } });
    });
    expect(b.trades).toHaveLength(1);
    expect(b.trades[0]).toMatchObject({ exitBar: 2, exitPrice: 95, exitReason: 'stop_loss', pnl: -50 });
  });

  it('takes profit at the level, or at the open when the bar gaps beyond it', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [100, 100.5, 99.5, 100], [101, 106, 100.5, 105.5]], (i, br) => {
      if (i === 0) br.buy({ quantity: 1, takeProfit: { price: 105 } });
    });
    expect(b.trades[0]).toMatchObject({ exitPrice: 105, exitReason: 'take_profit' });
    const gap = broker();
    drive(gap, [[100, 100, 100, 100], [100, 100.5, 99.5, 100], [108, 109, 107, 108]], (i, br) => {
      if (i === 0) br.buy({ quantity: 1, takeProfit: { price: 105 } });
    });
    expect(gap.trades[0].exitPrice).toBe(108);
  });

  it('places percent levels relative to the fill price, on the right side for a short', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [200, 200, 200, 200], [200, 211, 199, 210]], (i, br) => {
      if (i === 0) br.sell({ quantity: 1, stopLoss: { percent: 5 }, takeProfit: { percent: 10 } });
    });
    expect(b.trades[0]).toMatchObject({ side: 'short', entryPrice: 200, exitPrice: 210, exitReason: 'stop_loss' });
  });

  it('checks a market entry’s stop-loss inside its own entry bar (the bar’s range follows the open)', () => {
    const b = broker();
    drive(b, [[100, 100, 100, 100], [100, 101, 90, 95]], (i, br) => i === 0 && br.buy({ quantity: 1, stopLoss: { percent: 5 } }));
    expect(b.trades[0]).toMatchObject({ entryBar: 1, exitBar: 1, exitPrice: 95, exitReason: 'stop_loss' });
  });

  it('refuses levels on the wrong side of the entry with a clear error', () => {
    const b = broker();
    b.beginBar(0, 0, 100, 100, 100, 100);
    expect(() => b.buy({ stopLoss: { price: 105 } })).toThrow(/stopLoss \(105\) < entry \(100\)/);
    expect(() => b.sell({ takeProfit: { price: 101 } })).toThrow(/takeProfit \(101\) < entry \(100\)/);
    expect(() => b.buy({ fraction: 1.5 })).toThrow(/fraction must be in \(0, 1\]/);
    expect(() => b.buy({ quantity: -1 })).toThrow(/quantity must be/);
  });
});

describe('SimBroker events and end of data', () => {
  it('reports each fill and each closed trade of the bar, then clears them at the next bar', () => {
    const b = broker({ commission: 0.001 });
    drive(b, [[100, 100, 100, 100], [100, 100, 100, 100], [110, 110, 110, 110]], (i, br) => {
      if (i === 0) br.buy({ quantity: 2, tag: 'entry' });
      if (i === 1) {
        expect(br.events).toEqual([
          { type: 'fill', bar: 1, time: 60_000, action: 'buy', kind: 'market', quantity: 2, price: 100, commission: 0.2, positionAfter: 2, tag: 'entry' },
        ]);
        br.closePosition();
      }
      if (i === 2) {
        expect(br.events.map((e) => e.type)).toEqual(['trade_closed', 'fill']);
        expect(fills(br)[0]).toMatchObject({ action: 'sell', kind: 'close', quantity: 2, positionAfter: 0 });
      }
    });
  });

  it('closes open trades at the last close by default, at the last open when mimicking backtesting.py', () => {
    const bars: Ohlc[] = [[100, 100, 100, 100], [100, 100, 100, 100], [120, 130, 115, 125]];
    const atClose = broker();
    drive(atClose, bars, (i, br) => i === 0 && br.buy({ quantity: 1 }));
    expect(atClose.closeAllAtClose()).toBe(10_025);
    expect(atClose.trades[0]).toMatchObject({ exitBar: 2, exitPrice: 125, exitReason: 'end_of_data' });
    const btpy = broker();
    drive(btpy, bars, (i, br) => i === 0 && br.buy({ quantity: 1 }));
    expect(btpy.closeAllLikeBacktestingPy()).toBe(10_020);
    expect(btpy.trades[0]).toMatchObject({ exitBar: 2, exitPrice: 120, exitReason: 'end_of_data' });
  });

  it('rejects a broken configuration naming the field', () => {
    expect(() => new SimBroker({ cash: 0 })).toThrow(/cash must be a finite number > 0/);
    expect(() => new SimBroker({ commission: 1.5 })).toThrow(/commission/);
    expect(() => new SimBroker({ qtyStep: 0 })).toThrow(/qtyStep/);
  });
});

describe('pyFloorDiv', () => {
  it('matches Python float floor division, including results that round up to an integer', () => {
    expect(pyFloorDiv(7, 2)).toBe(3);
    expect(pyFloorDiv(10_000 * (1 - Number.EPSILON), 100)).toBe(99);
    expect(pyFloorDiv(1, 0.1)).toBe(9); // Python: 1 // 0.1 == 9.0 although 1 / 0.1 == 10.0
    expect(pyFloorDiv(0, 3)).toBe(0);
  });
});
