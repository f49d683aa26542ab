/**
 * research.*: optimizations and walk-forward analyses keyed by the caller's jobId while
 * they run (progress events, cancel), then by their stored researchId.
 */
import type { ResearchApiService } from './services';
import type { DomainHandlers } from './handlerTypes';
import { ApiFailure } from './errors';

type ResearchMethod =
  | 'research.optimize'
  | 'research.walkforward'
  | 'research.montecarlo'
  | 'research.cancel'
  | 'research.list'
  | 'research.get'
  | 'research.cells'
  | 'research.heatmap'
  | 'research.delete'
  | 'research.workers';

export function researchHandlers(service: ResearchApiService): DomainHandlers<ResearchMethod> {
  const running = new Map<string, AbortController>();
  const track = async <T>(jobId: string, body: (signal: AbortSignal) => Promise<T>): Promise<T> => {
    if (running.has(jobId)) throw new ApiFailure('invalid-argument', `job ${jobId} is already running`);
    const ac = new AbortController();
    running.set(jobId, ac);
    try {
      return await body(ac.signal);
    } finally {
      running.delete(jobId);
    }
  };
  const found = <T>(v: T | null, what: string): T => {
    if (v === null) throw new ApiFailure('not-found', `no ${what}`);
    return v;
  };
  return {
    'research.optimize': ({ jobId, request, executor }, ctx) =>
      track(jobId, (signal) => service.optimize(request, (p) => ctx.emit('research.progress', { ...p, jobId }), signal, executor)),
    'research.walkforward': ({ jobId, request, executor }, ctx) =>
      track(jobId, (signal) => service.walkForward(request, (p) => ctx.emit('research.progress', { ...p, jobId }), signal, executor)),
    'research.montecarlo': async ({ runId, runs, seed, mode }) =>
      found(await service.monteCarlo(runId, runs ?? 1000, seed ?? 1, mode ?? 'resample'), `run with id ${runId}`),
    'research.cancel': async ({ jobId }) => {
      const ac = running.get(jobId);
      if (!ac) return { cancelled: false };
      ac.abort();
      return { cancelled: true };
    },
    'research.list': ({ limit, offset, kind }) => service.list(limit ?? 100, offset ?? 0, kind),
    'research.get': async ({ id }) => found(await service.get(id), `research job with id ${id}`),
    'research.cells': async ({ id, window, limit, offset, byObjective }) =>
      found(await service.cells(id, window ?? 0, limit ?? 1000, offset ?? 0, byObjective ?? false), `research job with id ${id}`),
    'research.heatmap': async ({ id, window, x, y, fold, fixed }) =>
      found(await service.heatmap(id, window ?? 0, x, y, fold ?? 'best', fixed ?? {}), `research job with id ${id}`),
    'research.delete': async ({ id }) => ({ deleted: await service.delete(id) }),
    'research.workers': () => service.workers(),
  };
}
