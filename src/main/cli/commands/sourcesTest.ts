import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { PG_HELP, PG_OPTIONS, pgSettingsFromFlags } from '../sourceOptions';
import { readSourceMapping } from '../../data/timescale/settings';
import { TimescaleSource } from '../../data/timescale/timescaleSource';
import { SourceError } from '../../data/timescale/sourceErrors';

const HELP = `usage: cryptota sources test [connection options] [--json]

Connects to the upstream TimescaleDB/PostgreSQL and says exactly what is wrong when
it cannot: host unreachable, authentication failed, database missing, no kline tables.
Exit status 0 when the source is usable, 1 otherwise.

${PG_HELP}`;

export const sourcesTestCommand: CliCommand = {
  name: 'sources test',
  summary: 'check the TimescaleDB connection and that kline tables exist',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({ args: [...argv], options: { ...PG_OPTIONS, json: { type: 'boolean', default: false } }, strict: true });
    const settings = pgSettingsFromFlags(values);
    try {
      const r = await TimescaleSource.test(settings, readSourceMapping());
      if (values.json) {
        io.out(JSON.stringify({ ok: true, server: r.server, serverVersion: r.serverVersion, timescaledb: r.timescaledb, tables: r.catalog.tables.length, skipped: r.catalog.skipped }));
      } else {
        io.out(`ok: ${r.server}`);
        io.out(`PostgreSQL ${r.serverVersion}, ${r.timescaledb ? `timescaledb ${r.timescaledb}` : 'no timescaledb extension (resampling uses date_bin)'}`);
        io.out(`${r.catalog.tables.length} kline table(s); list them with: cryptota sources ls`);
        for (const s of r.catalog.skipped) io.out(`skipped ${s.schema}.${s.table}: ${s.reason}`);
      }
      return 0;
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      if (values.json) io.out(JSON.stringify({ ok: false, kind: e.kind, message: e.message }));
      else io.err(`cryptota sources test: ${e.kind}: ${e.message}`);
      return 1;
    }
  },
};
