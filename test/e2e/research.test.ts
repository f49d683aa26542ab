/**
 * The research views in real Chromium against the real services (warm worker pool, SQLite
 * store, bundled sample): an optimization edited from the strategy's schema with its count
 * updating as typed, run with Enter, its heatmap, a cell clicked open in the Backtest view
 * (saved winner, or a fresh backtest of its parameters), the sortable table, a cancel with
 * Esc; a walk-forward with its windows and stitched equity; Monte Carlo of a run. Each
 * screen is captured at 1024x700 and 2560x1440 under test-results/.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';
import { ResearchPage } from './pages/researchPage';
import type { OptimizationSummary, OptimizeRequest, WalkForwardSummary } from '../../src/shared/researchTypes';
import { fmtNum } from '../../src/renderer/src/format';

let wa: WorkstationApp;
let rp: ResearchPage;

beforeAll(async () => {
  wa = await startWorkstationApp('cryptota-e2e-research-');
  // Two cores shared by several test runs: the first data.sources call can take many seconds.
  wa.page.setDefaultTimeout(90_000);
  await new WorkstationPage(wa.page).open(wa.url);
  rp = new ResearchPage(wa.page);
}, 180_000);

afterAll(async () => {
  await wa?.close();
});

async function screenshots(name: string): Promise<void> {
  for (const [w, h] of [[1024, 700], [2560, 1440]] as const) {
    await wa.page.setViewportSize({ width: w, height: h });
    // Charts follow their box on the next animation frame.
    await wa.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await wa.page.screenshot({ path: join(SHOTS, `research-${name}-${w}x${h}.png`), fullPage: false });
  }
  await wa.page.setViewportSize({ width: 1600, height: 1000 });
  await wa.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

async function latestOptimization(): Promise<{ id: number; summary: OptimizationSummary }> {
  const [job] = await wa.app.services.research.list(1, 0, 'optimize');
  const got = await wa.app.services.research.get(job.id);
  return { id: job.id, summary: got?.result as OptimizationSummary };
}

// Generous: a grid on 130,708 bars shares two cores with other test runs.
describe('research views', { timeout: 240_000 }, () => {
  it('edits a grid from the schema with the count and errors updating as typed', async () => {
    await rp.openOptimize();
    await rp.chooseData('sample:BTCUSDT_1h');
    await rp.chooseStrategy('sma_cross');
    await rp.setRange('n1', 5, 20, 5);
    await rp.setRange('n2', 30, 90, 30);
    await poll(() => rp.comboCount()).toBe('12 combinations');
    await rp.setConstraints('n2 < 4 * n1');
    // n2 < 4*n1 keeps (10,30), (15,30), (20,30), (20,60).
    await poll(() => rp.comboCount()).toBe('4 combinations · 8 removed by constraints');
    await rp.setConstraints('n1 < n3');
    await poll(() => wa.page.getByTestId('optimize-editor').locator('.field-error').first().textContent()).toMatch(/n3/);
    await rp.setConstraints('n1 < n2');
    await wa.page.getByTestId('axis-n1-min').fill('0');
    await poll(() => rp.axisError('n1').textContent()).toMatch(/0 is below n1's minimum 1/);
    await poll(() => rp.comboCount()).toMatch(/fix the marked parameter/);
    await wa.page.getByTestId('axis-n1-min').fill('5');
    await poll(() => rp.comboCount()).toBe('12 combinations');
    expect(await rp.axisError('n1').count()).toBe(0);
    expect(wa.pageErrors).toEqual([]);
  });

  it('runs the optimization with Enter, draws its heatmap and opens a clicked cell in the Backtest view', async () => {
    await rp.pressEnterToRun();
    await rp.waitForOptimization();
    const { summary } = await latestOptimization();
    expect(summary.evaluated).toBe(12);
    expect(await wa.page.getByTestId('optimize-best-params').textContent()).toBe(Object.entries(summary.best!.params).map(([k, v]) => `${k}=${v}`).join(' '));
    await expect(wa.page.getByTestId('pbo').textContent()).resolves.toMatch(/./);

    // The results table: every combination, best first, then sorted by a parameter.
    await poll(() => rp.tableRows().count()).toBe(12);
    const objectives = (await rp.tableColumn('Objective')).map((t) => Number(t.replace(/,/g, '')));
    expect(objectives[0]).toBeCloseTo(summary.best!.objective, 2);
    expect([...objectives].sort((a, b) => b - a)).toEqual(objectives);
    await rp.sortTableBy('n2');
    await poll(async () => (await rp.tableColumn('n2')).join(',')).toBe('30,30,30,30,60,60,60,60,90,90,90,90');

    await screenshots('optimize');

    // Hover names the cell; the best cell opens its saved run.
    const best = summary.best!;
    const xi = [5, 10, 15, 20].indexOf(best.params.n1 as number);
    const yi = [30, 60, 90].indexOf(best.params.n2 as number);
    await rp.hoverHeatmapCell(xi, yi, 4, 3);
    await poll(() => rp.heatmapHover()).toMatch(new RegExp(`n1=${best.params.n1} n2=${best.params.n2} →`));
    await rp.clickHeatmapCell(xi, yi, 4, 3);
    expect(await rp.waitForBacktestRun(new RegExp(`^#${best.runId} `))).toContain(`n1=${best.params.n1} n2=${best.params.n2}`);
    expect(await wa.page.getByTestId('optimize-view').count()).toBe(0); // the Backtest view replaced it

    // A cell that was not kept as a run is backtested with its parameters.
    await rp.openOptimize();
    await rp.waitForOptimization();
    const saved = new Set(summary.top.map((t) => `${t.params.n1}/${t.params.n2}`));
    const other = [5, 10, 15, 20].flatMap((n1) => [30, 60, 90].map((n2) => ({ n1, n2 }))).find((c) => !saved.has(`${c.n1}/${c.n2}`))!;
    const runsBefore = (await wa.app.services.backtest.listRuns(1000, 0)).length;
    await rp.clickHeatmapCell([5, 10, 15, 20].indexOf(other.n1), [30, 60, 90].indexOf(other.n2), 4, 3);
    const name = await rp.waitForBacktestRun(new RegExp(`n1=${other.n1} n2=${other.n2}`));
    expect(name).toMatch(/sma_cross/);
    expect((await wa.app.services.backtest.listRuns(1000, 0)).length).toBe(runsBefore + 1);
    expect(wa.pageErrors).toEqual([]);
  });

  it('cancels a running optimization with Esc, leaving the workers ready for the next one', async () => {
    await rp.openOptimize();
    await rp.chooseData('sample:BTCUSDT_1m');
    await rp.setRange('n1', 2, 60, 1);
    await rp.setRange('n2', 61, 300, 5);
    await rp.setConstraints('');
    await poll(() => rp.comboCount()).toBe('2,832 combinations');
    await rp.pressEnterToRun();
    await poll(() => rp.progressDone()).toBeGreaterThan(0);
    await screenshots('optimize-progress');
    await wa.page.keyboard.press('Escape');
    await poll(() => wa.page.getByTestId('optimize-notice').textContent()).toMatch(/^Cancelled/);
    expect(await rp.progress.count()).toBe(0);
    const [job] = await wa.app.services.research.list(1, 0, 'optimize');
    expect(job.status).toBe('cancelled');
    // The pool is still usable: a small grid runs to the end.
    await rp.chooseData('sample:BTCUSDT_1h');
    await rp.setRange('n1', 5, 20, 5);
    await rp.setRange('n2', 30, 90, 30);
    await wa.page.keyboard.press('Control+Enter');
    await poll(async () => (await wa.app.services.research.list(1, 0, 'optimize'))[0]?.status).toBe('done');
    expect(wa.pageErrors).toEqual([]);
  });

  it('runs a walk-forward and shows its windows, chosen parameters and stitched equity', async () => {
    await rp.openWalkForward();
    await rp.chooseData('sample:BTCUSDT_1h');
    await rp.setRange('n1', 5, 20, 5);
    await rp.setRange('n2', 30, 90, 30);
    await rp.setWindows('2000', '1000');
    await wa.page.getByTestId('walkforward-run').click();
    await rp.waitForWalkForward();
    const [job] = await wa.app.services.research.list(1, 0, 'walkforward');
    const wf = (await wa.app.services.research.get(job.id))!.result as WalkForwardSummary;
    expect(await rp.windowRows().count()).toBe(wf.windows.length);
    expect(wf.windows.length).toBeGreaterThan(1);
    const params = await wa.page.getByTestId('wf-window-params').allTextContents();
    expect(params).toEqual(wf.windows.map((w) => (w.params ? Object.entries(w.params).map(([k, v]) => `${k}=${v}`).join(' ') : 'in cash')));
    const eff = await wa.page.getByTestId('wf-efficiency').locator('.kpi-value').textContent();
    expect(eff).toBe(wf.efficiency === null ? 'n/a' : fmtNum(wf.efficiency, 3));
    await screenshots('walkforward');
    expect(wa.pageErrors).toEqual([]);
  });

  it('shows Monte Carlo of the stitched run, or the service\'s own error, never made-up figures', async () => {
    await wa.page.getByTestId('mc-run').click();
    await poll(async () => (await wa.page.getByTestId('mc-table').count()) + (await wa.page.getByTestId('mc-error').count())).toBe(1);
    if (await wa.page.getByTestId('mc-error').count()) {
      expect(await wa.page.getByTestId('montecarlo-fan').count()).toBe(0);
      expect(await wa.page.getByTestId('mc-error').textContent()).toMatch(/^Monte Carlo failed: .+/);
    } else {
      await wa.page.getByTestId('montecarlo-fan').locator('.u-over').waitFor();
      // Saved, and the page names the research job it was saved as.
      const [saved] = await wa.app.services.research.list(1, 0, 'montecarlo');
      expect(saved.status).toBe('done');
      expect(await wa.page.getByTestId('mc-saved').textContent()).toBe(`Saved as research #${saved.id} (cryptota research show ${saved.id}).`);
    }
    await wa.page.getByTestId('montecarlo').scrollIntoViewIfNeeded();
    await screenshots('montecarlo');
    expect(wa.pageErrors).toEqual([]);
  });

  it('lists the saved optimizations and walk-forwards and opens one after a reload, from the keyboard', async () => {
    const jobs = await wa.app.services.research.list(100, 0, 'optimize');
    const done = jobs.find((j) => j.status === 'done')!;
    const cancelled = jobs.find((j) => j.status === 'cancelled')!;
    const saved = (await wa.app.services.research.get(done.id))!.result as OptimizationSummary;

    // A reload forgets what the views showed; the store still has it.
    await wa.page.reload();
    await rp.openOptimize();
    await poll(() => rp.savedItems('optimize').count()).toBe(jobs.length);
    expect(await rp.savedItems('optimize').first().locator('.saved-research-id').textContent()).toBe(`#${jobs[0].id}`);
    expect(await rp.savedItem('optimize', cancelled.id).textContent()).toMatch(/· cancelled$/);
    expect(await wa.page.getByTestId('optimize-summary').count()).toBe(0);

    // Another grid in the editor; opening the saved job puts its own back.
    await rp.setRange('n1', 7, 9, 1);
    await rp.setConstraints('');
    await poll(() => rp.comboCount()).not.toBe('12 combinations');
    await rp.savedItem('optimize', done.id).focus();
    await wa.page.keyboard.press('Enter');
    await rp.waitForOptimization();
    const request = (await wa.app.services.research.get(done.id))!.request as OptimizeRequest;
    expect(await wa.page.getByTestId('research-data').inputValue()).toBe(request.data);
    expect([await wa.page.getByTestId('axis-n1-min').inputValue(), await wa.page.getByTestId('axis-n1-max').inputValue(), await wa.page.getByTestId('axis-n1-step').inputValue()].join(':')).toBe(request.space.n1);
    expect(await wa.page.getByTestId('research-constraints').inputValue()).toBe((request.constraints ?? []).join('; '));
    await poll(() => rp.comboCount()).toBe(`${saved.evaluated} combinations`);
    expect(await wa.page.getByTestId('optimize-summary').locator('h3').textContent()).toMatch(new RegExp(`^Optimization #${done.id} · sma_cross`));
    expect(await wa.page.getByTestId('optimize-best-params').textContent()).toBe(Object.entries(saved.best!.params).map(([k, v]) => `${k}=${v}`).join(' '));
    expect(await rp.savedItem('optimize', done.id).getAttribute('aria-current')).toBe('true');
    await screenshots('saved-optimizations');

    // One stopped before its summary says so, and where its finished combinations are.
    await rp.savedItem('optimize', cancelled.id).click();
    await poll(() => wa.page.getByTestId('optimize-error').textContent()).toMatch(new RegExp(`#${cancelled.id} was cancelled before its summary: .*cryptota research show ${cancelled.id}`));

    // The walk-forward the earlier test ran opens with its windows and stitched equity.
    const [wfJob] = await wa.app.services.research.list(1, 0, 'walkforward');
    const wf = (await wa.app.services.research.get(wfJob.id))!.result as WalkForwardSummary;
    await rp.openWalkForward();
    await rp.savedItem('walkforward', wfJob.id).click();
    await rp.waitForWalkForward();
    expect(await rp.windowRows().count()).toBe(wf.windows.length);
    expect(wa.pageErrors).toEqual([]);
  });

  it('deletes a saved optimization from the keyboard: Delete asks, Esc keeps it, Enter deletes it', async () => {
    await rp.openOptimize();
    const jobs = await wa.app.services.research.list(100, 0, 'optimize');
    const cancelled = jobs.find((j) => j.status === 'cancelled')!;
    await poll(() => rp.savedItems('optimize').count()).toBe(jobs.length);

    await rp.savedItem('optimize', cancelled.id).focus();
    await wa.page.keyboard.press('Delete');
    await poll(() => wa.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('saved-research-confirm-delete');
    await wa.page.keyboard.press('Escape');
    await poll(() => wa.page.getByTestId('saved-research-confirm-delete').count()).toBe(0);
    expect((await wa.app.services.research.list(100, 0, 'optimize')).length).toBe(jobs.length);

    await rp.savedItem('optimize', cancelled.id).focus();
    await wa.page.keyboard.press('Delete');
    await poll(() => wa.page.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('saved-research-confirm-delete');
    await wa.page.keyboard.press('Enter');
    await poll(() => rp.savedItems('optimize').count()).toBe(jobs.length - 1);
    expect(await rp.savedItem('optimize', cancelled.id).count()).toBe(0);
    expect(await wa.app.services.research.get(cancelled.id)).toBeNull();
    expect(wa.pageErrors).toEqual([]);
  });
});
