/**
 * Finds a strategy by name or file: built-ins first, then `<name>.ts|.js` in the user's
 * strategies folder, or an explicit path. User files are imported at run time (tsx's
 * loader, registered on first need, handles .ts) and checked against the strategy contract before use.
 */
import { existsSync, readdirSync } from 'node:fs';
import { extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { StrategyDefinition } from '../engine/strategy';
import { builtinStrategies, validateStrategyDefinition } from '../engine/strategies/registry';
import { strategiesDir } from '../appHome';
import { importTypeScript, needsTypeScriptLoader } from './typeScriptLoader';

const EXTENSIONS = ['.ts', '.js', '.mjs'];

export interface StrategyListing {
  readonly definition: StrategyDefinition;
  readonly source: 'builtin' | string;
}

export function looksLikeFile(nameOrPath: string): boolean {
  return EXTENSIONS.includes(extname(nameOrPath)) || nameOrPath.includes('/') || nameOrPath.includes('\\');
}

export async function loadStrategyFile(path: string): Promise<StrategyDefinition> {
  const abs = isAbsolute(path) ? path : resolve(path);
  if (!existsSync(abs)) throw new Error(`strategy file not found: ${abs}`);
  let mod: Record<string, unknown>;
  try {
    mod = needsTypeScriptLoader(abs) ? await importTypeScript(abs) : ((await import(pathToFileURL(abs).href)) as Record<string, unknown>);
  } catch (e) {
    throw new Error(`strategy file ${abs} failed to load: ${e instanceof Error ? e.message : String(e)}`);
  }
  const candidate = mod.default ?? mod.strategy;
  if (candidate === undefined) {
    throw new Error(`strategy file ${abs} must export a strategy as "default" or "strategy" (found exports: ${Object.keys(mod).join(', ') || 'none'})`);
  }
  try {
    return validateStrategyDefinition(candidate);
  } catch (e) {
    throw new Error(`strategy file ${abs} is malformed: ${e instanceof Error ? e.message : String(e)}`);
  }
}

function userStrategyFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => EXTENSIONS.includes(extname(f)) && !f.endsWith('.d.ts') && !f.includes('.test.'))
    .map((f) => join(dir, f));
}

/** A user strategy file that could not be loaded, with the reason (shown, never dropped silently). */
export interface StrategyLoadFailure {
  readonly file: string;
  readonly message: string;
}

export async function listStrategies(dir: string = strategiesDir()): Promise<{ strategies: StrategyListing[]; failures: StrategyLoadFailure[] }> {
  const strategies: StrategyListing[] = builtinStrategies.map((definition) => ({ definition, source: 'builtin' }));
  const failures: StrategyLoadFailure[] = [];
  for (const file of userStrategyFiles(dir)) {
    try {
      strategies.push({ definition: await loadStrategyFile(file), source: file });
    } catch (e) {
      failures.push({ file, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { strategies, failures };
}

export async function resolveStrategy(nameOrPath: string, dir: string = strategiesDir()): Promise<StrategyDefinition> {
  if (looksLikeFile(nameOrPath)) return loadStrategyFile(nameOrPath);
  const builtin = builtinStrategies.find((s) => s.name === nameOrPath);
  if (builtin) return builtin;
  for (const ext of EXTENSIONS) {
    const file = join(dir, `${nameOrPath}${ext}`);
    if (existsSync(file)) return loadStrategyFile(file);
  }
  const { strategies } = await listStrategies(dir);
  throw new Error(`unknown strategy "${nameOrPath}"; available: ${strategies.map((s) => s.definition.name).join(', ')} (or a path to a .ts/.js strategy file)`);
}
