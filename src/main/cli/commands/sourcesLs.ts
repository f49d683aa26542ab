import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { PG_HELP, PG_OPTIONS, pgSettingsFromFlags } from '../sourceOptions';
import { readSourceMapping } from '../../data/timescale/settings';
import { TimescaleSource } from '../../data/timescale/timescaleSource';
import { isoMinute } from '../options';
import { thousands } from '../progressBar';
import { barGrid } from '../../../shared/market/interval';

const HELP = `usage: cryptota sources ls [--extent] [connection options] [--json]

Lists the kline tables found in the upstream database's catalog
({exchange}_{symbol}_kline_{interval}, or as mapped in $CRYPTOTA_HOME/sources.json).
--extent also asks each table for its first and last bar (one min/max query per table).

${PG_HELP}`;

export const sourcesLsCommand: CliCommand = {
  name: 'sources ls',
  summary: 'list the kline tables in the TimescaleDB source',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...PG_OPTIONS, json: { type: 'boolean', default: false }, extent: { type: 'boolean', default: false } },
      strict: true,
    });
    const src = await TimescaleSource.connect(pgSettingsFromFlags(values), readSourceMapping());
    try {
      const cat = await src.catalog();
      const rows = [];
      for (const t of cat.tables) {
        const extent = values.extent ? await src.extent(t) : undefined;
        rows.push({ ...t.key, schema: t.schema, table: t.table, openTime: t.openTimeKind, ...(extent ? { firstMs: extent.fromMs, endMs: extent.toMs } : {}) });
      }
      if (values.json) {
        io.out(JSON.stringify({ tables: rows, skipped: cat.skipped }));
        return 0;
      }
      if (rows.length === 0) io.out('no kline tables found (cryptota sources test says why)');
      for (const r of rows) {
        const span = 'firstMs' in r && r.firstMs !== undefined && r.endMs !== undefined ? `  ${isoMinute(r.firstMs)} → ${isoMinute(barGrid(r.interval).start(r.endMs - 1))}` : '';
        io.out(`${`${r.exchange}:${r.symbol}:${r.interval}`.padEnd(28)} ${`${r.schema}.${r.table}`.padEnd(40)} ${r.openTime}${span}`);
      }
      for (const s of cat.skipped) io.out(`skipped ${s.schema}.${s.table}: ${s.reason}`);
      if (rows.length) io.out(`${thousands(rows.length)} table(s)`);
      return 0;
    } finally {
      await src.close();
    }
  },
};
