/** backtest.run / backtest.runForChart / backtest.cancel: jobs keyed by the caller's jobId, cancellable until they finish. */
import type { BacktestApiService } from './services';
import type { CallContext, DomainHandlers } from './handlerTypes';
import { ApiFailure } from './errors';

export function backtestHandlers(service: BacktestApiService): DomainHandlers<'backtest.run' | 'backtest.runForChart' | 'backtest.cancel'> {
  const running = new Map<string, AbortController>();
  /** Runs `work` as job `jobId`: refused while a job of that id runs, cancellable by it meanwhile. */
  async function asJob<T>(jobId: string, ctx: CallContext, work: (onProgress: Parameters<BacktestApiService['run']>[1], signal: AbortSignal) => Promise<T>): Promise<T> {
    if (running.has(jobId)) throw new ApiFailure('invalid-argument', `job ${jobId} is already running`);
    const ac = new AbortController();
    running.set(jobId, ac);
    try {
      return await work((p) => ctx.emit('backtest.progress', { ...p, jobId }), ac.signal);
    } finally {
      running.delete(jobId);
    }
  }
  return {
    'backtest.run': ({ jobId, request }, ctx) => asJob(jobId, ctx, (onProgress, signal) => service.run(request, onProgress, signal)),
    'backtest.runForChart': ({ jobId, request }, ctx) => asJob(jobId, ctx, (onProgress, signal) => service.runForChart(request, onProgress, signal)),
    'backtest.cancel': async ({ jobId }) => {
      const ac = running.get(jobId);
      if (!ac) return { cancelled: false };
      ac.abort();
      return { cancelled: true };
    },
  };
}
