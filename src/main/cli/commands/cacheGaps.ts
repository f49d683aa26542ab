import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { isoMinute } from '../options';
import { thousands } from '../progressBar';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { CandleCache } from '../../data/cache/candleCache';
import type { InstrumentKey } from '../../../shared/market/instrument';
import { instrument, instrumentLabel, InstrumentError } from '../../../shared/market/instrument';

const HELP = `usage: cryptota cache gaps [--exchange <name>] [--symbol <SYMBOL>] [--interval <iv>] [--limit N] [--json]

Missing bars: inside the ranges the cache holds (exchange outages, holes in an
imported file) and between two fetched ranges ("not synced": sync that span to
fill it). Without filters, every cached instrument is checked.`;

export const cacheGapsCommand: CliCommand = {
  name: 'cache gaps',
  summary: 'list missing bars inside and between the cached ranges',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { exchange: { type: 'string' }, symbol: { type: 'string' }, interval: { type: 'string' }, limit: { type: 'string', default: '50' }, json: { type: 'boolean', default: false } },
      strict: true,
    });
    const limit = Number(values.limit);
    if (!Number.isInteger(limit) || limit < 0) throw new UsageError(`--limit must be a whole number >= 0 (got "${values.limit}")`);
    const db = openDb(defaultDbPath());
    try {
      const cache = new CandleCache(db);
      const keys = cache.list().map((i) => i.key).filter((k) => matches(k, values));
      const report = keys.map((key) => {
        const gaps = cache.gaps(key);
        return { ...key, gaps: gaps.length, missingBars: gaps.reduce((s, g) => s + g.missingBars, 0), list: gaps };
      });
      if (values.json) {
        io.out(JSON.stringify({ instruments: report }));
        return 0;
      }
      if (report.length === 0) io.out('no cached instrument matches');
      for (const r of report) {
        io.out(`${instrumentLabel(r)}: ${r.gaps} gap(s), ${thousands(r.missingBars)} missing bar(s)`);
        for (const g of r.list.slice(0, limit)) {
          const why = g.kind === 'not_synced' ? '  not synced: between two fetched ranges (sync this span to fill it)' : '';
          io.out(`  ${isoMinute(g.fromMs)} → ${isoMinute(g.toMs)}  ${thousands(g.missingBars)} bar(s)${why}`);
        }
        if (r.list.length > limit) io.out(`  ... ${r.list.length - limit} more (--limit, --json)`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};

function matches(k: InstrumentKey, f: { exchange?: string; symbol?: string; interval?: string }): boolean {
  try {
    // Validates the filters the same way as everywhere else.
    const want = instrument(f.exchange ?? k.exchange, f.symbol ?? k.symbol, f.interval ?? k.interval);
    return want.exchange === k.exchange && want.symbol === k.symbol && want.interval === k.interval;
  } catch (e) {
    if (e instanceof InstrumentError) throw new UsageError(e.message);
    throw e;
  }
}
