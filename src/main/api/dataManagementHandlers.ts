/**
 * data.* for the Data screen: source test and tables, cache coverage, removal, CSV
 * import, and sync as a long call keyed by the caller's jobId while it runs (progress
 * events on `data.syncProgress`, `data.cancel`), like research.optimize.
 */
import type { DataManagementApiService } from './services';
import type { DomainHandlers } from './handlerTypes';
import { ApiFailure } from './errors';

type DataManagementMethod = 'data.sourceTest' | 'data.tables' | 'data.coverage' | 'data.sync' | 'data.cancel' | 'data.cacheRemove' | 'data.import';

export function dataManagementHandlers(service: DataManagementApiService): DomainHandlers<DataManagementMethod> {
  const running = new Map<string, AbortController>();
  return {
    'data.sourceTest': ({ connection }) => service.sourceTest(connection),
    'data.tables': () => service.tables(),
    'data.coverage': () => service.coverage(),
    'data.sync': async ({ jobId, instrument, fromMs, toMs, refresh, retries }, ctx) => {
      if (running.has(jobId)) throw new ApiFailure('invalid-argument', `job ${jobId} is already running`);
      const ac = new AbortController();
      running.set(jobId, ac);
      try {
        return await service.sync({ instrument, fromMs, toMs, refresh, retries }, (p) => ctx.emit('data.syncProgress', { ...p, jobId }), ac.signal);
      } finally {
        running.delete(jobId);
      }
    },
    'data.cancel': async ({ jobId }) => {
      const ac = running.get(jobId);
      if (!ac) return { cancelled: false };
      ac.abort();
      return { cancelled: true };
    },
    'data.cacheRemove': ({ instrument, fromMs, toMs }) => service.removeFromCache(instrument, fromMs, toMs),
    'data.import': ({ instrument, fileName, text, path }) =>
      service.importCsv(instrument, fileName, text !== undefined ? { text } : { path: path as string }),
  };
}
