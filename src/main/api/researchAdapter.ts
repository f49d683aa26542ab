/** Adapts the research jobs (pool, stores) to the API's narrow interface. */
import type { ResearchContext } from '../research/researchContext';
import { ResearchStore } from '../research/researchStore';
import { RunStore } from '../research/runStore';
import { runOptimization } from '../research/optimize/optimizer';
import { runWalkForward } from '../research/walkforward/walkForward';
import { monteCarloOfRun } from '../research/robustness/runMonteCarlo';

import type { OptimizationSummary, OptimizeRequest, WalkForwardRequest, WalkForwardSummary } from '../../shared/researchTypes';
import { ApiFailure } from './errors';
import type { ResearchApiService } from './services';

export function researchApi(ctx: ResearchContext): ResearchApiService {
  const store = new ResearchStore(ctx.db);
  const runs = new RunStore(ctx.db);
  return {
    optimize: async (request, onProgress, signal) => {
      const out = await runOptimization(request, ctx, { signal, onProgress });
      return { researchId: out.jobId, summary: out.summary };
    },
    walkForward: async (request, onProgress, signal) => {
      const out = await runWalkForward(request, ctx, { signal, onProgress });
      return { researchId: out.jobId, summary: out.summary };
    },
    monteCarlo: async (runId, count, seed, mode) => {
      const run = runs.get(runId);
      return run ? monteCarloOfRun(run, { runs: count, seed, mode }) : null;
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
