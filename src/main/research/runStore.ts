/** Saved runs in the local SQLite store: write one, find them, read one back, name and tag it, delete. */
import { createHash } from 'node:crypto';
import { checkpointSoon, type Db } from '../data/db';
import type { Candles } from '../engine/candles';
import { runOrder, runWhere } from './runSearch';
import { normalizeRunName, normalizeTags, RUN_NAME_MAX, RUN_TAGS_MAX, tagProblem, type RunFilter, type RunQuery } from '../../shared/runQuery';
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
  /** The run's tags joined by TAG_SEPARATOR (null when it has none). */
  tags: string | null;
}

// A tag cannot hold a control character (see tagProblem), so this one joins them safely.
const TAG_SEPARATOR = '\u001f';
const SUMMARY_COLUMNS = `id, created_at, kind, strategy, params_json, broker_json, data_source, data_from, data_to,
  bar_count, data_hash, stats_json, label,
  (SELECT group_concat(tag, char(31)) FROM run_tags WHERE run_id = runs.id) AS tags`;

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
    // After the caller has answered: keeps SQLite's automatic checkpoint out of the next saves.
    checkpointSoon(this.db);
    return summary;
  }

  /** Newest first; `search` for the history's filters and sort. */
  list(limit = 100, offset = 0): RunSummary[] {
    return this.search({ limit, offset });
  }

  /** One page of the runs matching `q` (see src/shared/runQuery.ts), sorted. */
  search(q: RunQuery = {}): RunSummary[] {
    const where = runWhere(q);
    const rows = this.db
      .prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs ${where.sql} ${runOrder(q.sort, q.dir)} LIMIT ? OFFSET ?`)
      .all(...where.params, q.limit ?? 100, q.offset ?? 0) as RunRow[];
    return rows.map(toSummary);
  }

  count(f: RunFilter = {}): number {
    const where = runWhere(f);
    return (this.db.prepare(`SELECT count(*) AS n FROM runs ${where.sql}`).get(...where.params) as { n: number }).n;
  }

  /** Every tag in use and how many runs carry it, most used first. */
  tags(): { tag: string; runs: number }[] {
    return this.db.prepare('SELECT tag, count(*) AS runs FROM run_tags GROUP BY tag ORDER BY runs DESC, tag').all() as { tag: string; runs: number }[];
  }

  summary(id: number): RunSummary | null {
    const row = this.db.prepare(`SELECT ${SUMMARY_COLUMNS} FROM runs WHERE id = ?`).get(id) as RunRow | undefined;
    return row ? toSummary(row) : null;
  }

  get(id: number): RunDetail | null {
    const s = this.summary(id);
    if (!s) return null;
    const row = this.db.prepare('SELECT equity, trades_json FROM runs WHERE id = ?').get(id) as { equity: Buffer; trades_json: string };
    const bytes = new Uint8Array(row.equity);
    const equity = new Float64Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    return { ...s, equity, trades: JSON.parse(row.trades_json) as TradeRecord[] };
  }

  delete(id: number): boolean {
    return this.db.prepare('DELETE FROM runs WHERE id = ?').run(id).changes > 0;
  }

  /**
   * Renames a run (an empty name clears it) and/or replaces its tags, in one
   * transaction. Returns null when the run does not exist. Tags are checked by the
   * shared rule here too: the CLI reaches the store without the API's schema.
   */
  update(id: number, patch: { name?: string; tags?: readonly string[] }): RunSummary | null {
    const tags = patch.tags === undefined ? undefined : normalizeTags(patch.tags);
    for (const t of tags ?? []) {
      const problem = tagProblem(t);
      if (problem) throw new RangeError(problem);
    }
    if (tags && tags.length > RUN_TAGS_MAX) throw new RangeError(`a run has at most ${RUN_TAGS_MAX} tags (got ${tags.length})`);
    const name = patch.name === undefined ? undefined : normalizeRunName(patch.name);
    if (name && name.length > RUN_NAME_MAX) throw new RangeError(`a name has at most ${RUN_NAME_MAX} characters (got ${name.length})`);
    const apply = this.db.transaction(() => {
      if (!this.db.prepare('SELECT 1 FROM runs WHERE id = ?').get(id)) return false;
      if (name !== undefined) this.db.prepare('UPDATE runs SET label = ? WHERE id = ?').run(name, id);
      if (tags) {
        this.db.prepare('DELETE FROM run_tags WHERE run_id = ?').run(id);
        const insert = this.db.prepare('INSERT INTO run_tags (run_id, tag) VALUES (?, ?)');
        for (const t of tags) insert.run(id, t);
      }
      return true;
    });
    return apply() ? this.summary(id) : null;
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
    tags: r.tags ? r.tags.split(TAG_SEPARATOR).sort() : [],
    ...(config.compat === undefined ? {} : { compat: config.compat }),
  };
}
