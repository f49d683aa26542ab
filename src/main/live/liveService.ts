/**
 * The live service: Kafka feed → pipeline (paper sessions, alerts, SQLite) → outbox
 * publisher, plus the control surface the API, the CLI and tests use (sessions, alert
 * rules, status, event subscriptions). Free of Electron: the desktop app, the headless
 * `cryptota paper start` and the tests all run this same object.
 *
 * Order per batch: SQLite commit (state + offset) → publish the outbox → emit events →
 * commit the offset to Kafka. A crash between any two steps is repaired on restart:
 * offsets at or below the stored one are skipped, the outbox is re-sent.
 */
import type { Db } from '../data/db';
import type { BrokerConfig } from '../engine/brokerTypes';
import { resolveParams } from '../engine/params';
import { StrategyRunner } from '../engine/runner';
import type { StrategyDefinition } from '../engine/strategy';
import type { AlertEvent, FeedStatusEvent, LiveCandleEvent, LiveStatus, PaperSessionInfo, PortfolioEvent, SignalEvent } from '../../shared/apiTypes';
import { createKafka, DEFAULT_TOPICS, type KafkaSettings } from './kafkaSettings';
import { KafkaFeed, type FeedStatus, type RawBatch } from './kafkaFeed';
import { LivePipeline, type LiveTopics, type PipelineOutput, type AlertMessage } from './livePipeline';
import { LiveStore, type SessionRow, type SessionSpec } from './liveStore';
import { OutboxPublisher } from './outboxPublisher';
import { FeedActivity } from './feedActivity';
import { WalCheckpointer } from './walCheckpointer';
import { settleWithin } from './deadline';
import { parseSymbolInterval, symbolIntervalLabel } from '../../shared/market/instrument';
import type { PortfolioSnapshot } from './paperSession';

export interface LiveServiceOptions {
  readonly db: Db;
  readonly kafka: KafkaSettings;
  readonly topics?: Partial<LiveTopics>;
  /** Consumer group; default `cryptota-<workstation id>`. */
  readonly groupId?: string;
  /** Where a new consumer group starts (default false: only new messages). */
  readonly fromBeginning?: boolean;
  /** Consumer group session timeout (ms); see KafkaFeedOptions. */
  readonly sessionTimeoutMs?: number;
  /** How often session rows are re-read so other processes can pause/stop (ms). */
  readonly pollMs?: number;
  readonly resolveStrategy: (name: string) => Promise<StrategyDefinition>;
  readonly log?: (line: string) => void;
}

export interface LiveEvents {
  candle: LiveCandleEvent;
  signal: SignalEvent;
  portfolio: PortfolioEvent;
  alert: AlertEvent;
  feedStatus: FeedStatusEvent;
}

export interface NewSession {
  readonly name?: string;
  readonly strategy: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly instruments: readonly string[];
  readonly broker: BrokerConfig;
}

type Listener<E extends keyof LiveEvents> = (payload: LiveEvents[E]) => void;

export class LiveService {
  readonly store: LiveStore;
  readonly pipeline: LivePipeline;
  private readonly topics: LiveTopics;
  private readonly publisher: OutboxPublisher;
  private readonly feed: KafkaFeed;
  private readonly listeners: { [E in keyof LiveEvents]: Set<Listener<E>> } = {
    candle: new Set(), signal: new Set(), portfolio: new Set(), alert: new Set(), feedStatus: new Set(),
  };
  private pollTimer: ReturnType<typeof setInterval> | null = null;
  private checkpointTimer: ReturnType<typeof setInterval> | null = null;
  private lastCheckpoint = 0;
  private readonly checkpointer: WalCheckpointer;
  private syncing: Promise<void> | null = null;
  /** Set by stop(): a start still connecting gives up instead of starting timers. */
  private stopped = false;
  private readonly log: (line: string) => void;
  /** Messages read and their rate; reports the feed status after batches (rejects and duplicates change without the lag moving). */
  private readonly activity = new FeedActivity({ report: () => this.emit('feedStatus', this.feedEvent(this.feed.currentStatus)) });
  /**
   * Per batch that produced a signal, performance.now() at each stage: receipt, SQLite
   * commit, signal send started, signal acknowledged by Kafka. Read by the benchmark.
   */
  readonly latencyTrace: Array<{ received: number; committed: number; sent: number; acked: number }> = [];

