/**
 * The Runs screen in real Chromium over the real services: rename in place (Enter saves,
 * Escape cancels), tags, search and filters answered by the store, sort, exports that
 * download the right content, the keyboard (arrows, Space, F2, Enter, Delete), and a
 * comparison of three runs with the best stats starred and the parameter that differs
 * highlighted. Screenshots at 1024x700 and 2560x1440.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BacktestRequest } from '../../src/shared/backtestTypes';
import { SHOTS, startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';
import { RunsPage } from './pages/runsPage';
import { openDb } from '../../src/main/data/db';
import { RunStore } from '../../src/main/research/runStore';

let wa: WorkstationApp;
let runs: RunsPage;

const base: BacktestRequest = {
  data: 'sample:BTCUSDT_1h', strategy: 'rsi', params: { period: 14 }, broker: { cash: 10_000, commission: 0.001 },
  fromMs: Date.UTC(2024, 0, 1), toMs: Date.UTC(2024, 5, 30, 23),
};

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-runs-');
  // Three saved runs made by the real service (the form's own path is tested elsewhere): #1 #2 #3.
  for (const period of [10, 14, 21]) await wa.app.services.backtest.run({ ...base, params: { period } }, () => {}, new AbortController().signal);
  const ws = new WorkstationPage(wa.page);
  await ws.open(wa.url);
  await ws.goTo('runs');
  runs = new RunsPage(wa.page);
  await wa.page.getByTestId('run-row-1').waitFor();
}, 120_000);

afterAll(async () => {
  await wa?.close();
});

const summary = async (id: number) => (await wa.app.services.backtest.getRun(id))!;

describe('the Runs screen', () => {
  it('renames a run in place: F2 and Enter save, Escape cancels', { timeout: 60_000 }, async () => {
    expect(await runs.ids()).toEqual([3, 2, 1]);
    await runs.focus(2);
    await runs.press('F2');
    await wa.page.getByLabel('name of run 2').fill('baseline');
    await runs.press('Enter');
    await poll(async () => (await summary(2)).label).toBe('baseline');
    await poll(() => runs.name(2)).toBe('baseline');

    await runs.press('F2');
    await wa.page.getByLabel('name of run 2').fill('not this');
    await runs.press('Escape');
    await wa.page.getByLabel('name of run 2').waitFor({ state: 'detached' });
    expect(await runs.name(2)).toBe('baseline');
    expect((await summary(2)).label).toBe('baseline');
  });

  it('tags a run, refuses a tag with a space next to its box, and removes a tag', { timeout: 60_000 }, async () => {
    await runs.addTag(2, 'keep');
    await poll(() => runs.tags(2)).toEqual(['keep']);
    await runs.addTag(1, 'draft');
    await poll(() => runs.tags(1)).toEqual(['draft']);
    expect((await summary(2)).tags).toEqual(['keep']);

    await runs.addTag(1, 'two words');
    await poll(() => runs.row(1).locator('.field-error').textContent()).toMatch(/may hold only letters/);
    await runs.press('Escape');
    expect((await summary(1)).tags).toEqual(['draft']);

    await wa.page.getByLabel('remove tag draft from run 1', { exact: true }).click();
    await poll(async () => (await summary(1)).tags).toEqual([]);
  });

  it('searches by name, parameter and tag, filters by tag, and sorts by a stat', { timeout: 60_000 }, async () => {
    await runs.search('baseline');
    await poll(() => runs.ids()).toEqual([2]);
    await runs.search('period=21');
    await poll(() => runs.ids()).toEqual([3]);
    // ↓ from the search box hands the keyboard to the table: Enter there would open the run.
    await runs.press('ArrowDown');
    expect(await wa.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('run-history');
    await runs.search('');
    await poll(() => runs.ids()).toEqual([3, 2, 1]);
    await runs.filter('tag', 'keep');
    await poll(() => runs.ids()).toEqual([2]);
    await runs.filter('tag', '');
    await poll(() => runs.ids()).toEqual([3, 2, 1]);

    const returns = await Promise.all([1, 2, 3].map(async (id) => ({ id, r: (await summary(id)).stats['Return [%]'] as number })));
    const byReturn = [...returns].sort((a, b) => b.r - a.r).map((x) => x.id);
    await runs.sortBy('return');
    await poll(() => runs.ids()).toEqual(byReturn);
    await runs.sortBy('return');
    await poll(() => runs.ids()).toEqual([...byReturn].reverse());
    await runs.sortBy('created');
    await poll(() => runs.ids()).toEqual([3, 2, 1]);
  });

  it('exports the focused run\'s trades as CSV, the run as JSON and its equity as PNG', { timeout: 60_000 }, async () => {
    const run = await summary(2);
    await runs.focus(2);
    const csv = await runs.download('export-trades-csv');
    expect(csv.name).toBe('run-2-rsi-trades.csv');
    const lines = csv.bytes.toString('utf8').trimEnd().split('\n');
    expect(lines[0]).toBe('side,size,entry_time_utc,exit_time_utc,entry_price,exit_price,pnl,return_pct,commission,exit_reason,tag');
    expect(lines).toHaveLength(run.trades.length + 1);
    const first = lines[1].split(',');
    expect(first[2]).toBe(new Date(run.trades[0].entryTime).toISOString());
    expect(Number(first[6])).toBe(run.trades[0].pnl);

    const json = await runs.download('export-run-json');
    const parsed = JSON.parse(json.bytes.toString('utf8')) as { id: number; label: string; tags: string[]; equity: number[]; trades: unknown[] };
    expect(parsed).toMatchObject({ id: 2, label: 'baseline', tags: ['keep'] });
    expect(parsed.equity).toHaveLength(run.barCount);
    expect(parsed.equity[parsed.equity.length - 1]).toBe(run.equity[run.equity.length - 1]);
    expect(parsed.trades).toHaveLength(run.trades.length);

    const png = await runs.download('export-equity-png');
    expect(png.name).toBe('run-2-rsi-equity.png');
    expect(png.bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.bytes.length).toBeGreaterThan(5_000);
  });

  it('compares three runs ticked with Space: overlaid curves, best stats starred, the differing parameter highlighted', { timeout: 90_000 }, async () => {
    await runs.focus(3);
    await runs.press(' ');
    await runs.press('ArrowDown');
    await runs.press(' ');
    await runs.press('ArrowDown');
    await runs.press(' ');
    await wa.page.getByTestId('compare-panel').waitFor();
    await poll(() => runs.comparedRuns()).toEqual(['#3', '#2', '#1']);
    expect(await wa.page.getByTestId('compare-chart').locator('.u-legend .u-series').count()).toBe(4);
    expect(await wa.page.getByTestId('compare-drawdown-chart').locator('.u-legend .u-series').count()).toBe(4);

    const returns = await Promise.all([3, 2, 1].map(async (id) => (await summary(id)).stats['Return [%]'] as number));
    const best = Math.max(...returns);
    expect(await runs.bestIn('Return [%]')).toEqual(['#3', '#2', '#1'].filter((_, i) => returns[i] === best));
    expect(await runs.differingSettings()).toEqual(['period']);

    for (const size of [{ width: 1024, height: 700 }, { width: 2560, height: 1440 }]) {
      await wa.page.setViewportSize(size);
      await poll(() => wa.page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth))).toBe(0);
      await wa.page.screenshot({ path: join(SHOTS, `runs-compare-${size.width}x${size.height}.png`) });
    }
    await wa.page.setViewportSize({ width: 1600, height: 1000 });
  });

  it('Delete asks first (Escape keeps the run, Enter deletes), and Enter opens a run in the Backtest view', { timeout: 60_000 }, async () => {
    await runs.focus(1);
    await runs.press('Delete');
    await wa.page.getByLabel('confirm delete run 1', { exact: true }).waitFor();
    await runs.press('Escape');
    await wa.page.getByLabel('confirm delete run 1', { exact: true }).waitFor({ state: 'detached' });
    expect(await wa.app.services.backtest.getRun(1)).not.toBeNull();

    await runs.press('Delete');
    await wa.page.getByLabel('confirm delete run 1', { exact: true }).waitFor();
    await runs.press('Enter');
    await poll(() => wa.app.services.backtest.getRun(1)).toBeNull();
    await poll(() => runs.ids()).toEqual([3, 2]);

    await runs.focus(2);
    await runs.press('Enter');
    await wa.page.locator('.app.screen-backtest').waitFor();
    await wa.page.locator('.run-name', { hasText: /^#2 / }).waitFor();
    expect(await wa.page.getByTestId('param-period').inputValue()).toBe('14');
    expect(wa.pageErrors).toEqual([]);
  });

  it('re-runs a saved run as a new run with the same request and results, and clones one into the form without running', { timeout: 90_000 }, async () => {
    const ws = new WorkstationPage(wa.page);
    await ws.goTo('runs');
    await runs.focus(3);
    await wa.page.getByRole('button', { name: 'Re-run' }).click();
    await poll(() => runs.ids()).toEqual([4, 3, 2]);
    const [again, original] = [await summary(4), await summary(3)];
    expect(again).toMatchObject({ strategy: original.strategy, params: original.params, broker: original.broker, dataSource: original.dataSource, dataFrom: original.dataFrom, dataTo: original.dataTo, barCount: original.barCount, dataHash: original.dataHash });
    expect(again.stats['Return [%]']).toBe(original.stats['Return [%]']);
    expect(again.stats['# Trades']).toBe(original.stats['# Trades']);

    await ws.goTo('backtest');
    await ws.setParam('period', 9);
    await ws.goTo('runs');
    await runs.focus(3);
    await wa.page.getByRole('button', { name: 'Clone to form' }).click();
    await wa.page.locator('.app.screen-backtest').waitFor();
    await poll(() => wa.page.getByTestId('param-period').inputValue()).toBe('21');
    expect(await ws.range()).toEqual(['2024-01-01', '2024-06-30']);
    expect((await wa.app.services.backtest.listRuns(100, 0)).length).toBe(3);
  });

  it('pages a long history (an optimization saves many runs) fifty at a time', { timeout: 60_000 }, async () => {
    // 60 more runs written straight into the store, as an optimization's would be.
    const db = openDb(wa.app.services.dbPath);
    try {
      const store = new RunStore(db);
      const one = (await wa.app.services.backtest.getRun(2))!;
      for (let i = 0; i < 60; i++) {
        store.save({ kind: 'optimize', strategy: 'rsi', params: { period: 30 + i }, broker: one.broker, dataSource: one.dataSource, data: { from: one.dataFrom, to: one.dataTo, bars: one.barCount, hash: one.dataHash }, stats: { 'Return [%]': i }, equity: new Float64Array(one.equity), trades: [] });
      }
    } finally {
      db.close();
    }
    const ws = new WorkstationPage(wa.page);
    await ws.goTo('backtest');
    await ws.goTo('runs');
    await poll(() => wa.page.getByTestId('runs-total').textContent()).toBe('63 runs');
    expect(await runs.ids()).toHaveLength(50);
    await runs.filter('kind', 'optimize');
    await poll(() => wa.page.getByTestId('runs-total').textContent()).toBe('60 runs');
    await runs.focus((await runs.ids())[0]);
    await runs.press('PageDown');
    await poll(() => runs.ids()).toHaveLength(10);
    await wa.page.getByLabel('previous page').click();
    await poll(() => runs.ids()).toHaveLength(50);
    await runs.filter('kind', '');
    expect(wa.pageErrors).toEqual([]);
  });
});
