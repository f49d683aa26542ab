/**
 * How busy the feed is: messages read since start and per second over the last few
 * seconds, and a throttled "tell the UI" after batches. The feed's own status only
 * changes with its state or lag, so without this a reject, a duplicate or a hole that
 * leaves the lag at 0 would reach the screen only with the next lag change. One report
 * at most every `reportMs` while messages flow, and reports go on until the rate has
 * fallen back to 0, so a quiet topic reads 0/s instead of its last busy figure.
 */
export interface FeedActivityOptions {
  /** Called (throttled) when the counters changed since the last report. */
  readonly report: () => void;
  readonly reportMs?: number;
  /** Width of the rate window, in whole seconds. */
  readonly windowSec?: number;
  readonly now?: () => number;
}

export class FeedActivity {
  /** Messages read since the service started. */
  messages = 0;
  private readonly perSecond = new Map<number, number>();
  private timer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;
  private readonly reportMs: number;
  private readonly windowSec: number;
  private readonly now: () => number;

  constructor(private readonly opts: FeedActivityOptions) {
    this.reportMs = opts.reportMs ?? 500;
    this.windowSec = opts.windowSec ?? 5;
    this.now = opts.now ?? Date.now;
  }

  /** Counts a batch of `n` messages and schedules a report. */
  add(n: number): void {
    this.messages += n;
    const sec = Math.floor(this.now() / 1000);
    this.perSecond.set(sec, (this.perSecond.get(sec) ?? 0) + n);
    this.schedule();
  }

  /** Messages per second over the last `windowSec` whole seconds before the current one, plus the current one so far. */
  rate(): number {
    const sec = Math.floor(this.now() / 1000);
    let n = 0;
    for (const [s, count] of this.perSecond) {
      if (s <= sec - this.windowSec) this.perSecond.delete(s);
      else n += count;
    }
    return n / this.windowSec;
  }

  /** Stops reporting (the service is stopping). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      if (this.closed) return;
      this.opts.report();
      // Report again while the window still holds messages, so the rate decays to 0 on screen.
      if (this.rate() > 0) this.schedule();
    }, this.reportMs);
    this.timer.unref?.();
  }
}
