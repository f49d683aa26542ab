/**
 * Sends the transactional outbox (live_outbox) to Kafka: trade_signals,
 * portfolio_updates, alerts and the dead-letter topic. Rows are deleted only after the
 * broker acknowledged them — in the next batch's transaction (`acked`), which saves a
 * write per batch — so a crash or an outage delays messages but never loses them
 * (delivery is at-least-once; consumers dedupe by the `id` field of each payload).
 */
import type { Kafka, Producer } from 'kafkajs';
import type { LiveStore, OutboxRow } from './liveStore';

export class OutboxPublisher {
  private producer: Producer | null = null;
  private inFlight: Promise<number> | null = null;
  private again = false;
  lastError: string | null = null;
  /** Highest outbox seq the broker acknowledged; rows up to it await deletion. */
  acked = 0;

  /** performance.now() when the last batch of priority-topic messages was acknowledged. */
  priorityAckedAt = 0;
  /** performance.now() when that priority send started. */
  prioritySentAt = 0;

  /**
   * `priorityTopic` (trade_signals) is sent on its own request ahead of the rest of each
   * flush, so a signal is not held up by the portfolio snapshots written with it.
   */
  constructor(
    private readonly kafka: Kafka,
    private readonly store: LiveStore,
    private readonly log: (line: string) => void = () => {},
    private readonly priorityTopic: string | null = null,
  ) {}

  private closed = false;
  private retryTimer: ReturnType<typeof setTimeout> | null = null;

  /**
   * Connects the producer. When the brokers are unreachable it keeps retrying in the
   * background with backoff (up to 30 s) instead of failing: the outbox holds the
   * messages meanwhile. Resolves once connected or once the first attempt failed.
   */
  async connect(attempt = 0): Promise<void> {
    if (this.closed) return;
    const p = this.kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 } });
    try {
      await p.connect();
      if (this.closed) {
        // Stopped while this attempt was connecting: do not leave a producer behind.
        await p.disconnect().catch(() => undefined);
        return;
      }
      this.producer = p;
      if (attempt > 0) void this.flush();
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      const delay = Math.min(30_000, 1000 * 2 ** attempt);
      this.log(`publisher: cannot connect (${this.lastError}); retrying in ${delay} ms`);
      this.retryTimer = setTimeout(() => { this.retryTimer = null; void this.connect(attempt + 1); }, delay);
    }
  }

  /** Deletes acknowledged rows now (when no batch is coming to carry the delete). */
  purgeAcked(): void {
    if (this.acked > 0) this.store.ackOutbox(this.acked);
  }

  async disconnect(): Promise<void> {
    this.closed = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    await this.inFlight?.catch(() => 0);
    this.purgeAcked();
    const p = this.producer;
    this.producer = null;
    await p?.disconnect().catch(() => undefined);
  }

  /**
   * Sends the rows a batch just committed straight from memory — no read back from
   * SQLite between the commit and the signal going out. When anything older is still
   * unsent (a failed send, a restart, a flush running) it falls back to `flush`, which
   * sends from the table in seq order. Resolves to the number sent; never throws.
   */
  publish(rows: readonly OutboxRow[]): Promise<number> {
    if (rows.length === 0) return Promise.resolve(0);
    if (this.inFlight || !this.producer || this.lastError !== null || rows[0].seq !== this.acked + 1) return this.flush();
    const run = async (): Promise<number> => {
      let sent = (await this.send(rows)) ? rows.length : 0;
      if (sent > 0 && this.again) sent += await this.drain();
      return sent;
    };
    this.inFlight = run().finally(() => { this.inFlight = null; });
    return this.inFlight;
  }

  /**
   * Publishes everything pending in the table; one flush at a time (a call during a
   * flush makes it loop once more). Resolves to the number of messages sent; never throws.
   */
  flush(): Promise<number> {
    if (this.inFlight) {
      this.again = true;
      return this.inFlight;
    }
    this.inFlight = this.drain().finally(() => { this.inFlight = null; });
    return this.inFlight;
  }

  private async drain(): Promise<number> {
    let sent = 0;
    do {
      this.again = false;
      for (;;) {
        const rows = this.store.pendingOutbox(this.acked, 5000);
        if (rows.length === 0 || !this.producer) break;
        if (!(await this.send(rows))) return sent;
        sent += rows.length;
        if (rows.length < 5000) break;
      }
    } while (this.again);
    return sent;
  }

  /**
   * Sends rows (consecutive seqs after `acked`) and marks them acknowledged. The
   * priority topic goes first on its own request, so a signal is not held up by the
   * portfolio snapshots committed with it. False (rows kept for a retry) on failure.
   */
  private async send(rows: readonly OutboxRow[]): Promise<boolean> {
    const producer = this.producer;
    if (!producer) return false;
    const byTopic = new Map<string, Array<{ key: string; value: string }>>();
    for (const r of rows) {
      let list = byTopic.get(r.topic);
      if (!list) byTopic.set(r.topic, (list = []));
      list.push({ key: r.key, value: r.value });
    }
    const first = this.priorityTopic === null ? undefined : byTopic.get(this.priorityTopic);
    try {
      if (first && this.priorityTopic !== null) {
        byTopic.delete(this.priorityTopic);
        this.prioritySentAt = performance.now();
        await producer.send({ topic: this.priorityTopic, messages: first, acks: -1 });
        this.priorityAckedAt = performance.now();
      }
      if (byTopic.size > 0) await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: -1 });
    } catch (e) {
      this.lastError = e instanceof Error ? e.message : String(e);
      this.log(`publisher: ${rows.length} message(s) kept for retry: ${this.lastError}`);
      return false;
    }
    this.lastError = null;
    this.acked = rows[rows.length - 1].seq;
    return true;
  }
}
