/** Adapts the data layer (bundled samples, CSV, local cache) to the API's narrow interface. */
import type { Candles } from '../engine/candles';
import type { Db } from '../data/db';
import { loadCandlesForSpec } from '../data/dataSpec';
import { loadSample, sampleNames } from '../data/candleFiles';
import { CandleCache } from '../data/cache/candleCache';
import type { DataSetCache } from '../research/dataSetCache';
import type { CandleColumnsPayload, DataSourceInfo } from '../../shared/apiTypes';
import type { DataApiService } from './services';

/**
 * `dataSets`, when given, is the backtests' cache of loaded data sets: the chart's candles
 * and a backtest on the same spec and range then read and parse the data once (a run's
 * first chart asks for its candles while the backtest loads them).
 */
export function dataApi(db: Db, dataSets?: DataSetCache): DataApiService {
  // The bundled samples never change while the app runs: describe them once.
  let samples: DataSourceInfo[] | null = null;
  return {
    sources: async (): Promise<DataSourceInfo[]> => {
      samples ??= sampleNames().map((name): DataSourceInfo => {
        const c = loadSample(name);
        return {
          spec: `sample:${name}`,
          label: `${name.replace('_', ' ')} (sample)`,
          kind: 'sample',
          bars: c.length,
          ...(c.length ? { fromMs: c.time[0], toMs: c.time[c.length - 1] } : {}),
        };
      });
      return [...samples, ...cachedSources(db)];
    },
    candles: async (spec, fromMs, toMs) => {
      // A saved run names its source canonically (`csv:/abs/path`); the loader takes the bare path.
      const data = spec.startsWith('csv:') ? spec.slice(4) : spec;
      // The loaders' upper bound is exclusive, the API's inclusive (as a backtest request's).
      const end = toMs === undefined ? undefined : toMs + 1;
      if (dataSets) {
        const set = await dataSets.get({ data, fromMs, toMs: end });
        return toPayload(set.candles, set.source, set.warnings);
      }
      const loaded = await loadCandlesForSpec(data, { db, fromMs, toMs: end });
      return toPayload(loaded.candles, loaded.source, loaded.warnings ?? []);
    },
  };
}

/**
 * The candles' columns as the API sends them. Each is copied to a buffer of its own:
 * the loaded columns may be views into a larger (or shared) buffer of a cache, and
 * structured clone (IPC) would send that whole buffer, or refuse a SharedArrayBuffer.
 */
export function toPayload(c: Candles, source: string, warnings: readonly string[]): CandleColumnsPayload {
  return {
    source,
    time: c.time.slice(),
    open: c.open.slice(),
    high: c.high.slice(),
    low: c.low.slice(),
    close: c.close.slice(),
    volume: c.volume.slice(),
    warnings: [...warnings],
  };
}

/** Instruments in the local cache, each offered as a `cache:` spec. */
function cachedSources(db: Db): DataSourceInfo[] {
  return new CandleCache(db).list().filter((i) => i.bars > 0).map((i): DataSourceInfo => ({
    spec: `cache:${i.key.exchange}:${i.key.symbol}:${i.key.interval}`,
    label: `${i.key.symbol} ${i.key.interval} (${i.key.exchange} cache)`,
    kind: 'cache',
    bars: i.bars,
    ...(i.firstMs === undefined ? {} : { fromMs: i.firstMs }),
    ...(i.lastMs === undefined ? {} : { toMs: i.lastMs }),
  }));
}