  constructor(private readonly opts: LiveServiceOptions) {
    this.log = opts.log ?? (() => {});
    this.store = new LiveStore(opts.db);
    this.topics = { ...DEFAULT_TOPICS, ...opts.topics };
    this.pipeline = new LivePipeline(this.store, this.topics, this.log);
    const kafka = createKafka(opts.kafka);
    this.publisher = new OutboxPublisher(kafka, this.store, this.log, this.topics.signals);
    this.checkpointer = new WalCheckpointer(opts.db, this.log);
    this.feed = new KafkaFeed({
      kafka, topic: this.topics.market, groupId: opts.groupId ?? `cryptota-${this.store.workstationId()}`,
      fromBeginning: opts.fromBeginning ?? false, sessionTimeoutMs: opts.sessionTimeoutMs,
      storedOffsets: () => this.store.offsets(this.topics.market), handle: async (b) => { await this.handleBatch(b); },
      onStatus: (s) => this.onFeedStatus(s), log: this.log,
    });
  }

  /** Rebuilds sessions from SQLite, re-sends the outbox, starts consuming. */
  async start(): Promise<void> {
    this.store.setFeedTopic(this.topics.market);
    await this.syncSessions();
    await this.publisher.connect();
    if (this.stopped) return;
    await this.publisher.flush();
    if (this.stopped) return;
    await this.feed.start();
    if (this.stopped) return;
    this.pollTimer = setInterval(() => void this.syncSessions().catch((e: unknown) => this.log(`sessions: ${String(e)}`)), this.opts.pollMs ?? 500);
    // SQLite's automatic WAL checkpoint runs inside whichever commit crosses 1,000 pages,
    // adding milliseconds to that batch's signals; instead a worker thread checkpoints
    // about once a second (requested after a batch is published, or by this timer when
    // the feed is quiet), never blocking the event loop.
    this.opts.db.pragma('wal_autocheckpoint = 0');
    this.checkpointer.start();
    this.checkpointTimer = setInterval(() => {
      if (performance.now() - this.lastCheckpoint > 2000) this.checkpoint();
      // Messages kept after a failed send are retried even when no new candle arrives.
      if (this.publisher.lastError !== null) void this.publisher.flush();
    }, 1000);
  }

  /**
   * Stops consuming, sends what the outbox can send and disconnects, within about
   * `budgetMs` whatever the brokers do: each step gets a share of the budget and is left
   * behind when it overruns (a dead broker makes kafkajs retry for tens of seconds).
   * Nothing is lost by cutting a step short: state and outbox are in SQLite, and the
   * next start resumes from there.
   */
  async stop(budgetMs = 4000): Promise<void> {
    const end = Date.now() + budgetMs;
    const left = (share: number): number => Math.min(share, end - Date.now());
    this.stopped = true;
    this.activity.close();
    if (this.pollTimer) clearInterval(this.pollTimer);
    this.pollTimer = null;
    if (this.checkpointTimer) {
      clearInterval(this.checkpointTimer);
      this.checkpointTimer = null;
      if (!(await settleWithin(this.checkpointer.stop(), left(1000)))) this.log('stop: WAL checkpoint left unfinished');
      this.opts.db.pragma('wal_autocheckpoint = 1000');
    }
    if (!(await settleWithin(this.feed.stop(), left(budgetMs / 2)))) this.log('stop: the feed did not disconnect in time; left behind');
    if (!(await settleWithin(this.publisher.flush(), left(budgetMs / 4)))) this.log('stop: unsent signals stay in the outbox for the next start');
    if (!(await settleWithin(this.publisher.disconnect(), left(budgetMs)))) this.log('stop: the publisher did not disconnect in time; left behind');
  }

  get feedStatus(): FeedStatus {
    return this.feed.currentStatus;
  }

  // ---- sessions ----

