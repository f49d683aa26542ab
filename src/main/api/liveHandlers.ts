/** Live feed and paper sessions; answers "unavailable" facts, never errors, when no live service runs. */
import type { ApiServices } from './services';
import type { DomainHandlers } from './handlerTypes';

export function liveHandlers(services: ApiServices): DomainHandlers<'live.status' | 'live.alerts'> {
  return {
    'live.status': async () => {
      if (!services.live) {
        return { available: false, reason: services.liveUnavailableReason ?? 'live service not started', feed: null, sessions: [], portfolios: [] };
      }
      return services.live.status();
    },
    'live.alerts': async ({ limit }) => (services.live ? services.live.alerts(limit ?? 100) : []),
  };
}
