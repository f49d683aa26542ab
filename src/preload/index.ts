/**
 * Preload (sandboxed, bundled to CJS): exposes the typed API as `window.api` and
 * nothing else — never ipcRenderer itself. Failed calls reject with the plain
 * ApiErrorPayload object (contextBridge would strip an Error down to its message);
 * the renderer turns it back into an ApiError.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { ApiArg, ApiClient, ApiEvents, ApiMethod, ApiResult, ApiTopic } from '../shared/api';
import { IPC_CALL, IPC_EVENT, IPC_SUB, IPC_UNSUB, type IpcReply } from '../shared/apiIpc';

const listeners = new Map<ApiTopic, Set<(payload: unknown) => void>>();

ipcRenderer.on(IPC_EVENT, (_e: IpcRendererEvent, topic: ApiTopic, payload: unknown) => {
  for (const l of listeners.get(topic) ?? []) l(payload);
});

const api = {
  transport: 'ipc',
  async call<K extends ApiMethod>(method: K, arg: ApiArg<K>): Promise<ApiResult<K>> {
    const reply = (await ipcRenderer.invoke(IPC_CALL, method, arg)) as IpcReply;
    if (!reply.ok) throw reply.error;
    return reply.result as ApiResult<K>;
  },
  on<T extends ApiTopic>(topic: T, listener: (payload: ApiEvents[T]) => void): () => void {
    let set = listeners.get(topic);
    if (!set) {
      listeners.set(topic, (set = new Set()));
      ipcRenderer.send(IPC_SUB, topic);
    }
    const l = listener as (p: unknown) => void;
    set.add(l);
    return () => {
      set.delete(l);
      if (set.size === 0) {
        listeners.delete(topic);
        ipcRenderer.send(IPC_UNSUB, topic);
      }
    };
  },
} satisfies ApiClient;

contextBridge.exposeInMainWorld('api', api);
