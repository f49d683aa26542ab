/** Page model of the Live screen's feed panel and the selected session's activity tables. */
import type { Locator, Page } from 'playwright-core';

export class LiveScreenPage {
  constructor(readonly page: Page) {}

  get feedPanel(): Locator {
    return this.page.getByTestId('feed-panel');
  }

  get activity(): Locator {
    return this.page.getByTestId('session-activity');
  }

  /** The feed panel's figure by its test id suffix (rate, lag, messages, duplicates, late, rejected). */
  feedFigure(name: string): Promise<string | null> {
    return this.page.getByTestId(`feed-${name}`).textContent();
  }

  reject(reason: string): Locator {
    return this.page.getByTestId(`feed-reject-${reason}`);
  }

  /** Opens an activity tab (positions, orders, fills, trades) with the keyboard: focus, then Enter. */
  async openActivityTab(tab: string): Promise<Locator> {
    const button = this.page.getByTestId(`activity-tab-${tab}`);
    await button.focus();
    await button.press('Enter');
    return this.page.getByTestId(`${tab}-table`);
  }

  /**
   * Pixels of the live equity canvas in the equity line's colour (theme.ts: #4c9aff, give
   * or take antialiasing): 0 when the curve is a single point, hundreds when it is a line.
   */
  equityLinePixels(): Promise<number> {
    return this.page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=live-equity-chart] canvas') as HTMLCanvasElement | null;
      if (!canvas) return 0;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (Math.abs(data[i] - 0x4c) <= 8 && Math.abs(data[i + 1] - 0x9a) <= 8 && Math.abs(data[i + 2] - 0xff) <= 8) n++;
      }
      return n;
    });
  }

  /** Rows of an activity table (0 when it shows its empty message). */
  rows(tab: string): Locator {
    return this.page.locator(`table[data-testid=${tab}-table] tbody tr`);
  }
}
