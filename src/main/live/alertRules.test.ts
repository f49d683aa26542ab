import { describe, expect, it } from 'vitest';
import { AlertEvaluator, parseAlertRule } from './alertRules';
import type { LiveCandle } from './candleMessage';

const bar = (i: number, close: number): LiveCandle => ({ symbol: 'BTCUSDT', interval: '1m', time: i * 60_000, open: close, high: close, low: close, close, volume: 1, closed: true });

function run(ev: AlertEvaluator, closes: number[]): Array<number | null> {
  return closes.map((c, i) => ev.onCandle(bar(i, c))?.value ?? null);
}

describe('alert rules', () => {
  it('fires a price cross only on the bar that crosses', () => {
    const ev = new AlertEvaluator(1, parseAlertRule({ kind: 'price', instrument: 'BTCUSDT:1m', op: 'crosses_above', level: 100 }));
    expect(run(ev, [99, 101, 102, 98, 100, 103])).toEqual([null, 101, null, null, null, 103]);
  });

  it('holds back a flapping price for the cooldown', () => {
    const ev = new AlertEvaluator(1, parseAlertRule({ kind: 'price', instrument: 'BTCUSDT:1m', op: 'crosses_below', level: 100, cooldownMs: 5 * 60_000 }));
    // crosses below at bars 1, 3, 5 and 7; the cooldown of 5 bars lets only 1 and 7 through
    expect(run(ev, [101, 99, 101, 99, 101, 99, 101, 99])).toEqual([null, 99, null, null, null, null, null, 99]);
  });

  it('fires a percent move within the window in either direction', () => {
    const ev = new AlertEvaluator(1, parseAlertRule({ kind: 'move', instrument: 'BTCUSDT:1m', percent: 5, windowBars: 2, cooldownMs: 0 }));
    const fired = run(ev, [100, 102, 106, 103, 97]).map((v) => (v === null ? null : Math.round(v * 100) / 100));
    // 106 vs 100 = +6%; 97 vs 106 = -8.49%
    expect(fired).toEqual([null, null, 6, null, -8.49]);
  });

  it('evaluates an indicator rule with the catalog indicator', () => {
    const ev = new AlertEvaluator(1, parseAlertRule({ kind: 'indicator', instrument: 'BTCUSDT:1m', indicator: 'sma', params: { period: 2 }, op: 'crosses_above', level: 10 }));
    // sma(2): NaN, 9, 9.5, 10.5 (crosses), 12
    expect(run(ev, [9, 9, 10, 11, 13])).toEqual([null, null, null, 10.5, null]);
  });

  it('matches signal rules by session and side', () => {
    const ev = new AlertEvaluator(1, parseAlertRule({ kind: 'signal', sessionId: '3', side: 'buy' }));
    expect(ev.onSignal({ sessionId: '2', instrument: 'BTCUSDT:1m', side: 'buy', price: 1, time: 1 })).toBeNull();
    expect(ev.onSignal({ sessionId: '3', instrument: 'BTCUSDT:1m', side: 'sell', price: 1, time: 2 })).toBeNull();
    expect(ev.onSignal({ sessionId: '3', instrument: 'BTCUSDT:1m', side: 'buy', price: 5, time: 3 })).toMatchObject({ symbol: 'BTCUSDT', value: 5 });
  });

  it('rejects malformed rules naming the field', () => {
    expect(() => parseAlertRule({ kind: 'price', instrument: 'btc', op: 'above', level: 1 })).toThrow(/instrument/);
    expect(() => parseAlertRule({ kind: 'indicator', instrument: 'BTCUSDT:1m', op: 'above', level: 1, indicator: 'nope' })).toThrow(/unknown indicator/);
    expect(() => parseAlertRule({ kind: 'move', instrument: 'BTCUSDT:1m', percent: -1, windowBars: 3 })).toThrow(/percent/);
  });
});

describe('alert rule instruments', () => {
  it('use the shared instrument rule: symbol upper-cased, unknown intervals refused with its message', () => {
    expect(parseAlertRule({ kind: 'price', instrument: 'btcusdt:1m', op: 'above', level: 1 }).instrument).toBe('BTCUSDT:1m');
    expect(() => parseAlertRule({ kind: 'price', instrument: 'ETHUSDT:7q', op: 'above', level: 1 })).toThrow(/instrument: interval "7q" is not valid/);
    expect(() => parseAlertRule({ kind: 'move', instrument: 'binance:ETHUSDT:1m', percent: 1, windowBars: 5 })).toThrow(/drop the exchange prefix/);
  });
});
