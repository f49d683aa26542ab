/**
 * "Click Run → chart painted", measured inside the page so the figure is what the user
 * waits for and not the driver's round trips: the clock starts at the click and stops
 * at the second animation frame after the new run's name is on screen (the first frame
 * after the React commit has then been painted, uPlot's canvases included).
 */
import type { Page } from 'playwright-core';


/** Clicks the Run button once and resolves with the time until the chart is painted. */
export async function measureRunToChart(page: Page, timeoutMs = 60_000): Promise<number> {
  return page.evaluate(
    (limit) =>
      new Promise<number>((resolve, reject) => {
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
          requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - t0)));
        });
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        button.click();
      }),
    timeoutMs,
  );
}
