/**
 * Strategy parameter resolution: the one place that turns user input into the typed,
 * range-checked values a strategy's `create` receives. Unknown names and bad values
 * fail with an error that says what is valid; missing names take their default.
 */
import type { ParamSpec, ParamValue, ParamValues } from './strategy';

export class ParamError extends Error {
  constructor(
    readonly strategy: string,
    readonly param: string,
    message: string,
  ) {
    super(message);
    this.name = 'ParamError';
  }
}

/** One line per parameter: `n1 (int, 1..500, default 10): fast SMA period`. */
export function describeParamSpecs(specs: readonly ParamSpec[]): string {
  if (specs.length === 0) return '(this strategy takes no parameters)';
  return specs.map(describeSpec).join('; ');
}

export function describeSpec(p: ParamSpec): string {
  let range = '';
  if (p.type === 'enum') range = `, one of ${(p.options ?? []).join('|')}`;
  else if (p.type !== 'bool' && (p.min !== undefined || p.max !== undefined)) range = `, ${p.min ?? '-inf'}..${p.max ?? 'inf'}`;
  return `${p.name} (${p.type}${range}, default ${String(p.default)})`;
}

/**
 * Validates `input` against `specs` and fills in defaults. Throws ParamError for an
 * unknown name (listing the valid ones), a value of the wrong type, or one out of range.
 */
export function resolveParams(strategy: string, specs: readonly ParamSpec[], input: Readonly<Record<string, unknown>> = {}): ParamValues {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ParamError(strategy, '', `${strategy}: parameters must be an object of name → value (got ${describeValue(input)})`);
  }
  const out: Record<string, ParamValue> = {};
  for (const key of Object.keys(input)) {
    if (!specs.some((s) => s.name === key)) {
      throw new ParamError(strategy, key, `${strategy}: unknown parameter "${key}". Valid parameters: ${describeParamSpecs(specs)}`);
    }
  }
  for (const spec of specs) {
    const raw = input[spec.name];
    out[spec.name] = raw === undefined ? spec.default : checkValue(strategy, spec, raw);
  }
  return Object.freeze(out);
}

function checkValue(strategy: string, spec: ParamSpec, v: unknown): ParamValue {
  const where = `${strategy}.${spec.name}`;
  const fail = (why: string): never => {
    throw new ParamError(strategy, spec.name, `${where} ${why} (got ${describeValue(v)}); expected ${describeSpec(spec)}`);
  };
  switch (spec.type) {
    case 'int':
    case 'float': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return fail('must be a finite number');
      const n = v as number;
      if (spec.type === 'int' && !Number.isInteger(n)) return fail('must be an integer');
      if (spec.min !== undefined && n < spec.min) return fail(`must be >= ${spec.min}`);
      if (spec.max !== undefined && n > spec.max) return fail(`must be <= ${spec.max}`);
      return n;
    }
    case 'bool':
      if (typeof v !== 'boolean') return fail('must be true or false');
      return v as boolean;
    case 'enum':
      if (typeof v !== 'string' || !(spec.options ?? []).includes(v)) return fail('must be one of the listed options');
      return v as string;
    default:
      return fail(`has an unknown parameter type "${String(spec.type)}"`);
  }
}

function describeValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}
