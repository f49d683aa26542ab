/**
 * Indicator series the renderer has computed, by data spec, range, indicator and
 * parameters. An overlay depends on the candles only, so a second run on the same data
 * redraws its overlays from here instead of asking `indicators.compute` again (on the
 * 1m sample each answer is ~2.5 MB that both ends would handle again while the new
 * run's chart is being painted).
 */
import type { ApiArg } from '../../../shared/api';
import type { IndicatorSeries } from '../../../shared/apiTypes';
import { api } from './client';

/** How many series stay (least recently used dropped first); one 1m series of a year is ~4 MB. */
export const INDICATOR_SERIES_KEPT = 24;

const series = new Map<string, Promise<IndicatorSeries>>();

export function loadIndicatorSeries(arg: ApiArg<'indicators.compute'>): Promise<IndicatorSeries> {
  const params = Object.keys(arg.params).sort().map((k) => [k, arg.params[k]]);
  const key = JSON.stringify([arg.data, arg.fromMs ?? null, arg.toMs ?? null, arg.name, params]);
  let p = series.get(key);
  if (p) {
    series.delete(key);
    series.set(key, p);
    return p;
  }
  p = api.call('indicators.compute', arg);
  // A refused computation (a bad parameter) is not kept: the user's next value asks again.
  p.catch(() => {
    if (series.get(key) === p) series.delete(key);
  });
  series.set(key, p);
  while (series.size > INDICATOR_SERIES_KEPT) series.delete(series.keys().next().value as string);
  return p;
}
