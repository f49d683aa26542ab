/**
 * The complete handler map over the services. Transports (Electron IPC in
 * src/main/index.ts, the WebSocket server in src/main/web) call `dispatch` with it.
 */
import type { ApiServices } from './services';
import type { ApiHandlers } from './handlerTypes';
import { appHandlers } from './appHandlers';
import { backtestHandlers } from './backtestHandlers';
import { dataHandlers } from './dataHandlers';
import { liveHandlers } from './liveHandlers';
import { researchHandlers } from './researchHandlers';
import { runsHandlers } from './runsHandlers';
import { settingsHandlers } from './settingsHandlers';
import { dataManagementHandlers } from './dataManagementHandlers';
import { connectionsHandlers } from './connectionsHandlers';

export function createApiHandlers(services: ApiServices): ApiHandlers {
  return {
    ...appHandlers(services),
    ...backtestHandlers(services.backtest),
    ...runsHandlers(services.backtest),
    ...dataHandlers(services.data, services.indicators),
    ...liveHandlers(services),
    ...researchHandlers(services.research),
    ...settingsHandlers(services.settings),
    ...dataManagementHandlers(services.dataManagement),
    ...connectionsHandlers(services.connections),
  } satisfies ApiHandlers;
}

export type { ApiHandlers, CallContext } from './handlerTypes';
export type { ApiServices } from './services';
export { dispatch } from './dispatch';
