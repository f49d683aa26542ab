import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { isoMinute, timeOption } from '../options';
import { thousands } from '../progressBar';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { CandleCache } from '../../data/cache/candleCache';
import { instrumentLabel, InstrumentError, parseInstrumentSpec } from '../../../shared/market/instrument';

const HELP = `usage: cryptota cache rm EXCHANGE:SYMBOL:INTERVAL [--from <date>] [--to <date>] [--json]

Deletes cached bars, so stale or bad bars never force deleting the whole store: an
instrument (e.g. binance:BTCUSDT:1m, the cache: prefix is optional) or, with --from
and/or --to, only the bars with open time in that range. The range is taken out of
the fetched ranges, so the next cryptota sync fetches it again (or use sync --refresh).

  --from <date>   start (ISO date/time UTC or epoch ms; default: the first bar)
  --to <date>     end, exclusive (default: after the last bar)
  --json          print { instrument, removedBars } as one JSON object`;

export const cacheRmCommand: CliCommand = {
  name: 'cache rm',
  summary: 'delete an instrument or a time range from the local cache',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { from: { type: 'string' }, to: { type: 'string' }, json: { type: 'boolean', default: false } },
      allowPositionals: true,
      strict: true,
    });
    if (positionals.length !== 1) throw new UsageError('give one instrument, e.g. cryptota cache rm binance:BTCUSDT:1m (see cryptota cache ls)');
    let key;
    try {
      key = parseInstrumentSpec(positionals[0]);
    } catch (e) {
      if (e instanceof InstrumentError) throw new UsageError(e.message);
      throw e;
    }
    const fromMs = timeOption('from', values.from);
    const toMs = timeOption('to', values.to);
    if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs) throw new UsageError('--to must be after --from');
    const whole = fromMs === undefined && toMs === undefined;
    const db = openDb(defaultDbPath());
    try {
      const cache = new CandleCache(db);
      if (cache.findInstrument(key) === undefined) throw new UsageError(`${instrumentLabel(key)} is not in the cache (see cryptota cache ls)`);
      const removedBars = cache.removeRange(key, whole ? undefined : { fromMs: fromMs ?? -8.64e15, toMs: toMs ?? 8.64e15 });
      if (values.json) {
        io.out(JSON.stringify({ instrument: instrumentLabel(key), ...(whole ? {} : { fromMs, toMs }), removedBars }));
        return 0;
      }
      const what = whole ? 'and its fetched ranges' : `from ${fromMs === undefined ? 'the first bar' : isoMinute(fromMs)} to ${toMs === undefined ? 'the last bar' : isoMinute(toMs)}`;
      io.out(`${instrumentLabel(key)}: removed ${thousands(removedBars)} bar(s) ${what}`);
      return 0;
    } finally {
      db.close();
    }
  },
};
