/** Worker thread: runs one backtest and posts progress, then the result (equity transferred). */
import { parentPort, workerData } from 'node:worker_threads';
import { openDb } from '../data/db';
import { executeBacktest } from './backtestJob';
import { fingerprint } from './runStore';
import { serializeError, type BacktestWorkerInput, type BacktestWorkerMessage } from './workerProtocol';

const input = workerData as BacktestWorkerInput;
if (input.strategiesDir) process.env.CRYPTOTA_STRATEGIES = input.strategiesDir;
const port = parentPort;
if (!port) throw new Error('backtestWorker must run in a worker thread');
const post = (m: BacktestWorkerMessage, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);

async function main(): Promise<void> {
  const db = openDb(input.dbPath);
  try {
    let last = 0;
    const outcome = await executeBacktest(input.request, {
      db,
      onProgress: (done, total) => {
        const now = Date.now();
        if (now - last >= 100 || done === total) {
          last = now;
          post({ type: 'progress', done, total });
        }
      },
    });
    const equity = outcome.equity.slice();
    post(
      {
        type: 'result',
        result: {
          strategy: outcome.strategy.name, params: outcome.params, dataSource: outcome.dataSource, stats: outcome.stats,
          trades: outcome.trades, equity, data: fingerprint(outcome.candles), warnings: [...outcome.warnings],
        },
      },
      [equity.buffer],
    );
  } finally {
    db.close();
  }
}

main().catch((e: unknown) => post({ type: 'error', error: serializeError(e) }));
