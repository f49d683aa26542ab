/**
 * Starts a worker thread registered in ./workerEntries.ts. Running from source (CLI,
 * tests, benches under tsx), the TypeScript entry is booted through tsx's loader
 * registered inside the worker first; running from the electron-vite build, the
 * entry's own bundle `<name>.js` sits in the same folder as every main-process chunk
 * (the build config emits chunks flat for this reason).
 */
import { Worker, type WorkerOptions } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { workerEntries, type WorkerEntryName } from './workerEntries';

const fromSource = import.meta.url.endsWith('.ts');

export function spawnWorker(name: WorkerEntryName, workerData: unknown, options: Omit<WorkerOptions, 'workerData' | 'eval'> = {}): Worker {
  if (fromSource) {
    const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href;
    // This file is src/main/research/spawnWorker.ts: the repository root is three levels up.
    const entry = new URL(`../../../${workerEntries[name]}`, import.meta.url).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { ...options, eval: true, workerData });
  }
  return new Worker(new URL(`./${name}.js`, import.meta.url), { ...options, workerData });
}
