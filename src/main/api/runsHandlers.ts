/** Saved runs: list, read one (with equity and trades), delete. */
import type { BacktestApiService } from './services';
import type { DomainHandlers } from './handlerTypes';
import { ApiFailure } from './errors';

export function runsHandlers(service: BacktestApiService): DomainHandlers<'runs.list' | 'runs.get' | 'runs.delete' | 'strategies.list'> {
  return {
    'runs.list': async ({ limit, offset }) => service.listRuns(limit ?? 100, offset ?? 0),
    'runs.get': async ({ id }) => {
      const run = await service.getRun(id);
      if (!run) throw new ApiFailure('not-found', `run ${id} does not exist`);
      return run;
    },
    'runs.delete': async ({ id }) => ({ deleted: await service.deleteRun(id) }),
    'strategies.list': async () => service.listStrategies(),
  };
}
