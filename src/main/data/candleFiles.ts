/**
 * Where candles come from for commands that take `--data`: a CSV path (optionally .gz)
 * or `sample[:NAME]`, the real Binance data bundled in resources/sample.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { basename, join } from 'node:path';
import type { Candles } from '../engine/candles';
import { parseCandleCsv } from './csvCandles';
import { projectRoot } from '../projectRoot';

export const DEFAULT_SAMPLE = 'BTCUSDT_1h';

export function resourcesDir(): string {
  return process.env.CRYPTOTA_RESOURCES ?? join(projectRoot(), 'resources');
}

export function sampleNames(): string[] {
  return readdirSync(join(resourcesDir(), 'sample'))
    .filter((f) => f.endsWith('.csv.gz'))
    .map((f) => f.slice(0, -'.csv.gz'.length))
    .sort();
}

export function loadSample(name: string = DEFAULT_SAMPLE): Candles {
  const names = sampleNames();
  if (!names.includes(name)) throw new Error(`unknown sample "${name}"; bundled samples: ${names.join(', ')}`);
  const file = join(resourcesDir(), 'sample', `${name}.csv.gz`);
  return parseCandleCsv(gunzipSync(readFileSync(file)).toString('utf8'), `sample:${name}`);
}

export function loadCsvFile(path: string): Candles {
  const buf = readFileSync(path);
  const text = path.endsWith('.gz') ? gunzipSync(buf).toString('utf8') : buf.toString('utf8');
  return parseCandleCsv(text, basename(path));
}
