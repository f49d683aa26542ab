/**
 * The synchronous core of the live service: one Kafka batch in, one SQLite transaction
 * out. Skips offsets already applied, decodes and validates every message (rejects are
 * counted per reason and optionally dead-lettered), drops duplicate and out-of-order
 * closed candles per instrument, steps every running paper session, evaluates alert
 * rules, and commits all of it with the partition offset at once. No await between the
 * first state change and the commit, so nothing can interleave with a half-applied batch.
 */
import type { FillEvent, Trade } from '../engine/brokerTypes';
import type { StrategyDefinition } from '../engine/strategy';
import { decodeCandleMessage, instrumentKey, type LiveCandle, type RejectReason } from './candleMessage';
import { AlertEvaluator, parseAlertRule, type AlertFire, type AlertRule, type SignalLike } from './alertRules';
import { emptyBatch, toStored, type BatchWrites, type LiveStore, type OutboxRow, type SessionRow, type SessionStatus, type StoredCandle } from './liveStore';
import { PaperSession, replaySession, type PortfolioSnapshot } from './paperSession';
import type { RawBatch } from './kafkaFeed';
import type { FeedHole, FeedRejectExample } from '../../shared/apiTypes';

/** Holes kept in memory for the feed status (the store has them all). */
const RECENT_HOLES = 20;

/** Characters of a rejected message kept as its example: enough to recognise its shape. */
const EXAMPLE_CHARS = 300;

export interface LiveTopics {
  readonly market: string;
  readonly signals: string;
  readonly portfolio: string;
  readonly alerts: string;
  /** Malformed messages are forwarded here when set. */
  readonly deadLetter?: string;
}

/** Published on `trade_signals` (key = symbol). */
export interface SignalMessage {
  readonly id: string;
  readonly type: 'signal';
  readonly sessionId: string;
  readonly sessionName: string;
  readonly strategy: string;
  readonly symbol: string;
  readonly interval: string;
  readonly side: 'buy' | 'sell';
  /** What filled: market | limit | stop | close | stop_loss | take_profit. */
  readonly reason: string;
  readonly price: number;
  readonly size: number;
  readonly commission: number;
  /** Signed position after the fill. */
  readonly positionAfter: number;
  /** Open time of the bar the fill happened in (epoch ms). */
  readonly time: number;
}

/** Published on `alerts` (key = symbol). */
export interface AlertMessage {
  readonly id: string;
  readonly type: 'alert';
  /** The rule that fired; null for an alert the service raises itself (kind). */
  readonly ruleId: number | null;
  readonly rule: AlertRule | null;
  /** 'rule' for a rule's alert; 'feed_hole' when candles left the broker unread. */
  readonly kind?: 'rule' | 'feed_hole';
  readonly symbol: string;
  readonly instrument: string;
  readonly message: string;
  readonly value: number | null;
  readonly time: number;
}

export interface PipelineOutput {
  readonly candles: LiveCandle[];
  readonly signals: SignalMessage[];
  readonly portfolios: PortfolioSnapshot[];
  readonly alerts: AlertMessage[];
  /** Messages actually applied (not skipped as already processed). */
  readonly applied: number;
  /** The outbox rows committed with the batch, in seq order: what the publisher sends. */
  readonly outbox: OutboxRow[];
}

export interface FeedCounters {
  accepted: number;
  closed: number;
  unclosed: number;
  duplicates: number;
  outOfOrder: number;
  alreadyProcessed: number;
  rejected: Record<string, number>;
  rejectExamples: Record<string, FeedRejectExample>;
  /** Most recent first. */
  holes: FeedHole[];
}

interface SessionEntry {
  session: PaperSession;
  status: SessionStatus;
  /** Set when the replayed state differed from the stored portfolio. */
  selfCheck: string | null;
}

interface RuleEntry {
  readonly id: number;
  readonly evaluator: AlertEvaluator;
}

export class LivePipeline {
  readonly sessions = new Map<number, SessionEntry>();
  readonly counters: FeedCounters;
  private offsets = new Map<number, bigint>();
  private lastTimes = new Map<string, number>();
  private rulesByInstrument = new Map<string, RuleEntry[]>();
  private signalRules: RuleEntry[] = [];
  private rejectLogged = new Map<string, number>();
  private rulesVersion = '';

