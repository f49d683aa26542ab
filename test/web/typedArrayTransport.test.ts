/**
 * Candle columns and equity curves over the real WebSocket server: one binary frame per
 * result holding typed arrays, Float64Array columns bit for bit equal to the candles the
 * services load; everything else still JSON text.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import { loadSample } from '../../src/main/data/candleFiles';
import { WsTestClient } from './wsTestClient';
import { decodeEquity, EquityCodingError } from '../../src/shared/equityCodec';

let app: Headless;
let client: WsTestClient;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-ws-binary-'));
  mkdirSync(join(dir, 'static'));
  writeFileSync(join(dir, 'static', 'index.html'), '<!doctype html><title>t</title>');
  app = await startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir: join(dir, 'static') });
  client = await WsTestClient.open(`ws://127.0.0.1:${app.server.port}/api`);
});

afterAll(async () => {
  client?.close();
  await app?.close();
});

/** Whether the last frame received was binary. */
const lastWasBinary = () => client.binary[client.binary.length - 1];

describe('typed arrays over WebSocket', () => {
  it('data.candles answers with Float64Array columns identical to the candles, in one binary frame', async () => {
    const sample = loadSample('BTCUSDT_1m');
    const c = await client.call('data.candles', { data: 'sample:BTCUSDT_1m' });
    expect(lastWasBinary()).toBe(true);
    for (const col of ['time', 'open', 'high', 'low', 'close', 'volume'] as const) {
      expect(c[col]).toBeInstanceOf(Float64Array);
      expect(c[col].length).toBe(sample.length);
      // Bit for bit: the same doubles, not numbers that went through decimal text.
      expect(Buffer.from(c[col].buffer, c[col].byteOffset, c[col].byteLength).equals(Buffer.from(sample[col].buffer, sample[col].byteOffset, sample[col].byteLength))).toBe(true);
    }
    expect(c.source).toBe('sample:BTCUSDT_1m');
    expect(c.warnings).toEqual([]);
  });

  it('large frames in flight together and one after another each arrive whole (their send buffers are reused only once written)', async () => {
    const sets = [
      { data: 'sample:BTCUSDT_1m', sample: loadSample('BTCUSDT_1m') },
      { data: 'sample:ETHUSDT_1m', sample: loadSample('ETHUSDT_1m') },
    ];
    for (let round = 0; round < 3; round++) {
      const answers = await Promise.all(sets.map((s) => client.call('data.candles', { data: s.data })));
      answers.forEach((c, k) => {
        const { sample } = sets[k];
        expect(c.source).toBe(sets[k].data);
        for (const col of ['time', 'close'] as const) {
          expect(Buffer.from(c[col].buffer, c[col].byteOffset, c[col].byteLength).equals(Buffer.from(sample[col].buffer, sample[col].byteOffset, sample[col].byteLength))).toBe(true);
        }
      });
    }
  });

  it('a run carries its equity curve as a Float64Array, saved and read back the same', async () => {
    const request = { data: 'sample:BTCUSDT_1h', strategy: 'rsi', params: { period: 14 }, broker: { cash: 10_000, commission: 0.001 } };
    const run = await client.call('backtest.run', { jobId: 'bin-1', request });
    expect(lastWasBinary()).toBe(true);
    expect(run.equity).toBeInstanceOf(Float64Array);
    expect(run.equity.length).toBe(run.barCount);
    expect(run.equity[0]).toBe(10_000);
    const again = await client.call('runs.get', { id: run.id });
    expect(again.equity).toBeInstanceOf(Float64Array);
    expect(Array.from(again.equity)).toEqual(Array.from(run.equity));
    expect(again.trades).toEqual(run.trades);
  });

  it('a run answered for the chart carries its equity coded against its candles: decoded, the saved curve bit for bit, in a fraction of the bytes', async () => {
    const request = { data: 'sample:BTCUSDT_1m', strategy: 'rsi', params: {}, broker: { cash: 10_000, commission: 0.001 } };
    const answer = await client.call('backtest.runForChart', { jobId: 'chart-1', request });
    // Progress as for backtest.run: events for the caller's job id.
    const progress = client.frames.filter((f) => f.type === 'event' && f.topic === 'backtest.progress' && (f.payload as { jobId: string }).jobId === 'chart-1');
    expect(progress.length).toBeGreaterThan(0);
    expect(answer).not.toHaveProperty('equity');
    expect(answer.equityCoded).toBeInstanceOf(Uint8Array);
    const candles = await client.call('data.candles', { data: answer.dataSource, fromMs: answer.dataFrom, toMs: answer.dataTo });
    const equity = decodeEquity(answer.equityCoded, candles.close);
    const saved = (await client.call('runs.get', { id: answer.id })).equity;
    expect(equity.length).toBe(answer.barCount);
    expect(Buffer.from(equity.buffer).equals(Buffer.from(saved.buffer, saved.byteOffset, saved.byteLength))).toBe(true);
    expect(answer.equityCoded.byteLength).toBeLessThan(saved.byteLength / 5);
    // Other candles (here: another instrument's) are refused, not decoded into a wrong curve.
    const other = await client.call('data.candles', { data: 'sample:ETHUSDT_1m' });
    expect(() => decodeEquity(answer.equityCoded, other.close)).toThrow(EquityCodingError);
  });

  it('results without typed arrays and events stay JSON text', async () => {
    await client.call('app.info', {});
    expect(lastWasBinary()).toBe(false);
    const progress = client.frames.map((f, i) => ({ f, binary: client.binary[i] })).filter(({ f }) => f.type === 'event');
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every(({ binary }) => !binary)).toBe(true);
  });
});
