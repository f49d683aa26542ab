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
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles } from '../../src/main/engine/candles';
import { fmtNum } from '../../src/renderer/src/format';
import { startLiveStack, type LiveStack } from '../support/liveStack';
import { tempDir } from '../live/liveHarness';
import { buildRenderer, openBrowserPage, poll, type BrowserPage } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';
import { LivePanelPage } from './pages/livePanelPage';

const SHOTS = join(process.cwd(), 'test-results');
const BARS = 600;
const tmp = tempDir('cryptota-e2e-live-');
const sample = loadSample('BTCUSDT_1m');
let stack: LiveStack;
let bp: BrowserPage;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startLiveStack({
    dir: tmp.dir, groupId: 'e2e-live-panel', strategiesDir: join(tmp.dir, 'strategies'), format: 'binance-wrapped', withOffApp: true,
    staticDir: () => buildRenderer(join(tmp.dir, 'renderer')),
  });
  bp = await openBrowserPage();
});

afterAll(async () => {
  await bp?.browser.close();
  await stack?.close();
  tmp.cleanup();
});

describe('Live panel in a browser', () => {
  it('creates a paper session and an alert rule from the UI, then shows equity, position, signals and alerts as candles arrive', async () => {
    const { app, service, db: liveDb } = stack;
    const { page } = bp;
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
    // Enter on the strategy select (the field with focus when the form opens) submits too; it does not open the list.
    await page.getByTestId('paper-strategy').press('Enter');
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

    await stack.replay(sliceCandles(sample, 0, BARS));
    await stack.waitForBars(BARS);
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
    const { app } = stack;
    const { page, pageErrors } = bp;
    const live = new LivePanelPage(page);
    const [s] = await app.services.live!.sessions();
    const card = live.session(s.id);
    await card.getByTestId('session-pause').click();
    await poll(() => card.getByTestId('session-state').textContent()).toBe('paused');
    expect((await app.services.live!.session(Number(s.id)))?.state).toBe('paused');

    // Paused: the feed goes on, the session skips the bars.
    await stack.replay(sliceCandles(sample, BARS, BARS + 50));
    await stack.waitForBars(BARS + 50);
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
    const off = await bp.browser.newPage({ viewport: { width: 1600, height: 1000 } });
    await new WorkstationPage(off).open(stack.offApp!.server.url);
    const live = new LivePanelPage(off);
    await poll(() => off.getByTestId('live-off').textContent()).toMatch(/^no live feed configured: set KAFKA_BROKERS/);
    expect(await live.newSessionButton.isDisabled()).toBe(true);
    expect(await live.newRuleButton.isDisabled()).toBe(true);
    await live.panel.screenshot({ path: join(SHOTS, 'live-panel-off.png') });
    await off.close();
  });
});
