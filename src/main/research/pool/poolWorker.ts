/**
 * A persistent research worker: keeps the data sets it was given (shared memory), the
 * strategies it resolved, and runs tasks one at a time until the pool terminates it.
 * Cancel is cooperative: the engine polls this worker's flag in the shared array.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Candles } from '../../engine/candles';
import { IndicatorCache } from '../../engine/indicators/indicatorCache';
import type { StrategyDefinition } from '../../engine/strategy';
import { resolveStrategy } from '../strategyLoader';
import { serializeError } from '../workerProtocol';
import type { PoolReply, PoolRequest, PoolWorkerData } from './poolProtocol';
import { fromSharedCandles } from './sharedCandles';
import { executeTask, type PoolTaskResult, type TaskEnv } from './tasks';

const input = workerData as PoolWorkerData;
const port = parentPort;
if (!port) throw new Error('poolWorker must run in a worker thread');

const flags = new Int32Array(input.cancelFlags);
const slot = input.slot;
const dataSets = new Map<number, Candles>();
for (const d of input.dataSets) dataSets.set(d.dataId, fromSharedCandles(d.ref));
const strategies = new Map<string, Promise<StrategyDefinition>>();
// Indicator series shared by every combination this worker runs (byte-bounded LRU).
const indicatorCache = new IndicatorCache();

const env: TaskEnv = {
  indicatorCache,
  candles(dataId) {
    const c = dataSets.get(dataId);
    if (!c) throw new Error(`data set ${dataId} is not loaded in this worker`);
    return c;
  },
  strategy(name) {
    let p = strategies.get(name);
    if (!p) {
      p = resolveStrategy(name, input.strategiesDir);
      // A failed load is not cached: the user may fix the file and retry.
      p.catch(() => strategies.delete(name));
      strategies.set(name, p);
    }
    return p;
  },
};

// The engine reads `aborted` every few thousand bars: one atomic load, no message needed.
const signal = {
  get aborted(): boolean {
    return Atomics.load(flags, slot) !== 0;
  },
};

const post = (m: PoolReply, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

// Tasks arrive one at a time (the pool sends the next after a reply), but a chain keeps
// order even if that ever changes.
let chain: Promise<void> = Promise.resolve();

port.on('message', (m: PoolRequest) => {
  switch (m.type) {
    case 'data':
      dataSets.set(m.dataId, fromSharedCandles(m.ref));
      break;
    case 'dropData':
      // The cache's entries are keyed by the dropped buffer (a WeakMap): they go with it.
      dataSets.delete(m.dataId);
      break;
    case 'task':
      chain = chain.then(() => runTask(m.taskId, m.task));
      break;
  }
});

async function runTask(taskId: number, task: Extract<PoolRequest, { type: 'task' }>['task']): Promise<void> {
  let last = 0;
  try {
    const result = await executeTask(task, env, {
      signal,
      progress(done, total) {
        const now = Date.now();
        // Throttled, but frequent enough to double as the pool's liveness heartbeat.
        if (now - last >= 100 || done === total) {
          last = now;
          post({ type: 'progress', taskId, done, total });
        }
      },
    });
    post({ type: 'result', taskId, result }, transferables(result));
  } catch (e) {
    post({ type: 'error', taskId, error: serializeError(e) });
  }
}

function transferables(r: PoolTaskResult): ArrayBuffer[] {
  if (r.kind === 'backtest') return [r.equity.buffer as ArrayBuffer];
  const out: ArrayBuffer[] = [];
  for (const c of r.cells) if (c.periodReturns) out.push(c.periodReturns.buffer as ArrayBuffer);
  return out;
}

post({ type: 'ready' });
