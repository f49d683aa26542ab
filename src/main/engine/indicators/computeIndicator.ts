import type { Candles } from '../candles';
import type { IndicatorDef, IndicatorParams } from './catalog';
import { findIndicatorDef, indicatorCatalog } from './catalog';
import type { BarIndicator, ScalarIndicator } from './indicator';

/** Raised for an unknown indicator or a parameter outside its schema; names the input. */
export class IndicatorRequestError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IndicatorRequestError';
  }
}

/**
 * Runs one catalog indicator over a whole series with the very streaming object a
 * backtest uses, and returns one Float64Array per output (NaN during warm-up), aligned
 * with `candles.time`; ready for uPlot. Missing parameters take their defaults.
 */
export function computeIndicator(
  name: string,
  params: Readonly<Record<string, number>>,
  candles: Candles,
): Record<string, Float64Array> {
  const def = findIndicatorDef(name);
  if (!def) {
    throw new IndicatorRequestError(
      `unknown indicator "${name}" (known: ${indicatorCatalog.map((d) => d.name).join(', ')})`,
    );
  }
  const ind = def.create(resolveParams(def, params));
  const n = candles.length;
  const out = def.outputs.map(() => new Float64Array(n));
  if (def.input === 'close') {
    runClose(def, ind as ScalarIndicator, candles.close, n, out);
  } else {
    runBar(def, ind as BarIndicator, candles, n, out);
  }
  const result: Record<string, Float64Array> = {};
  def.outputs.forEach((o, k) => {
    result[o] = out[k];
  });
  return result;
}

/** Fills defaults and checks every value against the schema (type, bounds, unknown names). */
export function resolveParams(def: IndicatorDef, params: Readonly<Record<string, number>>): IndicatorParams {
  const known = new Set(def.params.map((p) => p.name));
  for (const key of Object.keys(params)) {
    if (!known.has(key)) {
      const list = def.params.length ? def.params.map((p) => p.name).join(', ') : 'none';
      throw new IndicatorRequestError(`${def.name}: unknown parameter "${key}" (parameters: ${list})`);
    }
  }
  const resolved: Record<string, number> = {};
  for (const spec of def.params) {
    const raw: unknown = params[spec.name] ?? spec.default;
    if (typeof raw !== 'number' || !Number.isFinite(raw)) {
      throw new IndicatorRequestError(`${def.name}: ${spec.name} must be a finite number (got ${String(raw)})`);
    }
    if (spec.type === 'int' && !Number.isInteger(raw)) {
      throw new IndicatorRequestError(`${def.name}: ${spec.name} must be an integer (got ${raw})`);
    }
    if ((spec.min !== undefined && raw < spec.min) || (spec.max !== undefined && raw > spec.max)) {
      throw new IndicatorRequestError(`${def.name}: ${spec.name} must be within [${spec.min}, ${spec.max}] (got ${raw})`);
    }
    resolved[spec.name] = raw;
  }
  return resolved;
}

function runClose(def: IndicatorDef, ind: ScalarIndicator, close: Float64Array, n: number, out: Float64Array[]): void {
  for (let i = 0; i < n; i++) {
    ind.update(close[i]);
    def.write(ind, out, i);
  }
}

function runBar(def: IndicatorDef, ind: BarIndicator, c: Candles, n: number, out: Float64Array[]): void {
  const { high, low, close, volume } = c;
  for (let i = 0; i < n; i++) {
    ind.update(high[i], low[i], close[i], volume[i]);
    def.write(ind, out, i);
  }
}
