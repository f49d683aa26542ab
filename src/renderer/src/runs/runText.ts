/** How a run is named in words: the history, the comparison and exported files agree. */
import type { ParamValue, RunSummary } from '../../../shared/backtestTypes';

export function paramsText(params: Record<string, ParamValue>): string {
  return Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
}

/** "#12 baseline · sma_cross n1=10 n2=50" (the name only when it has one). */
export function runTitle(r: Pick<RunSummary, 'id' | 'label' | 'strategy' | 'params'>): string {
  return `#${r.id}${r.label ? ` ${r.label}` : ''} · ${r.strategy} ${paramsText(r.params)}`.trim();
}

/** "BTCUSDT_1h" for the bundled samples, the spec otherwise. */
export function dataText(spec: string): string {
  return spec.replace(/^sample:/, '');
}
