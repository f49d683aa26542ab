/** app.info: version and where the local store is. */
import type { ApiServices } from './services';
import type { DomainHandlers } from './handlerTypes';

export function appHandlers(services: ApiServices): DomainHandlers<'app.info'> {
  return {
    'app.info': async () => ({
      name: services.appName,
      version: services.version,
      dbPath: services.dbPath,
      platform: process.platform,
      live: services.live !== null,
      workers: services.workers,
    }),
  };
}