  constructor(
    readonly store: LiveStore,
    readonly topics: LiveTopics,
    private readonly log: (line: string) => void = () => {},
  ) {
    // Duplicates and rejects count over the store's life (they are shown); the rest over this run.
    const ignored = store.ignoredCounts();
    this.counters = { accepted: 0, closed: 0, unclosed: 0, duplicates: ignored.duplicates, outOfOrder: ignored.outOfOrder, alreadyProcessed: 0, rejected: store.rejectCounts(), rejectExamples: store.rejectExamples(), holes: store.feedHoles(RECENT_HOLES) };
    this.reloadFeedState();
    this.reloadAlerts();
  }

  /** Offsets and last candle times as committed (after a failed commit or at start). */
  reloadFeedState(): void {
    this.offsets = this.store.offsets(this.topics.market);
    this.lastTimes = this.store.lastCandleTimes();
  }

  /** Rebuilds alert evaluators by replaying the candles each rule has seen (firing suppressed). */
  reloadAlerts(): void {
    this.rulesVersion = this.store.alertRulesVersion();
    const lastFired = this.store.alertLastFired();
    this.rulesByInstrument = new Map();
    this.signalRules = [];
    for (const r of this.store.alertRules()) {
      if (!r.enabled) continue;
      const stored = JSON.parse(r.json) as { rule: unknown; fromTime: number };
      const rule = parseAlertRule(stored.rule);
      const ev = new AlertEvaluator(r.id, rule, lastFired.get(r.id));
      if (rule.kind === 'signal') {
        this.signalRules.push({ id: r.id, evaluator: ev });
        continue;
      }
      const [symbol, interval] = rule.instrument.split(':');
      for (const c of this.store.candlesSince(rule.instrument, stored.fromTime)) {
        ev.onCandle({ symbol, interval, time: c.time, open: c.open, high: c.high, low: c.low, close: c.close, volume: c.volume, closed: true }, true);
      }
      let list = this.rulesByInstrument.get(rule.instrument);
      if (!list) this.rulesByInstrument.set(rule.instrument, (list = []));
      list.push({ id: r.id, evaluator: ev });
    }
  }

  /** Reloads the rules when another process added or removed one. */
  refreshAlertsIfChanged(): void {
    if (this.store.alertRulesVersion() !== this.rulesVersion) this.reloadAlerts();
  }

  /** Stores a rule; it evaluates candles newer than the last one stored for its instrument. */
  addAlertRule(input: unknown): number {
    const rule = parseAlertRule(input);
    const fromTime = rule.instrument ? (this.lastTimes.get(rule.instrument) ?? -1) + 1 : 0;
    const id = this.store.addAlertRule(JSON.stringify({ rule, fromTime }));
    this.reloadAlerts();
    return id;
  }

  removeAlertRule(id: number): boolean {
    const ok = this.store.deleteAlertRule(id);
    this.reloadAlerts();
    return ok;
  }

  /**
   * Brings the in-memory session set in line with the rows: new sessions are rebuilt by
   * replaying their stored bars and checked against the stored portfolio.
   */
  syncSession(row: SessionRow, definition: StrategyDefinition | null): void {
    const cur = this.sessions.get(row.id);
    if (row.status === 'stopped' || !definition) {
      this.sessions.delete(row.id);
      return;
    }
    if (cur) {
      cur.status = row.status;
      return;
    }
    const session = replaySession(row, definition, this.store.sessionCandles(row.id));
    const stored = this.store.portfolio(row.id);
    let selfCheck: string | null = null;
    if (stored && stored.json !== JSON.stringify(session.snapshot())) {
      selfCheck = `replayed state differs from the stored portfolio (stored ${stored.json}, replayed ${JSON.stringify(session.snapshot())})`;
      this.log(`paper session ${row.id}: SELF-CHECK FAILED: ${selfCheck}`);
    }
    this.sessions.set(row.id, { session, status: row.status, selfCheck });
  }

