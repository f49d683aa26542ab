/** Adapts the research BacktestService (worker threads + run store) to the API's narrow interface. */
import type { BacktestService } from '../research/backtestService';
import { basename } from 'node:path';
import { listStrategies } from '../research/strategyLoader';
import type { StrategyInfo } from '../../shared/apiTypes';
import type { BacktestApiService } from './services';

export function backtestApi(service: BacktestService, strategiesDir?: string): BacktestApiService {
  return {
    run: (request, onProgress, signal) =>
      service.run(request, { signal, onProgress: ({ jobId: _jobId, ...p }) => onProgress(p) }),
    runForChart: (request, onProgress, signal) =>
      service.runForChart(request, { signal, onProgress: ({ jobId: _jobId, ...p }) => onProgress(p) }),
    listRuns: async (limit, offset) => service.runs.list(limit, offset),
    searchRuns: async (q) => service.runs.search(q),
    countRuns: async (f) => service.runs.count(f),
    runTags: async () => service.runs.tags(),
    updateRun: async (id, patch) => service.runs.update(id, patch),
    getRun: async (id) => service.runs.get(id),
    deleteRun: async (id) => service.runs.delete(id),
    listStrategies: async (): Promise<StrategyInfo[]> => {
      const { strategies, failures } = await listStrategies(strategiesDir);
      return strategies.map(({ definition: d, source }) => ({
        name: d.name,
        description: d.description,
        source,
        params: d.params.map((p) => ({
          name: p.name,
          type: p.type,
          default: p.default,
          description: p.description,
          ...(p.min === undefined ? {} : { min: p.min }),
          ...(p.max === undefined ? {} : { max: p.max }),
          ...(p.step === undefined ? {} : { step: p.step }),
          ...(p.options === undefined ? {} : { options: [...p.options] }),
        })),
      })).concat(
        // A user file that fails to load stays in the list with its error, so the app can say why.
        failures.map((f) => ({ name: basename(f.file).replace(/\.[^.]+$/, ''), description: '', source: f.file, params: [], loadError: f.message })),
      );
    },
  };
}
