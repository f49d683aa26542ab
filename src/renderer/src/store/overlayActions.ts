/**
 * Indicator overlays of the open run. Each overlay is computed on its own: editing one
 * recomputes that one only, and a value the service refuses marks that overlay's chip
 * while the others keep drawing.
 */
import type { IndicatorInfo } from '../../../shared/apiTypes';
import { loadIndicatorSeries } from '../api/indicatorSeriesSets';
import { getState, setState, type Overlay } from './appStore';

export function addOverlay(info: IndicatorInfo): void {
  const { overlays } = getState();
  const id = overlays.reduce((m, o) => Math.max(m, o.id), 0) + 1;
  const overlay: Overlay = { id, name: info.name, params: Object.fromEntries(info.params.map((p) => [p.name, p.default])) };
  setState({ overlays: [...overlays, overlay] });
  void computeOverlay(overlay);
}

export function removeOverlay(id: number): void {
  const { overlays, overlaySeries, overlayErrors } = getState();
  setState({ overlays: overlays.filter((o) => o.id !== id), overlaySeries: without(overlaySeries, id), overlayErrors: without(overlayErrors, id) });
}

export function setOverlayParams(id: number, params: Record<string, number>): void {
  const overlays = getState().overlays.map((o) => (o.id === id ? { ...o, params } : o));
  setState({ overlays });
  const overlay = overlays.find((o) => o.id === id);
  if (overlay) void computeOverlay(overlay);
}

/** Computes every overlay for the run just opened. */
export async function refreshOverlays(): Promise<void> {
  await Promise.all(getState().overlays.map((o) => computeOverlay(o)));
}

async function computeOverlay(o: Overlay): Promise<void> {
  const { run } = getState();
  if (!run) return;
  const current = () => {
    const s = getState();
    // Drop answers for a run or parameters that are no longer on screen.
    return s.run?.id === run.id && s.overlays.some((x) => x.id === o.id && x.params === o.params);
  };
  try {
    // Computed once per data set and parameters: a second run on the same data reuses it.
    const series = await loadIndicatorSeries({ data: run.dataSource, name: o.name, params: o.params, fromMs: run.dataFrom, toMs: run.dataTo });
    if (current()) setState({ overlaySeries: { ...getState().overlaySeries, [o.id]: series }, overlayErrors: without(getState().overlayErrors, o.id) });
  } catch (e) {
    if (current()) setState({ overlayErrors: { ...getState().overlayErrors, [o.id]: e instanceof Error ? e.message : String(e) } });
  }
}

function without<T>(rec: Record<number, T>, id: number): Record<number, T> {
  const next = { ...rec };
  delete next[id];
  return next;
}
