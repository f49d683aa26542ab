/**
 * A headless research worker: one member of a Kafka consumer group on research_tasks.
 * Kafka spreads the topic's partitions over the members and moves them when one dies
 * or joins; the committed offset of a partition is the record of the tasks done there.
 *
 * Each task runs on the local WorkerPool (the code a local optimization runs), its
 * result is produced to research_results, and only then is its offset committed: a
 * worker killed mid-task leaves the offset behind and the task's next owner runs it
 * again (at least once; the coordinator keeps the first result of each task id).
 *
 * One task at a time per partition, as many partitions at once as the pool has threads.
 * A task names its data by spec and hash: the worker loads it through its own
 * DataSetCache (kept for the next task), fetching a `cache:` spec it lacks from the
 * shared TimescaleDB (taskData.ts), and refuses a task whose hash differs.
 */
import { availableParallelism, hostname } from 'node:os';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import type { Db } from '../../data/db';
import { brokerConfigFrom } from '../backtestJob';
import { DataSetCache } from '../dataSetCache';
import { WorkerPool } from '../pool/workerPool';
import {
  CLUSTER_TOPICS, encodeCell, parseTask, type ControlRecord, type HeartbeatRecord, type ResultRecord, type TaskRecord, type WireCell,
} from './clusterProtocol';
import { ControlListener } from './controlListener';
import { DataRefused, TaskData, type TimescaleAccess } from './taskData';
import { materializeStrategy, StrategyRefused } from './strategyShipping';

export interface ClusterWorkerOptions {
  readonly kafka: Kafka;
  readonly group: string;
  /** Pool threads (tasks run at once). */
  readonly threads: number;
  readonly allowUserCode: boolean;
  /** The worker's local store (cache: data specs are read from it). */
  readonly db: Db;
  /** Where `cache:` specs missing from the local store are fetched (null: the local cache only). */
  readonly timescale: TimescaleAccess | null;
  /** Where shipped user strategies are written (by hash). */
  readonly codeDir: string;
  readonly log: (line: string) => void;
  /** How long a dead worker keeps its partitions (default 10 s). */
  readonly sessionTimeoutMs?: number;
  readonly heartbeatEveryMs?: number;
  /** Tasks issued longer ago than this are skipped (a coordinator long gone). Default one day. */
  readonly maxTaskAgeMs?: number;
  /** The longest an empty fetch of tasks is held by the broker (default 100 ms). */
  readonly fetchWaitMs?: number;
}

export const DEFAULT_FETCH_WAIT_MS = 100;

export interface WorkerCounters {
  tasksDone: number;
  tasksCancelled: number;
  tasksSkipped: number;
  tasksRefused: number;
}

type Outcome = 'done' | 'refused' | 'failed' | 'skipped' | 'cancelled' | 'abandoned';

export class ClusterWorker {
  readonly id = `${hostname()}:${process.pid}`;
  readonly counters: WorkerCounters = { tasksDone: 0, tasksCancelled: 0, tasksSkipped: 0, tasksRefused: 0 };
  private readonly pool: WorkerPool;
  private readonly taskData: TaskData;
  private readonly control: ControlListener;
  private readonly producer: Producer;
  private consumer: Consumer | null = null;
  private readonly running = new Map<string, { jobId: string; controller: AbortController }>();
  private heartbeatTimer: ReturnType<typeof setInterval> | null = null;
  private reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  private reconnectAttempt = 0;
  private stopping = false;
  private readonly startedAt = Date.now();

  constructor(private readonly opts: ClusterWorkerOptions) {
    this.pool = new WorkerPool({ size: opts.threads });
    this.taskData = new TaskData(new DataSetCache(this.pool, opts.db), opts.db, opts.timescale, opts.log);
    this.producer = opts.kafka.producer({ allowAutoTopicCreation: false });
    this.control = new ControlListener({
      kafka: opts.kafka,
      groupId: `${opts.group}.control.${this.id}.${this.startedAt}`,
      log: opts.log,
      onCancel: (rec) => this.onJobEnded(rec),
    });
  }

  async start(): Promise<void> {
    const { log } = this.opts;
    log(`worker ${this.id}: ${this.opts.threads} thread(s), group ${this.opts.group}${this.opts.allowUserCode ? ', user code allowed' : ''}`);
    this.heartbeatTimer = setInterval(() => void this.beat(), this.opts.heartbeatEveryMs ?? 2000);
    await Promise.all([
      this.producer.connect().catch((e: Error) => log(`producer: ${e.message} (retrying on first send)`)),
      this.control.start().catch((e: Error) => log(`control: ${e.message}`)),
      this.connectTasks(),
    ]);
    void this.beat();
  }

