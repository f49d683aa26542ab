/**
 * Turns user-typed parameter strings (`--param n1=10`, form fields, query strings) into
 * typed values by the strategy's schema. Range checks and defaults belong to the engine's
 * validation; this only knows how to read text and which names exist.
 */
import type { ParamSpec, ParamValue } from '../engine/strategy';

export function describeParams(specs: readonly ParamSpec[]): string {
  return specs
    .map((p) => {
      const range = p.type === 'enum' ? ` one of ${p.options?.join('|')}` : p.min !== undefined || p.max !== undefined ? ` ${p.min ?? ''}..${p.max ?? ''}` : '';
      return `${p.name} (${p.type}${range}, default ${String(p.default)})`;
    })
    .join(', ');
}

export function coerceParams(
  strategy: string,
  specs: readonly ParamSpec[],
  raw: Readonly<Record<string, ParamValue>>,
): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = specs.find((s) => s.name === key);
    if (!spec) {
      throw new Error(`strategy "${strategy}" has no parameter "${key}"; valid parameters: ${describeParams(specs) || '(none)'}`);
    }
    out[key] = typeof value === 'string' ? parseParamText(strategy, spec, value) : value;
  }
  return out;
}

export function parseParamText(strategy: string, spec: ParamSpec, text: string): ParamValue {
  const t = text.trim();
  switch (spec.type) {
    case 'int':
    case 'float': {
      const v = t === '' ? NaN : Number(t);
      if (!Number.isFinite(v)) throw new Error(`${strategy}.${spec.name} must be a number (got "${text}")`);
      if (spec.type === 'int' && !Number.isInteger(v)) throw new Error(`${strategy}.${spec.name} must be an integer (got "${text}")`);
      return v;
    }
    case 'bool': {
      const l = t.toLowerCase();
      if (['true', '1', 'yes', 'on'].includes(l)) return true;
      if (['false', '0', 'no', 'off'].includes(l)) return false;
      throw new Error(`${strategy}.${spec.name} must be true or false (got "${text}")`);
    }
    case 'enum':
      if (!spec.options?.includes(t)) throw new Error(`${strategy}.${spec.name} must be one of ${spec.options?.join(', ')} (got "${text}")`);
      return t;
  }
}

/** Parses repeated `key=value` flags into a raw map; a flag without "=" is an error. */
export function parseKeyValues(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const eq = p.indexOf('=');
    if (eq <= 0) throw new Error(`--param expects key=value (got "${p}")`);
    out[p.slice(0, eq).trim()] = p.slice(eq + 1);
  }
  return out;
}
