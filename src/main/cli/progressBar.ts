/**
 * A one-line progress bar on stderr, drawn only when stderr is a terminal (so logs
 * and pipes stay clean), redrawn at most ten times a second.
 */
import type { CliIo } from './command';

export interface ProgressBar {
  update(fraction: number, detail: string): void;
  /** Clears the bar line. */
  done(): void;
}

export function progressBar(io: CliIo, label: string, write: (s: string) => void = (s) => process.stderr.write(s)): ProgressBar {
  if (!io.interactive) return { update: () => {}, done: () => {} };
  let last = 0;
  let drawn = false;
  return {
    update(fraction, detail) {
      const now = Date.now();
      if (now - last < 100 && fraction < 1) return;
      last = now;
      const f = Math.max(0, Math.min(1, Number.isFinite(fraction) ? fraction : 0));
      const width = 30;
      const full = Math.round(f * width);
      write(`\r${label} [${'#'.repeat(full)}${'.'.repeat(width - full)}] ${(f * 100).toFixed(1).padStart(5)}% ${detail}\u001b[K`);
      drawn = true;
    },
    done() {
      if (drawn) write('\r\u001b[K');
    },
  };
}

/** 1234567 → "1,234,567" */
export function thousands(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}
