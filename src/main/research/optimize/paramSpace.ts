/**
 * The parameter space of an optimization, from what a user types per parameter:
 *   "5:50:5"    every value from 5 to 50 inclusive in steps of 5 (int and float);
 *   "5:50"      the same with the parameter's own step (1 for an int);
 *   "5,10,20"   a list (any type: numbers, true/false, enum options);
 *   "*"         every value of a bool or enum parameter;
 *   "14"        one fixed value.
 * Values are read by the strategy's schema (parseParamText) and checked against its
 * bounds here, so a typo fails before any backtest runs, naming the parameter.
 */
import type { ParamSpec, ParamValue } from '../../engine/strategy';
import { describeParams, parseParamText } from '../paramCoercion';

export interface ParamAxis {
  readonly name: string;
  readonly values: readonly ParamValue[];
}

/** Axes in schema order; parameters not given keep their default (one value). */
export type ParamSpace = readonly ParamAxis[];

/** Grids larger than this must be sampled (random search) instead. */
export const MAX_GRID = 1_000_000;

export function parseParamSpace(strategy: string, specs: readonly ParamSpec[], given: Readonly<Record<string, string>>): ParamSpace {
  for (const name of Object.keys(given)) {
    if (!specs.some((s) => s.name === name)) {
      throw new Error(`strategy "${strategy}" has no parameter "${name}"; valid parameters: ${describeParams(specs) || '(none)'}`);
    }
  }
  return specs.map((spec) => {
    const text = given[spec.name];
    return { name: spec.name, values: text === undefined ? [spec.default] : parseAxis(strategy, spec, text) };
  });
}

export function gridSize(space: ParamSpace): number {
  return space.reduce((n, a) => n * a.values.length, 1);
}

/** The k-th combination in grid order (the first axis varies slowest). */
export function comboAt(space: ParamSpace, k: number): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  let rest = k;
  for (let a = space.length - 1; a >= 0; a--) {
    const axis = space[a];
    const n = axis.values.length;
    out[axis.name] = axis.values[rest % n];
    rest = Math.floor(rest / n);
  }
  // Schema order for keys, whatever order they were filled in.
  return Object.fromEntries(space.map((a) => [a.name, out[a.name]]));
}

/** Axes with more than one value: what a table or a heatmap shows. */
export function variedAxes(space: ParamSpace): ParamAxis[] {
  return space.filter((a) => a.values.length > 1);
}

function parseAxis(strategy: string, spec: ParamSpec, raw: string): ParamValue[] {
  const text = raw.trim();
  const where = `${spec.name}=${raw}`;
  if (text === '*') {
    if (spec.type === 'bool') return [false, true];
    if (spec.type === 'enum') return [...(spec.options ?? [])];
    throw new Error(`${where}: "*" means every value of a bool or enum parameter; give ${spec.name} a range like 5:50:5`);
  }
  let values: ParamValue[];
  if (text.includes(':')) {
    if (spec.type !== 'int' && spec.type !== 'float') throw new Error(`${where}: a range needs a numeric parameter; ${spec.name} is ${spec.type}`);
    values = rangeValues(strategy, spec, text, where);
  } else {
    values = text.split(',').map((part) => parseParamText(strategy, spec, part));
  }
  for (const v of values) checkBounds(spec, v, where);
  const unique = [...new Set(values)];
  if (unique.length === 0) throw new Error(`${where}: no values`);
  return unique;
}

function rangeValues(strategy: string, spec: ParamSpec, text: string, where: string): number[] {
  const parts = text.split(':');
  if (parts.length < 2 || parts.length > 3) throw new Error(`${where}: a range is min:max or min:max:step`);
  const [lo, hi] = parts.slice(0, 2).map((p) => parseParamText(strategy, spec, p) as number);
  const step = parts.length === 3 ? Number(parts[2]) : spec.step ?? (spec.type === 'int' ? 1 : NaN);
  if (!Number.isFinite(step) || step <= 0) {
    throw new Error(`${where}: the step must be a number > 0${parts.length === 3 ? '' : ` (${spec.name} has no default step: write min:max:step)`}`);
  }
  if (spec.type === 'int' && !Number.isInteger(step)) throw new Error(`${where}: ${spec.name} is an integer; the step must be too`);
  if (hi < lo) throw new Error(`${where}: max ${hi} is below min ${lo}`);
  const count = Math.floor((hi - lo) / step + 1e-9) + 1;
  if (count > MAX_GRID) throw new Error(`${where}: ${count.toLocaleString('en-US')} values; use a larger step`);
  const decimals = decimalsOf(parts[2] ?? String(step), parts[0]);
  const out: number[] = [];
  for (let k = 0; k < count; k++) out.push(roundTo(lo + k * step, decimals));
  return out;
}

function checkBounds(spec: ParamSpec, v: ParamValue, where: string): void {
  if (typeof v !== 'number') return;
  if (spec.min !== undefined && v < spec.min) throw new Error(`${where}: ${v} is below ${spec.name}'s minimum ${spec.min}`);
  if (spec.max !== undefined && v > spec.max) throw new Error(`${where}: ${v} is above ${spec.name}'s maximum ${spec.max}`);
}

/** Decimal places of the step and the start: 0.1 + 2 × 0.1 is 0.3, not 0.30000000000000004. */
function decimalsOf(...texts: string[]): number {
  return Math.max(0, ...texts.map((t) => (t.includes('.') ? t.trim().split('.')[1].length : 0)));
}

function roundTo(x: number, decimals: number): number {
  return decimals === 0 ? Math.round(x) : Number(x.toFixed(decimals));
}
