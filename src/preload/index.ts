// Preload: exposes the typed API as window.api and nothing else.
import { contextBridge } from 'electron';

contextBridge.exposeInMainWorld('api', {});
