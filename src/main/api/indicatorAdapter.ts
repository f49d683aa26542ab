/**
 * Indicator series for the charts, computed by the engine's catalog over the same
 * candles a backtest sees, with the very streaming objects strategies use.
 */
import type { Db } from '../data/db';
import { loadCandlesForSpec } from '../data/dataSpec';
import { computeIndicator, IndicatorRequestError, indicatorCatalog } from '../engine/indicators';
import type { IndicatorInfo, IndicatorSeries } from '../../shared/apiTypes';
import type { IndicatorApiService } from './services';
import { ApiFailure } from './errors';

function toApiInfo(i: (typeof indicatorCatalog)[number]): IndicatorInfo {
  return {
    name: i.name,
    description: i.description,
    params: i.params.map((p) => ({ name: p.name, default: Number(p.default), min: p.min, max: p.max, description: p.description })),
    outputs: [...i.outputs],
    pane: i.kind === 'overlay' ? 'price' : 'separate',
  };
}

export function indicatorApi(db: Db): IndicatorApiService {
  return {
    catalog: () => indicatorCatalog.map(toApiInfo),
    compute: async (spec, name, params, fromMs, toMs): Promise<IndicatorSeries> => {
      const info = indicatorCatalog.find((i) => i.name === name);
      if (!info) throw new ApiFailure('invalid-argument', `unknown indicator "${name}" (known: ${indicatorCatalog.map((i) => i.name).join(', ')})`);
      const { candles } = await loadCandlesForSpec(spec, { db, fromMs, toMs: toMs === undefined ? undefined : toMs + 1 });
      let out: Record<string, Float64Array>;
      try {
        out = computeIndicator(name, params, candles);
      } catch (e) {
        if (e instanceof IndicatorRequestError) throw new ApiFailure('invalid-argument', e.message);
        throw e;
      }
      const full = Object.fromEntries(info.params.map((p) => [p.name, params[p.name] ?? Number(p.default)]));
      return {
        name,
        params: full,
        pane: info.kind === 'overlay' ? 'price' : 'separate',
        outputs: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Array.from(v, (x) => (Number.isFinite(x) ? x : null))])),
      };
    },
  };
}
