/**
 * The Live view in real Chromium against the real live service and a real Kafka-protocol
 * broker (librdkafka's mock cluster): with a paper session running the workstation offers
 * the Live view; Alt+L opens it seeded from `live.bars` (the bars replayed before it was
 * open), then candles replayed with unclosed updates stream in, a forming candle shows as
 * such, and the chart draws candles in both colours, the session's fills and its equity.
 * Screenshot: test-results/live-chart.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build } from 'vite';
import react from '@vitejs/plugin-react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../../src/main/data/db';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles, type Candles } from '../../src/main/engine/candles';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { LiveService } from '../../src/main/live/liveService';
import { encodeCandle, replayCandles } from '../../src/main/live/replayProducer';
import { liveApi } from '../../src/main/api/liveAdapter';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import { fmtPrice } from '../../src/renderer/src/charts/theme';
import { fmtNum } from '../../src/renderer/src/format';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, tempDir, waitFor } from '../live/liveHarness';
import { launchChromium } from './chromium';
import { WorkstationPage } from './pages/workstationPage';
import { LiveViewPage } from './pages/liveViewPage';

const SHOTS = join(process.cwd(), 'test-results');
const BEFORE = 300;
const AFTER = 360;
const tmp = tempDir('cryptota-e2e-live-chart-');
const sample = loadSample('BTCUSDT_1m');
let mock: KafkaMock;
let liveDb: Db;
let service: LiveService;
const serviceLog: string[] = [];
let app: Headless;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

async function replay(candles: Candles, withUnclosed: boolean): Promise<void> {
  await replayCandles({ kafka: kafkaClient(mock.brokers), topic: 'market_data_stream', candles, symbol: 'BTCUSDT', interval: '1m', speed: Infinity, format: 'binance-wrapped', withUnclosed });
}

async function waitForBars(n: number): Promise<void> {
  try {
    await waitFor(`${n} closed bars applied`, () => service.pipeline.counters.closed === n, 30_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}: ${service.pipeline.counters.closed} applied, feed ${service.feedStatus.state}; log: ${serviceLog.slice(-8).join(' | ')}`);
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const staticDir = join(tmp.dir, 'renderer');
  const [kafka] = await Promise.all([
    startKafkaMock(LIVE_TOPICS),
    build({ configFile: false, root: join(process.cwd(), 'src/renderer'), plugins: [react()], logLevel: 'warn', build: { outDir: staticDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } }),
  ]);
  mock = kafka;
  const dbPath = join(tmp.dir, 'store.sqlite');
  liveDb = openDb(dbPath);
  service = new LiveService({
    db: liveDb, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: 'e2e-live-chart', pollMs: 200,
    resolveStrategy: async (n) => getStrategy(n), log: (line) => serviceLog.push(line),
  });
  await service.start();
  app = await startHeadless({
    dbPath, strategiesDir: join(tmp.dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir,
    live: { service: liveApi(service), close: async () => { await service.stop(); } },
  });
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  liveDb?.close();
  await mock?.stop();
  tmp.cleanup();
});

describe('Live chart in a browser', () => {
  it('offers the Live view for a running session, seeds it with the replayed bars, then streams forming and closed candles with fills and equity', async () => {
    const ws = new WorkstationPage(page);
    const lv = new LiveViewPage(page);
    await ws.open(app.server.url);
    const session = await app.services.live!.createSession({ strategy: 'sma_cross', params: { n1: 5, n2: 20 }, instruments: ['BTCUSDT:1m'], broker: { cash: 10_000 } });

    await replay(sliceCandles(sample, 0, BEFORE), false);
    await waitForBars(BEFORE);
    // A running session (made outside this page: it learns of it from the portfolio events): the live chart is offered.
    await poll(() => lv.offer.isVisible()).toBe(true);

    // Alt+L opens the view; its history comes from live.bars (all replayed before it opened).
    await lv.toggleWithKeyboard();
    await lv.view.waitFor();
    expect(await page.getByTestId('live-instrument').inputValue()).toBe('BTCUSDT:1m');
    expect(await page.getByTestId('live-session').inputValue()).toBe(session.id);
    await poll(() => lv.barCount.textContent()).toBe(`${BEFORE} bars`);
    expect(await lv.lastClose.textContent()).toBe(fmtPrice(sample.close[BEFORE - 1]));

    // Streaming: each bar arrives first unclosed, then closed.
    await replay(sliceCandles(sample, BEFORE, AFTER), true);
    await waitForBars(AFTER);
    await poll(() => lv.barCount.textContent()).toBe(`${AFTER} bars`);
    await poll(() => lv.lastClose.textContent()).toBe(fmtPrice(sample.close[AFTER - 1]));

    // A forming candle of the next bar: a new last bar, marked as forming, updated in place.
    const producer = kafkaClient(mock.brokers).producer();
    await producer.connect();
    const next = { symbol: 'BTCUSDT', interval: '1m', time: sample.time[AFTER - 1] + 60_000, open: sample.close[AFTER - 1], high: 0, low: 0, close: 0, volume: 1, closed: false };
    const forming = (close: number) => ({ ...next, high: Math.max(next.open, close), low: Math.min(next.open, close), close });
    const up = sample.close[AFTER - 1] * 1.001;
    const down = sample.close[AFTER - 1] * 0.998;
    await producer.send({ topic: 'market_data_stream', messages: [{ key: 'BTCUSDT', value: encodeCandle(forming(up), 'binance-wrapped') }] });
    await poll(() => lv.lastClose.textContent()).toBe(fmtPrice(up));
    expect(await lv.barCount.textContent()).toBe(`${AFTER + 1} bars`);
    expect(await page.getByTestId('live-view').textContent()).toContain('Last (forming)');
    await producer.send({ topic: 'market_data_stream', messages: [{ key: 'BTCUSDT', value: encodeCandle(forming(down), 'binance-wrapped') }] });
    await poll(() => lv.lastClose.textContent()).toBe(fmtPrice(down));
    expect(await lv.barCount.textContent()).toBe(`${AFTER + 1} bars`);
    await producer.disconnect();

    // Drawn: candles in both colours, the session's fills marked, its equity as the service has it.
    const colours = await lv.candleColourPixels();
    expect(colours?.up).toBeGreaterThan(100);
    expect(colours?.down).toBeGreaterThan(100);
    const fills = (liveDb.prepare("SELECT COUNT(*) AS n FROM paper_events WHERE kind = 'fill' AND session_id = ?").get(Number(session.id)) as { n: number }).n;
    expect(fills).toBeGreaterThan(0);
    await poll(() => page.getByTestId('live-view').textContent()).toContain(`${Math.min(200, fills)} fills shown`);
    const equity = service.pipeline.sessions.get(Number(session.id))!.session.snapshot().equity;
    await poll(() => page.getByTestId('live-view-equity').textContent()).toBe(fmtNum(equity));
    await page.getByTestId('live-equity-chart').locator('canvas').waitFor();
    expect(await page.getByTestId('live-view-feed').textContent()).toMatch(/^(live|lagging)/);
    await page.screenshot({ path: join(SHOTS, 'live-chart.png') });

    // Alt+L again: back to the backtest workspace; the offer stays dismissed.
    await lv.toggleWithKeyboard();
    await page.getByTestId('live-view').waitFor({ state: 'detached' });
    expect(await lv.offer.count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
