/**
 * The repository (or installed package) root: the nearest folder above this module that
 * holds package.json. Found by walking up instead of a fixed number of "..", because the
 * same code runs from src/main/** (tsx, tests) and bundled flat into out/main (the built
 * CLI and app), where a module sits at a different depth.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let found: string | undefined;

export function projectRoot(): string {
  if (found !== undefined) return found;
  for (let dir = import.meta.dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return (found = dir);
    if (dirname(dir) === dir) throw new Error(`no package.json in any folder above ${import.meta.dirname}`);
  }
}
