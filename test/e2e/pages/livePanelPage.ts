/** Page model of the Live panel: paper sessions and alert rules, as a user drives them (keyboard first). */
import type { Locator, Page } from 'playwright-core';

export class LivePanelPage {
  constructor(readonly page: Page) {}

  get panel(): Locator {
    return this.page.getByTestId('live-panel');
  }

  get newSessionButton(): Locator {
    return this.page.getByTestId('new-session-button');
  }

  get newRuleButton(): Locator {
    return this.page.getByTestId('new-rule-button');
  }

  /** Opens the "New paper session" form (prefilled from the backtest form). */
  async openSessionForm(): Promise<Locator> {
    await this.newSessionButton.click();
    const form = this.page.getByTestId('paper-session-form');
    await form.waitFor();
    return form;
  }

  /** Starts the session with Enter from the focused field, as a keyboard user would. */
  async startSessionWithEnter(): Promise<void> {
    await this.page.getByTestId('paper-cash').press('Enter');
    await this.page.getByTestId('paper-session-form').waitFor({ state: 'detached' });
  }

  session(id: string): Locator {
    return this.page.getByTestId(`session-${id}`);
  }

  sessionCards(): Locator {
    return this.page.getByTestId('paper-sessions').locator('li.session');
  }

  /** Opens the rule form and fills a price rule (submit with `submitRuleWithEnter`). */
  async fillPriceRule(instrument: string, op: string, level: number, cooldownMin: number): Promise<void> {
    await this.newRuleButton.click();
    await this.page.getByTestId('rule-kind').selectOption('price');
    await this.page.getByTestId('rule-instrument').fill(instrument);
    await this.page.getByTestId('rule-op').selectOption(op);
    await this.page.getByTestId('rule-level').fill(String(level));
    await this.page.getByTestId('rule-cooldown').fill(String(cooldownMin));
  }

  async submitRuleWithEnter(): Promise<void> {
    await this.page.getByTestId('rule-level').press('Enter');
    await this.page.getByTestId('alert-rule-form').waitFor({ state: 'detached' });
  }

  ruleItems(): Locator {
    return this.page.getByTestId('rule-list').locator('li');
  }

  signalItems(): Locator {
    return this.page.getByTestId('signal-list').locator('li');
  }

  alertItems(): Locator {
    return this.page.getByTestId('alert-list').locator('li');
  }
}
