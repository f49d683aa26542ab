/**
 * SQLite access for the live service (tables of migration 10). `commitBatch` writes
 * everything one feed batch produced — candles, session bars, events, trades, equity,
 * portfolios, alerts, outbox messages, reject counts and the partition offset — in ONE
 * transaction, which is what makes a kill -9 at any instant recoverable exactly.
 */
import { randomUUID } from 'node:crypto';
import type { Statement } from 'better-sqlite3';
import type { Db } from '../data/db';
import type { BrokerConfig } from '../engine/brokerTypes';
import type { ParamValues } from '../engine/strategy';
import type { LiveCandle } from './candleMessage';
import type { FeedHole, FeedRejectExample } from '../../shared/apiTypes';

export type SessionStatus = 'running' | 'paused' | 'stopped';

export interface SessionSpec {
  readonly name: string;
  readonly strategy: string;
  readonly params: ParamValues;
  /** "SYMBOL:interval" keys. */
  readonly instruments: readonly string[];
  readonly broker: BrokerConfig;
}

export interface SessionRow extends SessionSpec {
  readonly id: number;
  readonly createdAt: number;
  readonly status: SessionStatus;
  readonly updatedAt: number;
}

export interface StoredCandle {
  readonly instrument: string;
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** What one processed batch writes. */
export interface BatchWrites {
  readonly topic: string;
  readonly partition: number;
  readonly lastOffset: string;
  /**
   * The per-candle rows as flat parameter lists (7, 3 and 3 values a row), the shape the
   * multi-row INSERTs bind directly: no per-row objects on the hot path.
   * candles: instrument, time, open, high, low, close, volume.
   */
  readonly candles: Array<string | number>;
  /** session_id, instrument, time. */
  readonly sessionBars: Array<string | number>;
  /** session_id, time, equity. */
  readonly equity: number[];
  readonly events: Array<{ sessionId: number; instrument: string; time: number; kind: string; json: string }>;
  readonly trades: Array<{ sessionId: number; instrument: string; seq: number; json: string }>;
  readonly portfolios: Array<{ sessionId: number; bars: number; json: string }>;
  /** ruleId null: raised by the service itself (a feed hole). */
  readonly alerts: Array<{ ruleId: number | null; time: number; json: string }>;
  readonly holes: FeedHole[];
  readonly outbox: Array<{ topic: string; key: string; value: string }>;
  readonly rejects: Map<string, number>;
  /** Closed candles ignored as already applied, in this batch. */
  readonly ignored: { duplicate: number; out_of_order: number };
  /** The last rejected message of each reason in this batch. */
  readonly rejectExamples: Map<string, FeedRejectExample>;
  /** Outbox rows up to this seq were acknowledged by Kafka: deleted in this transaction. */
  ackOutboxUpTo?: number;
}

/** An outbox row as committed, with its seq (the order it is sent in). */
export interface OutboxRow {
  readonly seq: number;
  readonly topic: string;
  readonly key: string;
  readonly value: string;
}

export function emptyBatch(topic: string, partition: number, lastOffset: string): BatchWrites {
  return { topic, partition, lastOffset, candles: [], sessionBars: [], equity: [], events: [], trades: [], portfolios: [], alerts: [], holes: [], outbox: [], rejects: new Map(), rejectExamples: new Map(), ignored: { duplicate: 0, out_of_order: 0 } };
}

/** Rows per multi-row INSERT: 128 x 7 = 896 bound values, well under SQLite's limit. */
const CHUNK_ROWS = 128;

/**
 * A multi-row INSERT for a flat parameter list: full chunks of CHUNK_ROWS rows, then one
 * statement sized for the rest. Statements are prepared once per row count and reused.
 */
class MultiInsert {
  private readonly bySize = new Map<number, Statement>();

  constructor(private readonly db: Db, private readonly head: string, private readonly columns: number, private readonly tail = '') {}

  run(values: ReadonlyArray<string | number>): void {
    const rows = values.length / this.columns;
    let row = 0;
    while (row < rows) {
      const n = Math.min(CHUNK_ROWS, rows - row);
      const from = row * this.columns;
      this.statement(n).run(n === rows ? values : values.slice(from, from + n * this.columns));
      row += n;
    }
  }

