/**
 * The research workers seen on the heartbeat topic, for the app (Settings, status bar).
 * One consumer of its own (a one-off group: it reads every heartbeat, commits nothing)
 * starts at the recent end of the topic so a long history of heartbeats is not replayed,
 * then keeps the last heartbeat of each worker.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka } from 'kafkajs';
import type { ResearchWorkerInfo } from '../../../shared/researchWorkers';
import { CLUSTER_TOPICS, parseHeartbeat, WORKER_SEEN_FOR_MS, type HeartbeatRecord } from './clusterProtocol';

/** Heartbeats read back per partition at start: 2 s apart, enough for dozens of workers' last minute. */
const RECENT_RECORDS = 2000;
/** A worker not heard from for this long is dropped from the list. */
const LISTED_FOR_MS = 10 * 60_000;

export class WorkerRoster {
  private readonly last = new Map<string, HeartbeatRecord>();
  private consumer: Consumer | null = null;
  private ready: Promise<void> | null = null;

  constructor(private readonly kafka: Kafka) {}

  /**
   * Starts reading (once); resolves once the reader has read up to where the topic ended
   * when it started, so the first list already holds every worker heard recently. A
   * failed start is retried by the next call.
   */
  start(): Promise<void> {
    this.ready ??= this.open().catch(async (e: unknown) => {
      await this.stop();
      throw e;
    });
    return this.ready;
  }

  list(now = Date.now()): ResearchWorkerInfo[] {
    const out: ResearchWorkerInfo[] = [];
    for (const h of this.last.values()) {
      if (now - h.at > LISTED_FOR_MS) continue;
      out.push({
        id: h.worker, host: h.host, pid: h.pid, cores: h.cores, threads: h.threads, version: h.version, group: h.group,
        tasksDone: h.tasksDone, running: h.running, startedAt: h.startedAt, lastSeen: h.at,
        alive: h.stopping !== true && now - h.at < WORKER_SEEN_FOR_MS,
      });
    }
    return out.sort((a, b) => Number(b.alive) - Number(a.alive) || a.host.localeCompare(b.host) || a.pid - b.pid);
  }

  async stop(): Promise<void> {
    const c = this.consumer;
    this.consumer = null;
    this.ready = null;
    await c?.disconnect().catch(() => undefined);
  }

  private async open(): Promise<void> {
    const admin = this.kafka.admin();
    let offsets;
    try {
      await admin.connect();
      // Never create the topic by asking for it (brokers may auto-create): a Kafka used only
      // for the live feed stays as it is.
      if (!(await admin.listTopics()).includes(CLUSTER_TOPICS.workers)) {
        throw new Error(`it has no ${CLUSTER_TOPICS.workers} topic: no research worker has run against it (start one with cryptota worker)`);
      }
      offsets = await admin.fetchTopicOffsets(CLUSTER_TOPICS.workers);
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    const start = new Map(offsets.map((o) => [o.partition, BigInt(o.high) - BigInt(RECENT_RECORDS) > BigInt(o.low) ? (BigInt(o.high) - BigInt(RECENT_RECORDS)).toString() : o.low]));
    // Caught up once every partition is read up to its end at start.
    const behind = new Map(offsets.filter((o) => BigInt(o.high) > BigInt(start.get(o.partition) ?? o.high)).map((o) => [o.partition, BigInt(o.high)]));
    let caughtUp: () => void = () => undefined;
    const ready = new Promise<void>((resolve) => {
      caughtUp = resolve;
    });
    const advance = (partition: number, next: bigint): void => {
      const end = behind.get(partition);
      if (end !== undefined && next >= end) behind.delete(partition);
      if (behind.size === 0) caughtUp();
    };
    const consumer = this.kafka.consumer({ groupId: `cryptota-roster.${randomUUID()}`, maxWaitTimeInMs: 500, sessionTimeout: 10_000, heartbeatInterval: 3000 });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      for (const p of e.payload.memberAssignment[CLUSTER_TOPICS.workers] ?? []) {
        const offset = start.get(p);
        if (offset !== undefined) consumer.seek({ topic: CLUSTER_TOPICS.workers, partition: p, offset });
      }
      if (behind.size === 0) caughtUp();
    });
    await consumer.connect();
    await consumer.subscribe({ topics: [CLUSTER_TOPICS.workers], fromBeginning: false });
    await consumer.run({
      autoCommit: false,
      eachMessage: async ({ partition, message }) => {
        advance(partition, BigInt(message.offset) + 1n);
        try {
          const h = parseHeartbeat(message.value);
          const before = this.last.get(h.worker);
          if (!before || before.at <= h.at) this.last.set(h.worker, h);
        } catch {
          // Not a heartbeat of this version: nothing to show.
        }
      },
    });
    await ready;
  }
}
