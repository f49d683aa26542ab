/** Page model of the workstation: what a user does, named as they would say it. */
import type { Locator, Page } from 'playwright-core';

export class WorkstationPage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url);
    await this.runButton.waitFor();
    // Strategies arrive over the API: wait until the form is filled.
    await this.page.locator('[data-testid=strategy-select] option').first().waitFor({ state: 'attached' });
  }

  get runButton(): Locator {
    return this.page.getByTestId('run-button');
  }

  async chooseData(spec: string): Promise<void> {
    await this.page.getByTestId('data-select').selectOption(spec);
  }

  async chooseStrategy(name: string): Promise<void> {
    await this.page.getByTestId('strategy-select').selectOption(name);
  }

  async setParam(name: string, value: number): Promise<void> {
    await this.page.getByTestId(`param-${name}`).fill(String(value));
  }

  async setRange(from: string, to: string): Promise<void> {
    await this.page.getByLabel(/^From/).fill(from);
    await this.page.getByLabel(/^To/).fill(to);
  }

  /** Starts a backtest and waits until its KPIs replace the previous ones. */
  async run(): Promise<void> {
    const before = await this.page.locator('.run-name').textContent().catch(() => null);
    await this.runButton.click();
    await this.page.waitForFunction(
      (prev) => {
        const el = document.querySelector('.run-name');
        return el !== null && el.textContent !== prev && document.querySelector('[data-testid=run-button]') !== null;
      },
      before,
      { timeout: 60_000 },
    );
  }

  stat(name: string): Locator {
    const exact = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    return this.page.locator('.stat-row').filter({ has: this.page.locator('.stat-name', { hasText: exact }) }).locator('.stat-value');
  }

  async selectRunsForCompare(count: number): Promise<void> {
    const boxes = this.page.locator('[data-testid=run-history] input[type=checkbox]');
    for (let i = 0; i < count; i++) await boxes.nth(i).check();
    await this.page.getByTestId('compare-button').click();
    await this.page.getByTestId('compare-panel').waitFor();
  }

  async tickRun(id: number, on: boolean): Promise<void> {
    await this.page.getByLabel(`select run ${id}`, { exact: true }).setChecked(on);
  }

  /** Run ids in the history list, top first. */
  async runIds(): Promise<number[]> {
    const labels = await this.page.locator('[data-testid=run-history] input[type=checkbox]').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    return labels.map((l) => Number(/(\d+)$/.exec(l)?.[1]));
  }

  /** "#id" of each run in the comparison, in column order. */
  async comparedRuns(): Promise<string[]> {
    const heads = await this.page.getByTestId('compare-stats').locator('thead th').allTextContents();
    return heads.slice(1).map((h) => /^#\d+/.exec(h)?.[0] ?? h);
  }

  /** The colour of a run's line in the comparison chart (its legend marker). */
  async compareColour(runLabel: string): Promise<string> {
    const series = this.page.getByTestId('compare-chart').locator('.u-legend .u-series').filter({ hasText: runLabel });
    return series.locator('.u-marker').evaluate((m) => getComputedStyle(m).borderColor);
  }

  deleteRunButton(id: number): Locator {
    return this.page.getByLabel(`delete run ${id}`, { exact: true });
  }

  confirmDeleteButton(id: number): Locator {
    return this.page.getByLabel(`confirm delete run ${id}`, { exact: true });
  }

  async openRunFromHistory(id: number): Promise<void> {
    await this.page.getByTestId(`run-item-${id}`).click();
    await this.page.locator('.run-name', { hasText: new RegExp(`^#${id} `) }).waitFor();
  }

  async broker(label: string): Promise<string> {
    return this.page.getByRole('form', { name: 'Backtest settings' }).getByLabel(label, { exact: true }).inputValue();
  }

  async range(): Promise<[string, string]> {
    return [await this.page.getByLabel(/^From/).inputValue(), await this.page.getByLabel(/^To/).inputValue()];
  }

  /** Adds an indicator from the "+ indicator" picker with its default parameters. */
  async addIndicator(name: string): Promise<void> {
    await this.page.getByLabel('add indicator').selectOption(name);
  }

  /** Screen x of the left and right edge of each chart's plot area (uPlot's .u-over), by test id. */
  async plotAreas(testIds: readonly string[]): Promise<Record<string, { left: number; right: number }>> {
    const out: Record<string, { left: number; right: number }> = {};
    for (const id of testIds) {
      const box = await this.page.getByTestId(id).locator('.u-over').boundingBox();
      if (!box) throw new Error(`chart ${id} has no plot area on screen`);
      out[id] = { left: box.x, right: box.x + box.width };
    }
    return out;
  }

  async openTab(name: string): Promise<void> {
    await this.page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
  }

  /** The texts of one column of the trade list, by its header. */
  async tradeColumn(header: string): Promise<string[]> {
    const table = this.page.getByTestId('trade-list');
    const headers = await table.locator('thead th').allTextContents();
    const col = headers.findIndex((h) => h.trim().startsWith(header));
    if (col < 0) throw new Error(`trade list has no column "${header}" (columns: ${headers.join(', ')})`);
    return table.locator(`tbody tr td:nth-child(${col + 1})`).allTextContents();
  }

  /** A headline tile of the open run, by its label (Return, Sharpe, Max DD...). */
  kpi(label: string): Locator {
    return this.page.getByTestId(`kpi-${label}`);
  }

  /** Labels of the headline tiles whose figure does not fit in the tile. */
  overflowingTiles(): Promise<string[]> {
    return this.page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.kpi')]
        .filter((k) => {
          const v = k.querySelector<HTMLElement>('.kpi-value');
          return v !== null && (v.scrollWidth > v.clientWidth + 1 || v.getBoundingClientRect().right > k.getBoundingClientRect().right);
        })
        .map((k) => k.querySelector('.kpi-label')?.textContent ?? '?'),
    );
  }

  /** Series labels in a chart's legend (uPlot's .u-label), by the chart's test id. */
  legendLabels(testId: string): Promise<string[]> {
    return this.page.getByTestId(testId).locator('.u-legend .u-label').allTextContents();
  }

  /** The error an indicator chip shows ('' when none). */
  async chipError(indicator: string): Promise<string> {
    const err = this.page.getByTestId(`chip-${indicator}`).locator('.chip-error');
    return (await err.count()) === 0 ? '' : ((await err.first().textContent()) ?? '');
  }

  /** The time zone setting: 'utc' or 'local'. */
  async timeZone(): Promise<string> {
    await this.goTo('settings');
    const tz = await this.page.getByTestId('tz-select').inputValue();
    await this.goTo('backtest');
    return tz;
  }

  /** Sets the time zone on the Settings screen and comes back to the Backtest screen. */
  async setTimeZone(tz: 'utc' | 'local'): Promise<void> {
    await this.goTo('settings');
    await this.page.getByTestId('tz-select').selectOption(tz);
    await this.goTo('backtest');
  }

  /** Hovers the middle of a chart and returns the time its legend shows. */
  async hoverTime(testId: string): Promise<string> {
    const over = this.page.getByTestId(testId).locator('.u-over');
    const box = await over.boundingBox();
    if (!box) throw new Error(`chart ${testId} is not on screen`);
    await this.page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    return (await this.page.getByTestId(testId).locator('.u-legend .u-series').first().locator('.u-value').textContent()) ?? '';
  }

  /** Types into a broker field of the form, by its label (Cash, Fee %, Slippage bps...). */
  async setBroker(label: string, value: string): Promise<void> {
    await this.page.getByRole('form', { name: 'Backtest settings' }).getByLabel(label, { exact: true }).fill(value);
  }

  /** Ctrl+Enter from the page, as a keyboard user runs a backtest. */
  async pressRunShortcut(): Promise<void> {
    await this.page.keyboard.press('Control+Enter');
  }

  /** The error shown next to a form field, by the field's label ('' when none). */
  async fieldError(label: string): Promise<string> {
    const field = this.page.locator('.run-form .field').filter({ has: this.page.locator(':scope > span', { hasText: new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) }) });
    const err = field.locator('.field-error');
    return (await err.count()) === 0 ? '' : ((await err.first().textContent()) ?? '');
  }

  /** Opens a screen from the left navigation. */
  async goTo(screen: string): Promise<void> {
    await this.page.getByTestId(`view-${screen}`).click();
    await this.page.locator(`.app.screen-${screen}`).waitFor();
  }

  /** How many pixels the page is wider than the window (0 when it fits). */
  horizontalOverflow(): Promise<number> {
    return this.page.evaluate(() => Math.max(0, document.documentElement.scrollWidth - window.innerWidth));
  }

  async chartHeight(testId: string): Promise<number> {
    const box = await this.page.getByTestId(testId).locator('.u-over').boundingBox();
    if (!box) throw new Error(`chart ${testId} is not on screen`);
    return box.height;
  }
}
