/**
 * A pool of persistent research workers, sized to the cores by default. Started once,
 * reused for every task: single backtests, grid chunks, walk-forward windows.
 *
 * - Data sets are loaded once into shared memory and handed to every worker (and to
 *   any replacement) without copying.
 * - Tasks queue FIFO and go to idle workers; each reply carries its task's id.
 * - Cancel is cooperative: the worker's flag in a shared Int32Array is set and the
 *   engine, which polls it, stops within a few thousand bars; the worker stays warm.
 *   A worker that ignores the flag (user code stuck in a loop) is replaced.
 * - A worker that crashes, or sends nothing for `hangTimeoutMs` while busy, is replaced
 *   and its task retried once; a second failure rejects the task with the reason.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import type { Candles } from '../../engine/candles';
import { spawnWorker } from '../spawnWorker';
import { reviveError } from '../workerProtocol';
import type { PoolReply, PoolRequest, PoolWorkerData } from './poolProtocol';
import { toSharedCandles, type SharedCandlesRef } from './sharedCandles';
import { abortError, type PoolTask, type PoolTaskResult } from './tasks';

export interface WorkerPoolOptions {
  /** Number of worker threads (default: the machine's available parallelism). */
  readonly size?: number;
  /** Folder of user strategies the workers resolve names in. */
  readonly strategiesDir?: string;
  /** A busy worker silent this long is considered hung (default 30 s; progress counts as a sign of life). */
  readonly hangTimeoutMs?: number;
  /** After a cancel, how long a worker may take to stop before it is replaced (default 2 s). */
  readonly cancelGraceMs?: number;
}

export interface RunTaskOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number) => void;
}

export interface SharedDataSet {
  readonly dataId: number;
  /** The candles as the workers see them (shared memory). */
  readonly candles: Candles;
}

/** Raised when a task's worker failed twice (crash or hang). */
export class WorkerFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkerFailedError';
  }
}

interface Job {
  readonly taskId: number;
  readonly task: PoolTask;
  attempts: number;
  readonly opts: RunTaskOptions;
  resolve(r: PoolTaskResult): void;
  reject(e: Error): void;
  slot: Slot | null;
  cancelTimer: ReturnType<typeof setTimeout> | null;
  readonly detach: () => void;
}

interface Slot {
  readonly index: number;
  worker: Worker;
  ready: boolean;
  job: Job | null;
  lastHeard: number;
  /** Why the current worker is being replaced (set before terminate). */
  failure: string | null;
  /** Workers of this slot that died before saying ready, in a row. */
  bootFailures: number;
}

const MAX_BOOT_FAILURES = 3;

export class WorkerPool {
  readonly size: number;
  private readonly hangTimeoutMs: number;
  private readonly cancelGraceMs: number;
  private readonly strategiesDir: string | undefined;
  private readonly cancelFlags = new SharedArrayBuffer(4 * 256);
  private readonly flags = new Int32Array(this.cancelFlags);
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private readonly dataSets = new Map<number, SharedCandlesRef>();
  private readonly watchdog: ReturnType<typeof setInterval>;
  private nextTaskId = 1;
  private nextDataId = 1;
  private closed = false;
  private brokenReason: string | null = null;
  /** Replacements made so far (crash, hang or a cancel that was ignored). */
  replacements = 0;

  constructor(opts: WorkerPoolOptions = {}) {
    const size = opts.size ?? availableParallelism();
    if (!Number.isInteger(size) || size < 1 || size > 256) throw new RangeError(`worker count must be an integer in 1..256 (got ${size})`);
    this.size = size;
    this.hangTimeoutMs = opts.hangTimeoutMs ?? 30_000;
    this.cancelGraceMs = opts.cancelGraceMs ?? 2_000;
    this.strategiesDir = opts.strategiesDir;
    for (let i = 0; i < size; i++) {
      const slot: Slot = { index: i, worker: undefined as unknown as Worker, ready: false, job: null, lastHeard: Date.now(), failure: null, bootFailures: 0 };
      this.slots.push(slot);
      this.startWorker(slot);
    }
    this.watchdog = setInterval(() => this.checkHung(), Math.max(50, Math.min(1_000, this.hangTimeoutMs / 4)));
    this.watchdog.unref();
  }

  /** Copies candles into shared memory once and gives them to every worker. */
  loadData(candles: Candles): SharedDataSet {
    this.checkOpen();
    const { candles: shared, ref } = toSharedCandles(candles);
    const dataId = this.nextDataId++;
    this.dataSets.set(dataId, ref);
    this.broadcast({ type: 'data', dataId, ref });
    return { dataId, candles: shared };
  }

  dropData(dataId: number): void {
    if (!this.dataSets.delete(dataId) || this.closed) return;
    this.broadcast({ type: 'dropData', dataId });
  }

  /** Runs one task on the next idle worker. Rejects with an AbortError when cancelled. */
  run(task: PoolTask, opts: RunTaskOptions = {}): Promise<PoolTaskResult> {
    if (this.closed) return Promise.reject(new Error('the worker pool is closed'));
    if (this.brokenReason) return Promise.reject(new WorkerFailedError(this.brokenReason));
    if (opts.signal?.aborted) return Promise.reject(abortError());
    return new Promise<PoolTaskResult>((resolve, reject) => {
      const onAbort = (): void => this.cancel(job);
      const job: Job = {
        taskId: this.nextTaskId++, task, attempts: 0, opts, resolve, reject, slot: null, cancelTimer: null,
        detach: () => opts.signal?.removeEventListener('abort', onAbort),
      };
      opts.signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.pump();
    });
  }

