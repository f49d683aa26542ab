/**
 * Runs a list of combinations over one data set on the pool: split into chunks (a few
 * per worker, so the load evens out and a cancel lands quickly), each chunk one task,
 * cells handed back as chunks finish. Shared by the optimizer and walk-forward.
 * Which worker ran which chunk never changes a cell: results are identical for any
 * number of workers.
 */
import { setMaxListeners } from 'node:events';
import type { BrokerConfig } from '../../engine/brokerTypes';
import type { CompatMode } from '../../engine/compat';
import type { ParamValue } from '../../engine/strategy';
import type { WorkerPool } from '../pool/workerPool';
import type { BarRange, GridCellResult } from '../pool/tasks';

export interface GridRunSpec {
  readonly dataId: number;
  readonly strategy: string;
  readonly broker: BrokerConfig;
  readonly combos: readonly { readonly index: number; readonly params: Record<string, ParamValue> }[];
  readonly range?: BarRange;
  readonly periodReturns?: boolean;
  /** Reproduce another tool's numbers (engine compat.ts). */
  readonly compat?: CompatMode;
  /** Pool data set of 1m bars for the bar magnifier (pool/tasks.ts). */
  readonly magnifierDataId?: number;
}

export interface GridRunHooks {
  readonly signal?: AbortSignal;
  /** Combinations finished so far (counted inside running chunks too). */
  readonly onProgress?: (done: number) => void;
  /** Each chunk's cells as it completes (any order). */
  readonly onCells?: (cells: readonly GridCellResult[]) => void;
}

/** Chunks per worker: enough to balance uneven combinations, few enough to keep overhead low. */
const CHUNKS_PER_WORKER = 4;
const MAX_CHUNK = 64;

export async function runGridOnPool(pool: WorkerPool, spec: GridRunSpec, hooks: GridRunHooks = {}): Promise<GridCellResult[]> {
  const n = spec.combos.length;
  const size = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(n / (pool.size * CHUNKS_PER_WORKER))));
  const chunks: (typeof spec.combos)[] = [];
  for (let a = 0; a < n; a += size) chunks.push(spec.combos.slice(a, a + size));
  const doneInChunk = new Array<number>(chunks.length).fill(0);
  let done = 0;
  const all: GridCellResult[] = [];
  // A cancelled or failed chunk stops the others (they share the caller's signal or this one).
  const local = new AbortController();
  // One abort listener per chunk in flight (the pool's cancel hook): many, on purpose.
  setMaxListeners(100_000, local.signal);
  const onOuterAbort = (): void => local.abort();
  hooks.signal?.addEventListener('abort', onOuterAbort, { once: true });
  if (hooks.signal?.aborted) local.abort();
  try {
    await Promise.all(
      chunks.map(async (chunk, c) => {
        // Grid indices are not contiguous after constraints: the task numbers cells by
        // position, mapped back here.
        const result = await pool.run(
          {
            kind: 'grid', dataId: spec.dataId, strategy: spec.strategy, broker: spec.broker, firstIndex: 0,
            combos: chunk.map((x) => x.params), range: spec.range, periodReturns: spec.periodReturns, compat: spec.compat,
            magnifierDataId: spec.magnifierDataId,
          },
          {
            signal: local.signal,
            onProgress: (d) => {
              done += d - doneInChunk[c];
              doneInChunk[c] = d;
              hooks.onProgress?.(done);
            },
          },
        );
        if (result.kind !== 'grid') throw new Error('research worker answered a grid chunk with a backtest result');
        const cells = result.cells.map((cell) => ({ ...cell, index: chunk[cell.index].index }));
        done += chunk.length - doneInChunk[c];
        doneInChunk[c] = chunk.length;
        hooks.onProgress?.(done);
        all.push(...cells);
        hooks.onCells?.(cells);
      }).map((p) => p.catch((e: unknown) => {
        local.abort();
        throw e;
      })),
    );
  } finally {
    hooks.signal?.removeEventListener('abort', onOuterAbort);
  }
  return all.sort((a, b) => a.index - b.index);
}
