/**
 * The coordinator's side of a cluster optimization: a GridExecutor (the step of
 * runOptimization that runs the combinations) that hands them to `cryptota worker`
 * processes through Kafka instead of the local pool.
 *
 *  - The combinations are split into tasks sized to a target duration (one combination
 *    timed on the local pool), and never larger than a result Kafka accepts.
 *  - Tasks go to research_tasks round-robin over the partitions (key = task id), so
 *    the group's members share them; the workers' heartbeats say who is there.
 *  - Results come back on research_results; the first result of each task id counts
 *    and later duplicates (a task rerun after a worker died) are dropped, so no
 *    combination is lost or counted twice.
 *  - A task started but silent past its deadline is published again (another
 *    partition, so another worker); a task refused (data differs, user code not
 *    allowed) is offered again a few times, then the optimization fails with the reason.
 *  - Cancel publishes a cancel record on research_control that every worker honours;
 *    the end of a job publishes a "finished" record so stray duplicates are skipped.
 *  - Grids asked for in the same tick (walk-forward's in-sample windows, each with its
 *    own bar range) become one job: one group join and one publish for all of them, each
 *    caller still getting its own cells. A failure or a cancel of one ends them all.
 */
import { randomUUID } from 'node:crypto';
import type { Consumer, Kafka, Producer } from 'kafkajs';
import type { DataSetRequest, DataSetCache } from '../dataSetCache';
import type { WorkerPool } from '../pool/workerPool';
import { abortError, type GridCellResult } from '../pool/tasks';
import type { GridRunHooks, GridRunSpec } from '../optimize/gridRunner';
import {
  CLUSTER_TOPICS, decodeCell, DEFAULT_WORKER_GROUP, parseHeartbeat, WORKER_SEEN_FOR_MS, parseResult, type ControlRecord, type DataRef, type ResultRecord, type StrategyRef, type TaskRecord,
} from './clusterProtocol';

export interface KafkaGridExecutorOptions {
  readonly kafka: Kafka;
  /** The coordinator's data sets: the executor reads the fingerprint of the grid's data from them. */
  readonly dataSets: DataSetCache;
  /** The coordinator's local pool, used to time one combination for task sizing. */
  readonly pool: WorkerPool;
  /** The data as runOptimization loads it (toMs exclusive). */
  readonly data: DataSetRequest;
  readonly strategy: StrategyRef;
  /** The worker group to run on (default cryptota-research). */
  readonly group?: string;
  /** Target duration of one task (default 2000 ms). */
  readonly taskMs?: number;
  /** Fixed combinations per task (overrides the sizing). */
  readonly taskSize?: number;
  /** A started task with no result after this long is published again (default max(60 s, 20 × taskMs)). */
  readonly deadlineMs?: number;
  /** Waiting for the result consumer to join its group (default 60 s). */
  readonly joinTimeoutMs?: number;
  /**
   * The longest an empty fetch of results is held by the broker (default 20 ms). Kafka
   * answers as soon as a result arrives; a broker that holds every empty fetch to the end
   * (librdkafka's mock) adds up to this much to the last result. The reader lives only
   * while a job runs, so polling this often costs little.
   */
  readonly fetchWaitMs?: number;
  readonly log?: (line: string) => void;
}

export interface ClusterRunStats {
  readonly jobId: string;
  readonly tasks: number;
  readonly taskSize: number;
  readonly republished: number;
  readonly duplicatesDropped: number;
  /** Tasks whose kept result came from each worker. */
  readonly byWorker: Readonly<Record<string, number>>;
  /** Sum of the workers' own task times (ms), for overhead figures. */
  readonly workerMs: number;
  /** Sum of the kept tasks' time on the workers' pools (ms): workerMs less loading data and sending records. */
  readonly computeMs: number;
  /** From publishing the tasks to the last result (ms): the grid's wall time without the coordinator's setup. */
  readonly gridMs: number;
}

/** A refused task is offered again this many times before the optimization fails. */
const MAX_REFUSALS = 3;
/** A task that misses its deadline this many times fails the optimization. */
const MAX_ATTEMPTS = 5;
/** A result must stay well under Kafka's default 1 MB message limit. */
const MAX_RESULT_BYTES = 700_000;
const MAX_TASK_SIZE = 5000;

