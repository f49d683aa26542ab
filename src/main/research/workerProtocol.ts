/** Messages between the backtest service and its worker threads. */
import type { DataFingerprint } from './runStore';
import type { BacktestRequest, ParamValue, StatsRecord, TradeRecord } from '../../shared/backtestTypes';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** 'user' errors (bad input) are shown as they are; 'internal' ones are bugs. */
  kind: 'user' | 'internal';
}

export interface BacktestWorkerInput {
  dbPath: string;
  request: BacktestRequest;
  strategiesDir?: string;
}

export interface BacktestWorkerResult {
  strategy: string;
  params: Record<string, ParamValue>;
  dataSource: string;
  stats: StatsRecord;
  trades: TradeRecord[];
  /** Transferred, not copied. */
  equity: Float64Array;
  data: DataFingerprint;
  warnings: string[];
}

export type BacktestWorkerMessage =
  | { type: 'progress'; done: number; total: number }
  | { type: 'result'; result: BacktestWorkerResult }
  | { type: 'error'; error: SerializedError };

export function serializeError(e: unknown): SerializedError {
  const err = e instanceof Error ? e : new Error(String(e));
  const internal = err instanceof TypeError || err instanceof RangeError || err instanceof ReferenceError;
  return { name: err.name, message: err.message, stack: err.stack, kind: internal ? 'internal' : 'user' };
}

export function reviveError(s: SerializedError): Error {
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
