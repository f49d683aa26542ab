/**
 * The built-in strategies, lookup by name, and the contract check applied to user
 * strategy modules before they run (the file loader itself lives outside the engine).
 */
import type { ParamSpec, StrategyDefinition } from '../strategy';
import { bollingerReversion } from './bollingerReversion';
import { donchianBreakout } from './donchianBreakout';
import { emaCross } from './emaCross';
import { macdCross } from './macdCross';
import { rsiStrategy } from './rsi';
import { smaCross } from './smaCross';

export const builtinStrategies: readonly StrategyDefinition[] = Object.freeze([
  smaCross,
  emaCross,
  rsiStrategy,
  macdCross,
  bollingerReversion,
  donchianBreakout,
]);

/** The built-in strategy called `name`; throws an error listing the valid names. */
export function getStrategy(name: string): StrategyDefinition {
  const found = builtinStrategies.find((s) => s.name === name);
  if (!found) {
    throw new Error(`unknown strategy "${name}"; built-in strategies: ${builtinStrategies.map((s) => s.name).join(', ')}`);
  }
  return found;
}

export class StrategyDefinitionError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`not a valid strategy definition: ${problems.join('; ')}`);
    this.name = 'StrategyDefinitionError';
  }
}

const PARAM_TYPES = ['int', 'float', 'bool', 'enum'];
const NAME_RE = /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/;
const PARAM_NAME_RE = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/**
 * Checks that `x` fulfils the StrategyDefinition contract and returns it typed.
 * Throws StrategyDefinitionError listing every problem found (not just the first), so
 * the author of a strategy file can fix them in one go.
 */
export function validateStrategyDefinition(x: unknown): StrategyDefinition {
  const problems: string[] = [];
  if (x === null || typeof x !== 'object') {
    throw new StrategyDefinitionError([`expected an object { name, description, params, create }, got ${describe(x)}`]);
  }
  const o = x as Record<string, unknown>;
  if (typeof o.create !== 'function' && o.default !== undefined && typeof o.default === 'object') {
    problems.push('this looks like a module namespace: export the definition itself (its "default" export), not the module');
  }
  if (typeof o.name !== 'string' || !NAME_RE.test(o.name)) {
    problems.push(`"name" must be a string of letters, digits, "_", "-" or "." starting with a letter or "_" (got ${describe(o.name)})`);
  }
  if (typeof o.description !== 'string') problems.push(`"description" must be a string (got ${describe(o.description)})`);
  if (o.indicators !== undefined && typeof o.indicators !== 'function') {
    problems.push(`"indicators" must be a function (params) => { name: { indicator, params, output? } } when given (got ${describe(o.indicators)})`);
  }
  if (typeof o.create !== 'function') {
    problems.push(`"create" must be a function (params, ctx) => { onBar(bar) } (got ${describe(o.create)})`);
  }
  if (!Array.isArray(o.params)) {
    problems.push(`"params" must be an array of parameter specs, [] when there are none (got ${describe(o.params)})`);
  } else {
    const seen = new Set<string>();
    o.params.forEach((p: unknown, k: number) => {
      const name = p !== null && typeof p === 'object' && typeof (p as { name?: unknown }).name === 'string' ? (p as { name: string }).name : undefined;
      if (name !== undefined) {
        if (seen.has(name)) problems.push(`params[${k}]: duplicate parameter name "${name}"`);
        seen.add(name);
      }
      problems.push(...checkParamSpec(p, `params[${k}]${name === undefined ? '' : ` (${name})`}`));
    });
  }
  if (problems.length !== 0) throw new StrategyDefinitionError(problems);
  return x as StrategyDefinition;
}

function checkParamSpec(p: unknown, where: string): string[] {
  if (p === null || typeof p !== 'object') return [`${where}: must be an object { name, type, default, description, ... } (got ${describe(p)})`];
  const s = p as Partial<Record<keyof ParamSpec, unknown>>;
  const out: string[] = [];
  if (typeof s.name !== 'string' || !PARAM_NAME_RE.test(s.name)) out.push(`${where}: "name" must be an identifier (letters, digits, "_") (got ${describe(s.name)})`);
  if (typeof s.description !== 'string') out.push(`${where}: "description" must be a string (got ${describe(s.description)})`);
  if (typeof s.type !== 'string' || !PARAM_TYPES.includes(s.type)) {
    out.push(`${where}: "type" must be one of ${PARAM_TYPES.join(', ')} (got ${describe(s.type)})`);
    return out;
  }
  for (const key of ['min', 'max', 'step'] as const) {
    if (s[key] !== undefined && (typeof s[key] !== 'number' || !Number.isFinite(s[key]))) out.push(`${where}: "${key}" must be a finite number when given (got ${describe(s[key])})`);
  }
  const min = typeof s.min === 'number' ? s.min : -Infinity;
  const max = typeof s.max === 'number' ? s.max : Infinity;
  if (min > max) out.push(`${where}: "min" (${min}) is above "max" (${max})`);
  if (typeof s.step === 'number' && !(s.step > 0)) out.push(`${where}: "step" must be > 0 (got ${s.step})`);
  const d = s.default;
  switch (s.type) {
    case 'int':
    case 'float':
      if (typeof d !== 'number' || !Number.isFinite(d)) out.push(`${where}: "default" must be a finite number for type ${s.type} (got ${describe(d)})`);
      else if (s.type === 'int' && !Number.isInteger(d)) out.push(`${where}: "default" must be an integer for type int (got ${d})`);
      else if (d < min || d > max) out.push(`${where}: "default" ${d} is outside min..max (${min}..${max})`);
      if (s.type === 'int' && typeof s.step === 'number' && !Number.isInteger(s.step)) out.push(`${where}: "step" of an int parameter must be an integer (got ${s.step})`);
      break;
    case 'bool':
      if (typeof d !== 'boolean') out.push(`${where}: "default" must be true or false for type bool (got ${describe(d)})`);
      break;
    case 'enum': {
      const opts = s.options;
      if (!Array.isArray(opts) || opts.length === 0 || !opts.every((v) => typeof v === 'string')) {
        out.push(`${where}: an enum parameter needs "options", a non-empty array of strings (got ${describe(opts)})`);
      } else if (typeof d !== 'string' || !opts.includes(d)) {
        out.push(`${where}: "default" must be one of ${opts.join(', ')} (got ${describe(d)})`);
      }
      break;
    }
  }
  return out;
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'function') return 'a function';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
