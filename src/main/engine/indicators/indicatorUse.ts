/**
 * Indicators a strategy declares from its parameters (StrategyDefinition.indicators),
 * so an optimizer can compute each distinct series once and share it across the
 * parameter combinations that need it. A strategy reads a declared indicator through
 * `ctx.indicator(name).update(close)`, once per bar: by default a streaming catalog
 * indicator (a live session and a plain backtest work exactly as before), and in a
 * run given an IndicatorCache a reader over the series precomputed for the same bars.
 */
import type { Candles } from '../candles';
import { findIndicatorDef, indicatorCatalog, type IndicatorDef } from './catalog';
import { computeIndicator, IndicatorRequestError, resolveParams } from './computeIndicator';
import type { ScalarIndicator } from './indicator';

/** One indicator series: a catalog indicator fed the close, its parameters, and which output. */
export interface IndicatorUse {
  /** Catalog name, e.g. 'sma' (see indicatorCatalog). */
  readonly indicator: string;
  readonly params: Readonly<Record<string, number>>;
  /** Output series; default the indicator's first (primary) output. */
  readonly output?: string;
}

/** What `ctx.indicator(name)` returns: feed it the bar's close once per bar, get the value at that bar. */
export interface IndicatorReader {
  update(close: number): number;
}

/** The catalog definition of a use, checked: a close-fed indicator with that output. Throws IndicatorRequestError naming the problem. */
export function checkUse(name: string, use: IndicatorUse): { def: IndicatorDef; output: number } {
  const def = findIndicatorDef(use.indicator);
  if (def === undefined) {
    throw new IndicatorRequestError(`indicator "${name}": unknown indicator "${use.indicator}" (known: ${indicatorCatalog.map((d) => d.name).join(', ')})`);
  }
  if (def.input !== 'close') {
    throw new IndicatorRequestError(`indicator "${name}": ${def.name} is computed from high, low and volume; declared indicators take the close only`);
  }
  const output = use.output === undefined ? 0 : def.outputs.indexOf(use.output);
  if (output < 0) throw new IndicatorRequestError(`indicator "${name}": ${def.name} has no output "${use.output}" (outputs: ${def.outputs.join(', ')})`);
  return { def, output };
}

/** A stable text key of a use (parameters in name order, defaults filled in). */
export function useKey(use: IndicatorUse): string {
  const { def, output } = checkUse(use.indicator, use);
  const p = resolveParams(def, use.params);
  return `${def.name}(${Object.keys(p).sort().map((k) => `${k}=${p[k]}`).join(',')}).${def.outputs[output]}`;
}

/** The default reader: a fresh streaming indicator (the primary output is the indicator object itself). */
export function streamingReader(name: string, use: IndicatorUse): IndicatorReader {
  const { def, output } = checkUse(name, use);
  const ind = def.create(resolveParams(def, use.params)) as ScalarIndicator;
  return output === 0 ? ind : new OutputReader(def, ind, output);
}

/** The series a use gives over `candles` (NaN during warm-up): computeIndicator's, as charts get it. */
export function useSeries(candles: Candles, use: IndicatorUse): Float64Array {
  const { def, output } = checkUse(use.indicator, use);
  return computeIndicator(def.name, use.params, candles)[def.outputs[output]];
}

/**
 * A precomputed series read bar by bar. It checks that it is fed the close of the bar
 * it is at: a strategy feeding it anything else (another indicator's value) would get
 * a different series than the streaming indicator gives, silently.
 */
export class SeriesReader implements IndicatorReader {
  private i = 0;

  constructor(
    private readonly name: string,
    private readonly values: Float64Array,
    private readonly close: Float64Array,
  ) {}

  update(close: number): number {
    const i = this.i;
    if (close !== this.close[i]) this.misfed(i, close);
    this.i = i + 1;
    return this.values[i];
  }

  private misfed(i: number, x: number): never {
    throw new IndicatorRequestError(
      `indicator "${this.name}": update(${x}) at bar ${i}, but a declared indicator is fed the bar's close (${this.close[i]}) once per bar`,
    );
  }
}

/** A non-primary output of a streaming indicator (e.g. MACD's signal line). */
class OutputReader implements IndicatorReader {
  private readonly outs: Float64Array[];

  constructor(
    private readonly def: IndicatorDef,
    private readonly ind: ScalarIndicator,
    private readonly output: number,
  ) {
    this.outs = def.outputs.map(() => new Float64Array(1));
  }

  update(close: number): number {
    this.ind.update(close);
    this.def.write(this.ind, this.outs, 0);
    return this.outs[this.output][0];
  }
}
