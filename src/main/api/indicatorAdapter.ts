/**
 * Indicator series for the charts, computed over the same candles a backtest sees.
 * INTERIM: until the engine's catalog (src/main/engine/indicators/index.ts:
 * `indicatorCatalog`, `computeIndicator`) lands, the four chart overlays below are
 * computed with the engine's streaming classes directly.
 */
import type { Candles } from '../engine/candles';
import type { Db } from '../data/db';
import { loadCandlesForSpec } from '../data/dataSpec';
import { Bollinger } from '../engine/indicators/bollinger';
import { Ema } from '../engine/indicators/ema';
import { Rsi } from '../engine/indicators/rsi';
import { Sma } from '../engine/indicators/sma';
import type { IndicatorInfo, IndicatorSeries } from '../../shared/apiTypes';
import type { IndicatorApiService } from './services';
import { ApiFailure } from './errors';

interface Computed {
  readonly info: IndicatorInfo;
  compute(c: Candles, p: Record<string, number>): Record<string, Float64Array>;
}

const period = (def: number) => ({ name: 'period', default: def, min: 1, max: 1000 });

const interim: Computed[] = [
  {
    info: { name: 'sma', description: 'Simple moving average of close', params: [period(20)], outputs: ['sma'], pane: 'price' },
    compute: (c, p) => ({ sma: scalar(c, new Sma(p.period)) }),
  },
  {
    info: { name: 'ema', description: 'Exponential moving average of close', params: [period(20)], outputs: ['ema'], pane: 'price' },
    compute: (c, p) => ({ ema: scalar(c, new Ema(p.period)) }),
  },
  {
    info: {
      name: 'bollinger', description: 'Bollinger bands of close', pane: 'price', outputs: ['middle', 'upper', 'lower'],
      params: [period(20), { name: 'k', default: 2, min: 0, max: 10 }],
    },
    compute: (c, p) => {
      const b = new Bollinger(p.period, p.k);
      const mid = new Float64Array(c.length), up = new Float64Array(c.length), lo = new Float64Array(c.length);
      for (let i = 0; i < c.length; i++) {
        mid[i] = b.update(c.close[i]);
        up[i] = b.upper;
        lo[i] = b.lower;
      }
      return { middle: mid, upper: up, lower: lo };
    },
  },
  {
    info: { name: 'rsi', description: "Wilder's RSI of close", params: [period(14)], outputs: ['rsi'], pane: 'separate' },
    compute: (c, p) => ({ rsi: scalar(c, new Rsi(p.period)) }),
  },
];

export function indicatorApi(db: Db): IndicatorApiService {
  return {
    catalog: () => interim.map((i) => i.info),
    compute: async (spec, name, params, fromMs, toMs): Promise<IndicatorSeries> => {
      const ind = interim.find((i) => i.info.name === name);
      if (!ind) throw new ApiFailure('invalid-argument', `unknown indicator "${name}"`);
      const full = Object.fromEntries(ind.info.params.map((p) => [p.name, params[p.name] ?? p.default]));
      const { candles } = await loadCandlesForSpec(spec, { db, fromMs, toMs: toMs === undefined ? undefined : toMs + 1 });
      let out: Record<string, Float64Array>;
      try {
        out = ind.compute(candles, full);
      } catch (e) {
        throw new ApiFailure('invalid-argument', e instanceof Error ? e.message : String(e));
      }
      return {
        name,
        params: full,
        pane: ind.info.pane,
        outputs: Object.fromEntries(Object.entries(out).map(([k, v]) => [k, Array.from(v, (x) => (Number.isFinite(x) ? x : null))])),
      };
    },
  };
}

function scalar(c: Candles, ind: { update(x: number): number }): Float64Array {
  const out = new Float64Array(c.length);
  for (let i = 0; i < c.length; i++) out[i] = ind.update(c.close[i]);
  return out;
}
