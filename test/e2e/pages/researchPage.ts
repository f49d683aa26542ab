/** Page model of the research views (Optimize, Walk-forward, Monte Carlo): what a user does there, named as they would say it. */
import type { Locator, Page } from 'playwright-core';

export class ResearchPage {
  constructor(readonly page: Page) {}

  async openOptimize(): Promise<void> {
    await this.page.getByTestId('view-optimize').click();
    await this.page.getByTestId('optimize-editor').waitFor();
  }

  async openWalkForward(): Promise<void> {
    await this.page.getByTestId('view-walkforward').click();
    await this.page.getByTestId('walkforward-editor').waitFor();
  }

  async chooseData(spec: string): Promise<void> {
    await this.page.getByTestId('research-data').selectOption(spec);
  }

  async chooseStrategy(name: string): Promise<void> {
    await this.page.getByTestId('research-strategy').selectOption(name);
  }

  /** Gives a parameter a min:max:step range. */
  async setRange(param: string, min: number, max: number, step: number): Promise<void> {
    await this.page.getByTestId(`axis-${param}-mode`).selectOption('range');
    await this.page.getByTestId(`axis-${param}-min`).fill(String(min));
    await this.page.getByTestId(`axis-${param}-max`).fill(String(max));
    await this.page.getByTestId(`axis-${param}-step`).fill(String(step));
  }

  async setFixed(param: string, value: string): Promise<void> {
    await this.page.getByTestId(`axis-${param}-mode`).selectOption('fixed');
    await this.page.getByTestId(`axis-${param}-value`).fill(value);
  }

  async setConstraints(text: string): Promise<void> {
    await this.page.getByTestId('research-constraints').fill(text);
  }

  async setWindows(inSample: string, outOfSample: string): Promise<void> {
    await this.page.getByTestId('wf-in-sample').fill(inSample);
    await this.page.getByTestId('wf-out-of-sample').fill(outOfSample);
  }

  comboCount(): Promise<string> {
    return this.page.getByTestId('combo-count').innerText();
  }

  axisError(param: string): Locator {
    return this.page.getByTestId(`axis-${param}-error`);
  }

  /** Presses Enter in the constraints box: the form runs. */
  async pressEnterToRun(): Promise<void> {
    await this.page.getByTestId('research-constraints').press('Enter');
  }

  get progress(): Locator {
    return this.page.getByTestId('research-progress');
  }

  /** Combinations done so far, from the progress line ("12 / 800 combinations"). */
  async progressDone(): Promise<number> {
    const text = (await this.page.getByTestId('research-progress-count').textContent().catch(() => '')) ?? '';
    const m = /^([\d,]+) \//.exec(text);
    return m ? Number(m[1].replace(/,/g, '')) : 0;
  }

  async waitForOptimization(): Promise<void> {
    await this.page.getByTestId('optimize-summary').waitFor({ timeout: 60_000 });
    await this.page.getByTestId('heatmap').locator('.u-over').waitFor({ timeout: 30_000 });
  }

  async waitForWalkForward(): Promise<void> {
    await this.page.getByTestId('wf-summary').waitFor({ timeout: 90_000 });
    await this.page.getByTestId('wf-equity').locator('.u-over').waitFor({ timeout: 30_000 });
  }

  /** Clicks the heatmap cell of value indices (xi, yi) out of (nx, ny). */
  async clickHeatmapCell(xi: number, yi: number, nx: number, ny: number): Promise<void> {
    await this.heatmapOver().click({ position: await this.heatmapCellPoint(xi, yi, nx, ny) });
  }

  async hoverHeatmapCell(xi: number, yi: number, nx: number, ny: number): Promise<void> {
    await this.heatmapOver().hover({ position: await this.heatmapCellPoint(xi, yi, nx, ny) });
  }

  private heatmapOver(): Locator {
    return this.page.getByTestId('heatmap').locator('.u-over');
  }

  /**
   * The centre of cell (xi, yi) in the plot area, read once the plot has stopped resizing:
   * a chart follows its box a frame or two after the window changes, and a point worked
   * out from the old size lands outside the plot.
   */
  private async heatmapCellPoint(xi: number, yi: number, nx: number, ny: number): Promise<{ x: number; y: number }> {
    const over = this.heatmapOver();
    let box = await over.boundingBox();
    for (let tries = 0; tries < 50; tries++) {
      await this.page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      const again = await over.boundingBox();
      if (box && again && again.width === box.width && again.height === box.height && again.x === box.x && again.y === box.y) break;
      box = again;
    }
    if (!box) throw new Error('the heatmap has no plot area on screen');
    return { x: ((xi + 0.5) / nx) * box.width, y: (1 - (yi + 0.5) / ny) * box.height };
  }

  heatmapHover(): Promise<string> {
    return this.page.getByTestId('heatmap-hover').innerText();
  }

  /** The rows of the results table now rendered (the table is virtualized). */
  tableRows(): Locator {
    return this.page.getByTestId('cells-row');
  }

  async sortTableBy(column: string): Promise<void> {
    await this.page.getByTestId(`cells-sort-${column}`).click();
  }

  /** The text of one column of the rendered rows, by its header label. */
  async tableColumn(column: string): Promise<string[]> {
    const headers = await this.page.locator('.cells-head [role=columnheader]').allTextContents();
    const col = headers.findIndex((h) => h.replace(/[ ▲▼]+$/, '') === column);
    if (col < 0) throw new Error(`results table has no column "${column}" (columns: ${headers.join(', ')})`);
    return this.page.locator(`[data-testid=cells-row] > :nth-child(${col + 1})`).allTextContents();
  }

  /** The open run in the Backtest view: "#3 sma_cross n1=10 n2=60 long_only=false". */
  async waitForBacktestRun(matching: RegExp): Promise<string> {
    const name = this.page.locator('.run-name');
    await this.page.waitForFunction((re) => new RegExp(re).test(document.querySelector('.run-name')?.textContent ?? ''), matching.source, { timeout: 60_000 });
    return (await name.textContent()) ?? '';
  }

  windowRows(): Locator {
    return this.page.getByTestId('wf-window');
  }

  /** The "Saved" list of the open view ('optimize' or 'walkforward'), newest first. */
  savedItems(kind: 'optimize' | 'walkforward'): Locator {
    return this.page.getByTestId(`${kind}-saved`).getByTestId('saved-research-item');
  }

  /** The saved job #id in that list. */
  savedItem(kind: 'optimize' | 'walkforward', id: number): Locator {
    return this.savedItems(kind).filter({ has: this.page.locator('.saved-research-id', { hasText: new RegExp(`^#${id}$`) }) });
  }
}
