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

  /** Rows of an activity table (0 when it shows its empty message). */
  rows(tab: string): Locator {
    return this.page.locator(`table[data-testid=${tab}-table] tbody tr`);
  }
}
