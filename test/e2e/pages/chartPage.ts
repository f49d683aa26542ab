/** Page model of the backtest chart stack and its trade list: navigating time as a trader does, and what each pane shows. */
import type { Locator, Page } from 'playwright-core';

export interface TimeRange {
  min: number;
  max: number;
}

export class ChartPage {
  constructor(readonly page: Page) {}

  plot(testId: string): Locator {
    return this.page.getByTestId(testId).locator('.u-over');
  }

  private async box(testId: string): Promise<{ x: number; y: number; width: number; height: number }> {
    const b = await this.plot(testId).boundingBox();
    if (!b) throw new Error(`chart ${testId} has no plot area on screen`);
    return b;
  }

  /** The time range (epoch s) a pane shows, as its chart publishes it on its root element. */
  async range(testId: string): Promise<TimeRange> {
    const root = this.page.getByTestId(testId).locator('.uplot');
    const [min, max] = await root.evaluate((el) => [Number((el as HTMLElement).dataset.xMin), Number((el as HTMLElement).dataset.xMax)]);
    if (!Number.isFinite(min) || !Number.isFinite(max)) throw new Error(`chart ${testId} has not published its time range`);
    return { min, max };
  }

  async ranges(testIds: readonly string[]): Promise<Record<string, TimeRange>> {
    const out: Record<string, TimeRange> = {};
    for (const id of testIds) out[id] = await this.range(id);
    return out;
  }

  /** Turns the wheel over a pane at `at` (0 = left edge, 1 = right edge of its plot); negative delta zooms in. */
  async wheel(testId: string, at: number, deltaY: number): Promise<void> {
    const b = await this.box(testId);
    await this.page.mouse.move(b.x + b.width * at, b.y + b.height / 2);
    await this.page.mouse.wheel(0, deltaY);
  }

  /** Drags across a pane from `from` to `to` (fractions of its plot width), holding Shift for a box zoom. */
  async drag(testId: string, from: number, to: number, opts: { shift?: boolean } = {}): Promise<void> {
    const b = await this.box(testId);
    const y = b.y + b.height / 2;
    await this.page.mouse.move(b.x + b.width * from, y);
    if (opts.shift) await this.page.keyboard.down('Shift');
    await this.page.mouse.down();
    await this.page.mouse.move(b.x + b.width * to, y, { steps: 8 });
    await this.page.mouse.up();
    if (opts.shift) await this.page.keyboard.up('Shift');
  }

  async doubleClick(testId: string): Promise<void> {
    const b = await this.box(testId);
    await this.page.mouse.dblclick(b.x + b.width / 2, b.y + b.height / 2);
  }

  /** Focuses a pane as a keyboard user would (Tab lands on the same element) and presses keys. */
  async press(testId: string, ...keys: string[]): Promise<void> {
    await this.plot(testId).focus();
    for (const k of keys) await this.page.keyboard.press(k);
  }

  /** Hovers a pane at `at` of its width and returns the crosshair's axis labels ('' when hidden). */
  async crosshairLabels(testId: string, at: number): Promise<{ price: string; time: string }> {
    const b = await this.box(testId);
    await this.page.mouse.move(b.x + b.width * at, b.y + b.height * 0.4);
    const text = async (id: string) => {
      const l = this.page.getByTestId(testId).getByTestId(id);
      return (await l.count()) === 0 || !(await l.isVisible()) ? '' : ((await l.textContent()) ?? '');
    };
    return { price: await text('crosshair-price'), time: await text('crosshair-time') };
  }

  logToggle(): Locator {
    return this.page.getByTestId('log-scale');
  }

  tradeRow(no: number): Locator {
    return this.page.getByTestId(`trade-${no}`);
  }

  /** Rows of the trade list as shown: their numbers, in order. */
  async tradeNumbers(): Promise<number[]> {
    const cells = await this.page.getByTestId('trade-list').locator('tbody tr td:first-child').allTextContents();
    return cells.map(Number);
  }

  async sortTradesBy(header: string): Promise<void> {
    await this.page.getByTestId('trade-list').locator('thead th button', { hasText: header }).click();
  }

  async filterTrades(f: { side?: string; outcome?: string; text?: string }): Promise<void> {
    const group = this.page.getByRole('group', { name: 'filter trades' });
    if (f.side) await group.getByLabel('side').selectOption(f.side);
    if (f.outcome) await group.getByLabel('outcome').selectOption(f.outcome);
    if (f.text !== undefined) await group.getByLabel('search trades').fill(f.text);
  }
}
