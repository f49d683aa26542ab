/**
 * The TimescaleDB and Kafka connection settings the Settings screen edits, kept in the
 * `timescale` and `kafka` sections of sources.json beside the store (the file the CLI
 * reads from $CRYPTOTA_HOME too; its `mapping` section and any key the screen does not
 * edit are kept). No password is ever written here: those go to the secret store.
 * The services read these settings under the variables a user sets (PGHOST...,
 * KAFKA_BROKERS...), which win, as everywhere else.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';
import type { PartialPgSettings, PgSettings, SslMode } from '../data/timescale/settings';
import { parseSslMode, readSection, readSettingsFile, resolvePgSettings, settingsFromEnv } from '../data/timescale/settings';
import type { KafkaSettings } from '../live/kafkaSettings';
import type { ConnectionSettings, KafkaConnection, TimescaleConnection } from '../../shared/dataManagementTypes';

const kafkaSectionSchema = z
  .object({
    brokers: z.string(),
    ssl: z.boolean(),
    saslUsername: z.string(),
    saslMechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']),
  })
  .partial();

/** Variables that win over each saved setting (shown as "overridden" on the screen). */
const TIMESCALE_ENV = ['PGHOST', 'PGPORT', 'PGDATABASE', 'PGUSER', 'PGSSLMODE'] as const;
const KAFKA_ENV = ['KAFKA_BROKERS', 'KAFKA_SSL', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_MECHANISM'] as const;

export function readKafkaSection(file: string): KafkaConnection {
  const parsed = kafkaSectionSchema.safeParse(readSection(file, 'kafka'));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: kafka.${issue.path.join('.')} ${issue.message}`);
  }
  return parsed.data;
}

export function readConnectionSettings(file: string, env: NodeJS.ProcessEnv = process.env): ConnectionSettings {
  return {
    timescale: toConnection(readSettingsFile(file)),
    kafka: readKafkaSection(file),
    file,
    envOverrides: [...TIMESCALE_ENV, ...KAFKA_ENV].filter((v) => env[v] !== undefined && env[v] !== ''),
  };
}

/** Replaces the sections given, keeping the rest of the file (mapping, timeouts, a hand-written password). */
export function writeConnectionSettings(file: string, update: { timescale?: TimescaleConnection; kafka?: KafkaConnection }): void {
  const all = readWholeFile(file);
  if (update.timescale) {
    const old = (all.timescale ?? {}) as Record<string, unknown>;
    const { host: _h, port: _p, database: _d, user: _u, ssl: _s, ...kept } = old;
    all.timescale = { ...kept, ...fromConnection(update.timescale) };
  }
  if (update.kafka) all.kafka = dropEmpty({ ...update.kafka });
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, `${JSON.stringify(all, null, 2)}\n`);
  renameSync(tmp, file);
}

/**
 * PostgreSQL settings for the Data screen: the file, then the PG* variables, then values
 * typed on the screen and not saved yet (a Test before Save), later wins.
 */
export function pgSettingsFor(file: string, typed?: TimescaleConnection, env: NodeJS.ProcessEnv = process.env): PgSettings {
  return resolvePgSettings(readSettingsFile(file), settingsFromEnv(env), typed ? fromConnection(typed) : {});
}

/** Kafka settings: the file under the KAFKA_* variables, or the typed values; the password from KAFKA_SASL_PASSWORD. */
export function kafkaSettingsFor(file: string, typed?: KafkaConnection, env: NodeJS.ProcessEnv = process.env): KafkaSettings {
  const saved = readKafkaSection(file);
  const c: KafkaConnection = typed ?? {
    brokers: env.KAFKA_BROKERS || saved.brokers,
    ssl: env.KAFKA_SSL ? env.KAFKA_SSL === '1' || env.KAFKA_SSL === 'true' : saved.ssl,
    saslUsername: env.KAFKA_SASL_USERNAME || saved.saslUsername,
    saslMechanism: (env.KAFKA_SASL_MECHANISM as KafkaConnection['saslMechanism']) || saved.saslMechanism,
  };
  return {
    brokers: (c.brokers ?? '').split(',').map((b) => b.trim()).filter((b) => b !== ''),
    ssl: c.ssl === true,
    ...(c.saslUsername ? { sasl: { mechanism: c.saslMechanism ?? 'plain', username: c.saslUsername, password: env.KAFKA_SASL_PASSWORD ?? '' } } : {}),
  };
}

/**
 * Hands the saved Kafka settings to the live service through the variables it reads at
 * start (as stored passwords are), unless the user set those variables.
 */
export function applyKafkaSettingsToEnv(file: string, env: NodeJS.ProcessEnv = process.env): void {
  const k = readKafkaSection(file);
  const set = (name: string, value: string | undefined) => {
    if (value !== undefined && value !== '' && (env[name] === undefined || env[name] === '')) env[name] = value;
  };
  if (env.KAFKA_BROKERS) return; // the user's own broker list: their SASL/TLS variables go with it
  set('KAFKA_BROKERS', k.brokers);
  if (k.ssl) set('KAFKA_SSL', '1');
  set('KAFKA_SASL_USERNAME', k.saslUsername);
  if (k.saslUsername) set('KAFKA_SASL_MECHANISM', k.saslMechanism ?? 'plain');
}

function toConnection(p: PartialPgSettings): TimescaleConnection {
  return dropEmpty({ host: p.host, port: p.port, database: p.database, user: p.user, ssl: p.ssl === undefined ? undefined : sslName(p.ssl) });
}

function fromConnection(c: TimescaleConnection): PartialPgSettings {
  // The screen's names are libpq's (or on/off): the one parser turns them into SslMode.
  const ssl = c.ssl === undefined ? undefined : parseSslMode(c.ssl);
  return dropEmpty({ host: c.host, port: c.port, database: c.database, user: c.user, ssl });
}

function sslName(m: SslMode): NonNullable<TimescaleConnection['ssl']> {
  return m === true ? 'on' : m === false ? 'off' : m;
}

function readWholeFile(file: string): Record<string, unknown> {
  if (!existsSync(file)) return {};
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new Error(`${file}: not valid JSON (${(e as Error).message}); fix or delete it before saving`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error(`${file}: not a JSON object; fix or delete it before saving`);
  return json as Record<string, unknown>;
}

function dropEmpty<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;
}
