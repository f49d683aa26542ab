/**
 * Single backtests for the app: the request is checked on the main thread, its data
 * set loaded once into the research pool's shared memory (reused by later runs on the
 * same data), the run made by a warm pool worker, and the result saved in the local
 * store. Cancel sets the worker's shared flag; the worker stays warm.
 */
import { randomUUID } from 'node:crypto';
import type { Db } from '../data/db';
import type { BacktestRequest, ChartRunDetail, ProgressEvent, RunDetail } from '../../shared/backtestTypes';
import { encodeEquity } from '../../shared/equityCodec';
import { checkEnoughBars, prepareBacktest, rejectionWarning } from './backtestJob';
import { DataSetCache } from './dataSetCache';
import { estimateEtaMs } from './eta';
import { abortError } from './pool/tasks';
import type { WorkerPool } from './pool/workerPool';
import { RunStore } from './runStore';

export interface RunOptions {
  readonly onProgress?: (e: ProgressEvent) => void;
  readonly signal?: AbortSignal;
  /** Caller-chosen id so progress events can be matched before the promise settles. */
  readonly jobId?: string;
}

export class BacktestService {
  private readonly store: RunStore;
  private readonly active = new Map<string, AbortController>();

  constructor(
    db: Db,
    private readonly pool: WorkerPool,
    readonly dataSets: DataSetCache,
    private readonly strategiesDir?: string,
  ) {
    this.store = new RunStore(db);
  }

  get runs(): RunStore {
    return this.store;
  }

  /** Runs one backtest in the pool and saves it. Rejects with AbortError when cancelled. */
  async run(request: BacktestRequest, opts: RunOptions = {}): Promise<RunDetail> {
    return (await this.runAndSave(request, opts)).run;
  }

  /** `run`, with the equity coded against the closes of the candles it ran on (for a client holding them). */
  async runForChart(request: BacktestRequest, opts: RunOptions = {}): Promise<ChartRunDetail> {
    const { run: { equity, ...rest }, close } = await this.runAndSave(request, opts);
    return { ...rest, equityCoded: encodeEquity(equity, close) };
  }

  private async runAndSave(request: BacktestRequest, opts: RunOptions): Promise<{ run: RunDetail; close: Float64Array }> {
    const jobId = opts.jobId ?? randomUUID();
    const controller = new AbortController();
    const onAbort = (): void => controller.abort();
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    if (opts.signal?.aborted) controller.abort();
    this.active.set(jobId, controller);
    try {
      opts.onProgress?.({ jobId, done: 0, total: 1, etaMs: null, phase: 'loading data' });
      const prep = await prepareBacktest(request, this.strategiesDir);
      const data = await this.dataSets.get({ data: request.data, fromMs: prep.fromMs, toMs: prep.toMs });
      checkEnoughBars(request.data, data.candles);
      if (controller.signal.aborted) throw abortError();
      const startedAt = Date.now();
      const result = await this.pool.run(
        { kind: 'backtest', dataId: data.dataId, strategy: request.strategy, params: prep.params, broker: prep.broker, compat: request.compat },
        {
          signal: controller.signal,
          onProgress: (done, total) =>
            opts.onProgress?.({ jobId, done, total, etaMs: estimateEtaMs(startedAt, Date.now(), done, total), phase: 'simulating' }),
        },
      );
      if (result.kind !== 'backtest') throw new Error('research worker answered a backtest with a grid result');
      const warnings = [...data.warnings, ...rejectionWarning(result.rejectedOrders, result.firstRejection)];
      const summary = this.store.save({
        kind: 'backtest', strategy: prep.strategy.name, params: prep.fullParams, broker: request.broker,
        dataSource: data.source, data: data.fingerprint, stats: result.stats, equity: result.equity,
        trades: result.trades, label: request.label ?? null, compat: request.compat,
      });
      const run = { ...summary, equity: result.equity, trades: result.trades, ...(warnings.length ? { warnings } : {}) };
      return { run, close: data.candles.close };
    } finally {
      this.active.delete(jobId);
      opts.signal?.removeEventListener('abort', onAbort);
    }
  }

  cancel(jobId: string): boolean {
    const c = this.active.get(jobId);
    if (!c) return false;
    c.abort();
    return true;
  }

  activeJobs(): string[] {
    return [...this.active.keys()];
  }
}
