/** Electron IPC channel names and the reply envelope (the preload and src/main/index.ts share them). */
import type { ApiErrorPayload } from './api';

export const IPC_CALL = 'api:call';
export const IPC_EVENT = 'api:event';
export const IPC_SUB = 'api:sub';
export const IPC_UNSUB = 'api:unsub';

export type IpcReply = { ok: true; result: unknown } | { ok: false; error: ApiErrorPayload };
