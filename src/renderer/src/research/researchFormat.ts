/** How research figures read on screen: parameter sets and heatmap colours. */
import type { ParamValue } from '../../../shared/backtestTypes';

/** "n1=10 n2=60" in the given key order. */
export function paramsText(params: Readonly<Record<string, ParamValue>>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${String(v)}`)
    .join(' ');
}

/**
 * The colour of an objective among [min, max]. A range that spans zero diverges around
 * it (red losses, green gains, brighter further out) so the sign reads at a glance; a
 * range of one sign is a single ramp from dim to bright, so small differences still show.
 */
export function objectiveColor(v: number, min: number, max: number): string {
  if (min < 0 && max > 0) {
    const t = Math.min(1, Math.abs(v) / Math.max(-min, max));
    return rgba(v >= 0 ? GAIN : LOSS, 0.12 + 0.88 * Math.sqrt(t));
  }
  const t = max > min ? (v - min) / (max - min) : 1;
  return rgba(max > 0 ? GAIN : LOSS, 0.12 + 0.88 * (max > 0 ? t : 1 - t));
}

const GAIN = [38, 166, 154] as const;
const LOSS = [239, 83, 80] as const;

function rgba(c: readonly [number, number, number], a: number): string {
  return `rgba(${c[0]},${c[1]},${c[2]},${a.toFixed(3)})`;
}
