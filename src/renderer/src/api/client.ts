/** The renderer's one door to the services: the preload's window.api in Electron, the WebSocket client in a browser. */
import type { ApiClient } from '../../../shared/api';
import { createWsClient } from './wsClient';

declare global {
  interface Window {
    api?: ApiClient;
  }
}

export const api: ApiClient = window.api ?? createWsClient();
