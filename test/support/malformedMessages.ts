/**
 * One malformed `market_data_stream` payload per reject reason, varied by a seed, so
 * tests can mix thousands of each kind into a stream and check exact per-reason counts.
 */
import type { RejectReason } from '../../src/main/live/candleMessage';

type Maker = (i: number) => string;

const base = (i: number): Record<string, unknown> => ({
  symbol: 'BTCUSDT', interval: '1m', openTime: 1_700_000_000_000 + i * 60_000,
  open: 100 + (i % 7), high: 110 + (i % 7), low: 90 + (i % 7), close: 101 + (i % 7), volume: 5, closed: true,
});
const kline = (i: number, k: Record<string, unknown>): string =>
  JSON.stringify({ e: 'kline', s: 'ETHUSDT', k: { t: 1_700_000_000_000 + i * 60_000, i: '1m', o: '10', h: '12', l: '9', c: '11', v: '3', x: true, ...k } });

export const MALFORMED: Readonly<Record<RejectReason, Maker>> = {
  not_json: (i) => ['{"symbol":', 'hello', '', '{bad json}', '\u0000\u0001'][i % 5] + (i % 5 === 2 ? '' : String(i)),
  not_object: (i) => [JSON.stringify([1, 2, i]), String(i), 'null', '"text"', JSON.stringify({ stream: 's', data: i })][i % 5],
  unknown_format: (i) => JSON.stringify({ price: i, ts: i }),
  missing_field: (i) => {
    const o = base(i);
    delete o[['symbol', 'interval', 'openTime', 'open', 'high', 'low', 'close', 'volume'][i % 8]];
    return i % 3 === 0 ? kline(i, { c: undefined }).replace('"c":undefined,', '') : JSON.stringify(o);
  },
  not_a_number: (i) => JSON.stringify({ ...base(i), [['open', 'high', 'low', 'close', 'volume'][i % 5]]: ['NaN', 'abc', '1,5', {}, true][i % 5] }),
  bad_time: (i) => JSON.stringify({ ...base(i), openTime: [-5, 1.5, 'yesterday', 1e300][i % 4] }),
  non_positive_price: (i) => (i % 2 ? JSON.stringify({ ...base(i), low: i % 4 === 1 ? 0 : -1 }) : kline(i, { o: '-3', l: '-4' })),
  negative_volume: (i) => JSON.stringify({ ...base(i), volume: -1 - i }),
  high_below_low: (i) => JSON.stringify({ ...base(i), high: 80, low: 90 }),
  ohlc_inconsistent: (i) => JSON.stringify({ ...base(i), high: 100.5, open: 100, close: 105, low: 99 }),
  unknown_interval: (i) => (i % 2 ? JSON.stringify({ ...base(i), interval: ['7q', '1y', '', 'hourly'][i % 4] }) : kline(i, { i: '5M' })),
  bad_symbol: (i) => JSON.stringify({ ...base(i), symbol: ['', 'BTC USDT', 42, 'x'.repeat(41)][i % 4] }),
};
