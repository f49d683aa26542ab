/** Finds the built renderer, building it with electron-vite the first time it is missing. */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../projectRoot';

export function rendererDir(root: string = projectRoot()): string {
  return join(root, 'out', 'renderer');
}

/**
 * Returns the folder holding index.html. Builds only the renderer when it is missing
 * (`log` receives one line so the user knows why the first start takes a few seconds).
 */
export function ensureRendererBuilt(log: (line: string) => void, root: string = projectRoot()): string {
  const dir = rendererDir(root);
  if (existsSync(join(dir, 'index.html'))) return dir;
  log('building the renderer (first start)...');
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const r = spawnSync(process.execPath, [bin, 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0 || !existsSync(join(dir, 'index.html'))) {
    throw new Error(`could not build the renderer (electron-vite build exited with ${r.status}):\n${(r.stderr ?? '').slice(-2000)}`);
  }
  return dir;
}
