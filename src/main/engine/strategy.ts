/**
 * Strategy contract: the same object runs in a backtest, an optimizer worker and a
 * live paper session. A strategy only ever sees the bar being closed and the bars
 * before it (through `ctx.history`), and acts through `ctx.broker`.
 */
import type { OrderApi } from './brokerTypes';
import type { IndicatorReader, IndicatorUse } from './indicators/indicatorUse';

export type { IndicatorReader, IndicatorUse } from './indicators/indicatorUse';

export type ParamType = 'int' | 'float' | 'bool' | 'enum';
export type ParamValue = number | boolean | string;
export type ParamValues = Readonly<Record<string, ParamValue>>;

export interface ParamSpec {
  readonly name: string;
  readonly type: ParamType;
  readonly default: ParamValue;
  readonly min?: number;
  readonly max?: number;
  readonly step?: number;
  /** Allowed values of an 'enum' parameter. */
  readonly options?: readonly string[];
  readonly description: string;
}

/** The bar being closed. The runner reuses one object: do not keep a reference. */
export interface BarView {
  /**
   * Bar number: 0 at the first bar run, or at the first bar traded when a backtest warms
   * up without trading (its warm-up bars then count up from a negative number).
   */
  readonly index: number;
  readonly time: number;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

/** Past bars: `ago = 0` is the current bar, `ago = 1` the previous one. NaN before the first bar. */
export interface History {
  /** Number of bars seen so far, including the current one. */
  readonly length: number;
  open(ago: number): number;
  high(ago: number): number;
  low(ago: number): number;
  close(ago: number): number;
  volume(ago: number): number;
  time(ago: number): number;
}

export interface StrategyContext {
  readonly broker: OrderApi;
  readonly history: History;
  /**
   * The indicator the definition declared under `name` (StrategyDefinition.indicators);
   * feed it the bar's close once per bar. A streaming indicator by default; in an
   * optimizer's run, a reader over the series computed once for every combination.
   * Throws for a name the definition did not declare.
   */
  indicator(name: string): IndicatorReader;
}

export interface StrategyHandler {
  /** Called once per closed bar, after the broker has filled orders inside that bar. */
  onBar(bar: BarView): void;
  /**
   * Optional named series for charts (indicator values at the current bar). Called only
   * when a caller asked for indicator output, never in the optimizer's hot loop.
   */
  plotValues?(): Readonly<Record<string, number>>;
}

export interface StrategyDefinition {
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  /**
   * Optional: the catalog indicators (fed the close) this strategy reads through
   * `ctx.indicator(name)`, worked out from its parameters, so an optimizer can compute
   * each distinct series once and share it across combinations.
   */
  indicators?(params: ParamValues): Readonly<Record<string, IndicatorUse>>;
  create(params: ParamValues, ctx: StrategyContext): StrategyHandler;
}
