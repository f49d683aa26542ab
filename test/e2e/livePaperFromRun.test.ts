/**
 * The Live screen in real Chromium against the real live service and a real
 * Kafka-protocol broker (librdkafka's mock cluster): a saved backtest is paper traded
 * ("Paper trade this" fills the session form with its strategy, parameters, instrument,
 * cash and costs; the user confirms with Enter), candles replayed into
 * market_data_stream move the session's card (cash, equity, realized and unrealized PnL)
 * and its positions, orders, fills and trades tables; malformed messages and duplicates
 * show in the feed panel with their reason and the last example's detail; with the broker
 * down the card and the panel say so and why, until it is back. At 1024x700
 * and 2560x1440. Screenshots: test-results/live-screen-*.png.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSample } from '../../src/main/data/candleFiles';
import { sliceCandles } from '../../src/main/engine/candles';
import { fmtDateTz, fmtNum } from '../../src/renderer/src/format';
import { startLiveStack, type LiveStack } from '../support/liveStack';
import { kafkaClient, tempDir, waitFor } from '../live/liveHarness';
import { buildRenderer, openBrowserPage, poll, type BrowserPage } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';
import { LivePanelPage } from './pages/livePanelPage';
import { LiveScreenPage } from './pages/liveScreenPage';

const SHOTS = join(process.cwd(), 'test-results');
const BARS = 400;
const tmp = tempDir('cryptota-e2e-live-screen-');
const HOLE = { topic: 'market_data_stream', partition: 0, fromOffset: '1200', toOffset: '1699', missed: 500, at: Date.UTC(2025, 4, 20, 6, 0) };
const sample = loadSample('BTCUSDT_1m');
let stack: LiveStack;
let bp: BrowserPage;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  stack = await startLiveStack({
    dir: tmp.dir, groupId: 'e2e-live-screen', strategiesDir: join(tmp.dir, 'strategies'), format: 'binance-wrapped',
    staticDir: () => buildRenderer(join(tmp.dir, 'renderer')),
    // A hole an earlier run of the service found (offsets that left the broker before they were read): shown from the start.
    seedStore: (db) => {
      db.prepare('INSERT INTO live_feed_holes(topic, partition, from_offset, to_offset, missed, at) VALUES (?, ?, ?, ?, ?, ?)')
        .run(HOLE.topic, HOLE.partition, HOLE.fromOffset, HOLE.toOffset, HOLE.missed, HOLE.at);
    },
  });
  bp = await openBrowserPage();
});

afterAll(async () => {
  await bp?.browser.close();
  await stack?.close();
  tmp.cleanup();
});

const signed = (v: number) => `${v > 0 ? '+' : ''}${fmtNum(v)}`;

describe('Live screen in a browser', () => {
  it('paper trades a saved run: the form is filled from it, and fills, positions and PnL follow the candles', { timeout: 180_000 }, async () => {
    const { app } = stack;
    const { page, pageErrors } = bp;
    await page.setViewportSize({ width: 1024, height: 700 });
    const ws = new WorkstationPage(page);
    const panel = new LivePanelPage(page);
    const screen = new LiveScreenPage(page);
    await ws.open(app.server.url);

    // A saved backtest with its own costs: what the session must copy.
    await ws.chooseData('sample:BTCUSDT_1m');
    await ws.chooseStrategy('sma_cross');
    await ws.setParam('n1', 5);
    await ws.setParam('n2', 20);
    await ws.setBroker('Cash', '25000');
    await ws.setBroker('Fee %', '0.075');
    await ws.setRange('2025-07-01', '2025-07-03');
    await ws.run();
    const runId = Number((await page.locator('.run-name').textContent())?.match(/^#(\d+)/)?.[1]);
    expect(runId).toBeGreaterThan(0);
    // Something else in the backtest form afterwards: the session must come from the run, not the form.
    await ws.setParam('n1', 7);

    await page.getByTestId('paper-trade-run').click();
    await page.locator('.app.screen-live').waitFor();
    const form = page.getByTestId('paper-session-form');
    await form.waitFor();
    expect(await page.getByTestId('paper-from-run').inputValue()).toBe(String(runId));
    expect(await page.getByTestId('paper-strategy').inputValue()).toBe('sma_cross');
    expect(await page.getByTestId('paper-param-n1').inputValue()).toBe('5');
    expect(await page.getByTestId('paper-param-n2').inputValue()).toBe('20');
    expect(await page.getByTestId('paper-instruments').inputValue()).toBe('BTCUSDT:1m');
    expect(await page.getByTestId('paper-cash').inputValue()).toBe('25000');
    expect(await page.getByTestId('paper-fee').inputValue()).toBe('0.075');
    await form.screenshot({ path: join(SHOTS, 'live-screen-form-from-run.png') });
    // The user looks, then confirms with Enter.
    await panel.startSessionWithEnter();
    const [created] = await app.services.live!.sessions();
    expect(created).toMatchObject({ strategy: 'sma_cross', state: 'running', instruments: ['BTCUSDT:1m'], params: { n1: 5, n2: 20 }, broker: { cash: 25_000, commission: 0.00075 } });
    const card = panel.session(created.id);

    await stack.replay(sliceCandles(sample, 0, BARS));
    await stack.waitForBars(BARS);
    const s = (await app.services.live!.session(Number(created.id)))!;
    const activity = (await app.services.live!.sessionActivity(Number(created.id), 100))!;
    expect(s.trades).toBeGreaterThan(0);
    expect(activity.fills.length).toBeGreaterThan(0);
    const tradesPnl = (stack.db.prepare("SELECT SUM(json_extract(json, '$.pnl')) AS pnl FROM paper_trades WHERE session_id = ?").get(Number(created.id)) as { pnl: number }).pnl;
    expect(s.realizedPnl).toBeCloseTo(tradesPnl, 9);
    // Equity is cash plus the position at the last close: realized and unrealized PnL account for all of it but the open position's entry fee.
    const pos = s.positions[0];
    expect(s.unrealizedPnl).toBeCloseTo(pos.size * (pos.markPrice - pos.entryPrice), 6);

    await poll(() => card.getByTestId('session-equity').textContent()).toBe(fmtNum(s.equity));
    await poll(() => card.getByTestId('session-cash').textContent()).toBe(fmtNum(s.cash));
    await poll(() => card.getByTestId('session-realized').textContent()).toBe(signed(s.realizedPnl!));
    await poll(() => card.getByTestId('session-unrealized').textContent()).toBe(signed(s.unrealizedPnl!));
    // The equity curve has a point per bar although the feed delivered the bars in a few batches (one portfolio event each).
    await poll(() => screen.equityLinePixels()).toBeGreaterThan(100);

    // The selected session's book, reached with the keyboard.
    await screen.activity.scrollIntoViewIfNeeded();
    await screen.openActivityTab('positions');
    await poll(() => screen.rows('positions').first().textContent()).toContain(pos.size > 0 ? 'long' : 'short');
    await screen.openActivityTab('fills');
    await poll(() => screen.rows('fills').count()).toBe(activity.fills.length);
    const newest = activity.fills[0];
    expect(await screen.rows('fills').first().textContent()).toContain(newest.side.toUpperCase());
    await screen.openActivityTab('trades');
    await poll(() => screen.rows('trades').count()).toBe(Math.min(100, s.trades));
    await poll(() => page.getByTestId('activity-realized').textContent()).toBe(fmtNum(s.realizedPnl));
    await screen.openActivityTab('orders');
    await poll(() => screen.rows('orders').count()).toBe(activity.fills.length + activity.rejectedOrders.length);
    await page.screenshot({ path: join(SHOTS, 'live-screen-1024x700.png') });
    expect(await ws.horizontalOverflow()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  it('shows malformed messages by reason with the last example, duplicates and the message rate in the feed panel', { timeout: 120_000 }, async () => {
    const { mock, service } = stack;
    const { page, pageErrors } = bp;
    const screen = new LiveScreenPage(page);
    await screen.feedPanel.scrollIntoViewIfNeeded();
    expect(await screen.reject('missing_field').count()).toBe(0);

    // A Python upstream's dict without its open time, and a line that is not JSON.
    const producer = kafkaClient(mock.brokers).producer();
    await producer.connect();
    const lacksTime = JSON.stringify({ symbol: 'BTCUSDT', timeframe: '1m', open: 1, high: 2, low: 0.5, close: 1.5, volume: 3, is_closed: true });
    await producer.send({ topic: 'market_data_stream', messages: [{ key: 'BTCUSDT', value: lacksTime }, { key: 'BTCUSDT', value: 'not json {' }] });
    await producer.disconnect();
    // The last bars again: the newest is the same bar again (a duplicate), the four before it arrive late.
    await stack.replay(sliceCandles(sample, BARS - 5, BARS));

    const counters = service.pipeline.counters;
    await poll(() => (counters.rejected.missing_field ?? 0) + (counters.rejected.not_json ?? 0)).toBe(2);
    await poll(() => counters.duplicates + counters.outOfOrder).toBe(5);
    expect([counters.duplicates, counters.outOfOrder]).toEqual([1, 4]);
    const example = counters.rejectExamples.missing_field;
    expect(example.detail).toMatch(/lacks "openTime" or "open_time"; present: .*timeframe/);

    const row = screen.reject('missing_field');
    await poll(() => row.getByTestId('feed-reject-count').textContent()).toBe('×1');
    expect(await row.getByTestId('feed-reject-detail').textContent()).toBe(example.detail);
    expect(await row.textContent()).toContain(`last at offset ${example.offset} (partition ${example.partition})`);
    await row.locator('summary').click();
    expect(await row.getByTestId('feed-reject-value').textContent()).toBe(lacksTime);
    await poll(() => screen.reject('not_json').getByTestId('feed-reject-count').textContent()).toBe('×1');
    await poll(() => screen.feedFigure('rejected')).toBe('2');
    await poll(() => screen.feedFigure('duplicates')).toBe('1');
    expect(await screen.feedFigure('late')).toBe('4');
    await poll(() => screen.feedFigure('messages')).toBe(fmtNum(BARS + 2 + 5, 0));
    // The rate window still holds the messages just read, then falls back to 0 on a quiet topic.
    expect(await screen.feedFigure('rate')).not.toBe('—');
    await poll(() => screen.feedFigure('rate')).toBe('0');
    const hole = page.getByTestId('feed-holes').locator('li');
    expect(await hole.count()).toBe(1);
    expect(await hole.textContent()).toBe(
      `Hole offsets 1200–1699 of market_data_stream[0]: 500 messages never readfound ${fmtDateTz(HOLE.at)}; trading went on from offset 1700`,
    );
    await screen.feedPanel.screenshot({ path: join(SHOTS, 'live-screen-feed-panel.png') });

    // The whole screen on a large display: the panel, the chart and the tables within the window.
    await page.setViewportSize({ width: 2560, height: 1440 });
    await screen.activity.waitFor();
    expect(await new WorkstationPage(page).horizontalOverflow()).toBe(0);
    await page.screenshot({ path: join(SHOTS, 'live-screen-2560x1440.png') });
    expect(pageErrors).toEqual([]);
  });

  it('says on the session card and in the feed panel that the feed is down and why, and recovers with the broker', { timeout: 120_000 }, async () => {
    const { mock, service, app } = stack;
    const { page, pageErrors } = bp;
    const screen = new LiveScreenPage(page);
    const [s] = await app.services.live!.sessions();
    const card = new LivePanelPage(page).session(s.id);
    await mock.down();
    await waitFor('the feed to report the outage', () => service.feedStatus.state === 'down', 45_000);
    await poll(() => card.getByTestId('session-state').textContent()).toBe('running · feed down');
    const why = service.feedStatus.error ?? '';
    expect(why).not.toBe('');
    await poll(() => card.getByTestId('session-stalled').textContent()).toBe(why);
    await poll(() => screen.feedFigure('state')).toBe('down');
    expect(await page.getByTestId('feed-message').textContent()).toBe(why);
    await page.screenshot({ path: join(SHOTS, 'live-screen-feed-down.png') });

    await mock.up();
    await poll(() => card.getByTestId('session-state').textContent()).toBe('running');
    expect(await card.getByTestId('session-stalled').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });
});
