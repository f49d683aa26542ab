/**
 * Shapes of the data-management and connection-settings API (the Data and Settings
 * screens): source tests, upstream tables, cache coverage with its gaps, sync progress,
 * cache removal, CSV import, and the TimescaleDB / Kafka connection settings. Plain data,
 * JSON and structured-clone safe. Passwords never appear here: they go through
 * `settings.secrets.set` and are never sent back.
 */

/** TimescaleDB connection as the Settings screen edits it (no password). */
export interface TimescaleConnection {
  host?: string;
  port?: number;
  database?: string;
  user?: string;
  /** libpq sslmode meanings: off, on (verify), no-verify, prefer, allow. */
  ssl?: 'off' | 'on' | 'no-verify' | 'prefer' | 'allow';
}

export type KafkaSaslMechanism = 'plain' | 'scram-sha-256' | 'scram-sha-512';

/** Kafka connection as the Settings screen edits it (no password). */
export interface KafkaConnection {
  /** host:port, comma separated. */
  brokers?: string;
  ssl?: boolean;
  /** Empty or absent: no SASL. */
  saslUsername?: string;
  saslMechanism?: KafkaSaslMechanism;
}

export interface ConnectionSettings {
  timescale: TimescaleConnection;
  kafka: KafkaConnection;
  /** The JSON file they are kept in (beside the store). */
  file: string;
  /**
   * Environment variables set for this process that win over the file (e.g. PGHOST,
   * KAFKA_BROKERS): the screen says a saved value is overridden.
   */
  envOverrides: string[];
}

/** Distinct reasons a TimescaleDB source cannot be used (the CLI's `sources test` kinds). */
export type SourceFailureKind =
  | 'unreachable'
  | 'connection_lost'
  | 'auth_failed'
  | 'database_missing'
  | 'no_kline_tables'
  | 'table_missing'
  | 'ssl'
  | 'timeout'
  | 'cancelled'
  | 'bad_data'
  | 'settings'
  | 'other';

export interface SourceTable {
  exchange: string;
  symbol: string;
  interval: string;
  schema: string;
  table: string;
  openTime: string;
}

export interface SkippedSourceTable {
  schema: string;
  table: string;
  reason: string;
}

export type SourceTestResult =
  | { ok: true; server: string; serverVersion: string; timescaledb: string | null; tables: SourceTable[]; skipped: SkippedSourceTable[] }
  | { ok: false; kind: SourceFailureKind; message: string };

export type KafkaFailureKind = 'unreachable' | 'auth_failed' | 'ssl' | 'settings' | 'other';

export type KafkaTestResult =
  | { ok: true; brokers: string[]; topics: number; marketTopic: boolean }
  | { ok: false; kind: KafkaFailureKind; message: string };

export interface CoverageGap {
  fromMs: number;
  toMs: number;
  missingBars: number;
  /** 'outage': the source had no bars there either; 'not_synced': never fetched (sync it). */
  kind: 'outage' | 'not_synced';
}

export interface InstrumentCoverage {
  /** `exchange:SYMBOL:interval` (what data.sync, data.cacheRemove take). */
  instrument: string;
  /** The data spec to backtest on (`cache:...`). */
  spec: string;
  exchange: string;
  symbol: string;
  interval: string;
  bars: number;
  firstMs: number | null;
  lastMs: number | null;
  /** Fetched (complete) ranges [fromMs, toMs). */
  ranges: { fromMs: number; toMs: number }[];
  /** In time order; at most COVERAGE_GAP_LIMIT (the largest kept); the totals count them all. */
  gaps: CoverageGap[];
  gapCount: number;
  missingBars: number;
}

/** Gaps sent per instrument (a noisy 1m history can have thousands of one-bar outages). */
export const COVERAGE_GAP_LIMIT = 500;

export interface DataSyncProgress {
  jobId: string;
  instrument: string;
  /** Bars written so far. */
  rows: number;
  /** Milliseconds of missing time fetched so far / in all (0/0 until planned). */
  doneMs: number;
  totalMs: number;
  elapsedMs: number;
  /** Set while waiting to retry after a lost connection: what happened and when the next try is. */
  retry: string | null;
}

export interface DataSyncResult {
  instrument: string;
  /** `schema.table` read, and whether it was resampled on the server. */
  table: string;
  /** How the bars were read: as stored, or resampled on the server (date_trunc for calendar months). */
  method: 'direct' | 'date_bin' | 'time_bucket' | 'date_trunc';
  rows: number;
  fetched: { fromMs: number; toMs: number }[];
  attempts: number;
  seconds: number;
}

export interface DataImportResult {
  instrument: string;
  fileName: string;
  kind: string;
  rows: number;
  duplicatesMerged: number;
  firstMs: number;
  lastMs: number;
  gaps: number;
}

/**
 * Largest CSV text the browser may send (one WebSocket message is at most 256 KiB);
 * bigger files go by path (desktop app, or a file on the machine running `cryptota serve`)
 * or through `cryptota import`.
 */
export const MAX_IMPORT_TEXT_BYTES = 240 * 1024;