/** The consumer reading results and heartbeats: replaced when kafkajs gives up on one. */
interface ReaderSlot {
  current: Consumer | null;
  readonly make: () => Consumer;
}

/** One caller's grid in a job. */
interface Part {
  readonly spec: GridRunSpec;
  readonly hooks: GridRunHooks;
  readonly resolve: (cells: GridCellResult[]) => void;
  readonly reject: (err: Error) => void;
}

interface TaskState {
  readonly record: TaskRecord;
  /** The index of the part (caller) the task belongs to. */
  readonly part: number;
  partition: number;
  attempts: number;
  startedAt: number | null;
  done: boolean;
  refusals: string[];
}

export class KafkaGridExecutor {
  private readonly heartbeats = new Map<string, { at: number; stopping: boolean }>();
  private last: ClusterRunStats | null = null;

  constructor(private readonly opts: KafkaGridExecutorOptions) {}

  /** Workers whose heartbeat arrived in the last WORKER_SEEN_FOR_MS. */
  workersSeen(): number {
    const now = Date.now();
    let n = 0;
    for (const h of this.heartbeats.values()) if (!h.stopping && now - h.at < WORKER_SEEN_FOR_MS) n++;
    return n;
  }

  /** Figures of the last run (null before one finished). */
  lastRun(): ClusterRunStats | null {
    return this.last;
  }

  private pending: Part[] = [];

  /**
   * A GridExecutor. Calls made in the same tick are run as one job (see the header);
   * each resolves with its own cells in grid order.
   */
  readonly run = (spec: GridRunSpec, hooks: GridRunHooks = {}): Promise<GridCellResult[]> => {
    if (hooks.signal?.aborted) return Promise.reject(abortError());
    // Grid task messages do not carry the compat mode yet: refuse rather than run our own rules.
    if (spec.compat !== undefined) return Promise.reject(new Error(`compat '${spec.compat}' is not supported on a cluster yet; run it locally`));
    return new Promise<GridCellResult[]>((resolve, reject) => {
      if (this.pending.length === 0) {
        setImmediate(() => {
          const parts = this.pending;
          this.pending = [];
          this.runJob(parts).catch((e: Error) => { for (const p of parts) p.reject(e); });
        });
      }
      this.pending.push({ spec, hooks, resolve, reject });
    });
  };

