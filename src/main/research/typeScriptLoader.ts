/**
 * tsx's loader for user strategy files written in TypeScript, registered on first need.
 * The built CLI and app run plain JavaScript and start without it (registering costs
 * ~100 ms); only loading a .ts strategy pays for it, once per thread: every pool
 * worker is a thread of its own and loads strategies through the same loader module.
 */
let registered: Promise<void> | undefined;

/** Running from the TypeScript sources (tsx, vitest), a TypeScript loader is already active. */
const fromSource = import.meta.url.endsWith('.ts');

export function needsTypeScriptLoader(file: string): boolean {
  return /\.[cm]?tsx?$/i.test(file);
}

export function ensureTypeScriptLoader(): Promise<void> {
  if (fromSource) return Promise.resolve();
  registered ??= import('tsx/esm/api').then((tsx) => {
    tsx.register();
  });
  return registered;
}
