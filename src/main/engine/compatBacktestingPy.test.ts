/**
 * compat 'backtesting.py' flips each deliberate difference from backtesting.py 0.6.6
 * (compat.ts lists them); one test per difference, each against our default rule.
 * The whole switch is checked against the oracle runs in backtest.oracle.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { runBacktest } from './backtest';
import type { BrokerConfig } from './brokerTypes';
import { createCandles } from './candles';
import { parseCompatMode } from './compat';
import { computeStats, formatStatsTable, statsToJson } from './metrics';
import { SimBroker } from './simBroker';
import { getStrategy } from './strategies/registry';
import { loadGoog } from '../../../test/support/oracles';

type Ohlc = readonly [open: number, high: number, low: number, close: number];

function broker(compat: boolean, cfg: Partial<BrokerConfig> = {}): SimBroker {
  return new SimBroker(
    { cash: 10_000, commission: 0, slippageBps: 0, qtyStep: 1, minNotional: 0, tradeOnClose: false, ...cfg },
    compat ? { compat: 'backtesting.py' } : {},
  );
}

/** Drives a broker bar by bar; `act` runs as the strategy would, after the bar's fills. */
function drive(b: SimBroker, bars: readonly Ohlc[], act: (i: number, b: SimBroker) => void): void {
  bars.forEach(([o, h, l, c], i) => {
    b.beginBar(i, i * 60_000, o, h, l, c);
    act(i, b);
    b.endBar();
  });
}

const flat: Ohlc = [100, 100, 100, 100];

