/**
 * "Click Run → chart painted", measured inside the page so the figure is what the user
 * waits for and not the driver's round trips: the clock starts at the click and stops
 * at the second animation frame after the new run's name is on screen (the first frame
 * after the React commit has then been painted, uPlot's canvases included).
 */
import type { Page } from 'playwright-core';

export interface RunToChartTiming {
  /** Click to painted chart, ms. */
  readonly paintedMs: number;
  /**
   * Click to the arrival of the last binary API frame before the paint (the run's
   * result, which carries its equity), ms; NaN when none came or the clock was not
   * installed (watchBinaryFrames).
   */
  readonly answeredMs: number;
}

/** Records in the page when each binary WebSocket frame arrives (call before opening the page). */
export async function watchBinaryFrames(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const Native = window.WebSocket;
    const w = window as unknown as { __binaryFrameAt?: number };
    window.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        // Registered before the client's own handler, so the time is the arrival, not after decoding.
        this.addEventListener('message', (e) => {
          if (typeof e.data !== 'string') w.__binaryFrameAt = performance.now();
        });
      }
    };
  });
}

/** Clicks the Run button once and resolves with the time until the chart is painted. */
export async function measureRunToChart(page: Page, timeoutMs = 60_000): Promise<number> {
  return (await timeRunToChart(page, timeoutMs)).paintedMs;
}

/** Like measureRunToChart, with the time the run's answer arrived. */
export async function timeRunToChart(page: Page, timeoutMs = 60_000): Promise<RunToChartTiming> {
  return page.evaluate(
    (limit) =>
      new Promise<RunToChartTiming>((resolve, reject) => {
        const w = window as unknown as { __binaryFrameAt?: number };
        const before = document.querySelector('.run-name')?.textContent ?? null;
        const button = document.querySelector<HTMLButtonElement>('[data-testid=run-button]');
        if (!button) return reject(new Error('no Run button on the page'));
        const t0 = performance.now();
        const timer = setTimeout(() => {
          observer.disconnect();
          reject(new Error(`no new run on screen after ${limit} ms`));
        }, limit);
        const observer = new MutationObserver(() => {
          const now = document.querySelector('.run-name')?.textContent ?? null;
          // A finished run is on screen once its name changed and the Run button is back.
          if (now === null || now === before || !document.querySelector('[data-testid=run-button]')) return;
          observer.disconnect();
          clearTimeout(timer);
          const answeredAt = w.__binaryFrameAt ?? NaN;
          requestAnimationFrame(() =>
            requestAnimationFrame(() => resolve({ paintedMs: performance.now() - t0, answeredMs: answeredAt >= t0 ? answeredAt - t0 : NaN })),
          );
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        button.click();
      }),
    timeoutMs,
  );
}
