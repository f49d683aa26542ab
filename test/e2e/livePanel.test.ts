/**
 * The Live panel in real Chromium against the real live service and a real
 * Kafka-protocol broker (librdkafka's mock cluster): a paper session is created from
 * the UI (prefilled from the backtest form), an alert rule added, candles replayed into
 * market_data_stream, and the session's equity, position, bar count, signals and fired
 * alerts appear in the panel; pause, resume and stop work from the buttons. Without a
 * live feed the panel is disabled and says why. The renderer is built from the current
 * sources into a temp folder (the shared out/ may be stale). Screenshots: test-results/.
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
import { replayCandles } from '../../src/main/live/replayProducer';
import { liveApi } from '../../src/main/api/liveAdapter';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import { fmtNum } from '../../src/renderer/src/format';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { kafkaClient, LIVE_TOPICS, tempDir, waitFor } from '../live/liveHarness';
import { launchChromium } from './chromium';
import { WorkstationPage } from './pages/workstationPage';
import { LivePanelPage } from './pages/livePanelPage';

const SHOTS = join(process.cwd(), 'test-results');
const BARS = 600;
const tmp = tempDir('cryptota-e2e-live-');
const sample = loadSample('BTCUSDT_1m');
let mock: KafkaMock;
let liveDb: Db;
let service: LiveService;
const serviceLog: string[] = [];
let app: Headless;
let offApp: Headless;
let browser: Browser;
let page: Page;
const pageErrors: string[] = [];

/** UI waits: events and the once-a-second list refresh take more than vitest's 1 s default on a busy machine. */
const poll = <T>(fn: () => T | Promise<T>) => expect.poll(fn, { timeout: 15_000 });

async function buildRenderer(outDir: string): Promise<void> {
  await build({ configFile: false, root: join(process.cwd(), 'src/renderer'), plugins: [react()], logLevel: 'warn', build: { outDir, emptyOutDir: true, chunkSizeWarningLimit: 4096 } });
}

async function replay(candles: Candles): Promise<void> {
  await replayCandles({ kafka: kafkaClient(mock.brokers), topic: 'market_data_stream', candles, symbol: 'BTCUSDT', interval: '1m', speed: Infinity, format: 'binance-wrapped' });
}

/** Waits until the live service applied `n` closed bars; a timeout names the feed state and the service's last log lines. */
async function waitForBars(n: number): Promise<void> {
  try {
    await waitFor(`${n} closed bars applied`, () => service.pipeline.counters.closed === n, 45_000);
  } catch (e) {
    const f = service.feedStatus;
    throw new Error(`${(e as Error).message}: ${service.pipeline.counters.closed} applied, feed ${f.state}${f.error ? ` (${f.error})` : ''}; log: ${serviceLog.slice(-8).join(' | ')}`);
  }
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  const staticDir = join(tmp.dir, 'renderer');
  const [kafka] = await Promise.all([startKafkaMock(LIVE_TOPICS), buildRenderer(staticDir)]);
  mock = kafka;
  const dbPath = join(tmp.dir, 'store.sqlite');
  liveDb = openDb(dbPath);
  service = new LiveService({
    db: liveDb, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: 'e2e-live-panel', pollMs: 200,
    resolveStrategy: async (n) => getStrategy(n), log: (line) => serviceLog.push(line),
  });
  await service.start();
  app = await startHeadless({
    dbPath, strategiesDir: join(tmp.dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir,
    live: { service: liveApi(service), close: async () => { await service.stop(); } },
  });
  const saved = process.env.KAFKA_BROKERS;
  delete process.env.KAFKA_BROKERS;
  try {
    offApp = await startHeadless({ dbPath: join(tmp.dir, 'off.sqlite'), strategiesDir: join(tmp.dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir });
  } finally {
    if (saved !== undefined) process.env.KAFKA_BROKERS = saved;
  }
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
  page.on('pageerror', (e) => pageErrors.push(e.message));
});

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await offApp?.close();
  liveDb?.close();
  await mock?.stop();
  tmp.cleanup();
});