  async createSession(spec: NewSession): Promise<number> {
    const definition = await this.opts.resolveStrategy(spec.strategy);
    const id = createSessionRow(this.store, definition, spec);
    await this.syncSessions();
    return id;
  }

  async pauseSession(id: number): Promise<void> { await this.setStatus(id, 'paused'); }
  async resumeSession(id: number): Promise<void> { await this.setStatus(id, 'running'); }
  async stopSession(id: number): Promise<void> { await this.setStatus(id, 'stopped'); }

  listSessions(): PaperSessionInfo[] {
    return this.store.sessions().map((row) => {
      const live = this.pipeline.sessions.get(row.id)?.session.snapshot();
      const stored = live ?? storedSnapshot(this.store, row.id);
      return {
        id: String(row.id), strategy: row.strategy, symbols: [...row.instruments], state: row.status,
        equity: stored?.equity ?? null, cash: stored?.cash ?? null, startedAt: row.createdAt,
      };
    });
  }

  // ---- alerts ----

  addAlertRule(rule: unknown): number {
    return this.pipeline.addAlertRule(rule);
  }

  removeAlertRule(id: number): boolean {
    return this.pipeline.removeAlertRule(id);
  }

  async alerts(limit: number): Promise<AlertEvent[]> {
    return this.store.recentAlerts(limit).map((a) => toAlertEvent(JSON.parse(a.json) as AlertMessage));
  }

  // ---- API surface ----

  async status(): Promise<LiveStatus> {
    const portfolios = [...this.pipeline.sessions.values()].map((e) => toPortfolioEvent(e.session.snapshot()));
    return { available: true, reason: null, feed: this.feedEvent(this.feed.currentStatus), sessions: this.listSessions(), portfolios };
  }

  subscribe<E extends keyof LiveEvents>(event: E, listener: Listener<E>): () => void {
    const set = this.listeners[event] as Set<Listener<E>>;
    set.add(listener);
    return () => set.delete(listener);
  }

  /** One batch through the pipeline, then the outbox; exposed for the benchmark. */
  async handleBatch(batch: RawBatch): Promise<PipelineOutput> {
    const out = this.pipeline.process(batch, this.publisher.acked);
    this.activity.add(batch.messages.length);
    const committed = performance.now();
    await this.publisher.publish(out.outbox);
    if (out.signals.length > 0 && this.publisher.priorityAckedAt >= committed) {
      this.latencyTrace.push({ received: batch.receivedAt, committed, sent: this.publisher.prioritySentAt, acked: this.publisher.priorityAckedAt });
    }
    this.emitOutput(out);
    if (this.checkpointTimer && performance.now() - this.lastCheckpoint > 1000) this.checkpoint();
    return out;
  }

  private checkpoint(): void {
    this.lastCheckpoint = performance.now();
    this.checkpointer.checkpoint();
  }

  // ---- internals ----

  private async setStatus(id: number, status: 'running' | 'paused' | 'stopped'): Promise<void> {
    this.store.setStatus(id, status);
    await this.syncSessions();
  }

  /** Re-reads session rows (other processes may have changed them); one sync at a time. */
  syncSessions(): Promise<void> {
    if (this.syncing) return this.syncing;
    this.syncing = (async () => {
      const rows = this.store.sessions();
      const defs = new Map<number, StrategyDefinition | null>();
      for (const row of rows) {
        if (row.status === 'stopped' || this.pipeline.sessions.has(row.id)) continue;
        try {
          defs.set(row.id, await this.opts.resolveStrategy(row.strategy));
        } catch (e) {
          this.log(`paper session ${row.id}: cannot load strategy "${row.strategy}": ${e instanceof Error ? e.message : String(e)}`);
          defs.set(row.id, null);
        }
      }
      // Synchronous from here: re-read rows so a batch committed during the awaits is included.
      this.pipeline.refreshAlertsIfChanged();
      for (const row of this.store.sessions()) {
        const def = this.pipeline.sessions.get(row.id)?.session.definition ?? defs.get(row.id);
        if (def === undefined && row.status !== 'stopped') continue; // appeared during the awaits: next sync
        this.pipeline.syncSession(row, def ?? null);
      }
    })().finally(() => { this.syncing = null; });
    return this.syncing;
  }

