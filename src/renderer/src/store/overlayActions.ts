/**
 * Indicator overlays of the open run. Each overlay is computed on its own: editing one
 * recomputes that one only, and a value the service refuses marks that overlay's chip
 * while the others keep drawing.
 */
import type { IndicatorInfo, IndicatorSeries } from '../../../shared/apiTypes';
import type { RunSummary } from '../../../shared/backtestTypes';
import { loadIndicatorSeries } from '../api/indicatorSeriesSets';
import { getState, setState, type AppState, type Overlay } from './appStore';

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

type OverlayAnswer = { readonly series: IndicatorSeries } | { readonly error: string };

/**
 * Every overlay's series for a run about to be shown, and the overlays that failed, so the
 * run goes on screen with them in one update: the price chart is then built once per Run,
 * not once without overlays and once more per overlay (each a full redraw of its bars).
 * Series are computed once per data set and parameters, so on a data set already seen
 * this costs nothing.
 */
export async function overlaysForRun(run: RunSummary): Promise<Pick<AppState, 'overlaySeries' | 'overlayErrors'>> {
  const overlays = getState().overlays;
  const answers = await Promise.all(overlays.map((o) => loadOverlay(run, o)));
  const overlaySeries: Record<number, IndicatorSeries> = {};
  const overlayErrors: Record<number, string> = {};
  answers.forEach((a, k) => {
    if ('series' in a) overlaySeries[overlays[k].id] = a.series;
    else overlayErrors[overlays[k].id] = a.error;
  });
  return { overlaySeries, overlayErrors };
}

async function computeOverlay(o: Overlay): Promise<void> {
  const { run } = getState();
  if (!run) return;
  const answer = await loadOverlay(run, o);
  const s = getState();
  // Drop answers for a run or parameters that are no longer on screen.
  if (s.run?.id !== run.id || !s.overlays.some((x) => x.id === o.id && x.params === o.params)) return;
  if ('series' in answer) setState({ overlaySeries: { ...s.overlaySeries, [o.id]: answer.series }, overlayErrors: without(s.overlayErrors, o.id) });
  else setState({ overlayErrors: { ...s.overlayErrors, [o.id]: answer.error } });
}

async function loadOverlay(run: RunSummary, o: Overlay): Promise<OverlayAnswer> {
  try {
    return { series: await loadIndicatorSeries({ data: run.dataSource, name: o.name, params: o.params, fromMs: run.dataFrom, toMs: run.dataTo }) };
  } catch (e) {
    return { error: e instanceof Error ? e.message : String(e) };
  }
}

function without<T>(rec: Record<number, T>, id: number): Record<number, T> {
  const next = { ...rec };
  delete next[id];
  return next;
}
