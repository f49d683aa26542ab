/** Saved runs: find them (search, filters, sort, pages), read one, name and tag it, delete. */
import type { BacktestApiService } from './services';
import type { DomainHandlers } from './handlerTypes';
import { ApiFailure } from './errors';

type RunsMethods = 'runs.list' | 'runs.count' | 'runs.tags' | 'runs.get' | 'runs.update' | 'runs.delete' | 'strategies.list';

export function runsHandlers(service: BacktestApiService): DomainHandlers<RunsMethods> {
  return {
    'runs.list': async (q) => service.searchRuns(q),
    'runs.count': async (f) => ({ total: await service.countRuns(f) }),
    'runs.tags': async () => service.runTags(),
    'runs.get': async ({ id }) => {
      const run = await service.getRun(id);
      if (!run) throw new ApiFailure('not-found', `run ${id} does not exist`);
      return run;
    },
    'runs.update': async ({ id, ...patch }) => {
      let run;
      try {
        run = await service.updateRun(id, patch);
      } catch (e) {
        // The store's own check of a name or tag (the schema has one too): the user's input, not a fault.
        if (e instanceof RangeError) throw new ApiFailure('invalid-argument', e.message);
        throw e;
      }
      if (!run) throw new ApiFailure('not-found', `run ${id} does not exist`);
      return run;
    },
    'runs.delete': async ({ id }) => ({ deleted: await service.deleteRun(id) }),
    'strategies.list': async () => service.listStrategies(),
  };
}
