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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles } from '../../src/main/engine/candles';
import { encodeCandle } from '../../src/main/live/replayProducer';
import { fmtPrice } from '../../src/renderer/src/charts/theme';
import { fmtNum } from '../../src/renderer/src/format';
import { startLiveStack, type LiveStack } from '../support/liveStack';
import { kafkaClient, tempDir } from '../live/liveHarness';
import { buildRenderer, openBrowserPage, poll, type BrowserPage } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';
import { LiveViewPage } from './pages/liveViewPage';

const SHOTS = join(process.cwd(), 'test-results');
const BEFORE = 300;
const AFTER = 360;
const tmp = tempDir('cryptota-e2e-live-chart-');
const sample = loadSample('BTCUSDT_1m');
let stack: LiveStack;
let bp: BrowserPage;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startLiveStack({
    dir: tmp.dir, groupId: 'e2e-live-chart', strategiesDir: join(tmp.dir, 'strategies'), format: 'binance-wrapped',
    staticDir: () => buildRenderer(join(tmp.dir, 'renderer')),
  });
  bp = await openBrowserPage();
});

afterAll(async () => {
  await bp?.browser.close();
  await stack?.close();
  tmp.cleanup();
});

describe('Live chart in a browser', () => {
  it('offers the Live view for a running session, seeds it with the replayed bars, then streams forming and closed candles with fills and equity', async () => {
    const { app, service, db: liveDb, mock } = stack;
    const { page, pageErrors } = bp;
    const ws = new WorkstationPage(page);
    const lv = new LiveViewPage(page);
    await ws.open(app.server.url);
    const session = await app.services.live!.createSession({ strategy: 'sma_cross', params: { n1: 5, n2: 20 }, instruments: ['BTCUSDT:1m'], broker: { cash: 10_000 } });

    await stack.replay(sliceCandles(sample, 0, BEFORE));
    await stack.waitForBars(BEFORE, 30_000);
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
    await stack.replay(sliceCandles(sample, BEFORE, AFTER), { withUnclosed: true });
    await stack.waitForBars(AFTER, 30_000);
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
