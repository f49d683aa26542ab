/** Page model of the centre's Live view: the streaming chart a trader watches while paper trading. */
import type { Locator, Page } from 'playwright-core';

export class LiveViewPage {
  constructor(readonly page: Page) {}

  get view(): Locator {
    return this.page.getByTestId('live-view');
  }

  get offer(): Locator {
    return this.page.getByTestId('live-offer');
  }

  get lastClose(): Locator {
    return this.page.getByTestId('live-last-close');
  }

  get barCount(): Locator {
    return this.page.getByTestId('live-bar-count');
  }

  /** Switches the centre view with the keyboard shortcut (Alt+L). */
  async toggleWithKeyboard(): Promise<void> {
    await this.page.keyboard.press('Alt+KeyL');
  }

  /** Pixels of the live candle canvas in the up and down candle colours (theme.ts). */
  candleColourPixels(): Promise<{ up: number; down: number } | null> {
    return this.page.evaluate(() => {
      const canvas = document.querySelector('[data-testid=live-chart] canvas') as HTMLCanvasElement | null;
      if (!canvas) return null;
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let up = 0, down = 0;
      for (let i = 0; i < data.length; i += 4) {
        if (data[i] === 0x26 && data[i + 1] === 0xa6 && data[i + 2] === 0x9a) up++;
        if (data[i] === 0xef && data[i + 1] === 0x53 && data[i + 2] === 0x50) down++;
      }
      return { up, down };
    });
  }
}
