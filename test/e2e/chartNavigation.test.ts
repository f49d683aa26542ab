/**
 * Navigating the backtest chart as a trader does, in real Chromium: the wheel zooms time
 * around the cursor, a drag pans, Shift+drag zooms to a box, a double-click and 0 show
 * everything again; every pane (price, an indicator pane, equity, drawdown) follows,
 * measured on each pane's own x scale. The trade list centres the chart on a clicked
 * trade, sorts by a column and filters. Screenshots under test-results/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';
import { ChartPage, type TimeRange } from './pages/chartPage';

const PANES = ['price-chart', 'pane-rsi', 'equity-chart', 'drawdown-chart'] as const;

let wa: WorkstationApp;
let ws: WorkstationPage;
let chart: ChartPage;
/** Every bar: what the panes show before any zoom. */
let all: TimeRange;

const span = (r: TimeRange) => r.max - r.min;
/** A table time ("2024-01-02 03:04", UTC by default) in epoch seconds. */
const tableTime = (s: string) => Date.parse(`${s.trim().replace(' ', 'T')}:00Z`) / 1000;

/** Every pane shows the same range as the price chart; returns it. */
async function linkedRange(): Promise<TimeRange> {
  const rs = await chart.ranges(PANES);
  const price = rs['price-chart'];
  for (const id of PANES) expect({ id, ...rs[id] }).toEqual({ id, ...price });
  return price;
}

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-chartnav-');
  ws = new WorkstationPage(wa.page);
  chart = new ChartPage(wa.page);
  await ws.open(wa.url);
  await ws.run();
  await ws.addIndicator('rsi');
  await chart.plot('pane-rsi').waitFor();
  all = await linkedRange();
});

afterAll(async () => {
  await wa?.close();
});

describe('chart navigation', () => {
  it('zooms time around the cursor with the wheel, every pane following', async () => {
    const at = 0.3;
    const before = await chart.range('price-chart');
    const timeAtCursor = before.min + span(before) * at;
    await chart.wheel('price-chart', at, -300);
    await poll(() => chart.range('price-chart').then(span)).toBeLessThan(span(before) * 0.8);
    const after = await linkedRange();
    // The time under the cursor stays under the cursor.
    expect(Math.abs(after.min + span(after) * at - timeAtCursor)).toBeLessThan(span(after) * 0.01);
    // Zooming on another pane (equity) moves the price chart too.
    await chart.wheel('equity-chart', 0.5, -200);
    await poll(() => chart.range('price-chart').then(span)).toBeLessThan(span(after) * 0.9);
    await linkedRange();
    await wa.page.screenshot({ path: join(SHOTS, 'chart-wheel-zoom.png') });
  });

  it('pans with a drag, keeping the width', async () => {
    const before = await linkedRange();
    // Dragging to the left brings later bars into view.
    await chart.drag('price-chart', 0.6, 0.4);
    await poll(() => chart.range('price-chart').then((r) => r.min)).toBeGreaterThan(before.min);
    const after = await linkedRange();
    expect(span(after)).toBeCloseTo(span(before), 0);
    expect(after.min - before.min).toBeCloseTo(span(before) * 0.2, -Math.floor(Math.log10(span(before) * 0.02)));
  });

  it('shows everything again on a double-click, on any pane', async () => {
    await chart.doubleClick('drawdown-chart');
    await poll(() => chart.range('price-chart')).toEqual(all);
    await linkedRange();
  });

  it('zooms to the box of a Shift+drag', async () => {
    await chart.drag('price-chart', 0.25, 0.5, { shift: true });
    await poll(() => chart.range('price-chart').then(span)).toBeLessThan(span(all) * 0.5);
    const r = await linkedRange();
    expect(r.min).toBeCloseTo(all.min + span(all) * 0.25, -Math.floor(Math.log10(span(all) * 0.02)));
    expect(r.max).toBeCloseTo(all.min + span(all) * 0.5, -Math.floor(Math.log10(span(all) * 0.02)));
  });

  it('zooms, pans and resets from the keyboard when the chart has focus', async () => {
    await chart.press('price-chart', '0');
    await poll(() => chart.range('price-chart')).toEqual(all);
    await chart.press('price-chart', '+', '+');
    await poll(() => chart.range('price-chart').then(span)).toBeLessThan(span(all) * 0.7);
    const zoomed = await linkedRange();
    await chart.press('price-chart', 'ArrowLeft');
    await poll(() => chart.range('price-chart').then((r) => r.min)).toBeLessThan(zoomed.min);
    await chart.press('equity-chart', '-', '-', '-', '-', '-');
    await poll(() => chart.range('price-chart')).toEqual(all);
  });

  it('labels the crosshair with its price on the right axis and its time on the bottom one', async () => {
    const labels = await chart.crosshairLabels('price-chart', 0.5);
    expect(labels.price).toMatch(/^[\d,]+(\.\d+)?$/);
    expect(labels.time).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}$/);
    const legendTime = await wa.page.getByTestId('price-chart').locator('.u-legend .u-series').first().locator('.u-value').textContent();
    expect(legendTime).toContain(labels.time);
    await wa.page.screenshot({ path: join(SHOTS, 'chart-crosshair.png') });
  });

  it('switches the price axis to a log scale, keeping the time range', async () => {
    await chart.wheel('price-chart', 0.5, -300);
    await poll(() => chart.range('price-chart').then(span)).toBeLessThan(span(all));
    const zoomed = await linkedRange();
    await chart.logToggle().click();
    await poll(() => chart.logToggle().getAttribute('aria-pressed')).toBe('true');
    await poll(() => chart.range('price-chart')).toEqual(zoomed);
    await wa.page.screenshot({ path: join(SHOTS, 'chart-log-scale.png') });
    await chart.logToggle().click();
    await chart.doubleClick('price-chart');
    await poll(() => chart.range('price-chart')).toEqual(all);
  });
});

