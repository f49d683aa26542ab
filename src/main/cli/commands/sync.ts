import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { PG_HELP, PG_OPTIONS, pgSettingsFromFlags } from '../sourceOptions';
import { INSTRUMENT_OPTIONS, abortOnSigint, instrumentFromFlags } from '../instrumentOptions';
import { isoMinute, timeOption } from '../options';
import { progressBar, thousands } from '../progressBar';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { CandleCache } from '../../data/cache/candleCache';
import { instrumentLabel } from '../../../shared/market/instrument';
import { syncWithRetry } from '../../data/syncWithRetry';
import { readSourceMapping } from '../../data/timescale/settings';

const HELP = `usage: cryptota sync --symbol <SYMBOL> [--exchange binance] [--interval 1m] [--from <date>] [--to <date>] [--refresh] [--json]

Copies bars from the upstream TimescaleDB into the local cache, fetching only the
ranges the cache does not have yet. Stopping it (Ctrl-C, a lost connection) keeps
what was stored; run it again to resume. An interval without its own table (e.g. 15m)
is resampled on the server from the finest table of the symbol that divides it and
covers the range; a bucket is cached once the table holds a bar past its end.

  --exchange <name>      default binance
  --symbol <SYMBOL>      e.g. BTCUSDT (required)
  --interval <iv>        1m, 5m, 15m, 1h, 4h, 1d, 1w... (default 1m)
  --from <date>          start (ISO date/time UTC or epoch ms; default: the table's first bar)
  --to <date>            end, exclusive (default: now; the bar still forming is never cached)
  --refresh              fetch the range again even where it is cached (upstream corrected
                         bars): its cached bars are replaced
  --page-size <n>        bars per request (default 100000)
  --retries <n>          when the database is unreachable or the connection drops, retry
                         this many times with backoff 1 s, 2 s, 4 s ... 30 s (default 5; 0 = fail at once)
  --json                 print the result as one JSON object

${PG_HELP}`;

export const syncCommand: CliCommand = {
  name: 'sync',
  summary: 'fetch missing bars from TimescaleDB into the local cache (resumable)',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...PG_OPTIONS, ...INSTRUMENT_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, 'page-size': { type: 'string' }, retries: { type: 'string' }, refresh: { type: 'boolean', default: false }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    const key = instrumentFromFlags(values);
    const fromMs = timeOption('from', values.from);
    const toMs = timeOption('to', values.to);
    if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw new UsageError('--to must be after --from');
    const pageSize = values['page-size'] === undefined ? undefined : Number(values['page-size']);
    if (pageSize !== undefined && (!Number.isInteger(pageSize) || pageSize < 1)) throw new UsageError(`--page-size must be a positive whole number (got "${values['page-size']}")`);
    const retries = values.retries === undefined ? 5 : Number(values.retries);
    if (!Number.isInteger(retries) || retries < 0) throw new UsageError(`--retries must be a whole number >= 0 (got "${values.retries}")`);
    const settings = pgSettingsFromFlags(values);
    const db = openDb(defaultDbPath());
    const bar = progressBar(io, `sync ${instrumentLabel(key)}`);
    const sigint = abortOnSigint();
    const started = performance.now();
    try {
      const r = await syncWithRetry(db, settings, readSourceMapping(), key, {
        fromMs, toMs, pageSize, signal: sigint.signal, maxAttempts: retries + 1, refresh: values.refresh,
        onProgress: (p) => bar.update(p.totalMs ? p.doneMs / p.totalMs : 1, `${thousands(p.rows)} bars`),
        onRetry: (e) => io.err(`\n${e.error.message}\nretrying in ${(e.delayMs / 1000).toFixed(0)} s (attempt ${e.attempt + 1} of ${e.maxAttempts}); what is cached so far is kept`),
      });
      bar.done();
      const cache = new CandleCache(db);
      const info = cache.list().find((i) => instrumentLabel(i.key) === instrumentLabel(key));
      const gaps = cache.gaps(key);
      const seconds = (performance.now() - started) / 1000;
      if (values.json) {
        io.out(JSON.stringify({ ...r, cachedBars: info?.bars ?? 0, coverage: info?.coverage ?? [], gaps: gaps.length, missingBars: gaps.reduce((s, g) => s + g.missingBars, 0), seconds }));
        return 0;
      }
      const how = r.method === 'direct' ? r.table : `${r.table}, resampled on the server with ${r.method}`;
      io.out(`${instrumentLabel(key)}: ${thousands(r.totalRows)} new bar(s) from ${how} in ${seconds.toFixed(1)} s`);
      if (r.fetched.length === 0) io.out(`already cached: ${isoMinute(r.range.fromMs)} → ${isoMinute(r.range.toMs)}`);
      io.out(`cache: ${thousands(info?.bars ?? 0)} bars${info?.firstMs !== undefined && info.lastMs !== undefined ? `, ${isoMinute(info.firstMs)} → ${isoMinute(info.lastMs)}` : ''}; ${gaps.length} gap(s) inside (cryptota cache gaps)`);
      return 0;
    } finally {
      bar.done();
      sigint.dispose();
      db.close();
    }
  },
};