  private emitOutput(out: PipelineOutput): void {
    const l = this.listeners;
    if (l.candle.size) for (const c of out.candles) this.emit('candle', { ...c });
    if (l.signal.size) for (const s of out.signals) this.emit('signal', { sessionId: s.sessionId, strategy: s.strategy, symbol: s.symbol, side: s.side, price: s.price, size: s.size, reason: s.reason, time: s.time });
    if (l.portfolio.size) for (const p of out.portfolios) this.emit('portfolio', toPortfolioEvent(p));
    if (l.alert.size) for (const a of out.alerts) this.emit('alert', toAlertEvent(a));
  }

  private emit<E extends keyof LiveEvents>(event: E, payload: LiveEvents[E]): void {
    for (const l of this.listeners[event] as Set<Listener<E>>) {
      try {
        l(payload);
      } catch (e) {
        this.log(`listener for ${event} failed: ${String(e)}`);
      }
    }
  }

  private lastStoredState = '';

  private onFeedStatus(s: FeedStatus): void {
    // Stored on state changes only (lag moves every batch), for `paper status` in other processes.
    if (s.state !== this.lastStoredState) {
      this.lastStoredState = s.state;
      try {
        this.store.setFeedState({ state: s.state, lag: s.lag, message: s.error ?? null, at: s.since, pid: process.pid });
      } catch (e) {
        this.log(`feed state not stored: ${String(e)}`);
      }
    }
    this.emit('feedStatus', this.feedEvent(s));
  }

  private feedEvent(s: FeedStatus): FeedStatusEvent {
    const c = this.pipeline.counters;
    return { state: s.state, lag: s.lag, rejected: { ...c.rejected }, rejectExamples: { ...c.rejectExamples }, holes: [...c.holes], duplicates: c.duplicates, outOfOrder: c.outOfOrder, messages: this.activity.messages, messagesPerSec: this.activity.rate(), message: s.error ?? null, at: s.since };
  }
}

/** Validates a new session (strategy params, instruments, broker) and stores it as running. */
export function createSessionRow(store: LiveStore, definition: StrategyDefinition, spec: NewSession): number {
  if (spec.instruments.length === 0) throw new Error('a paper session needs at least one instrument (e.g. BTCUSDT:1m)');
  // The shared instrument rule: an unknown interval (ETHUSDT:7q) is refused here, not left to wait for candles forever.
  const instruments = spec.instruments.map((i) => symbolIntervalLabel(parseSymbolInterval(i)));
  if (new Set(instruments).size !== instruments.length) throw new Error(`instruments repeat: ${instruments.join(', ')}`);
  // The engine's own checks: unknown or out-of-range parameters fail here, not on the first candle.
  const row: SessionSpec = { name: spec.name ?? `${definition.name} ${instruments.join(',')}`, strategy: spec.strategy, params: {}, instruments, broker: spec.broker };
  const params = resolveParams(definition.name, definition.params, spec.params);
  // Building a runner applies the broker's config checks (cash, commission, steps) now.
  new StrategyRunner(definition, params, { ...spec.broker, cash: spec.broker.cash / instruments.length });
  return store.createSession({ ...row, params });
}

function storedSnapshot(store: LiveStore, id: number): PortfolioSnapshot | null {
  const p = store.portfolio(id);
  return p ? (JSON.parse(p.json) as PortfolioSnapshot) : null;
}

export function toPortfolioEvent(p: PortfolioSnapshot): PortfolioEvent {
  return {
    sessionId: p.sessionId, cash: p.cash, equity: p.equity, time: p.time ?? 0,
    positions: p.positions.map((x) => ({ symbol: x.symbol, size: x.size, entryPrice: x.entryPrice ?? 0, markPrice: x.markPrice ?? 0, unrealizedPnl: x.unrealizedPnl })),
  };
}

function toAlertEvent(a: AlertMessage): AlertEvent {
  return { id: a.id, rule: a.rule ? (a.rule.name ?? a.rule.kind) : (a.kind ?? 'service'), symbol: a.symbol, message: a.message, value: a.value, time: a.time };
}

export type { SessionRow };
