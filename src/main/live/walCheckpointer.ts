/**
 * Runs SQLite WAL checkpoints on a worker thread with its own connection. A checkpoint
 * copies the WAL into the database file and fsyncs it: about 15 ms on the development
 * machine, more on a busy disk — time the event loop would otherwise spend blocked while
 * the next candles wait in the socket. In WAL mode a PASSIVE checkpoint from another
 * connection runs alongside the writer without taking its locks, so the service's commit
 * path is untouched and the transaction guarantees are SQLite's own.
 *
 * When the worker cannot open the database (an in-memory store, or a build of
 * better-sqlite3 the worker cannot load) checkpoints run on the calling thread, as before.
 */
import { Worker } from 'node:worker_threads';
import type { Db } from '../data/db';

/** CommonJS run by the worker: opens the file, checkpoints on request, reports each. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
let db = null;
try {
  const Database = require('better-sqlite3');
  db = new Database(workerData.file, { fileMustExist: true });
  parentPort.postMessage({ type: 'ready' });
} catch (e) {
  parentPort.postMessage({ type: 'unavailable', error: String((e && e.message) || e) });
}
parentPort.on('message', (m) => {
  if (m === 'close') {
    if (db) db.close();
    db = null;
    parentPort.close();
    return;
  }
  if (!db) return;
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ type: 'done' });
  } catch (e) {
    parentPort.postMessage({ type: 'failed', error: String((e && e.message) || e) });
  }
});
`;

type WorkerReply = { type: 'ready' } | { type: 'done' } | { type: 'unavailable'; error: string } | { type: 'failed'; error: string };

export class WalCheckpointer {
  private worker: Worker | null = null;
  private ready = false;
  private running = false;
  /** Checkpoints are done on this thread (no worker could be used). */
  private inline = false;
  /** Checkpoints completed (either thread). */
  completed = 0;

  constructor(private readonly db: Db, private readonly log: (line: string) => void = () => {}) {}

  start(): void {
    if (this.worker || this.inline) return;
    if (this.db.memory || this.db.readonly) {
      this.inline = true;
      return;
    }
    try {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { file: this.db.name } });
      // A checkpoint worker must never keep the process alive on its own.
      worker.unref();
      worker.on('message', (m: WorkerReply) => this.onReply(m));
      worker.on('error', (e) => this.fallBack(`checkpoint worker failed: ${e.message}`));
      this.worker = worker;
    } catch (e) {
      this.fallBack(`checkpoint worker not started: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  /** Requests a checkpoint; one at a time (a request while one runs is dropped). */
  checkpoint(): void {
    if (this.inline) {
      this.checkpointHere();
      return;
    }
    if (!this.worker || !this.ready || this.running) return;
    this.running = true;
    this.worker.postMessage('checkpoint');
  }

  async stop(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.ready = false;
    if (!w) return;
    const exited = new Promise<void>((resolve) => w.once('exit', () => resolve()));
    w.postMessage('close');
    // A checkpoint in progress finishes first; a stuck one is not waited for long.
    const timer = setTimeout(() => void w.terminate(), 2000);
    await exited;
    clearTimeout(timer);
  }

  private onReply(m: WorkerReply): void {
    if (m.type === 'ready') this.ready = true;
    else if (m.type === 'done') {
      this.running = false;
      this.completed++;
    }
    else if (m.type === 'failed') {
      this.running = false;
      this.log(`checkpoint: ${m.error}`);
    } else this.fallBack(`checkpoint worker cannot open the store (${m.error}); checkpointing on the main thread`);
  }

  private fallBack(reason: string): void {
    this.log(reason);
    const w = this.worker;
    this.worker = null;
    this.ready = false;
    this.running = false;
    this.inline = true;
    if (w) void w.terminate();
  }

  private checkpointHere(): void {
    try {
      this.db.pragma('wal_checkpoint(PASSIVE)');
      this.completed++;
    } catch (e) {
      this.log(`checkpoint: ${String(e)}`);
    }
  }

  /** True when checkpoints run on the worker thread. */
  get onWorker(): boolean {
    return this.worker !== null && this.ready;
  }
}
