/**
 * The market-data consumer. Delivers raw message batches to one handler and commits
 * the offsets to Kafka only after the handler resolved (the handler persists first),
 * so Kafka's committed offset never runs ahead of the local store. Reports its
 * connection state (connecting, live, lagging with the consumer lag, down) and
 * reconnects with exponential backoff when kafkajs gives up.
 */
import type { Admin, Consumer, Kafka } from 'kafkajs';

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

/**
 * Offsets the feed will never read because the broker deleted them (retention) before
 * they were consumed: [fromOffset, toOffset], inclusive. The batch carrying it starts at
 * the earliest offset the broker still held.
 */
export interface OffsetHole {
  readonly fromOffset: string;
  readonly toOffset: string;
}

export interface RawBatch {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly RawMessage[];
  /** Set on the first batch after offsets were lost to retention. */
  readonly hole?: OffsetHole;
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
  /** Next offset the store expects per partition (just past the last one applied). */
  private readonly expected = new Map<number, bigint>();
  private admin: Admin | null = null;

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
    const a = this.admin;
    this.admin = null;
    await Promise.all([c?.disconnect().catch(() => undefined), a?.disconnect().catch(() => undefined)]);
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
      const partitions = e.payload.memberAssignment[topic] ?? [];
      this.seekToStored(consumer, partitions);
      void this.skipToRetained(consumer, partitions);
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
      // fromBeginning is also where kafkajs goes when an offset is out of range. Reading
      // from the newest message then would skip retained candles silently; the batch
      // check below brings such a partition back to the earliest retained offset.
      await consumer.subscribe({ topics: [topic], fromBeginning });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          if (!isRunning() || isStale() || batch.messages.length === 0) return;
          const receivedAt = performance.now();
          this.lastAlive = Date.now();
          const hole = await this.holeBefore(consumer, batch.partition, BigInt(batch.messages[0].offset));
          if (hole === 'rewound') return;
          await this.opts.handle({
            topic: batch.topic, partition: batch.partition, receivedAt, ...(hole ? { hole } : {}),
            messages: batch.messages.map((m) => ({ partition: batch.partition, offset: m.offset, key: m.key, value: m.value })),
          });
          const last = batch.messages[batch.messages.length - 1].offset;
          this.expected.set(batch.partition, BigInt(last) + 1n);
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
      this.expected.set(partition, last + 1n);
      try {
        consumer.seek({ topic: this.opts.topic, partition, offset: (last + 1n).toString() });
      } catch (e) {
        this.opts.log?.(`feed: could not seek partition ${partition} to the stored offset: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }

  /**
   * After a join: a partition whose stored position has left the broker starts at the
   * earliest retained offset (the batch check records the hole when it arrives). Without
   * this, kafkajs would reset it to the newest offset and the retained candles in between
   * would only be recovered once a new message arrives.
   */
  private async skipToRetained(consumer: Consumer, partitions: readonly number[]): Promise<void> {
    for (const partition of partitions) {
      const expected = this.expected.get(partition);
      if (expected === undefined) continue;
      const earliest = await this.earliestOffset(partition);
      if (earliest !== null && earliest > expected && consumer === this.consumer) this.seek(consumer, partition, earliest);
    }
  }

  /**
   * Checks a batch's first offset against the next one the store expects. A jump over
   * offsets the broker still holds means kafkajs reset an out-of-range position to the
   * newest message: the partition is sent back to the earliest retained offset and the
   * batch dropped ('rewound'). A jump over offsets the broker no longer holds is a hole
   * (retention). A jump over neither (compaction, transaction markers) is normal.
   */
  private async holeBefore(consumer: Consumer, partition: number, first: bigint): Promise<OffsetHole | 'rewound' | null> {
    const expected = this.expected.get(partition);
    if (expected === undefined || first <= expected) return null;
    const earliest = await this.earliestOffset(partition);
    if (earliest === null || earliest <= expected) return null;
    if (first > earliest) {
      this.seek(consumer, partition, earliest);
      return 'rewound';
    }
    return { fromOffset: expected.toString(), toOffset: (first - 1n).toString() };
  }

  /** The earliest offset the broker still holds for the partition; null when it cannot be asked. */
  private async earliestOffset(partition: number): Promise<bigint | null> {
    try {
      if (!this.admin) {
        const admin = this.opts.kafka.admin();
        await admin.connect();
        if (this.stopping) {
          await admin.disconnect().catch(() => undefined);
          return null;
        }
        this.admin = admin;
      }
      const p = (await this.admin.fetchTopicOffsets(this.opts.topic)).find((x) => x.partition === partition);
      return p ? BigInt(p.low) : null;
    } catch (e) {
      this.opts.log?.(`feed: cannot read the earliest retained offset of partition ${partition}: ${e instanceof Error ? e.message : String(e)}`);
      return null;
    }
  }

  private seek(consumer: Consumer, partition: number, offset: bigint): void {
    try {
      consumer.seek({ topic: this.opts.topic, partition, offset: offset.toString() });
    } catch (e) {
      this.opts.log?.(`feed: could not seek partition ${partition} to offset ${offset}: ${e instanceof Error ? e.message : String(e)}`);
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
