/**
 * The handler map type: one async function per method of the contract. Every domain
 * module returns a `Pick` of it and the full map is assembled with `satisfies`, so a
 * handler whose argument or result drifts from src/shared/api.ts is a compile error.
 */
import type { ApiArg, ApiEvents, ApiMethod, ApiResult, ApiTopic } from '../../shared/api';

/** Per-call context given by the transport (IPC sender or WebSocket connection). */
export interface CallContext {
  /** Sends an event to the caller only (e.g. the progress of the backtest it started). */
  emit<T extends ApiTopic>(topic: T, payload: ApiEvents[T]): void;
}

export type ApiHandler<K extends ApiMethod> = (arg: ApiArg<K>, ctx: CallContext) => Promise<ApiResult<K>>;

export type ApiHandlers = { [K in ApiMethod]: ApiHandler<K> };

export type DomainHandlers<K extends ApiMethod> = Pick<ApiHandlers, K>;
