/** Saved runs in the local SQLite store: write one, list them, read one back, delete. */
import { createHash } from 'node:crypto';
import type { Db } from '../data/db';
import type { Candles } from '../engine/candles';
import type { BrokerSettings, CompatMode, ParamValue, RunDetail, RunSummary, StatsRecord, TradeRecord } from '../../shared/backtestTypes';

export interface NewRun {
  kind: RunSummary['kind'];
  strategy: string;
  params: Record<string, ParamValue>;
  broker: BrokerSettings;
  dataSource: string;
  data: DataFingerprint;
  stats: StatsRecord;
  equity: Float64Array;
  trades: readonly TradeRecord[];
  label?: string | null;
  /** Set when the run reproduced another tool's rules instead of ours. */
  compat?: CompatMode;
}

interface RunRow {
  id: number;
  created_at: number;
  kind: RunSummary['kind'];
  strategy: string;
  params_json: string;
  broker_json: string;
  data_source: string;
  data_from: number;
  data_to: number;
  bar_count: number;
  data_hash: string;
  stats_json: string;
  label: string | null;
}

/** What identifies the data a run saw: its bar range, count and content hash. */
export interface DataFingerprint {
  from: number;
  to: number;
  bars: number;
  hash: string;
}

export function fingerprint(c: Candles): DataFingerprint {
  return { from: c.length ? c.time[0] : 0, to: c.length ? c.time[c.length - 1] : 0, bars: c.length, hash: hashCandles(c) };
}

/** sha256 over the raw bytes of all six columns: equal hashes mean the runs saw identical data. */
export function hashCandles(c: Candles): string {
  const h = createHash('sha256');
  for (const col of [c.time, c.open, c.high, c.low, c.close, c.volume]) {
    h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  }
  return h.digest('hex').slice(0, 32);
}

export class RunStore {
  constructor(private readonly db: Db) {}

  save(run: NewRun): RunSummary {
    const d = run.data;
    const createdAt = Date.now();
    const equityBytes = Buffer.from(run.equity.buffer, run.equity.byteOffset, run.equity.byteLength);
    const info = this.db
      .prepare(
        `INSERT INTO runs (created_at, kind, strategy, params_json, broker_json, data_source, data_from, data_to,
                           bar_count, data_hash, stats_json, equity, trades_json, label)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        createdAt, run.kind, run.strategy, JSON.stringify(run.params), runConfigJson(run.broker, run.compat), run.dataSource,
        d.from, d.to, d.bars, d.hash,
        JSON.stringify(run.stats), equityBytes, JSON.stringify(run.trades), run.label ?? null,
      );
    const summary = this.summary(Number(info.lastInsertRowid));
    if (!summary) throw new Error('run was not saved');
    return summary;
  }

  list(limit = 100, offset = 0): RunSummary[] {
    const rows = this.db
      .prepare(`SELECT id, created_at, kind, strategy, params_json, broker_json, data_source, data_from, data_to,
                       bar_count, data_hash, stats_json, label
                FROM runs ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?`)
      .all(limit, offset) as RunRow[];
    return rows.map(toSummary);
  }

  summary(id: number): RunSummary | null {
    const row = this.db
      .prepare(`SELECT id, created_at, kind, strategy, params_json, broker_json, data_source, data_from, data_to,
                       bar_count, data_hash, stats_json, label FROM runs WHERE id = ?`)
      .get(id) as RunRow | undefined;
    return row ? toSummary(row) : null;
  }

  get(id: number): RunDetail | null {
    const s = this.summary(id);
    if (!s) return null;
    const row = this.db.prepare('SELECT equity, trades_json FROM runs WHERE id = ?').get(id) as { equity: Buffer; trades_json: string };
    const bytes = new Uint8Array(row.equity);
    const equity = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    return { ...s, equity: Array.from(equity), trades: JSON.parse(row.trades_json) as TradeRecord[] };
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
  }

  setLabel(id: number, label: string | null): boolean {
    return this.db.prepare('UPDATE runs SET label = ? WHERE id = ?').run(label, id).changes > 0;
  }
}

/**
 * The compat mode is stored beside the broker settings in broker_json (the run's
 * configuration), not in a column of its own: no migration, and runs saved before it
 * existed read back as made with our own rules. It is split out again on reading, so
 * `broker` stays exactly what the request gave.
 */
function runConfigJson(broker: BrokerSettings, compat: CompatMode | undefined): string {
  return JSON.stringify(compat === undefined ? broker : { ...broker, compat });
}

function fromRunConfigJson(json: string): { broker: BrokerSettings; compat?: CompatMode } {
  const { compat, ...broker } = JSON.parse(json) as BrokerSettings & { compat?: CompatMode };
  return compat === undefined ? { broker } : { broker, compat };
}

function toSummary(r: RunRow): RunSummary {
  const config = fromRunConfigJson(r.broker_json);
  return {
    id: r.id,
    createdAt: r.created_at,
    kind: r.kind,
    strategy: r.strategy,
    params: JSON.parse(r.params_json) as Record<string, ParamValue>,
    broker: config.broker,
    dataSource: r.data_source,
    dataFrom: r.data_from,
    dataTo: r.data_to,
    barCount: r.bar_count,
    dataHash: r.data_hash,
    stats: JSON.parse(r.stats_json) as StatsRecord,
    label: r.label,
    ...(config.compat === undefined ? {} : { compat: config.compat }),
  };
}
