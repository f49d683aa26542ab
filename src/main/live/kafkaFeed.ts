/**
 * The market-data consumer. Delivers raw message batches to one handler and commits
 * the offsets to Kafka only after the handler resolved (the handler persists first),
 * so Kafka's committed offset never runs ahead of the local store. Reports its
 * connection state (connecting, live, lagging with the consumer lag, down) and
 * reconnects with exponential backoff when kafkajs gives up.
 */
import type { Consumer, Kafka } from 'kafkajs';

export type FeedState = 'connecting' | 'live' | 'lagging' | 'down' | 'stopped';

export interface FeedStatus {
  readonly state: FeedState;
  /** Messages behind the partitions' high watermarks at the last fetch. */
  readonly lag: number;
  readonly since: number;
  readonly error?: string;
}

export interface RawMessage {
  readonly partition: number;
  /** kafkajs offsets are decimal strings (int64). */
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

export interface RawBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly RawMessage[];
  /** performance.now() when the batch reached the handler. */
  readonly receivedAt: number;
}

export interface KafkaFeedOptions {
  readonly kafka: Kafka;
  readonly topic: string;
  readonly groupId: string;
  /** Where a group with no committed offset starts. */
  readonly fromBeginning: boolean;
  /** Lag (messages) above which the state is "lagging" rather than "live". */
  readonly lagThreshold?: number;
  /** Consumer group session timeout (ms, default 10000): how long a crashed member holds its partitions. */
  readonly sessionTimeoutMs?: number;
  /** Silence (no fetch, heartbeat or batch) after which the feed reports "down" (ms, default 6000). */
  readonly staleAfterMs?: number;
  /**
   * The last offset per partition that the store has applied. On every group join the
   * consumer seeks just past it, so the store, not Kafka's committed offset, decides where
   * reading resumes: after a power cut SQLite (synchronous=NORMAL) may have lost the last
   * commits that Kafka had already acknowledged, and those candles are read again.
   */
  readonly storedOffsets?: () => ReadonlyMap<number, bigint>;
  /** Persists the batch; the feed commits offsets after it resolves. A throw redelivers. */
  readonly handle: (batch: RawBatch) => Promise<void>;
  readonly onStatus?: (s: FeedStatus) => void;
  readonly log?: (line: string) => void;
}

export class KafkaFeed {
  private consumer: Consumer | null = null;
  private status: FeedStatus = { state: 'stopped', lag: 0, since: Date.now() };
  private stopping = false;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private attempt = 0;
  private readonly lagByPartition = new Map<number, number>();
  private lastAlive = Date.now();
  private watchdog: ReturnType<typeof setInterval> | null = null;

  constructor(private readonly opts: KafkaFeedOptions) {}

  get currentStatus(): FeedStatus {
    return this.status;
  }

  async start(): Promise<void> {
    this.stopping = false;
    this.setStatus('connecting');
    // kafkajs retries a lost connection silently for tens of seconds; the watchdog makes
    // the outage visible as soon as fetches and heartbeats stop.
    const stale = this.opts.staleAfterMs ?? 6000;
    this.watchdog = setInterval(() => {
      const quiet = Date.now() - this.lastAlive;
      if ((this.status.state === 'live' || this.status.state === 'lagging') && quiet > stale) {
        this.setStatus('down', `no response from the brokers for ${Math.round(quiet / 1000)} s`);
      }
    }, 500);
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    if (this.watchdog) clearInterval(this.watchdog);
    this.watchdog = null;
    const c = this.consumer;
    this.consumer = null;
    if (c) await c.disconnect().catch(() => undefined);
    this.setStatus('stopped');
  }

  private async connect(): Promise<void> {
    const { kafka, topic, groupId, fromBeginning } = this.opts;
    const consumer = kafka.consumer({
      groupId,
      sessionTimeout: this.opts.sessionTimeoutMs ?? 10_000,
      heartbeatInterval: Math.min(1000, Math.floor((this.opts.sessionTimeoutMs ?? 10_000) / 3)),
      // An idle fetch returns after 1 s, so silence longer than staleAfterMs means trouble.
      maxWaitTimeInMs: 1000,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8, restartOnFailure: async () => true },
    });
    this.consumer = consumer;
    const alive = (): void => {
      this.lastAlive = Date.now();
      if (this.status.state === 'down' || this.status.state === 'connecting') this.setStatus(this.lagState());
    };
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.attempt = 0;
      alive();
      this.seekToStored(consumer, e.payload.memberAssignment[topic] ?? []);
    });
    consumer.on(consumer.events.HEARTBEAT, alive);
    consumer.on(consumer.events.CRASH, (e) => {
      this.setStatus('down', e.payload.error.message);
      // kafkajs restarts by itself when restart is true; otherwise we rebuild the consumer.
      if (!e.payload.restart) this.scheduleReconnect();
    });
    consumer.on(consumer.events.DISCONNECT, () => { if (!this.stopping) this.setStatus('down'); });
    consumer.on(consumer.events.REQUEST_TIMEOUT, () => { if (!this.stopping) this.setStatus('down', 'request timeout'); });
    consumer.on(consumer.events.FETCH, alive);
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [topic], fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          const receivedAt = performance.now();
          this.lastAlive = Date.now();
          await this.opts.handle({ topic: batch.topic, partition: batch.partition, messages: batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset, key: m.key, value: m.value })), receivedAt });
          const last = batch.messages[batch.messages.length - 1].offset;
          resolveOffset(last);
          await consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(last) + 1n).toString() }]);
          const lag = Number(BigInt(batch.highWatermark) - BigInt(last) - 1n);
          this.lagByPartition.set(batch.partition, Math.max(0, lag));
          this.setStatus(this.lagState());
          await heartbeat();
        },
      });
    } catch (e) {
      this.setStatus('down', e instanceof Error ? e.message : String(e));
      this.scheduleReconnect();
    }
  }

  private seekToStored(consumer: Consumer, partitions: readonly number[]): void {
    const stored = this.opts.storedOffsets?.();
    if (!stored) return;
    for (const partition of partitions) {
      const last = stored.get(partition);
      if (last === undefined) continue;
      try {
        consumer.seek({ topic: this.opts.topic, partition, offset: (last + 1n).toString() });
      } catch (e) {
        this.opts.log?.(`feed: could not seek partition ${partition} to the stored offset: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  private lagState(): FeedState {
    const lag = this.totalLag();
    return lag > (this.opts.lagThreshold ?? 1000) ? 'lagging' : 'live';
  }

  private totalLag(): number {
    let s = 0;
    for (const v of this.lagByPartition.values()) s += v;
    return s;
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    const delay = Math.min(30_000, 500 * 2 ** this.attempt++);
    this.opts.log?.(`feed: reconnecting in ${delay} ms`);
    const old = this.consumer;
    this.consumer = null;
    this.reconnectTimer = setTimeout(async () => {
      this.reconnectTimer = null;
      if (old) await old.disconnect().catch(() => undefined);
      if (this.stopping) return;
      this.setStatus('connecting');
      await this.connect();
    }, delay);
  }

  private setStatus(state: FeedState, error?: string): void {
    const lag = this.totalLag();
    if (state === this.status.state && lag === this.status.lag && error === this.status.error) return;
    this.status = { state, lag, since: state === this.status.state ? this.status.since : Date.now(), ...(error ? { error } : {}) };
    this.opts.onStatus?.(this.status);
  }
}