  /** Processes one batch and commits it. Throws (after restoring memory from SQLite) when the commit fails. */
  process(batch: RawBatch, ackOutboxUpTo?: number): PipelineOutput {
    const out: PipelineOutput = { candles: [], signals: [], portfolios: [], alerts: [], applied: 0, outbox: [] };
    const msgs = batch.messages;
    if (msgs.length === 0) return out;
    const done = this.offsets.get(batch.partition) ?? -1n;
    const lastOffset = msgs[msgs.length - 1].offset;
    if (BigInt(lastOffset) <= done) {
      this.counters.alreadyProcessed += msgs.length;
      return out;
    }
    const w = emptyBatch(batch.topic, batch.partition, lastOffset);
    if (ackOutboxUpTo !== undefined && ackOutboxUpTo > 0) w.ackOutboxUpTo = ackOutboxUpTo;
    if (batch.hole) this.recordHole(w, batch, out);
    const touched = new Set<SessionEntry>();
    const c = this.counters;
    let applied = 0;
    for (const m of msgs) {
      if (BigInt(m.offset) <= done) {
        c.alreadyProcessed++;
        continue;
      }
      applied++;
      const r = decodeCandleMessage(m.value);
      if (!r.ok) {
        this.reject(w, r.reason, r.detail, m.offset, batch, m.key, m.value);
        continue;
      }
      c.accepted++;
      const candle = r.candle;
      const inst = instrumentKey(candle.symbol, candle.interval);
      const last = this.lastTimes.get(inst) ?? -Infinity;
      if (!candle.closed) {
        c.unclosed++;
        if (candle.time > last) out.candles.push(candle);
        continue;
      }
      if (candle.time <= last) {
        if (candle.time === last) w.ignored.duplicate++;
        else w.ignored.out_of_order++;
        continue;
      }
      c.closed++;
      this.lastTimes.set(inst, candle.time);
      const stored = toStored(candle, inst);
      w.candles.push(inst, candle.time, candle.open, candle.high, candle.low, candle.close, candle.volume);
      out.candles.push(candle);
      for (const entry of this.sessions.values()) {
        if (entry.status !== 'running' || !entry.session.has(inst)) continue;
        this.stepSession(entry, inst, candle, stored, w, out);
        touched.add(entry);
      }
      const rules = this.rulesByInstrument.get(inst);
      if (rules) for (const rule of rules) this.recordAlert(rule.id, rule.evaluator.rule, rule.evaluator.onCandle(candle), w, out);
    }
    for (const entry of touched) {
      for (const p of entry.session.takeEquityPoints()) w.equity.push(entry.session.id, p.time, p.equity);
      const snap = entry.session.snapshot();
      w.portfolios.push({ sessionId: entry.session.id, bars: snap.bars, json: JSON.stringify(snap) });
      out.portfolios.push(snap);
      for (const p of snap.positions) {
        w.outbox.push({ topic: this.topics.portfolio, key: p.symbol, value: JSON.stringify({ id: `${snap.sessionId}:${snap.bars}`, type: 'portfolio', symbol: p.symbol, sessionName: entry.session.row.name, strategy: entry.session.row.strategy, ...snap }) });
      }
    }
    let outbox: OutboxRow[];
    try {
      outbox = this.store.commitBatch(w);
    } catch (e) {
      this.restoreAfterFailedCommit();
      throw e;
    }
    this.offsets.set(batch.partition, BigInt(lastOffset));
    for (const [reason, n] of w.rejects) c.rejected[reason] = (c.rejected[reason] ?? 0) + n;
    for (const [reason, example] of w.rejectExamples) c.rejectExamples[reason] = example;
    c.duplicates += w.ignored.duplicate;
    c.outOfOrder += w.ignored.out_of_order;
    if (w.holes.length > 0) c.holes = [...[...w.holes].reverse(), ...c.holes].slice(0, RECENT_HOLES);
    return { ...out, applied, outbox };
  }

  private stepSession(entry: SessionEntry, inst: string, candle: LiveCandle, stored: StoredCandle, w: BatchWrites, out: PipelineOutput): void {
    const s = entry.session;
    const o = s.step(inst, stored);
    w.sessionBars.push(s.id, inst, candle.time);
    o.fills.forEach((f, k) => {
      const sig = this.signalOf(s, inst, candle, f, k);
      w.events.push({ sessionId: s.id, instrument: inst, time: candle.time, kind: 'fill', json: JSON.stringify(sig) });
      w.outbox.push({ topic: this.topics.signals, key: sig.symbol, value: JSON.stringify(sig) });
      out.signals.push(sig);
      const like: SignalLike = { sessionId: sig.sessionId, instrument: inst, side: sig.side, price: sig.price, time: sig.time };
      for (const rule of this.signalRules) this.recordAlert(rule.id, rule.evaluator.rule, rule.evaluator.onSignal(like), w, out);
    });
    for (const e of o.rejections) w.events.push({ sessionId: s.id, instrument: inst, time: candle.time, kind: e.type, json: JSON.stringify(e) });
    o.closedTrades.forEach((t: Trade, k) => w.trades.push({ sessionId: s.id, instrument: inst, seq: o.firstTradeSeq + k, json: JSON.stringify(t) }));
  }

