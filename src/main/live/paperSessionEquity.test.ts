import { describe, expect, it } from 'vitest';
import { loadSample } from '../data/candleFiles';
import { getStrategy } from '../engine/strategies/registry';
import { defaultBrokerConfig } from '../engine/brokerTypes';
import { PaperSession, replaySession } from './paperSession';
import type { SessionRow, StoredCandle } from './liveStore';

const BARS = 600;
const row: SessionRow = {
  id: 1, name: 't', strategy: 'sma_cross', params: { n1: 5, n2: 15 }, instruments: ['BTCUSDT:1m', 'ETHUSDT:1m'],
  broker: { ...defaultBrokerConfig, cash: 20_000, commission: 0.001 }, createdAt: 0, status: 'running', updatedAt: 0,
};

function bars(name: string, instrument: string): StoredCandle[] {
  const c = loadSample(name);
  return Array.from({ length: BARS }, (_, i) => ({ instrument, time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i] }));
}

const btc = bars('BTCUSDT_1m', 'BTCUSDT:1m');
const eth = bars('ETHUSDT_1m', 'ETHUSDT:1m');

/** Steps a session through the bars in the given order, collecting the equity points it emits. */
function curve(order: StoredCandle[]): Array<{ time: number; equity: number }> {
  const s = new PaperSession(row, getStrategy('sma_cross'));
  const points: Array<{ time: number; equity: number }> = [];
  for (const c of order) {
    s.step(c.instrument, c);
    points.push(...s.takeEquityPoints());
  }
  return points;
}

describe('a multi-instrument session equity curve', () => {
  it('is the same whatever order the instruments\' bars arrive in', () => {
    const alternating = btc.flatMap((b, i) => [b, eth[i]]);
    const reversed = btc.flatMap((b, i) => [eth[i], b]);
    const chunked: StoredCandle[] = [];
    for (let i = 0; i < BARS; i += 37) chunked.push(...btc.slice(i, i + 37), ...eth.slice(i, i + 37));
    const a = curve(alternating);
    expect(a).toHaveLength(BARS);
    expect(curve(reversed)).toEqual(a);
    expect(curve(chunked)).toEqual(a);
  });

  it('sums each instrument\'s equity as of its last bar at or before the point', () => {
    const a = curve(btc.flatMap((b, i) => [b, eth[i]]));
    const single = (bs: StoredCandle[]): number[] => {
      const s = new PaperSession({ ...row, instruments: [bs[0].instrument], broker: { ...row.broker, cash: row.broker.cash / 2 } }, getStrategy('sma_cross'));
      return bs.map((b) => { s.step(b.instrument, b); return s.equity(); });
    };
    const sb = single(btc);
    const se = single(eth);
    expect(a.map((p) => p.equity)).toEqual(sb.map((x, i) => x + se[i]));
  });

  it('emits nothing again after a replay: points up to the replayed position were stored before', () => {
    const s = replaySession(row, getStrategy('sma_cross'), new Map([['BTCUSDT:1m', btc.slice(0, 100)], ['ETHUSDT:1m', eth.slice(0, 90)]]));
    expect(s.takeEquityPoints()).toEqual([]);
    s.step('ETHUSDT:1m', eth[90]);
    expect(s.takeEquityPoints().map((p) => p.time)).toEqual([eth[90].time]);
  });
});
