/**
 * `cache:EXCHANGE:SYMBOL:INTERVAL` specs: bars from the local cache only (works offline).
 * When the interval itself was never cached, it is resampled from the finest cached
 * interval whose bars nest in it and that covers the range (chooseResampleBase), as the server would. Ranges
 * of the request that the cache does not cover come back as warnings.
 */
import { rangeCandles } from '../engine/candles';
import { CandleCache } from './cache/candleCache';
import type { TimeRange } from './cache/ranges';
import { formatRange, subtractRanges } from './cache/ranges';
import type { LoadedCandles, LoadSpecOptions } from './dataSpec';
import { openDb } from './db';
import { defaultDbPath } from '../appHome';
import { barGrid } from '../../shared/market/interval';
import type { InstrumentKey } from '../../shared/market/instrument';
import { instrumentLabel, parseInstrumentSpec } from '../../shared/market/instrument';
import { resampleCandles } from './resample';
import { chooseResampleBase } from './resampleBase';

export async function loadCachedSpec(spec: string, opts: LoadSpecOptions): Promise<LoadedCandles> {
  const key = parseInstrumentSpec(spec);
  const db = opts.db ?? openDb(defaultDbPath());
  try {
    return loadFromCache(new CandleCache(db), key, opts.fromMs, opts.toMs);
  } finally {
    if (!opts.db) db.close();
  }
}

export function loadFromCache(cache: CandleCache, key: InstrumentKey, fromMs?: number, toMs?: number): LoadedCandles {
  const source = `cache:${instrumentLabel(key)}`;
  const own = cache.list().find((i) => sameInstrument(i.key, key) && i.bars > 0);
  if (own) {
    const candles = cache.read(key, fromMs, toMs);
    return { candles, source, warnings: missingWarnings(cache.coverage(key), key, fromMs, toMs, candles.length ? undefined : own) };
  }
  const grid = barGrid(key.interval);
  const candidates = cache
    .list()
    .filter((i) => i.key.exchange === key.exchange && i.key.symbol === key.symbol && i.bars > 0)
    .map((i) => ({ item: i, interval: i.key.interval, ranges: i.coverage }));
  const finer = chooseResampleBase(key.interval, candidates, { fromMs: fromMs ?? -Infinity, toMs: toMs ?? Infinity });
  if (!finer) {
    throw new Error(
      `the cache has no ${key.exchange}:${key.symbol} bars at ${key.interval} or a finer interval that divides it; ` +
        `fetch them with: cryptota sync --exchange ${key.exchange} --symbol ${key.symbol} --interval 1m --from YYYY-MM-DD` +
        ` (or cryptota import FILE --exchange ${key.exchange} --symbol ${key.symbol} --interval 1m)`,
    );
  }
  // Read whole buckets so the first and last bars are not cut short by the range.
  const a = fromMs === undefined ? undefined : grid.start(fromMs);
  const b = toMs === undefined ? undefined : grid.end(toMs - 1);
  const base = cache.read(finer.key, a, b);
  const candles = rangeCandles(resampleCandles(base, grid), fromMs, toMs);
  const warnings = [`resampled from cached ${finer.key.interval} bars`, ...missingWarnings(cache.coverage(finer.key), finer.key, a, b)];
  // The source stays a loadable spec; where the bars came from is in the warnings.
  return { candles, source, warnings };
}

/** Parts of the request the cache never fetched; without bounds, the holes between cached ranges. */
function missingWarnings(coverage: readonly TimeRange[], key: InstrumentKey, fromMs?: number, toMs?: number, empty?: { firstMs?: number; lastMs?: number }): string[] {
  const lo = fromMs ?? coverage[0]?.fromMs ?? 0;
  const hi = toMs ?? coverage[coverage.length - 1]?.toMs ?? lo;
  const out: string[] = [];
  const missing = subtractRanges({ fromMs: lo, toMs: hi }, coverage);
  for (const m of missing) out.push(`${instrumentLabel(key)}: not in the cache: ${formatRange(m)} (run cryptota sync to fetch it)`);
  if (empty && empty.firstMs !== undefined && empty.lastMs !== undefined) {
    out.push(`no cached bars in the requested range; the cache holds ${formatRange({ fromMs: empty.firstMs, toMs: empty.lastMs })}`);
  }
  return out;
}

function sameInstrument(a: InstrumentKey, b: InstrumentKey): boolean {
  return a.exchange === b.exchange && a.symbol === b.symbol && a.interval === b.interval;
}
