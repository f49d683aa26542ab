/**
 * The stand-in for the upstream market-data service: publishes stored candles to Kafka
 * in the upstream formats (canonical JSON or Binance kline events), paced at a multiple
 * of real time (`60x` = one minute of market time per second) or as fast as possible.
 */
import type { Kafka } from 'kafkajs';
import type { Candles } from '../engine/candles';
import { encodeBinance, encodeCanonical, type LiveCandle } from './candleMessage';
import { barGrid, isInterval } from '../../shared/market/interval';

export type ReplayFormat = 'canonical' | 'binance' | 'binance-wrapped';

export interface ReplayOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly candles: Candles;
  readonly symbol: string;
  readonly interval: string;
  /** Market time per wall time; Infinity = as fast as the broker takes it. */
  readonly speed: number;
  readonly format: ReplayFormat;
  /** Also send an unclosed update (open = close = the bar's open) before each closed bar. */
  readonly withUnclosed?: boolean;
  readonly signal?: AbortSignal;
  readonly onProgress?: (sent: number, total: number) => void;
}

/** Parses "60x", "60", "max" (as fast as possible). */
export function parseSpeed(text: string): number {
  const t = text.trim().toLowerCase();
  if (t === 'max' || t === 'inf' || t === '0') return Infinity;
  const v = Number(t.endsWith('x') ? t.slice(0, -1) : t);
  if (!(Number.isFinite(v) && v > 0)) throw new Error(`speed must look like 60x, 1x or max (got "${text}")`);
  return v;
}

/** SYMBOL and interval from a sample or file name such as BTCUSDT_1m. */
export function guessInstrument(source: string): { symbol: string; interval: string } | null {
  const m = /([A-Za-z0-9]+)[_-](\d+[smhdwM])(?:\.csv(?:\.gz)?)?$/.exec(source);
  return m && isInterval(m[2]) ? { symbol: m[1].toUpperCase(), interval: m[2] } : null;
}

export function encodeCandle(c: LiveCandle, format: ReplayFormat): string {
  return format === 'canonical' ? encodeCanonical(c) : encodeBinance(c, format === 'binance-wrapped');
}

/** Sends every candle; resolves with the number of messages sent. */
export async function replayCandles(o: ReplayOptions): Promise<number> {
  barGrid(o.interval); // throws the shared interval rule's message
  const producer = o.kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const c = o.candles;
  const n = c.length;
  const start = performance.now();
  const t0 = c.time[0];
  let sent = 0;
  try {
    let i = 0;
    while (i < n) {
      if (o.signal?.aborted) break;
      // Everything due by now goes in one send (at most 1000 bars), then wait for the next bar.
      const now = performance.now();
      const batch: Array<{ key: string; value: string }> = [];
      while (i < n && batch.length < 1000 && (o.speed === Infinity || (c.time[i] - t0) / o.speed <= now - start)) {
        const bar: LiveCandle = { symbol: o.symbol, interval: o.interval, time: c.time[i], open: c.open[i], high: c.high[i], low: c.low[i], close: c.close[i], volume: c.volume[i], closed: true };
        if (o.withUnclosed) batch.push({ key: o.symbol, value: encodeCandle({ ...bar, high: bar.open, low: bar.open, close: bar.open, volume: 0, closed: false }, o.format) });
        batch.push({ key: o.symbol, value: encodeCandle(bar, o.format) });
        i++;
      }
      if (batch.length > 0) {
        await producer.send({ topic: o.topic, messages: batch, acks: -1 });
        sent += batch.length;
        o.onProgress?.(i, n);
      } else {
        const due = start + (c.time[i] - t0) / o.speed;
        await new Promise((r) => setTimeout(r, Math.max(1, Math.min(1000, due - performance.now()))));
      }
    }
  } finally {
    await producer.disconnect();
  }
  return sent;
}
