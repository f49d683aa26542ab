/**
 * One time zone for every time on screen, UTC by default, labelled where times are shown:
 * the chart's axis and legend (24-hour), the trade list, the run header, and the From/To
 * dates of the form, which are read in that zone. Chromium runs in Tokyo (UTC+9) so a
 * time shown in the browser's zone differs from UTC.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';

let wa: WorkstationApp;
let page: Page;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-tz-');
  page = await wa.browser.newPage({ viewport: { width: 1600, height: 1000 }, timezoneId: 'Asia/Tokyo' });
  page.on('pageerror', (e) => wa.pageErrors.push(e.message));
});

afterAll(async () => {
  await wa?.close();
});

const utc = (ms: number) => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');
const tokyo = (ms: number) => utc(ms + 9 * 3600_000);

describe('time zone', () => {
  it('shows and reads every time in UTC by default, labelled, in 24-hour form', { timeout: 120_000 }, async () => {
    const ws = new WorkstationPage(page);
    await ws.open(wa.url);
    expect(await ws.timeZone()).toBe('utc');
    await ws.chooseData('sample:BTCUSDT_1h');
    await ws.setRange('2024-01-01', '2024-01-31');
    await ws.run();
    const run = (await wa.app.services.backtest.getRun(1))!;
    expect(run.dataFrom).toBe(Date.UTC(2024, 0, 1));
    expect(await page.getByText('From (UTC)').count()).toBe(1);
    expect(await page.locator('.run-meta').textContent()).toContain(`${utc(run.dataFrom)} → ${utc(run.dataTo)} UTC`);
    const legend = await ws.hoverTime('price-chart');
    expect(legend).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC$/);
    await ws.openTab('Trades');
    expect(await ws.tradeColumn('Entry (UTC)').then((c) => c[0])).toBe(utc(run.trades[0].entryTime));
  });

  it('switches everything to the browser\'s zone, keeps the choice over a reload, and reads From/To in it', async () => {
    const ws = new WorkstationPage(page);
    await ws.setTimeZone('local');
    const run = (await wa.app.services.backtest.getRun(1))!;
    await poll(() => ws.tradeColumn('Entry (Asia/Tokyo)').then((c) => c[0])).toBe(tokyo(run.trades[0].entryTime));
    expect(await ws.hoverTime('price-chart')).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} Asia\/Tokyo$/);
    await page.reload();
    await ws.open(wa.url);
    expect(await ws.timeZone()).toBe('local');
    await ws.setRange('2024-02-01', '2024-02-29');
    await ws.run();
    const second = (await wa.app.services.backtest.getRun(2))!;
    expect(second.dataFrom).toBe(Date.UTC(2024, 1, 1) - 9 * 3600_000);
    await ws.setTimeZone('utc');
    expect(wa.pageErrors).toEqual([]);
  });
});
