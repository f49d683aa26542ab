/** The renderer's one door to the services: the preload's window.api in Electron, the WebSocket client in a browser. */
import type { ApiClient, ApiErrorPayload } from '../../../shared/api';
import { ApiError } from '../../../shared/api';
import { createWsClient } from './wsClient';

declare global {
  interface Window {
    api?: ApiClient;
  }
}

export const api: ApiClient = window.api ? fromPreload(window.api) : createWsClient();

/** The preload rejects with a plain error payload (contextBridge strips Error classes): revive it. */
function fromPreload(raw: ApiClient): ApiClient {
  return {
    transport: raw.transport,
    on: (topic, listener) => raw.on(topic, listener),
    call: (method, arg) =>
      raw.call(method, arg).catch((e: unknown) => {
        throw isPayload(e) ? new ApiError(e) : e;
      }),
  };
}

function isPayload(e: unknown): e is ApiErrorPayload {
  return typeof e === 'object' && e !== null && typeof (e as ApiErrorPayload).kind === 'string' && typeof (e as ApiErrorPayload).message === 'string';
}
