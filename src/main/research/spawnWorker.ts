/**
 * Starts a worker thread from a TypeScript entry when running from source (CLI, tests:
 * tsx's loader is registered inside the worker first) or from the bundled .js next to
 * the caller when running from the electron-vite build.
 */
import { Worker } from 'node:worker_threads';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/** `base` is the caller's import.meta.url; `name` the entry's file name without extension. */
export function spawnWorker(base: string, name: string, workerData: unknown): Worker {
  if (base.endsWith('.ts')) {
    const tsxApi = pathToFileURL(createRequire(base).resolve('tsx/esm/api')).href;
    const entry = new URL(`./${name}.ts`, base).href;
    const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
    return new Worker(boot, { eval: true, workerData });
  }
  return new Worker(new URL(`./${name}.js`, base), { workerData });
}