  private statement(rows: number): Statement {
    let st = this.bySize.get(rows);
    if (!st) {
      const tuple = `(${new Array<string>(this.columns).fill('?').join(', ')})`;
      st = this.db.prepare(`${this.head} VALUES ${new Array<string>(rows).fill(tuple).join(', ')}${this.tail}`);
      this.bySize.set(rows, st);
    }
    return st;
  }
}

export class LiveStore {
  private readonly st;
  private readonly insCandles: MultiInsert;
  private readonly insBars: MultiInsert;
  private readonly insEquity: MultiInsert;
  private readonly insOutbox: MultiInsert;
  /**
   * Next outbox seq, assigned here rather than by SQLite: a rowid restarts at 1 when the
   * table has been emptied, which would put new rows below the publisher's acknowledged
   * mark. Only the live service writes the outbox, so the counter is exact.
   */
  private nextOutboxSeq: number;

  constructor(readonly db: Db) {
    this.insCandles = new MultiInsert(db, 'INSERT OR IGNORE INTO live_candles(instrument, time, open, high, low, close, volume)', 7);
    this.insBars = new MultiInsert(db, 'INSERT OR IGNORE INTO paper_bars(session_id, instrument, time)', 3);
    this.insEquity = new MultiInsert(db, 'INSERT INTO paper_equity(session_id, time, equity)', 3, ' ON CONFLICT(session_id, time) DO UPDATE SET equity = excluded.equity');
    this.insOutbox = new MultiInsert(db, 'INSERT INTO live_outbox(seq, topic, key, value)', 4);
    this.st = {
      getMeta: db.prepare<[string], { value: string }>('SELECT value FROM live_meta WHERE key = ?'),
      setMeta: db.prepare('INSERT INTO live_meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      offsets: db.prepare<[string], { partition: number; offset: string }>('SELECT partition, offset FROM live_offsets WHERE topic = ?'),
      setOffset: db.prepare('INSERT INTO live_offsets(topic, partition, offset) VALUES (?, ?, ?) ON CONFLICT(topic, partition) DO UPDATE SET offset = excluded.offset'),
      lastTimes: db.prepare<[], { instrument: string; time: number }>('SELECT instrument, MAX(time) AS time FROM live_candles GROUP BY instrument'),
      insEvent: db.prepare('INSERT INTO paper_events(session_id, instrument, time, kind, json) VALUES (?, ?, ?, ?, ?)'),
      insTrade: db.prepare('INSERT OR REPLACE INTO paper_trades(session_id, instrument, seq, json) VALUES (?, ?, ?, ?)'),
      setPortfolio: db.prepare('INSERT INTO paper_portfolio(session_id, bars, json, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(session_id) DO UPDATE SET bars = excluded.bars, json = excluded.json, updated_at = excluded.updated_at'),
      insAlert: db.prepare('INSERT INTO alert_events(rule_id, time, json) VALUES (?, ?, ?)'),
      addIgnored: db.prepare('INSERT INTO live_ignored_counts(reason, count) VALUES (?, ?) ON CONFLICT(reason) DO UPDATE SET count = count + excluded.count'),
      ignored: db.prepare<[], { reason: 'duplicate' | 'out_of_order'; count: number }>('SELECT reason, count FROM live_ignored_counts'),
      insHole: db.prepare('INSERT INTO live_feed_holes(topic, partition, from_offset, to_offset, missed, at) VALUES (?, ?, ?, ?, ?, ?)'),
      holes: db.prepare<[number], { topic: string; partition: number; from_offset: string; to_offset: string; missed: number; at: number }>(
        'SELECT topic, partition, from_offset, to_offset, missed, at FROM live_feed_holes ORDER BY id DESC LIMIT ?'),
      maxOutboxSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM live_outbox'),
      addReject: db.prepare(`INSERT INTO live_reject_counts(reason, count, last_example) VALUES (?, ?, ?)
        ON CONFLICT(reason) DO UPDATE SET count = count + excluded.count, last_example = COALESCE(excluded.last_example, last_example)`),
      rejects: db.prepare<[], { reason: string; count: number; last_example: string | null }>('SELECT reason, count, last_example FROM live_reject_counts'),
      outbox: db.prepare<[number, number], OutboxRow>('SELECT seq, topic, key, value FROM live_outbox WHERE seq > ? ORDER BY seq LIMIT ?'),
      delOutbox: db.prepare('DELETE FROM live_outbox WHERE seq <= ?'),
      insSession: db.prepare('INSERT INTO paper_sessions(name, created_at, strategy, params_json, instruments_json, broker_json, status, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)'),
      sessions: db.prepare<[], RawSession>('SELECT * FROM paper_sessions ORDER BY id'),
      session: db.prepare<[number], RawSession>('SELECT * FROM paper_sessions WHERE id = ?'),
      setStatus: db.prepare('UPDATE paper_sessions SET status = ?, updated_at = ? WHERE id = ?'),
      delSession: db.prepare('DELETE FROM paper_sessions WHERE id = ?'),
      sessionCandles: db.prepare<[number], StoredCandle>(
        `SELECT c.instrument, c.time, c.open, c.high, c.low, c.close, c.volume
           FROM paper_bars b JOIN live_candles c ON c.instrument = b.instrument AND c.time = b.time
          WHERE b.session_id = ? ORDER BY b.instrument, b.time`),
      portfolio: db.prepare<[number], { bars: number; json: string }>('SELECT bars, json FROM paper_portfolio WHERE session_id = ?'),
      trades: db.prepare<[number], { instrument: string; seq: number; json: string }>('SELECT instrument, seq, json FROM paper_trades WHERE session_id = ? ORDER BY instrument, seq'),
      equity: db.prepare<[number], { time: number; equity: number }>('SELECT time, equity FROM paper_equity WHERE session_id = ? ORDER BY time'),
      sessionHoles: db.prepare<[number], { json: string }>("SELECT json FROM paper_events WHERE session_id = ? AND kind = 'feed_hole' ORDER BY id"),
      events: db.prepare<[number, number], { instrument: string; time: number; kind: string; json: string }>('SELECT instrument, time, kind, json FROM paper_events WHERE session_id = ? ORDER BY id DESC LIMIT ?'),
      eventsOfKind: db.prepare<[number, string, number], { instrument: string; time: number; json: string }>('SELECT instrument, time, json FROM paper_events WHERE session_id = ? AND kind = ? ORDER BY id DESC LIMIT ?'),
      recentTrades: db.prepare<[number, number], { instrument: string; json: string }>(
        "SELECT instrument, json FROM paper_trades WHERE session_id = ? ORDER BY json_extract(json, '$.exitTime') DESC, seq DESC LIMIT ?"),
      realizedPnl: db.prepare<[number], { pnl: number | null }>("SELECT SUM(json_extract(json, '$.pnl')) AS pnl FROM paper_trades WHERE session_id = ?"),
      addRule: db.prepare('INSERT INTO alert_rules(created_at, json, enabled) VALUES (?, ?, 1)'),
      rules: db.prepare<[], { id: number; created_at: number; json: string; enabled: number }>('SELECT id, created_at, json, enabled FROM alert_rules ORDER BY id'),
      delRule: db.prepare('DELETE FROM alert_rules WHERE id = ?'),
      rulesVersion: db.prepare<[], { v: string }>("SELECT COUNT(*) || ':' || IFNULL(MAX(id), 0) AS v FROM alert_rules"),
      lastFired: db.prepare<[], { rule_id: number; time: number }>('SELECT rule_id, MAX(time) AS time FROM alert_events WHERE rule_id IS NOT NULL GROUP BY rule_id'),
      recentAlerts: db.prepare<[number], { id: number; rule_id: number | null; time: number; json: string }>('SELECT id, rule_id, time, json FROM alert_events ORDER BY id DESC LIMIT ?'),
      candlesSince: db.prepare<[string, number], StoredCandle>('SELECT instrument, time, open, high, low, close, volume FROM live_candles WHERE instrument = ? AND time >= ? ORDER BY time'),
      recentCandles: db.prepare<[string, number], StoredCandle>('SELECT instrument, time, open, high, low, close, volume FROM live_candles WHERE instrument = ? ORDER BY time DESC LIMIT ?'),
    };
    this.nextOutboxSeq = (this.st.maxOutboxSeq.get()?.seq ?? 0) + 1;
  }

  /** A random id made once per store: the consumer group of this workstation. */
  workstationId(): string {
    const row = this.st.getMeta.get('workstation_id');
    if (row) return row.value;
    const id = randomUUID();
    this.st.setMeta.run('workstation_id', id);
    return id;
  }

  /** The running service's last feed state, for other processes (`paper status`). */
  setFeedState(state: { state: string; lag: number; message: string | null; at: number; pid: number }): void {
    this.st.setMeta.run('feed_state', JSON.stringify(state));
  }

  feedState(): { state: string; lag: number; message: string | null; at: number; pid: number } | null {
    const row = this.st.getMeta.get('feed_state');
    return row ? (JSON.parse(row.value) as { state: string; lag: number; message: string | null; at: number; pid: number }) : null;
  }

  offsets(topic: string): Map<number, bigint> {
    return new Map(this.st.offsets.all(topic).map((r) => [r.partition, BigInt(r.offset)]));
  }

  lastCandleTimes(): Map<string, number> {
    return new Map(this.st.lastTimes.all().map((r) => [r.instrument, r.time]));
  }

  rejectCounts(): Record<string, number> {
    return Object.fromEntries(this.st.rejects.all().map((r) => [r.reason, r.count]));
  }

  /** Closed candles ignored since the store was made: bars already applied, seen again or late. */
  ignoredCounts(): { duplicates: number; outOfOrder: number } {
    const out = { duplicates: 0, outOfOrder: 0 };
    for (const r of this.st.ignored.all()) {
      if (r.reason === 'duplicate') out.duplicates = r.count;
      else out.outOfOrder = r.count;
    }
    return out;
  }

  /** The market topic the live service reads (recorded at its start), for status commands. */
  setFeedTopic(topic: string): void {
    this.st.setMeta.run('feed_topic', topic);
  }

  feedTopic(): string | null {
    return this.st.getMeta.get('feed_topic')?.value ?? null;
  }

  /** The most recent holes in the stream (offsets lost to retention), newest first. */
  feedHoles(limit: number): FeedHole[] {
    return this.st.holes.all(limit).map((h) => ({ topic: h.topic, partition: h.partition, fromOffset: h.from_offset, toOffset: h.to_offset, missed: h.missed, at: h.at }));
  }

  /** Per reject reason, the last message rejected for it. */
  rejectExamples(): Record<string, FeedRejectExample> {
    const out: Record<string, FeedRejectExample> = {};
    for (const r of this.st.rejects.all()) if (r.last_example) out[r.reason] = JSON.parse(r.last_example) as FeedRejectExample;
    return out;
  }

  /**
   * Writes the batch in one transaction and returns its outbox rows with their seqs, so
   * the publisher can send them straight from memory. A throw rolls everything back.
   */
  commitBatch(w: BatchWrites): OutboxRow[] {
    const s = this.st;
    const now = Date.now();
    const firstSeq = this.nextOutboxSeq;
    const outbox: OutboxRow[] = new Array<OutboxRow>(w.outbox.length);
    const outboxValues: Array<string | number> = [];
    for (let i = 0; i < w.outbox.length; i++) {
      const o = w.outbox[i];
      outbox[i] = { seq: firstSeq + i, topic: o.topic, key: o.key, value: o.value };
      outboxValues.push(firstSeq + i, o.topic, o.key, o.value);
    }
    this.db.transaction(() => {
      if (outboxValues.length > 0) this.insOutbox.run(outboxValues);
      if (w.candles.length > 0) this.insCandles.run(w.candles);
      if (w.sessionBars.length > 0) this.insBars.run(w.sessionBars);
      if (w.equity.length > 0) this.insEquity.run(w.equity);
      for (const e of w.events) s.insEvent.run(e.sessionId, e.instrument, e.time, e.kind, e.json);
      for (const t of w.trades) s.insTrade.run(t.sessionId, t.instrument, t.seq, t.json);
      for (const p of w.portfolios) s.setPortfolio.run(p.sessionId, p.bars, p.json, now);
      for (const a of w.alerts) s.insAlert.run(a.ruleId, a.time, a.json);
      if (w.ignored.duplicate > 0) s.addIgnored.run('duplicate', w.ignored.duplicate);
      if (w.ignored.out_of_order > 0) s.addIgnored.run('out_of_order', w.ignored.out_of_order);
      for (const h of w.holes) s.insHole.run(h.topic, h.partition, h.fromOffset, h.toOffset, h.missed, h.at);
      for (const [reason, n] of w.rejects) {
        const example = w.rejectExamples.get(reason);
        s.addReject.run(reason, n, example ? JSON.stringify(example) : null);
      }
      s.setOffset.run(w.topic, w.partition, w.lastOffset);
      if (w.ackOutboxUpTo !== undefined) s.delOutbox.run(w.ackOutboxUpTo);
    })();
    // Advanced only after the commit: a rolled-back batch leaves its seqs unused.
    this.nextOutboxSeq = firstSeq + outbox.length;
    return outbox;
  }

  /** Outbox rows after `afterSeq` (rows up to it were sent but not yet deleted). */
  pendingOutbox(afterSeq: number, limit: number): OutboxRow[] {
    return this.st.outbox.all(afterSeq, limit);
  }

  ackOutbox(uptoSeq: number): void {
    this.st.delOutbox.run(uptoSeq);
  }

  createSession(spec: SessionSpec): number {
    const now = Date.now();
    const r = this.st.insSession.run(spec.name, now, spec.strategy, JSON.stringify(spec.params), JSON.stringify(spec.instruments), JSON.stringify(spec.broker), 'running', now);
    return Number(r.lastInsertRowid);
  }

  sessions(): SessionRow[] {
    return this.st.sessions.all().map(toSession);
  }

  session(id: number): SessionRow | null {
    const r = this.st.session.get(id);
    return r ? toSession(r) : null;
  }

  /** Removes a session and everything it derived (used when the start that created it failed). */
  deleteSession(id: number): void {
    this.st.delSession.run(id);
  }

  setStatus(id: number, status: SessionStatus): void {
    const r = this.st.setStatus.run(status, Date.now(), id);
    if (r.changes === 0) throw new Error(`no paper session ${id}`);
  }

  /** The closed bars a session consumed, grouped by instrument, in time order. */
  sessionCandles(id: number): Map<string, StoredCandle[]> {
    const out = new Map<string, StoredCandle[]>();
    for (const c of this.st.sessionCandles.iterate(id) as Iterable<StoredCandle>) {
      let list = out.get(c.instrument);
      if (!list) out.set(c.instrument, (list = []));
      list.push(c);
    }
    return out;
  }

  portfolio(id: number): { bars: number; json: string } | null {
    return this.st.portfolio.get(id) ?? null;
  }

  trades(id: number): Array<{ instrument: string; seq: number; json: string }> {
    return this.st.trades.all(id);
  }

  equity(id: number): Array<{ time: number; equity: number }> {
    return this.st.equity.all(id);
  }

  /** The feed holes that happened while the session was running (its bars skip over them). */
  sessionHoles(id: number): FeedHole[] {
    return this.st.sessionHoles.all(id).map((r) => JSON.parse(r.json) as FeedHole);
  }

  recentEvents(id: number, limit: number): Array<{ instrument: string; time: number; kind: string; json: string }> {
    return this.st.events.all(id, limit);
  }

  /** The session's last `limit` events of one kind ('fill', 'order_rejected'...), newest first. */
  recentEventsOfKind(id: number, kind: string, limit: number): Array<{ instrument: string; time: number; json: string }> {
    return this.st.eventsOfKind.all(id, kind, limit);
  }

  /** The session's last `limit` closed trades (engine Trade JSON), latest exit first. */
  recentTrades(id: number, limit: number): Array<{ instrument: string; json: string }> {
    return this.st.recentTrades.all(id, limit);
  }

  /** Net PnL of all the session's closed trades (0 before the first). */
  realizedPnl(id: number): number {
    return this.st.realizedPnl.get(id)?.pnl ?? 0;
  }

  addAlertRule(json: string): number {
    return Number(this.st.addRule.run(Date.now(), json).lastInsertRowid);
  }

  deleteAlertRule(id: number): boolean {
    return this.st.delRule.run(id).changes > 0;
  }

  alertRules(): Array<{ id: number; createdAt: number; json: string; enabled: boolean }> {
    return this.st.rules.all().map((r) => ({ id: r.id, createdAt: r.created_at, json: r.json, enabled: r.enabled === 1 }));
  }

  /** Changes whenever a rule is added or removed (by any process). */
  alertRulesVersion(): string {
    return this.st.rulesVersion.get()?.v ?? '';
  }

  alertLastFired(): Map<number, number> {
    return new Map(this.st.lastFired.all().map((r) => [r.rule_id, r.time]));
  }

  recentAlerts(limit: number): Array<{ id: number; ruleId: number | null; time: number; json: string }> {
    return this.st.recentAlerts.all(limit).map((r) => ({ id: r.id, ruleId: r.rule_id, time: r.time, json: r.json }));
  }

  candlesSince(instrument: string, fromTime: number): StoredCandle[] {
    return this.st.candlesSince.all(instrument, fromTime);
  }

  /** The last `limit` closed candles of an instrument, oldest first (read-only; for the live chart). */
  recentCandles(instrument: string, limit: number): StoredCandle[] {
    return this.st.recentCandles.all(instrument, limit).reverse();
  }
}

interface RawSession {
  id: number; name: string; created_at: number; strategy: string; params_json: string;
  instruments_json: string; broker_json: string; status: SessionStatus; updated_at: number;
}

function toSession(r: RawSession): SessionRow {
  return {
    id: r.id, name: r.name, createdAt: r.created_at, strategy: r.strategy,
    params: JSON.parse(r.params_json) as ParamValues,
    instruments: JSON.parse(r.instruments_json) as string[],
    broker: JSON.parse(r.broker_json) as BrokerConfig,
    status: r.status, updatedAt: r.updated_at,
  };
}

/** Converts a live candle into the stored row of its instrument. */
export function toStored(c: LiveCandle, instrument: string): StoredCandle {
  return { instrument, time: c.time, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume };
}
