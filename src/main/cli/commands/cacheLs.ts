import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { isoMinute } from '../options';
import { thousands } from '../progressBar';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { CandleCache } from '../../data/cache/candleCache';
import { instrumentLabel } from '../../../shared/market/instrument';

const HELP = `usage: cryptota cache ls [--json]

Instruments in the local candle cache with their bar counts, first and last bar, and
the time ranges fetched (what backtests with --data cache:EXCHANGE:SYMBOL:INTERVAL
can use offline).`;

export const cacheLsCommand: CliCommand = {
  name: 'cache ls',
  summary: 'list cached instruments, ranges and bar counts',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { json: { type: 'boolean', default: false } }, strict: true });
    const db = openDb(defaultDbPath());
    try {
      const list = new CandleCache(db).list();
      if (values.json) {
        io.out(JSON.stringify({ instruments: list.map((i) => ({ ...i.key, spec: `cache:${instrumentLabel(i.key)}`, bars: i.bars, firstMs: i.firstMs, lastMs: i.lastMs, coverage: i.coverage })) }));
        return 0;
      }
      if (list.length === 0) {
        io.out('the cache is empty: fill it with cryptota sync or cryptota import');
        return 0;
      }
      io.out(`${'instrument'.padEnd(28)} ${'bars'.padStart(12)}  ${'first bar'.padEnd(16)}  ${'last bar'.padEnd(16)}  ranges`);
      for (const i of list) {
        const first = i.firstMs === undefined ? '-' : isoMinute(i.firstMs);
        const last = i.lastMs === undefined ? '-' : isoMinute(i.lastMs);
        const ranges = i.coverage.map((r) => `${isoMinute(r.fromMs)} → ${isoMinute(r.toMs)}`).join(', ');
        io.out(`${instrumentLabel(i.key).padEnd(28)} ${thousands(i.bars).padStart(12)}  ${first.padEnd(16)}  ${last.padEnd(16)}  ${ranges}`);
      }
      return 0;
    } finally {
      db.close();
    }
  },
};
