/**
 * Imports user strategy files written in TypeScript through tsx's loader, registered on
 * first need. The built CLI and app run plain JavaScript and start without it (it costs
 * ~100 ms); only loading a .ts strategy pays for it, once per thread: every pool worker
 * is a thread of its own and loads strategies through the same code.
 */
import { pathToFileURL } from 'node:url';

let registered: Promise<void> | undefined;

/** Running from the TypeScript sources (tsx, vitest), a TypeScript loader is already active. */
const fromSource = import.meta.url.endsWith('.ts');

export function needsTypeScriptLoader(file: string): boolean {
  return /\.[cm]?tsx?$/i.test(file);
}

export async function importTypeScript(file: string): Promise<Record<string, unknown>> {
  if (!fromSource) {
    registered ??= import('tsx/esm/api').then((tsx) => {
      tsx.register();
    });
    await registered;
  }
  const mod = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  // A .ts file outside any "type": "module" package is compiled as CommonJS; imported
  // from plain JavaScript its ES exports then arrive wrapped in `default`.
  const inner = mod.default as { __esModule?: unknown } | null | undefined;
  return inner !== null && typeof inner === 'object' && inner.__esModule === true ? (inner as Record<string, unknown>) : mod;
}
