/**
 * `window.api` over the WebSocket of `cryptota serve`: same ApiClient contract as the
 * Electron preload. Calls made while (re)connecting wait for the socket; a dropped
 * connection is re-opened with backoff and topic subscriptions are restored.
 */
import type { ApiArg, ApiClient, ApiEvents, ApiMethod, ApiResult, ApiTopic, ServerFrame, ClientFrame } from '../../../shared/api';
import { ApiError } from '../../../shared/api';
import { BinaryMessageError, decodeMessage } from '../../../shared/binaryMessage';

interface Pending {
  resolve(v: unknown): void;
  reject(e: Error): void;
}

export function createWsClient(url: string = defaultUrl()): ApiClient {
  let ws: WebSocket | null = null;
  let open = false;
  let nextId = 1;
  let backoff = 250;
  const pending = new Map<number, Pending>();
  const queue: string[] = [];
  const listeners = new Map<ApiTopic, Set<(p: unknown) => void>>();

  const sendRaw = (frame: ClientFrame): void => {
    const text = JSON.stringify(frame);
    if (open && ws) ws.send(text);
    else queue.push(text);
  };

  const failPending = (error: ApiError): void => {
    for (const p of pending.values()) p.reject(error);
    pending.clear();
  };

  const connect = (): void => {
    ws = new WebSocket(url);
    // Binary frames (typed arrays) arrive as one ArrayBuffer the decoder takes views of.
    ws.binaryType = 'arraybuffer';
    ws.onopen = () => {
      open = true;
      backoff = 250;
      for (const topic of listeners.keys()) ws?.send(JSON.stringify({ type: 'sub', topic } satisfies ClientFrame));
      for (const text of queue.splice(0)) ws?.send(text);
    };
    ws.onmessage = (ev) => {
      let frame: ServerFrame;
      try {
        frame = decodeMessage(typeof ev.data === 'string' ? ev.data : (ev.data as ArrayBuffer)) as ServerFrame;
      } catch (e) {
        // A binary frame this build cannot read (a server of another version) cannot be
        // matched to its call: fail every waiting call with the reason rather than hang.
        if (e instanceof BinaryMessageError) failPending(new ApiError({ kind: 'bad-message', message: e.message }));
        return;
      }
      if (frame.type === 'event') {
        for (const l of listeners.get(frame.topic as ApiTopic) ?? []) l(frame.payload);
      } else if (frame.id !== null) {
        const p = pending.get(frame.id);
        if (!p) return;
        pending.delete(frame.id);
        if (frame.type === 'result') p.resolve(frame.result);
        else p.reject(new ApiError(frame.error));
      } else if (frame.type === 'error') {
        console.warn('api:', frame.error.message);
      }
    };
    ws.onclose = () => {
      const wasOpen = open;
      open = false;
      // In-flight calls cannot be answered by a new connection: fail them clearly.
      failPending(new ApiError({ kind: 'unavailable', message: 'connection to the workstation server was lost' }));
      setTimeout(connect, wasOpen ? 250 : backoff);
      backoff = Math.min(backoff * 2, 5000);
    };
  };
  connect();

  return {
    transport: 'ws',
    call<K extends ApiMethod>(method: K, arg: ApiArg<K>): Promise<ApiResult<K>> {
      const id = nextId++;
      return new Promise<ApiResult<K>>((resolve, reject) => {
        pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
        sendRaw({ type: 'call', id, method, arg });
      });
    },
    on<T extends ApiTopic>(topic: T, listener: (payload: ApiEvents[T]) => void): () => void {
      let set = listeners.get(topic);
      if (!set) {
        listeners.set(topic, (set = new Set()));
        sendRaw({ type: 'sub', topic });
      }
      const l = listener as (p: unknown) => void;
      set.add(l);
      return () => {
        set.delete(l);
        if (set.size === 0) {
          listeners.delete(topic);
          sendRaw({ type: 'unsub', topic });
        }
      };
    },
  };
}

function defaultUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/api`;
}
