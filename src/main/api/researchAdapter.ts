/** Adapts the research jobs (pool, stores) to the API's narrow interface. */
import type { ResearchContext } from '../research/researchContext';
import { ResearchStore } from '../research/researchStore';
import { RunStore } from '../research/runStore';
import { runOptimization } from '../research/optimize/optimizer';
import { runWalkForward } from '../research/walkforward/walkForward';
import { monteCarloOfRun, saveMonteCarlo } from '../research/robustness/runMonteCarlo';
import { DEFAULT_PERCENTILES } from '../research/robustness/monteCarlo';

import type { OptimizationSummary, OptimizeRequest, WalkForwardRequest, WalkForwardSummary } from '../../shared/researchTypes';
import type { ResearchExecutor } from '../../shared/researchWorkers';
import { NoClusterError, type AppCluster } from '../research/cluster/appCluster';
import type { GridExecutor } from '../research/optimize/optimizer';
import { ApiFailure } from './errors';
import type { ResearchApiService } from './services';

/** `cluster`: the research workers on Kafka (executor 'kafka', research.workers); absent, both are unavailable. */
export function researchApi(ctx: ResearchContext, cluster?: AppCluster): ResearchApiService {
  const store = new ResearchStore(ctx.db);
  const runs = new RunStore(ctx.db);
  const unavailable = (e: unknown): never => {
    if (e instanceof NoClusterError) throw new ApiFailure('unavailable', e.message);
    throw e;
  };
  const executorFor = async (executor: ResearchExecutor | undefined, request: OptimizeRequest | WalkForwardRequest): Promise<GridExecutor | undefined> => {
    if (executor !== 'kafka') return undefined;
    if (!cluster) throw new ApiFailure('unavailable', 'research workers are not available in this app');
    return (await cluster.executor(ctx, request).catch(unavailable)).run;
  };
  return {
    optimize: async (request, onProgress, signal, executor) => {
      const out = await runOptimization(request, ctx, { signal, onProgress, executor: await executorFor(executor, request) });
      return { researchId: out.jobId, summary: out.summary };
    },
    walkForward: async (request, onProgress, signal, executor) => {
      const out = await runWalkForward(request, ctx, { signal, onProgress, executor: await executorFor(executor, request) });
      return { researchId: out.jobId, summary: out.summary };
    },
    workers: async () => {
      if (!cluster) throw new ApiFailure('unavailable', 'research workers are not available in this app');
      return cluster.workers().catch(unavailable);
    },
    monteCarlo: async (runId, count, seed, mode) => {
      const run = runs.get(runId);
      if (!run) return null;
      const request = { runId, runs: count, seed, mode, percentiles: DEFAULT_PERCENTILES };
      const mc = monteCarloOfRun(run, request);
      return { ...mc, researchId: saveMonteCarlo(store, run, request, mc) };
    },
    list: async (limit, offset, kind) => store.list(limit, offset, kind),
    get: async (id) => {
      const job = store.get(id);
      if (!job) return null;
      return {
        job: job.summary,
        request: job.spec as OptimizeRequest | WalkForwardRequest,
        result: job.result as OptimizationSummary | WalkForwardSummary | null,
      };
    },
    cells: async (id, window, limit, offset, byObjective) => {
      if (!store.get(id)) return null;
      return { total: store.countCells(id, window), cells: store.cells(id, window, { limit, offset, byObjective }) };
    },
    heatmap: async (id, window, x, y, fold, fixed) => {
      if (!store.get(id)) return null;
      try {
        return store.heatmap(id, window, x, y, fold, fixed);
      } catch (e) {
        throw new ApiFailure('invalid-argument', (e as Error).message);
      }
    },
    delete: async (id) => store.delete(id),
  };
}