describe('trade list', () => {
  it('centres the chart on a clicked trade, zoomed around its entry and exit', async () => {
    await ws.openTab('Trades');
    const count = (await chart.tradeNumbers()).length;
    expect(count).toBeGreaterThan(4);
    const no = Math.ceil(count / 2);
    const cells = await chart.tradeRow(no).locator('td').allTextContents();
    const entry = tableTime(cells[2]), exit = tableTime(cells[4]);
    await chart.tradeRow(no).click();
    await poll(() => chart.range('price-chart').then(span)).toBeLessThan(span(all) / 4);
    const r = await linkedRange();
    expect(r.min).toBeLessThan(entry);
    expect(r.max).toBeGreaterThan(exit);
    expect(Math.abs((r.min + r.max) / 2 - (entry + exit) / 2)).toBeLessThan(span(r) * 0.05);
    expect(await chart.tradeRow(no).getAttribute('aria-selected')).toBe('true');
    await wa.page.screenshot({ path: join(SHOTS, 'chart-trade-centred.png') });
  });

  it('sorts by a column header, both ways', async () => {
    await chart.sortTradesBy('PnL');
    const pnl = async () => (await ws.tradeColumn('PnL')).map((s) => Number(s.replace(/,/g, '')));
    const asc = await pnl();
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    await chart.sortTradesBy('PnL');
    const desc = await pnl();
    expect(desc).toEqual([...asc].sort((a, b) => b - a));
    await chart.sortTradesBy('#');
    const nos = await chart.tradeNumbers();
    expect(nos).toEqual([...nos].sort((a, b) => a - b));
  });

  it('filters by side, outcome and text', async () => {
    const total = (await chart.tradeNumbers()).length;
    await chart.filterTrades({ side: 'long' });
    const sides = await ws.tradeColumn('Side');
    expect(sides.length).toBeGreaterThan(0);
    expect(new Set(sides)).toEqual(new Set(['long']));
    await chart.filterTrades({ side: 'all', outcome: 'win' });
    const pnl = (await ws.tradeColumn('PnL')).map((s) => Number(s.replace(/,/g, '')));
    expect(pnl.length).toBeGreaterThan(0);
    expect(pnl.every((v) => v > 0)).toBe(true);
    await chart.filterTrades({ outcome: 'all', text: 'no such trade' });
    expect(await chart.tradeNumbers()).toEqual([]);
    await wa.page.screenshot({ path: join(SHOTS, 'trade-list-filtered.png') });
    await chart.filterTrades({ text: '' });
    expect((await chart.tradeNumbers()).length).toBe(total);
    expect(wa.pageErrors).toEqual([]);
  });
});