  /** Thread ids of the current workers (a replaced worker gets a new one). */
  threadIds(): number[] {
    return this.slots.map((s) => s.worker.threadId);
  }

  /** Tasks waiting plus tasks running. */
  get pending(): number {
    return this.queue.length + this.slots.filter((s) => s.job !== null).length;
  }

  /** Stops every worker; tasks still queued or running are rejected. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.watchdog);
    const err = new Error('the worker pool was closed');
    for (const job of this.queue.splice(0)) this.settle(job, () => job.reject(err));
    for (const s of this.slots) if (s.job) this.settle(s.job, () => s.job?.reject(err));
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }

  private startWorker(slot: Slot): void {
    const data: PoolWorkerData = {
      cancelFlags: this.cancelFlags,
      slot: slot.index,
      strategiesDir: this.strategiesDir,
      dataSets: [...this.dataSets].map(([dataId, ref]) => ({ dataId, ref })),
    };
    const worker = spawnWorker('poolWorker', data);
    slot.worker = worker;
    slot.ready = false;
    slot.failure = null;
    slot.lastHeard = Date.now();
    worker.on('message', (m: PoolReply) => {
      if (slot.worker === worker) this.onMessage(slot, m);
    });
    worker.on('error', (e) => {
      if (slot.worker === worker) slot.failure ??= `crashed: ${e.message}`;
    });
    worker.on('exit', (code) => {
      if (slot.worker === worker) this.onExit(slot, code);
    });
  }

  private onMessage(slot: Slot, m: PoolReply): void {
    slot.lastHeard = Date.now();
    if (m.type === 'ready') {
      slot.ready = true;
      slot.bootFailures = 0;
      this.pump();
      return;
    }
    const job = slot.job;
    if (!job || job.taskId !== m.taskId) return; // a reply to a task already settled (e.g. cancelled)
    if (m.type === 'progress') {
      job.opts.onProgress?.(m.done, m.total);
      return;
    }
    slot.job = null;
    if (m.type === 'result') this.settle(job, () => job.resolve(m.result));
    else this.settle(job, () => job.reject(reviveError(m.error)));
    this.pump();
  }

  private onExit(slot: Slot, code: number): void {
    if (this.closed) return;
    const reason = slot.failure ?? `exited with code ${code}`;
    if (!slot.ready) slot.bootFailures++;
    this.replacements++;
    const job = slot.job;
    slot.job = null;
    if (slot.bootFailures >= MAX_BOOT_FAILURES) {
      // Workers that cannot even start (a broken install): stop respawning, fail what waits.
      this.brokenReason = `research workers fail to start: ${reason}`;
      const err = new WorkerFailedError(this.brokenReason);
      if (job) this.settle(job, () => job.reject(err));
      for (const j of this.queue.splice(0)) this.settle(j, () => j.reject(err));
      return;
    }
    this.startWorker(slot);
    if (job) {
      if (job.opts.signal?.aborted) {
        this.settle(job, () => job.reject(abortError()));
      } else if (job.attempts < 2) {
        this.queue.unshift(job); // retried once, ahead of the rest
      } else {
        this.settle(job, () => job.reject(new WorkerFailedError(`research worker ${reason} twice on the same task (${describeTask(job.task)}); giving up on it`)));
      }
    }
    this.pump();
  }

  private pump(): void {
    if (this.closed) return;
    for (const slot of this.slots) {
      if (!slot.ready || slot.job) continue;
      const job = this.queue.shift();
      if (!job) return;
      job.attempts++;
      job.slot = slot;
      slot.job = job;
      slot.lastHeard = Date.now();
      Atomics.store(this.flags, slot.index, 0);
      this.post(slot, { type: 'task', taskId: job.taskId, task: job.task });
    }
  }

  private cancel(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      this.settle(job, () => job.reject(abortError()));
      return;
    }
    const slot = job.slot;
    if (!slot || slot.job !== job) return;
    Atomics.store(this.flags, slot.index, 1);
    // The worker answers with an AbortError as soon as the engine sees the flag; one
    // that does not (user code in a tight loop) is replaced after a grace period.
    job.cancelTimer = setTimeout(() => {
      if (slot.job !== job) return;
      slot.failure = 'did not stop after a cancel';
      slot.job = null;
      this.settle(job, () => job.reject(abortError()));
      void slot.worker.terminate();
    }, this.cancelGraceMs);
    job.cancelTimer.unref();
  }

  private checkHung(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.job && slot.failure === null && now - slot.lastHeard > this.hangTimeoutMs) {
        slot.failure = `stopped responding for ${Math.round((now - slot.lastHeard) / 1000)} s`;
        void slot.worker.terminate();
      }
    }
  }

  private settle(job: Job, fn: () => void): void {
    job.detach();
    if (job.cancelTimer) clearTimeout(job.cancelTimer);
    job.slot = null;
    fn();
  }

  private broadcast(m: PoolRequest): void {
    for (const s of this.slots) this.post(s, m);
  }

  private post(slot: Slot, m: PoolRequest): void {
    slot.worker.postMessage(m);
  }

  private checkOpen(): void {
    if (this.closed) throw new Error('the worker pool is closed');
  }
}

function describeTask(t: PoolTask): string {
  if (t.kind === 'backtest') return `backtest ${t.strategy} ${JSON.stringify(t.params)}`;
  return `grid ${t.strategy}, combinations ${t.firstIndex}..${t.firstIndex + t.combos.length - 1}`;
}
