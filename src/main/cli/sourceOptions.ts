/**
 * Connection options shared by the commands that talk to the upstream TimescaleDB:
 * flags override PG* environment variables, which override $CRYPTOTA_HOME/sources.json.
 */
import type { PgSettings, PartialPgSettings } from '../data/timescale/settings';
import { loadPgSettings, parsePort, parseSslMode } from '../data/timescale/settings';
import { UsageError } from './command';

export const PG_OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  database: { type: 'string' },
  user: { type: 'string' },
  password: { type: 'string' },
  ssl: { type: 'string' },
  'statement-timeout': { type: 'string' },
} as const;

export const PG_HELP = `connection (flags > PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE/PGSSLMODE > $CRYPTOTA_HOME/sources.json):
  --host <host>             default localhost
  --port <port>             default 5432
  --database <name>         default market_data
  --user <name>             default $USER
  --password <pw>           prefer PGPASSWORD: flags show up in the process list
  --ssl <mode>              on (verify), no-verify, prefer (SSL if the server has it),
                            allow (plain unless the server insists), off; default off
  --statement-timeout <ms>  server-side limit per query, default 60000 (0 = none)`;

export interface PgFlagValues {
  host?: string;
  port?: string;
  database?: string;
  user?: string;
  password?: string;
  ssl?: string;
  'statement-timeout'?: string;
}

export function pgSettingsFromFlags(v: PgFlagValues): PgSettings {
  const explicit: { -readonly [K in keyof PartialPgSettings]: PartialPgSettings[K] } = {};
  if (v.host !== undefined) explicit.host = v.host;
  if (v.database !== undefined) explicit.database = v.database;
  if (v.user !== undefined) explicit.user = v.user;
  if (v.password !== undefined) explicit.password = v.password;
  try {
    if (v.port !== undefined) explicit.port = parsePort(v.port, '--port');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (v.ssl !== undefined) {
    const mode = parseSslMode(v.ssl);
    if (mode === undefined) throw new UsageError(`--ssl must be on, off, no-verify, prefer or allow (or a PGSSLMODE name) (got "${v.ssl}")`);
    explicit.ssl = mode;
  }
  if (v['statement-timeout'] !== undefined) {
    const n = Number(v['statement-timeout']);
    if (!Number.isInteger(n) || n < 0) throw new UsageError(`--statement-timeout must be a whole number of ms >= 0 (got "${v['statement-timeout']}")`);
    explicit.statementTimeoutMs = n;
  }
  return loadPgSettings(explicit);
}
