/**
 * Walk-forward windows over a candle series. Each window optimizes on its in-sample
 * bars and trades the winner on the out-of-sample bars that follow; the next window
 * starts one out-of-sample length later, so the out-of-sample segments tile the data
 * without overlap and stitch into one curve.
 *  - rolling:  in-sample is the `inSample` bars just before the out-of-sample segment;
 *  - anchored: in-sample starts at the first bar and grows with each window.
 * Lengths are bar counts ("5000") or durations ("90d", "12h", "2w"); a duration is
 * measured on the bars' open times, so gaps in the data do not shift the windows.
 */
import { lowerBound, type Candles } from '../../engine/candles';
import { intervalMs } from '../../data/intervals';

export type WindowMode = 'rolling' | 'anchored';

export interface WalkForwardWindow {
  readonly index: number;
  /** Bar indices: in-sample [isFrom, isTo), out-of-sample [isTo, oosTo). */
  readonly isFrom: number;
  readonly isTo: number;
  readonly oosTo: number;
}

export type Length = { readonly bars: number } | { readonly ms: number; readonly text: string };

/** "5000" → 5000 bars; "90d" → 90 days. */
export function parseLength(what: string, text: string): Length {
  const t = text.trim();
  if (/^\d+$/.test(t)) {
    const bars = Number(t);
    if (bars < 2) throw new Error(`${what} must be at least 2 bars (got ${t})`);
    return { bars };
  }
  try {
    return { ms: intervalMs(t), text: t };
  } catch {
    throw new Error(`${what} must be a bar count like 5000 or a duration like 90d, 12h, 2w (got "${text}")`);
  }
}

/** The windows that fit in the candles; a last out-of-sample segment shorter than asked is kept. */
export function planWindows(c: Candles, mode: WindowMode, inSample: Length, outOfSample: Length, minOosBars = 2): WalkForwardWindow[] {
  const n = c.length;
  const advance = (from: number, len: Length): number =>
    'bars' in len ? Math.min(n, from + len.bars) : lowerBound(c, c.time[from] + len.ms);
  const windows: WalkForwardWindow[] = [];
  let isFrom = 0;
  let isTo = advance(0, inSample);
  while (isTo < n) {
    const oosTo = advance(isTo, outOfSample);
    if (oosTo - isTo < minOosBars) break;
    windows.push({ index: windows.length, isFrom, isTo, oosTo });
    if (oosTo >= n) break;
    // The next out-of-sample segment starts where this one ended.
    const nextIsTo = oosTo;
    if (mode === 'rolling') {
      isFrom = 'bars' in inSample ? Math.max(0, nextIsTo - inSample.bars) : lowerBound(c, c.time[nextIsTo] - inSample.ms);
    }
    isTo = nextIsTo;
  }
  if (windows.length === 0) {
    throw new Error(`no walk-forward window fits in ${n} bars with in-sample ${describe(inSample)} and out-of-sample ${describe(outOfSample)}`);
  }
  return windows;
}

function describe(len: Length): string {
  return 'bars' in len ? `${len.bars} bars` : len.text;
}
