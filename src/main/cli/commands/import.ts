import { parseArgs } from 'node:util';
import { existsSync } from 'node:fs';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { INSTRUMENT_OPTIONS, abortOnSigint, instrumentFromFlags } from '../instrumentOptions';
import { isoMinute } from '../options';
import { progressBar, thousands } from '../progressBar';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { importCsvToCache } from '../../data/csvImport';
import { instrumentLabel } from '../../../shared/market/instrument';
import { CandleCache } from '../../data/cache/candleCache';

const HELP = `usage: cryptota import <file.csv[.gz]> --symbol <SYMBOL> [--exchange binance] [--interval 1m] [--json]

Imports a candle CSV into the local cache, streamed (files larger than memory work),
in one transaction: an error names the line and the field, and the cache is left as
it was. Bars already cached with the same open time are replaced; duplicate lines
are merged (the later one wins). Layouts, told apart by the first line:
  - Binance kline CSV from data.binance.vision (12 columns, no header; open time in
    milliseconds, or microseconds in spot files from 2025 on: detected per row)
  - open_time_ms,open,high,low,close,volume
  - backtesting.py's date-indexed ,Open,High,Low,Close,Volume (dates in UTC)`;

export const importCommand: CliCommand = {
  name: 'import',
  summary: 'import a Binance / open_time_ms / backtesting.py CSV into the local cache',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { ...INSTRUMENT_OPTIONS, json: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: true,
    });
    if (positionals.length !== 1) throw new UsageError('import takes exactly one file');
    const file = positionals[0];
    if (!existsSync(file)) throw new UsageError(`no such file: ${file}`);
    const key = instrumentFromFlags(values);
    const db = openDb(defaultDbPath());
    const bar = progressBar(io, `import ${instrumentLabel(key)}`);
    const sigint = abortOnSigint();
    const started = performance.now();
    try {
      const r = await importCsvToCache(db, file, key, {
        signal: sigint.signal,
        onProgress: (p) => bar.update(p.totalBytes ? p.bytesRead / p.totalBytes : 0, `${thousands(p.rows)} rows`),
      });
      bar.done();
      const seconds = (performance.now() - started) / 1000;
      const gaps = new CandleCache(db).gaps(key);
      if (values.json) {
        io.out(JSON.stringify({ ...r, key, seconds, gaps: gaps.length }));
        return 0;
      }
      io.out(`${instrumentLabel(key)}: imported ${thousands(r.rows)} rows (${r.kind}${r.timeUnit === 'n/a' ? '' : `, open time in ${r.timeUnit}`}) from ${r.file} in ${seconds.toFixed(1)} s`);
      io.out(`bars ${isoMinute(r.firstMs)} → ${isoMinute(r.lastMs)}; ${thousands(r.duplicatesMerged)} duplicate(s) merged; ${gaps.length} gap(s) in the cache (cryptota cache gaps)`);
      return 0;
    } finally {
      bar.done();
      sigint.dispose();
      db.close();
    }
  },
};
