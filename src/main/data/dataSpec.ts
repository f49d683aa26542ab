/**
 * Resolves a `--data` spec into candles. One entry point for the CLI, the API and
 * research jobs, so every caller accepts the same spellings:
 *  - `sample` / `sample:NAME`              the real Binance data bundled in resources/sample;
 *  - `cache:EXCHANGE:SYMBOL:INTERVAL`      the local SQLite cache (offline), resampled from
 *                                          1m when INTERVAL itself was never cached;
 *  - `csv:PATH` or anything else           a CSV path (optionally .gz): Binance kline CSV,
 *                                          open_time_ms CSV or backtesting.py's date-indexed CSV.
 * The `source` returned is one of these spellings, so it can be loaded again as is.
 * `fromMs` / `toMs` cut the series to bars whose open time is in [fromMs, toMs).
 */
import { resolve } from 'node:path';
import type { Candles } from '../engine/candles';
import { rangeCandles } from '../engine/candles';
import { DEFAULT_SAMPLE, loadSample } from './candleFiles';
import { loadCsvCandles } from './csvImport';
import type { Db } from './db';

export interface LoadSpecOptions {
  /** Local store to read `cache:` specs from; opened at the default path when omitted. */
  readonly db?: Db;
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface LoadedCandles {
  readonly candles: Candles;
  /** Canonical name of where the bars came from, e.g. `sample:BTCUSDT_1h`, `csv:/abs/path`. */
  readonly source: string;
  /** Human-readable notes, e.g. ranges missing from the cache. Empty when there is nothing to say. */
  readonly warnings?: readonly string[];
}

export async function loadCandlesForSpec(spec: string, opts: LoadSpecOptions = {}): Promise<LoadedCandles> {
  const s = spec.trim();
  if (s === '') throw new Error('empty data spec; use sample, sample:NAME, cache:EXCHANGE:SYMBOL:INTERVAL or a CSV path');
  if (s === 'sample' || s.startsWith('sample:')) {
    const name = s === 'sample' ? DEFAULT_SAMPLE : s.slice('sample:'.length);
    return { candles: rangeCandles(loadSample(name), opts.fromMs, opts.toMs), source: `sample:${name}` };
  }
  if (s.startsWith('cache:')) {
    const { loadCachedSpec } = await import('./cacheSpec');
    return loadCachedSpec(s, opts);
  }
  // `csv:/abs/path` is how a run records a CSV source: accept it back (overlays reload it).
  const path = resolve(s.startsWith('csv:') ? s.slice('csv:'.length) : s);
  return { candles: rangeCandles(await loadCsvCandles(path), opts.fromMs, opts.toMs), source: `csv:${path}` };
}