  private async runJob(parts: readonly Part[]): Promise<void> {
    const log = this.opts.log ?? (() => undefined);
    const loaded = await this.opts.dataSets.get(this.opts.data);
    if (parts.some((p) => p.spec.dataId !== loaded.dataId)) throw new Error('the data set changed while the optimization started; run it again');
    const data: DataRef = { ...this.opts.data, hash: loaded.fingerprint.hash, bars: loaded.fingerprint.bars };
    const jobId = randomUUID();
    const kafka = this.opts.kafka;
    const admin = kafka.admin();
    const producer: Producer = kafka.producer({ allowAutoTopicCreation: false });
    const reader: ReaderSlot = {
      current: null,
      make: () => kafka.consumer({
        groupId: `cryptota-coordinator.${jobId}`, maxWaitTimeInMs: this.opts.fetchWaitMs ?? 20, sessionTimeout: 10_000, heartbeatInterval: 1000,
        retry: { initialRetryTime: 200, maxRetryTime: 5000, retries: 8, restartOnFailure: async () => true },
      }),
    };
    const cleanup = async (): Promise<void> => {
      await Promise.all([reader.current?.disconnect(), producer.disconnect(), admin.disconnect()].map((p) => p?.catch(() => undefined)));
    };
    try {
      await Promise.all([admin.connect(), producer.connect()]);
      const taskPartitions = (await admin.fetchTopicOffsets(CLUSTER_TOPICS.tasks)).length;
      if (taskPartitions === 0) throw new Error(`topic ${CLUSTER_TOPICS.tasks} has no partitions`);
      const combos = parts.reduce((n, p) => n + p.spec.combos.length, 0);
      const taskSize = this.opts.taskSize ?? (await this.sizeTasks(parts[0].spec, combos, loaded.candles.time, taskPartitions));
      const tasks = this.plan(parts, data, jobId, taskSize, taskPartitions);
      const grids = parts.length > 1 ? ` of ${parts.length} grids` : '';
      log(`cluster job ${jobId}: ${combos} combinations${grids} in ${tasks.length} task(s) of up to ${taskSize} over ${taskPartitions} partition(s)`);
      const ends = new Map<string, Map<number, string>>();
      for (const topic of [CLUSTER_TOPICS.results, CLUSTER_TOPICS.workers]) {
        ends.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high])));
      }
      await this.collect({ parts, jobId, tasks, taskSize, taskPartitions, producer, reader, positions: ends, log });
    } finally {
      await cleanup();
    }
  }

  /** Combinations per task: the target duration over one combination's time, capped by the result size. */
  private async sizeTasks(spec: GridRunSpec, n: number, time: Float64Array, partitions: number): Promise<number> {
    const days = time.length ? (time[time.length - 1] - time[0]) / 86_400_000 + 2 : 1;
    const bytesPerCell = 800 + (spec.periodReturns ? Math.ceil(days) * 11 : 0);
    const byResult = Math.max(1, Math.floor(MAX_RESULT_BYTES / bytesPerCell));
    const one = { kind: 'grid' as const, dataId: spec.dataId, strategy: spec.strategy, broker: spec.broker, firstIndex: 0, combos: [spec.combos[0].params], range: spec.range };
    await this.opts.pool.run(one); // warm: loads the strategy and compiles the loop
    const t0 = performance.now();
    await this.opts.pool.run(one);
    const perCombo = Math.max(0.05, performance.now() - t0);
    const byTime = Math.max(1, Math.round((this.opts.taskMs ?? 2000) / perCombo));
    // At least one task per partition when the grid allows, so every member gets work.
    const bySpread = Math.max(1, Math.ceil(n / partitions));
    return Math.min(byTime, byResult, bySpread, MAX_TASK_SIZE);
  }

  private plan(parts: readonly Part[], data: DataRef, jobId: string, taskSize: number, partitions: number): TaskState[] {
    const issuedAt = Date.now();
    const out: TaskState[] = [];
    let k = 0;
    parts.forEach(({ spec }, part) => {
      for (let a = 0; a < spec.combos.length; a += taskSize, k++) {
        const record: TaskRecord = {
          type: 'grid', jobId, taskId: `${jobId}:${k}`, group: this.opts.group ?? DEFAULT_WORKER_GROUP, issuedAt, data, strategy: this.opts.strategy, broker: spec.broker,
          combos: spec.combos.slice(a, a + taskSize),
          ...(spec.range ? { range: spec.range } : {}),
          ...(spec.periodReturns ? { periodReturns: true } : {}),
        };
        out.push({ record, part, partition: k % partitions, attempts: 1, startedAt: null, done: false, refusals: [] });
      }
    });
    return out;
  }

  private collect(args: {
    parts: readonly Part[]; jobId: string; tasks: TaskState[]; taskSize: number; taskPartitions: number;
    producer: Producer; reader: ReaderSlot;
    /** Per topic and partition, the next offset to read: the ends at start, then advanced as records are read. */
    positions: Map<string, Map<number, string>>;
    log: (line: string) => void;
  }): Promise<void> {
    const { parts, jobId, tasks, taskPartitions, producer, reader, positions, log } = args;
    /** Tasks to publish again whose last publish failed (the broker was away): retried by the watchdog. */
    const unpublished = new Set<TaskState>();
    const byId = new Map(tasks.map((t) => [t.record.taskId, t]));
    const cells: GridCellResult[][] = parts.map(() => []);
    /** Combinations done per part. */
    const done = parts.map(() => 0);
    const signals = [...new Set(parts.flatMap((p) => (p.hooks.signal ? [p.hooks.signal] : [])))];
    const byWorker: Record<string, number> = {};
    let tasksDone = 0;
    let republished = 0;
    let duplicates = 0;
    let workerMs = 0;
    let computeMs = 0;
    let publishedAt = 0;
    const deadlineMs = this.opts.deadlineMs ?? Math.max(60_000, 20 * (this.opts.taskMs ?? 2000));

    const publish = async (list: readonly TaskState[]): Promise<void> => {
      for (let a = 0; a < list.length; a += 200) {
        await producer.send({
          topic: CLUSTER_TOPICS.tasks,
          messages: list.slice(a, a + 200).map((t) => ({ key: t.record.taskId, partition: t.partition, value: JSON.stringify(t.record) })),
        });
      }
    };
    const control = (reason: ControlRecord['reason']): Promise<unknown> => {
      const rec: ControlRecord = { type: 'cancel', jobId, reason, at: Date.now() };
      return producer.send({ topic: CLUSTER_TOPICS.control, messages: [{ key: jobId, value: JSON.stringify(rec) }] }).catch((e: Error) => log(`cannot publish the ${reason} record: ${e.message}`));
    };
    const offerAgain = (t: TaskState): void => {
      t.attempts++;
      t.startedAt = null;
      t.partition = (t.partition + 1) % taskPartitions; // another partition: likely another worker
      republished++;
      void publish([t]).catch((e: Error) => {
        log(`cannot republish ${t.record.taskId} (${e.message}); retrying`);
        unpublished.add(t);
      });
    };

    const progress = (): void => parts.forEach((p, k) => p.hooks.onProgress?.(done[k]));

    return new Promise<void>((resolveJob) => {
      let settled = false;
      const finish = (err: Error | null): void => {
        if (settled) return;
        settled = true;
        clearInterval(watchdog);
        for (const s of signals) s.removeEventListener('abort', onAbort);
        clearTimeout(joinTimer);
        void (async () => {
          await control(err === null ? 'finished' : 'cancelled');
          const gridMs = publishedAt ? Math.round(performance.now() - publishedAt) : 0;
          this.last = { jobId, tasks: tasks.length, taskSize: args.taskSize, republished, duplicatesDropped: duplicates, byWorker, workerMs, computeMs, gridMs };
          parts.forEach((p, k) => (err ? p.reject(err) : p.resolve(cells[k].sort((a, b) => a.index - b.index))));
          resolveJob();
        })();
      };
      const onAbort = (): void => finish(abortError());
      for (const s of signals) {
        if (s.aborted) queueMicrotask(onAbort);
        else s.addEventListener('abort', onAbort, { once: true });
      }

      const onResult = (rec: ResultRecord): void => {
        const t = byId.get(rec.taskId);
        if (!t || rec.jobId !== jobId) return;
        if (t.done) {
          if (rec.type === 'result') duplicates++;
          return;
        }
        if (rec.type === 'started') {
          t.startedAt = Date.now();
          return;
        }
        if (rec.type === 'error') {
          if (!rec.refused) return finish(new Error(`worker ${rec.worker} failed task ${rec.taskId}: ${rec.error}`));
          t.refusals.push(`${rec.worker}: ${rec.error}`);
          log(`task ${rec.taskId} refused by ${rec.worker}: ${rec.error}`);
          if (t.refusals.length >= MAX_REFUSALS) {
            return finish(new Error(`no worker would run task ${rec.taskId} (refused ${t.refusals.length} times); last: ${rec.worker} refused: ${rec.error}`));
          }
          offerAgain(t);
          return;
        }
        let decoded: GridCellResult[];
        try {
          decoded = rec.cells.map(decodeCell);
        } catch (e) {
          return finish(new Error(`worker ${rec.worker} sent a malformed result for task ${rec.taskId}: ${(e as Error).message}`));
        }
        const expected = new Set(t.record.combos.map((c) => c.index));
        if (decoded.length !== expected.size || decoded.some((c) => !expected.delete(c.index))) {
          return finish(new Error(`worker ${rec.worker} answered task ${rec.taskId} with cells that are not its combinations`));
        }
        t.done = true;
        tasksDone++;
        workerMs += rec.elapsedMs;
        computeMs += rec.computeMs ?? rec.elapsedMs;
        byWorker[rec.worker] = (byWorker[rec.worker] ?? 0) + 1;
        done[t.part] += decoded.length;
        cells[t.part].push(...decoded);
        const { hooks } = parts[t.part];
        hooks.onCells?.(decoded);
        hooks.onProgress?.(done[t.part]);
        if (tasksDone === tasks.length) finish(null);
      };

      const watchdog = setInterval(() => {
        const now = Date.now();
        for (const t of unpublished) {
          unpublished.delete(t);
          if (!t.done) {
            void publish([t]).catch(() => unpublished.add(t));
          }
        }
        for (const t of tasks) {
          if (t.done || t.startedAt === null || now - t.startedAt < deadlineMs) continue;
          if (t.attempts >= MAX_ATTEMPTS) return finish(new Error(`task ${t.record.taskId} got no result after ${t.attempts} attempts of ${Math.round(deadlineMs / 1000)} s each`));
          log(`task ${t.record.taskId}: no result ${Math.round(deadlineMs / 1000)} s after it started; publishing it again`);
          offerAgain(t);
        }
      }, 1000);
      watchdog.unref();

      let joined = false;
      const joinTimeoutMs = this.opts.joinTimeoutMs ?? 60_000;
      const joinTimer = setTimeout(() => finish(new Error(`could not join a consumer group on ${CLUSTER_TOPICS.results} within ${joinTimeoutMs / 1000} s: is Kafka reachable?`)), joinTimeoutMs);
      const onJoin = (consumer: Consumer, assignment: Record<string, number[]>): void => {
        // Nothing older than the job can be about it; after a rejoin (broker outage),
        // go on where reading stopped, as nothing is committed for this one-off group.
        for (const [topic, next] of positions) {
          for (const p of assignment[topic] ?? []) {
            const offset = next.get(p);
            if (offset !== undefined) consumer.seek({ topic, partition: p, offset });
          }
        }
        if (joined) return;
        joined = true;
        clearTimeout(joinTimer);
        publishedAt = performance.now();
        publish(tasks).then(
          () => log(`published ${tasks.length} task(s)`),
          (err: Error) => finish(new Error(`cannot publish tasks to ${CLUSTER_TOPICS.tasks}: ${err.message}`)),
        );
      };
      const onRecord = (topic: string, value: Buffer | null): void => {
        if (topic === CLUSTER_TOPICS.workers) {
          const h = parseHeartbeat(value);
          const before = this.workersSeen();
          this.heartbeats.set(h.worker, { at: h.at, stopping: h.stopping === true });
          if (this.workersSeen() !== before) progress();
        } else {
          onResult(parseResult(value));
        }
      };
      // kafkajs restarts a consumer after most failures; after one it gives up on, a new
      // consumer takes over (with a backoff) and resumes at the positions read so far.
      let attempt = 0;
      const read = async (): Promise<void> => {
        const consumer = reader.make();
        reader.current = consumer;
        consumer.on(consumer.events.GROUP_JOIN, (e) => {
          attempt = 0;
          onJoin(consumer, e.payload.memberAssignment);
        });
        consumer.on(consumer.events.CRASH, (e) => {
          if (e.payload.restart || settled) return;
          log(`result reader: ${e.payload.error.message}; reconnecting`);
          void retry(consumer);
        });
        try {
          await consumer.connect();
          await consumer.subscribe({ topics: [CLUSTER_TOPICS.results, CLUSTER_TOPICS.workers], fromBeginning: true });
          await consumer.run({
            autoCommit: false,
            eachMessage: async ({ topic, partition, message }) => {
              positions.get(topic)?.set(partition, (BigInt(message.offset) + 1n).toString());
              if (settled) return;
              try {
                onRecord(topic, message.value);
              } catch (e) {
                log(`skipped a record on ${topic}: ${(e as Error).message}`);
              }
            },
          });
        } catch (e) {
          log(`result reader: ${(e as Error).message}; reconnecting`);
          void retry(consumer);
        }
      };
      const retry = async (old: Consumer): Promise<void> => {
        if (reader.current !== old || settled) return;
        reader.current = null;
        await old.disconnect().catch(() => undefined);
        await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** attempt++)));
        if (!settled) await read();
      };
      void read();
    });
  }
}
