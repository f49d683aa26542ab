/**
 * A worker's view of research_control: which jobs are cancelled or finished. Every
 * worker must see every record, so each reads the topic in a consumer group of its own,
 * from the beginning (the topic holds only a few small records per job), and says when
 * it has caught up with what was there at start: until then the worker holds its tasks,
 * so a task of a job that ended before the worker started is skipped, not run.
 */
import type { Consumer, Kafka } from 'kafkajs';
import { CLUSTER_TOPICS, parseControl, type ControlRecord } from './clusterProtocol';

export interface ControlListenerOptions {
  readonly kafka: Kafka;
  readonly groupId: string;
  readonly onCancel: (rec: ControlRecord) => void;
  readonly log: (line: string) => void;
  /** Give up waiting to catch up after this long (the broker may be down at start). */
  readonly catchUpTimeoutMs?: number;
}

export class ControlListener {
  private consumer: Consumer | null = null;
  private readonly ended = new Map<string, ControlRecord>();
  readonly caughtUp: Promise<void>;
  private markCaughtUp!: () => void;

  constructor(private readonly opts: ControlListenerOptions) {
    this.caughtUp = new Promise((res) => { this.markCaughtUp = res; });
  }

  /** Why a job's tasks must not run (null: they may). */
  endedJob(jobId: string): ControlRecord | null {
    return this.ended.get(jobId) ?? null;
  }

  async start(): Promise<void> {
    const { kafka, groupId, log } = this.opts;
    const timer = setTimeout(() => {
      log(`control: not caught up with ${CLUSTER_TOPICS.control} after ${Math.round((this.opts.catchUpTimeoutMs ?? 20_000) / 1000)} s; running tasks anyway`);
      this.markCaughtUp();
    }, this.opts.catchUpTimeoutMs ?? 20_000);
    timer.unref();
    const remaining = new Map<number, bigint>();
    try {
      const admin = kafka.admin();
      await admin.connect();
      try {
        for (const p of await admin.fetchTopicOffsets(CLUSTER_TOPICS.control)) {
          if (BigInt(p.high) > BigInt(p.low)) remaining.set(p.partition, BigInt(p.high) - 1n);
        }
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    } catch (e) {
      log(`control: cannot read ${CLUSTER_TOPICS.control} offsets (${(e as Error).message}); will not wait for it`);
    }
    const check = (): void => {
      if (remaining.size === 0) {
        clearTimeout(timer);
        this.markCaughtUp();
      }
    };
    check();
    const consumer = kafka.consumer({
      groupId, sessionTimeout: 10_000, heartbeatInterval: 1000, maxWaitTimeInMs: 500,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8, restartOnFailure: async () => true },
    });
    this.consumer = consumer;
    await consumer.connect();
    await consumer.subscribe({ topics: [CLUSTER_TOPICS.control], fromBeginning: true });
    await consumer.run({
      eachMessage: async ({ partition, message }) => {
        try {
          const rec = parseControl(message.value);
          if (!this.ended.has(rec.jobId)) {
            this.ended.set(rec.jobId, rec);
            this.opts.onCancel(rec);
          }
        } catch (e) {
          log(`control: skipped a record at ${partition}/${message.offset}: ${(e as Error).message}`);
        }
        const last = remaining.get(partition);
        if (last !== undefined && BigInt(message.offset) >= last) {
          remaining.delete(partition);
          check();
        }
      },
    });
  }

  async stop(): Promise<void> {
    const c = this.consumer;
    this.consumer = null;
    if (c) await c.disconnect().catch(() => undefined);
  }
}
