/** backtest.run / backtest.cancel: jobs keyed by the caller's jobId, cancellable until they finish. */
import type { BacktestApiService } from './services';
import type { DomainHandlers } from './handlerTypes';
import { ApiFailure } from './errors';

export function backtestHandlers(service: BacktestApiService): DomainHandlers<'backtest.run' | 'backtest.cancel'> {
  const running = new Map<string, AbortController>();
  return {
    'backtest.run': async ({ jobId, request }, ctx) => {
      if (running.has(jobId)) throw new ApiFailure('invalid-argument', `job ${jobId} is already running`);
      const ac = new AbortController();
      running.set(jobId, ac);
      try {
        return await service.run(request, (p) => ctx.emit('backtest.progress', { ...p, jobId }), ac.signal);
      } finally {
        running.delete(jobId);
      }
    },
    'backtest.cancel': async ({ jobId }) => {
      const ac = running.get(jobId);
      if (!ac) return { cancelled: false };
      ac.abort();
      return { cancelled: true };
    },
  };
}
