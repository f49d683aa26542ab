/**
 * Connection settings for the upstream TimescaleDB/PostgreSQL. Resolved from, in order
 * of precedence: explicit values (CLI flags), the PG* environment variables, the
 * `timescale` section of `$CRYPTOTA_HOME/sources.json`, then defaults (database
 * `market_data`).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { appHome } from '../../appHome';
import type { SourceMapping } from './catalog';
import { sourceMappingSchema } from './catalog';

export interface PgSettings {
  readonly host: string;
  readonly port: number;
  readonly database: string;
  readonly user: string;
  readonly password?: string;
  /**
   * `true` verifies the server certificate; `'no-verify'` encrypts without verifying;
   * `'prefer'` tries SSL and falls back to plain TCP when the server has none, `'allow'`
   * tries plain TCP and uses SSL when the server insists (libpq's sslmode meanings).
   */
  readonly ssl: SslMode;
  /** Server-side statement_timeout, ms (0 = none). */
  readonly statementTimeoutMs: number;
  /** How long to wait for the TCP connection and handshake, ms. */
  readonly connectTimeoutMs: number;
}

export type SslMode = boolean | 'no-verify' | 'prefer' | 'allow';

export const DEFAULT_DATABASE = 'market_data';

/**
 * libpq's sslmode names (PGSSLMODE, --ssl) → SslMode; also on/off/true/false. Undefined
 * when the name is not one of them.
 */
export function parseSslMode(v: string): SslMode | undefined {
  switch (v.trim().toLowerCase()) {
    case 'disable': case 'off': case 'false': return false;
    case 'allow': return 'allow';
    case 'prefer': return 'prefer';
    case 'require': case 'no-verify': return 'no-verify';
    case 'verify-ca': case 'verify-full': case 'on': case 'true': return true;
    default: return undefined;
  }
}

const settingsFileSchema = z
  .object({
    host: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    database: z.string().min(1),
    user: z.string().min(1),
    password: z.string(),
    ssl: z.union([z.boolean(), z.enum(['no-verify', 'prefer', 'allow'])]),
    statementTimeoutMs: z.number().int().min(0),
    connectTimeoutMs: z.number().int().min(1),
  })
  .partial();

export type PartialPgSettings = z.infer<typeof settingsFileSchema>;

export function sourcesFilePath(): string {
  return join(appHome(), 'sources.json');
}

/** The `timescale` section of sources.json (empty when the file does not exist). */
export function readSettingsFile(path: string = sourcesFilePath()): PartialPgSettings {
  const section = readSection(path, 'timescale');
  const parsed = settingsFileSchema.safeParse(section);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: timescale.${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

/**
 * The `mapping` section of sources.json: other table-name patterns, column names or
 * explicit tables (see SourceMapping in catalog.ts).
 */
export function readSourceMapping(path: string = sourcesFilePath()): SourceMapping {
  const parsed = sourceMappingSchema.safeParse(readSection(path, 'mapping'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${path}: mapping.${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

/** One top-level section of a settings JSON file ({} when the file or the section is absent). */
export function readSection(path: string, name: string): unknown {
  if (!existsSync(path)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  return typeof json === 'object' && json !== null && name in json ? (json as Record<string, unknown>)[name] : {};
}

export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): PartialPgSettings {
  const out: { -readonly [K in keyof PartialPgSettings]: PartialPgSettings[K] } = {};
  if (env.PGHOST) out.host = env.PGHOST;
  if (env.PGPORT) out.port = parsePort(env.PGPORT, 'PGPORT');
  if (env.PGDATABASE) out.database = env.PGDATABASE;
  if (env.PGUSER) out.user = env.PGUSER;
  if (env.PGPASSWORD !== undefined) out.password = env.PGPASSWORD;
  if (env.PGSSLMODE) {
    const mode = parseSslMode(env.PGSSLMODE);
    if (mode === undefined) throw new Error(`PGSSLMODE "${env.PGSSLMODE}" is not one of disable, allow, prefer, require, verify-ca, verify-full`);
    out.ssl = mode;
  }
  return out;
}

/** Merges layers (later wins) over defaults. */
export function resolvePgSettings(...layers: PartialPgSettings[]): PgSettings {
  const merged: PartialPgSettings = Object.assign({}, ...layers.map(dropUndefined));
  return {
    host: merged.host ?? 'localhost',
    port: merged.port ?? 5432,
    database: merged.database ?? DEFAULT_DATABASE,
    user: merged.user ?? process.env.USER ?? 'postgres',
    ...(merged.password === undefined ? {} : { password: merged.password }),
    ssl: merged.ssl ?? false,
    statementTimeoutMs: merged.statementTimeoutMs ?? 60_000,
    connectTimeoutMs: merged.connectTimeoutMs ?? 10_000,
  };
}

/** Settings from file, env and explicit values, in that order of precedence (explicit wins). */
export function loadPgSettings(explicit: PartialPgSettings = {}, env: NodeJS.ProcessEnv = process.env): PgSettings {
  return resolvePgSettings(readSettingsFile(), settingsFromEnv(env), explicit);
}

/**
 * How long the client waits for any answer: the server's statement_timeout plus time for
 * the reply to travel, so a query the server cancels still reports `timeout`, and only a
 * silent connection ends here. No statement timeout, no client timeout either.
 */
export function clientQueryTimeoutMs(s: PgSettings): number | undefined {
  return s.statementTimeoutMs > 0 ? s.statementTimeoutMs + 5_000 : undefined;
}

export function describeSettings(s: PgSettings): string {
  const ssl = s.ssl === 'prefer' || s.ssl === 'allow' ? ` (sslmode=${s.ssl})` : s.ssl ? ' (ssl)' : '';
  return `postgresql://${encodeURIComponent(s.user)}@${s.host}:${s.port}/${encodeURIComponent(s.database)}${ssl}`;
}

export function parsePort(v: string, what: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 65535) throw new Error(`${what} "${v}" is not a port number (1-65535)`);
  return n;
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