  private signalOf(s: PaperSession, inst: string, candle: LiveCandle, f: FillEvent, k: number): SignalMessage {
    return {
      id: `${s.id}:${inst}:${candle.time}:${k}`, type: 'signal', sessionId: String(s.id), sessionName: s.row.name, strategy: s.row.strategy,
      symbol: candle.symbol, interval: candle.interval, side: f.action, reason: f.kind, price: f.price, size: f.quantity,
      commission: f.commission, positionAfter: f.positionAfter, time: f.time,
    };
  }

  private recordAlert(ruleId: number, rule: AlertRule, fire: AlertFire | null, w: BatchWrites, out: PipelineOutput): void {
    if (!fire) return;
    const msg: AlertMessage = { id: `${ruleId}:${fire.time}`, type: 'alert', kind: 'rule', ruleId, rule, symbol: fire.symbol, instrument: fire.instrument, message: fire.message, value: fire.value, time: fire.time };
    const json = JSON.stringify(msg);
    w.alerts.push({ ruleId, time: fire.time, json });
    w.outbox.push({ topic: this.topics.alerts, key: fire.symbol, value: json });
    out.alerts.push(msg);
  }

  /**
   * Offsets lost to retention: stored (feed status), logged, noted in every running
   * session (its bars jump over the hole) and raised as an alert. Trading goes on from
   * the earliest retained candle; the hole is made visible, not hidden or guessed over.
   */
  private recordHole(w: BatchWrites, batch: RawBatch, out: PipelineOutput): void {
    const h = batch.hole;
    if (!h) return;
    const missed = Number(BigInt(h.toOffset) - BigInt(h.fromOffset) + 1n);
    const hole: FeedHole = { topic: batch.topic, partition: batch.partition, fromOffset: h.fromOffset, toOffset: h.toOffset, missed, at: Date.now() };
    w.holes.push(hole);
    const where = `${batch.topic}[${batch.partition}]`;
    this.log(`feed: HOLE: offsets ${h.fromOffset}..${h.toOffset} of ${where} left the broker (retention) before they were read: ${missed} message(s) never seen; resuming at ${BigInt(h.toOffset) + 1n}, the earliest retained offset`);
    const json = JSON.stringify(hole);
    for (const entry of this.sessions.values()) {
      if (entry.status === 'running') w.events.push({ sessionId: entry.session.id, instrument: '*', time: hole.at, kind: 'feed_hole', json });
    }
    const msg: AlertMessage = {
      id: `feed_hole:${where}:${h.fromOffset}`, type: 'alert', kind: 'feed_hole', ruleId: null, rule: null, symbol: '', instrument: '',
      message: `feed: ${missed} message(s) of ${where} (offsets ${h.fromOffset}..${h.toOffset}) left the broker before they were read; running sessions trade across the hole`,
      value: missed, time: hole.at,
    };
    const alertJson = JSON.stringify(msg);
    w.alerts.push({ ruleId: null, time: hole.at, json: alertJson });
    w.outbox.push({ topic: this.topics.alerts, key: '', value: alertJson });
    out.alerts.push(msg);
  }

  private reject(w: BatchWrites, reason: RejectReason, detail: string, offset: string, batch: RawBatch, key: Buffer | null, value: Buffer | null): void {
    w.rejects.set(reason, (w.rejects.get(reason) ?? 0) + 1);
    const text = value?.toString('utf8') ?? null;
    w.rejectExamples.set(reason, {
      detail, partition: batch.partition, offset, at: Date.now(),
      value: text !== null && text.length > EXAMPLE_CHARS ? `${text.slice(0, EXAMPLE_CHARS)}…` : text,
    });
    // Log the first few of each reason, then one in a thousand: garbage floods must not flood the log.
    const n = (this.rejectLogged.get(reason) ?? 0) + 1;
    this.rejectLogged.set(reason, n);
    if (n <= 5 || n % 1000 === 0) this.log(`feed: skipped ${batch.topic}[${batch.partition}]@${offset}: ${reason}: ${detail}${n > 5 ? ` (${n} so far)` : ''}`);
    if (this.topics.deadLetter) {
      w.outbox.push({
        topic: this.topics.deadLetter, key: key?.toString('utf8') ?? '',
        value: JSON.stringify({ reason, detail, topic: batch.topic, partition: batch.partition, offset, value: text }),
      });
    }
  }

  /** After a failed commit the memory is ahead of SQLite: rebuild it from SQLite. */
  private restoreAfterFailedCommit(): void {
    this.reloadFeedState();
    this.reloadAlerts();
    const rows = new Map(this.store.sessions().map((r) => [r.id, r]));
    for (const [id, entry] of [...this.sessions]) {
      const row = rows.get(id);
      this.sessions.delete(id);
      if (row) this.syncSession(row, entry.session.definition);
    }
  }
}
