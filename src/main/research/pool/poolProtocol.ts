/**
 * Messages between the WorkerPool (main thread) and its poolWorker threads. Requests
 * and replies are discriminated unions; every task reply carries the task's id.
 */
import type { SerializedError } from '../workerProtocol';
import type { SharedCandlesRef } from './sharedCandles';
import type { PoolTask, PoolTaskResult } from './tasks';

export interface PoolWorkerData {
  /** One Int32 cancel flag per worker slot: the main thread sets it, the engine polls it. */
  readonly cancelFlags: SharedArrayBuffer;
  readonly slot: number;
  readonly strategiesDir?: string;
  /** Data sets already loaded when this worker starts (a replacement worker gets them all). */
  readonly dataSets: readonly { readonly dataId: number; readonly ref: SharedCandlesRef }[];
}

export type PoolRequest =
  | { readonly type: 'data'; readonly dataId: number; readonly ref: SharedCandlesRef }
  | { readonly type: 'dropData'; readonly dataId: number }
  | { readonly type: 'task'; readonly taskId: number; readonly task: PoolTask };

export type PoolReply =
  | { readonly type: 'ready' }
  | { readonly type: 'progress'; readonly taskId: number; readonly done: number; readonly total: number }
  | { readonly type: 'result'; readonly taskId: number; readonly result: PoolTaskResult }
  | { readonly type: 'error'; readonly taskId: number; readonly error: SerializedError };