describe('Live panel in a browser', () => {
  it('creates a paper session and an alert rule from the UI, then shows equity, position, signals and alerts as candles arrive', async () => {
    const ws = new WorkstationPage(page);
    const live = new LivePanelPage(page);
    await ws.open(app.server.url);
    // What is being researched in the backtest form becomes the paper session's defaults.
    await ws.chooseData('sample:BTCUSDT_1m');
    await ws.chooseStrategy('sma_cross');
    await ws.setParam('n1', 5);
    await ws.setParam('n2', 20);
    await poll(() => live.newSessionButton.isEnabled()).toBe(true);

    await live.openSessionForm();
    expect(await page.getByTestId('paper-strategy').inputValue()).toBe('sma_cross');
    expect(await page.getByTestId('paper-param-n1').inputValue()).toBe('5');
    expect(await page.getByTestId('paper-param-n2').inputValue()).toBe('20');
    expect(await page.getByTestId('paper-instruments').inputValue()).toBe('BTCUSDT:1m');
    expect(await page.getByTestId('paper-strategy').evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByTestId('paper-cash').fill('25000');
    // A refused session: the reason shows in the panel, the form stays open with what was typed.
    await page.getByTestId('paper-instruments').fill('binance:BTCUSDT:1m');
    await page.getByTestId('paper-instruments').press('Enter');
    await poll(() => page.getByTestId('live-error').textContent()).toMatch(/drop the exchange prefix "binance:"/);
    expect(await page.getByTestId('paper-cash').inputValue()).toBe('25000');
    expect(await app.services.live!.sessions()).toEqual([]);
    await page.getByTestId('paper-instruments').fill('BTCUSDT:1m');
    await live.panel.screenshot({ path: join(SHOTS, 'live-panel-new-session.png') });
    await live.startSessionWithEnter();
    expect(await page.getByTestId('live-error').count()).toBe(0);

    const [created] = await app.services.live!.sessions();
    expect(created).toMatchObject({ strategy: 'sma_cross', state: 'running', instruments: ['BTCUSDT:1m'], params: { n1: 5, n2: 20 }, broker: { cash: 25_000, commission: 0.001 } });
    const card = live.session(created.id);
    await poll(() => card.getByTestId('session-state').textContent()).toBe('running');

    const level = sample.close[BARS / 2];
    await live.fillPriceRule('BTCUSDT:1m', 'crosses_above', level, 30);
    await live.panel.screenshot({ path: join(SHOTS, 'live-panel-new-rule.png') });
    await live.submitRuleWithEnter();
    await poll(() => live.ruleItems().count()).toBe(1);
    expect(await live.ruleItems().first().textContent()).toContain(`BTCUSDT:1m close crosses above ${level} · quiet 30m`);

    await replay(sliceCandles(sample, 0, BARS));
    await waitForBars(BARS);
    const snap = service.pipeline.sessions.get(Number(created.id))!.session.snapshot();
    const fills = (liveDb.prepare("SELECT COUNT(*) AS n FROM paper_events WHERE kind = 'fill'").get() as { n: number }).n;
    const fired = (await service.alerts(1000)).length;
    expect(fills).toBeGreaterThan(0);
    expect(fired).toBeGreaterThan(0);

    await poll(() => card.getByTestId('session-equity').textContent()).toBe(fmtNum(snap.equity));
    await poll(() => card.textContent()).toContain(`${BARS} bars`);
    const pos = snap.positions[0];
    expect(pos.size).not.toBe(0); // sma_cross is always in the market once the averages crossed
    expect(await card.getByTestId('session-position').textContent()).toContain(`${pos.size > 0 ? 'long' : 'short'} ${fmtNum(Math.abs(pos.size), 6)}`);
    await poll(() => live.signalItems().count()).toBe(Math.min(50, fills));
    expect(await live.signalItems().first().textContent()).toMatch(new RegExp(`^(BUY|SELL) [\\d.]+ BTCUSDT @ [\\d,.]+#${created.id} sma_cross · (market|close) · `));
    expect(await card.getByTestId('session-params').textContent()).toBe('n1=5 n2=20 long_only=false · fee 0.1%');
    await poll(() => live.alertItems().count()).toBe(Math.min(50, fired));
    await page.screenshot({ path: join(SHOTS, 'live-panel-session.png') });
    await live.panel.screenshot({ path: join(SHOTS, 'live-panel-detail.png') });
  });

  it('pauses, resumes and stops the session from its buttons', async () => {
    const live = new LivePanelPage(page);
    const [s] = await app.services.live!.sessions();
    const card = live.session(s.id);
    await card.getByTestId('session-pause').click();
    await poll(() => card.getByTestId('session-state').textContent()).toBe('paused');
    expect((await app.services.live!.session(Number(s.id)))?.state).toBe('paused');

    // Paused: the feed goes on, the session skips the bars.
    await replay(sliceCandles(sample, BARS, BARS + 50));
    await waitForBars(BARS + 50);
    expect((await app.services.live!.session(Number(s.id)))?.bars).toBe(BARS);

    await card.getByTestId('session-resume').click();
    await poll(() => card.getByTestId('session-state').textContent()).toBe('running');
    // Stop takes a second press.
    await card.getByTestId('session-stop').click();
    expect(await card.getByTestId('session-stop').textContent()).toBe('Confirm stop');
    expect((await app.services.live!.session(Number(s.id)))?.state).toBe('running');
    await card.getByTestId('session-stop').click();
    await poll(() => card.getByTestId('session-state').textContent()).toBe('stopped');
    expect((await app.services.live!.session(Number(s.id)))?.state).toBe('stopped');
    expect(await card.getByTestId('session-stop').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('is disabled with the reason when the app runs without a live feed', async () => {
    const off = await browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await new WorkstationPage(off).open(offApp.server.url);
    const live = new LivePanelPage(off);
    await poll(() => off.getByTestId('live-off').textContent()).toMatch(/^no live feed configured: set KAFKA_BROKERS/);
    expect(await live.newSessionButton.isDisabled()).toBe(true);
    expect(await live.newRuleButton.isDisabled()).toBe(true);
    await live.panel.screenshot({ path: join(SHOTS, 'live-panel-off.png') });
    await off.close();
  });
});