  /** Stops taking tasks, abandons running ones uncommitted (their next owner reruns them), leaves the group. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    this.opts.log('stopping');
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const r of this.running.values()) r.controller.abort();
    await withTimeout(this.beat(true), 1000);
    const c = this.consumer;
    this.consumer = null;
    await withTimeout(Promise.all([
      c?.disconnect().catch(() => undefined),
      this.control.stop(),
      this.producer.disconnect().catch(() => undefined),
    ]), 2500);
    await this.pool.close();
    this.opts.log('stopped');
  }

  private async connectTasks(): Promise<void> {
    const { kafka, group, log } = this.opts;
    const sessionTimeout = this.opts.sessionTimeoutMs ?? 10_000;
    const consumer = kafka.consumer({
      groupId: group,
      sessionTimeout,
      heartbeatInterval: Math.min(1000, Math.floor(sessionTimeout / 3)),
      // How long the broker may hold a fetch that finds no task. Kafka answers as soon as a
      // task arrives, so this only paces idle polling; a broker that holds every empty fetch
      // to the end (librdkafka's mock) delays the first task of a job by up to this much.
      maxWaitTimeInMs: this.opts.fetchWaitMs ?? DEFAULT_FETCH_WAIT_MS,
      retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8, restartOnFailure: async () => true },
    });
    this.consumer = consumer;
    consumer.on(consumer.events.GROUP_JOIN, (e) => {
      this.reconnectAttempt = 0;
      const parts = e.payload.memberAssignment[CLUSTER_TOPICS.tasks] ?? [];
      log(`joined group ${group}: partitions ${parts.length ? [...parts].sort((a, b) => a - b).join(',') : 'none'}`);
    });
    consumer.on(consumer.events.CRASH, (e) => {
      log(`consumer: ${e.payload.error.message}${e.payload.restart ? ' (restarting)' : ''}`);
      if (!e.payload.restart) this.scheduleReconnect();
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [CLUSTER_TOPICS.tasks], fromBeginning: true });
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.opts.threads,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          await this.control.caughtUp;
          for (const m of batch.messages) {
            if (!isRunning() || isStale() || this.stopping) return;
            let beatError: unknown = null;
            // Keep the membership alive through a long task; a failed beat means the group is rebalancing.
            const beats = setInterval(() => { heartbeat().catch((e: unknown) => { beatError ??= e; }); }, 1000);
            let outcome: Outcome;
            try {
              outcome = await this.handle(m, batch.partition);
            } finally {
              clearInterval(beats);
            }
            if (outcome === 'abandoned') return;
            resolveOffset(m.offset);
            // The result is written: the commit may complete while the next task runs (one
            // round trip less per task). If it fails (the partition moved in a rebalance),
            // the partition's next owner reruns the task and the coordinator keeps one result.
            consumer.commitOffsets([{ topic: batch.topic, partition: batch.partition, offset: (BigInt(m.offset) + 1n).toString() }])
              .catch((e: Error) => log(`commit of ${batch.partition}/${m.offset} failed: ${e.message}`));
            if (beatError) throw beatError;
            await heartbeat();
          }
        },
      });
    } catch (e) {
      log(`consumer: ${(e as Error).message}`);
      this.scheduleReconnect();
    }
  }

  private scheduleReconnect(): void {
    if (this.stopping || this.reconnectTimer) return;
    const delay = Math.min(30_000, 500 * 2 ** this.reconnectAttempt++);
    this.opts.log(`reconnecting in ${delay} ms`);
    const old = this.consumer;
    this.consumer = null;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      void (async () => {
        if (old) await old.disconnect().catch(() => undefined);
        if (!this.stopping) await this.connectTasks();
      })();
    }, delay);
  }

  private async handle(m: KafkaMessage, partition: number): Promise<Outcome> {
    const { log } = this.opts;
    let task: TaskRecord;
    try {
      task = parseTask(m.value);
    } catch (e) {
      log(`skipped ${partition}/${m.offset}: ${(e as Error).message}`);
      this.counters.tasksSkipped++;
      return 'skipped';
    }
    if (task.group !== this.opts.group) {
      this.counters.tasksSkipped++;
      log(`task ${task.taskId} skipped (for group ${task.group})`);
      return 'skipped';
    }
    const ended = this.control.endedJob(task.jobId);
    const maxAge = this.opts.maxTaskAgeMs ?? 86_400_000;
    if (ended || Date.now() - task.issuedAt > maxAge) {
      this.counters.tasksSkipped++;
      log(`task ${task.taskId} skipped (${ended ? `job ${ended.reason}` : 'older than the maximum task age'})`);
      return 'skipped';
    }
    const controller = new AbortController();
    this.running.set(task.taskId, { jobId: task.jobId, controller });
    const started = performance.now();
    // "started" travels while the task runs (the coordinator's deadline starts from it); the
    // result is sent only once it is written, so the two arrive in order (same key, same partition).
    const startedSent = this.send({ type: 'started', jobId: task.jobId, taskId: task.taskId, worker: this.id }).then(() => null, (e: unknown) => e as Error);
    try {
      log(`task ${task.taskId} started: ${task.combos.length} combination(s)`);
      const { cells, computeMs } = await this.run(task, controller.signal);
      const notStarted = await startedSent;
      if (notStarted) throw notStarted;
      await this.send({ type: 'result', jobId: task.jobId, taskId: task.taskId, worker: this.id, elapsedMs: Math.round(performance.now() - started), computeMs: Math.round(computeMs), cells });
      this.counters.tasksDone++;
      log(`task ${task.taskId} done in ${Math.round(performance.now() - started)} ms`);
      return 'done';
    } catch (e) {
      const err = e as Error;
      if (this.stopping) {
        log(`task ${task.taskId} abandoned (stopping): left uncommitted for the next owner`);
        return 'abandoned';
      }
      if (err.name === 'AbortError') {
        this.counters.tasksCancelled++;
        log(`task ${task.taskId} cancelled`);
        return 'cancelled';
      }
      const refused = err instanceof StrategyRefused || err instanceof DataRefused;
      if (refused) this.counters.tasksRefused++;
      log(`task ${task.taskId} ${refused ? 'refused' : 'failed'}: ${err.message}`);
      try {
        await startedSent; // so the error cannot overtake its "started"
        await this.send({ type: 'error', jobId: task.jobId, taskId: task.taskId, worker: this.id, refused, error: err.message });
      } catch {
        return 'abandoned';
      }
      return refused ? 'refused' : 'failed';
    } finally {
      this.running.delete(task.taskId);
    }
  }

  private async run(task: TaskRecord, signal: AbortSignal): Promise<{ cells: WireCell[]; computeMs: number }> {
    const strategy = materializeStrategy(task.strategy, this.opts.allowUserCode, this.opts.codeDir);
    const broker = brokerConfigFrom(task.broker);
    const data = await this.taskData.load(task.data, signal);
    const t0 = performance.now();
    const r = await this.pool.run(
      { kind: 'grid', dataId: data.dataId, strategy, broker, firstIndex: 0, combos: task.combos.map((c) => c.params), range: task.range, periodReturns: task.periodReturns },
      { signal },
    );
    if (r.kind !== 'grid') throw new Error('the pool answered a grid task with a backtest result');
    // The pool numbers cells by position in the task; the coordinator wants grid indices.
    const computeMs = performance.now() - t0;
    return { cells: r.cells.map((c) => encodeCell({ ...c, index: task.combos[c.index].index })), computeMs };
  }

  private onJobEnded(rec: ControlRecord): void {
    for (const [taskId, r] of this.running) {
      if (r.jobId === rec.jobId) {
        this.opts.log(`job ${rec.jobId} ${rec.reason}: stopping task ${taskId}`);
        r.controller.abort();
      }
    }
  }

  /** Produces one record, retrying through a broker outage until it is written or the worker stops. */
  private async send(rec: ResultRecord): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await this.producer.send({ topic: CLUSTER_TOPICS.results, messages: [{ key: rec.taskId, value: JSON.stringify(rec) }] });
        return;
      } catch (e) {
        if (this.stopping) throw e;
        this.opts.log(`cannot send ${rec.type} of task ${rec.taskId} (${(e as Error).message}); retrying`);
        await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** attempt)));
      }
    }
  }

  private async beat(stopping = false): Promise<void> {
    const rec: HeartbeatRecord = {
      type: 'heartbeat', worker: this.id, host: hostname(), pid: process.pid, cores: availableParallelism(), threads: this.opts.threads,
      version: appVersion(), group: this.opts.group, ...this.counters, running: this.running.size, startedAt: this.startedAt, at: Date.now(),
      ...(stopping ? { stopping: true } : {}),
    };
    try {
      await this.producer.send({ topic: CLUSTER_TOPICS.workers, messages: [{ key: this.id, value: JSON.stringify(rec) }] });
    } catch {
      // A missed heartbeat is harmless; the next one says the same.
    }
  }
}

let version: string | null = null;
function appVersion(): string {
  if (version === null) {
    try {
      // This file is src/main/research/cluster/: the package root is four levels up.
      version = (JSON.parse(readFileSync(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version?: string }).version ?? 'unknown';
    } catch {
      version = 'unknown';
    }
  }
  return version;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  return Promise.race([p, new Promise<undefined>((r) => setTimeout(() => r(undefined), ms).unref())]);
}

export const defaultCodeDir = (home: string): string => join(home, 'cluster-code');