describe("compat 'backtesting.py' flips each deliberate difference", () => {
  it('1. closes a trade open after the last bar at its open, not its close', () => {
    const goog = loadGoog();
    const run = (compat: boolean) => runBacktest(goog, getStrategy('sma_cross'), { n1: 10, n2: 20 }, { qtyStep: 1 }, compat ? { compat: 'backtesting.py' } : {});
    const last = goog.length - 1;
    const ours = run(false).trades.at(-1);
    const theirs = run(true).trades.at(-1);
    expect(ours).toMatchObject({ exitBar: last, exitPrice: goog.close[last], exitReason: 'end_of_data' });
    expect(theirs).toMatchObject({ exitBar: last, exitPrice: goog.open[last], exitReason: 'end_of_data' });
  });

  it('2. values open trades at the bar close when sizing (a short that gained leaves more margin)', () => {
    const sized = (compat: boolean): number => {
      const b = broker(compat);
      // Short 50 at 100; the second half is sized on a bar that opens at 100 and closes at 80.
      drive(b, [flat, flat, [100, 100, 80, 80], [80, 80, 80, 80]], (i, br) => {
        if (i === 0 || i === 1) br.sell({ fraction: 0.5 });
      });
      return b.position.size;
    };
    // Ours: margin at the fill price, 10,000 − 50·100 = 5,000 → 25 more.
    expect(sized(false)).toBe(-75);
    // backtesting.py: the short marked at the close, 10,000 + 50·(100 − 80) − 50·80 = 7,000 → 35 more.
    expect(sized(true)).toBe(-85);
  });

  it('2. cancels an order the margin does not cover instead of shrinking it', () => {
    const ours = broker(false, { commission: 0.01 });
    const theirs = broker(true, { commission: 0.01 });
    for (const b of [ours, theirs]) drive(b, [flat, flat], (i, br) => i === 0 && br.buy({ quantity: 100 }));
    expect(ours.position.size).toBe(99);
    expect(theirs.position.size).toBe(0);
    expect(theirs.rejectedOrders).toBe(1);
  });

  it('3. cancels a full-size opposite order while fully invested, instead of reversing', () => {
    const ours = broker(false);
    const theirs = broker(true);
    for (const b of [ours, theirs]) {
      drive(b, [flat, flat, [125, 125, 125, 125], [125, 125, 125, 125]], (i, br) => {
        if (i === 0) br.buy();
        if (i === 2) br.sell();
      });
    }
    expect(ours.position.size).toBe(-99);
    expect(ours.trades[0].exitReason).toBe('reversal');
    expect(theirs.position.size).toBe(99);
    expect(theirs.trades).toHaveLength(0);
    expect(theirs.firstRejection).toMatch(/bar 3: sell rejected: insufficient equity/);
  });

  it('3. sizes an opposite order from the margin left, then nets it against the position', () => {
    const b = broker(true);
    drive(b, [flat, flat, flat, flat], (i, br) => {
      if (i === 0) br.buy({ fraction: 0.5 });
      if (i === 1) br.sell();
    });
    // Long 50 leaves 5,000 of margin: "all of it" is 49 units (1 − 2⁻⁵²), which close 49 of the 50.
    expect(b.position.size).toBe(1);
    expect(b.trades).toMatchObject([{ side: 'long', size: 49, exitReason: 'signal' }]);
  });

  it('3. still reverses when the strategy closes first, as backtesting.py', () => {
    const b = broker(true);
    drive(b, [flat, flat, [125, 125, 125, 125], [125, 125, 125, 125]], (i, br) => {
      if (i === 0) br.buy();
      if (i === 2) {
        br.closePosition();
        br.sell();
      }
    });
    expect(b.trades).toMatchObject([{ side: 'long', size: 99, exitPrice: 125 }]);
    expect(b.position.size).toBe(-Math.floor((10_000 + 99 * 25) * (1 - Number.EPSILON) / 125));
  });

  const days = createCandles({
    time: [0, 1, 2, 3].map((d) => d * 86_400_000),
    open: [100, 101, 102, 103], high: [100, 101, 102, 103], low: [100, 101, 102, 103], close: [100, 101, 102, 103], volume: [1, 1, 1, 1],
  });

  it('4. leaves "Commissions [$]" out of the stats, the JSON and the table when nothing was paid', () => {
    const equity = new Float64Array([100, 101, 102, 103]);
    const ours = computeStats({ trades: [], equity, candles: days });
    const theirs = computeStats({ trades: [], equity, candles: days, compat: 'backtesting.py' });
    expect(ours['Commissions [$]']).toBe(0);
    expect('Commissions [$]' in theirs).toBe(false);
    expect('Commissions [$]' in statsToJson(theirs)).toBe(false);
    expect(formatStatsTable(theirs)).not.toMatch(/Commissions/);
    expect(formatStatsTable(ours)).toMatch(/Commissions/);
  });

  it('5. puts the drawdown fraction into the durations when the only drawdown is on the last bar', () => {
    const equity = new Float64Array([100, 110, 120, 108]);
    const ours = computeStats({ trades: [], equity, candles: days });
    const theirs = computeStats({ trades: [], equity, candles: days, compat: 'backtesting.py' });
    expect(ours['Max. Drawdown Duration']).toBeNull();
    expect(ours['Avg. Drawdown Duration (seconds)']).toBeNaN();
    const fraction = 1 - 108 / 120;
    expect(theirs['Max. Drawdown Duration (seconds)']).toBeCloseTo(fraction, 12);
    expect(theirs['Avg. Drawdown Duration (seconds)']).toBeCloseTo(fraction, 12);
    expect(Number(theirs['Max. Drawdown Duration'])).toBeCloseTo(fraction, 12);
    // Without any drawdown both tools report none.
    const none = computeStats({ trades: [], equity: new Float64Array([100, 101, 102, 103]), candles: days, compat: 'backtesting.py' });
    expect(none['Max. Drawdown Duration']).toBeNull();
  });

  it('reads the mode from user input, naming the input when it is not one', () => {
    expect(parseCompatMode('backtesting.py')).toBe('backtesting.py');
    expect(() => parseCompatMode('zipline', '--compat')).toThrow(/--compat must be one of backtesting.py \(got "zipline"\)/);
  });
});
