/**
 * Alert rules and their evaluation on closed candles (and on strategy signals).
 *  - price:     close crosses above / below a level (or is above / below it);
 *  - indicator: a catalog indicator's primary value (e.g. rsi period 14) crosses a level;
 *  - move:      close moved by at least `percent` % within the last `windowBars` bars;
 *  - signal:    a paper session emitted a buy / sell signal.
 * A rule that fired stays quiet for `cooldownMs` (bar time), so a price flapping around
 * a level does not spam. Evaluation is deterministic in the candle sequence, so the state
 * after a restart is rebuilt by replaying the candles since the rule was created.
 */
import { z } from 'zod';
import { findIndicatorDef } from '../engine/indicators/catalog';
import { resolveParams } from '../engine/indicators/computeIndicator';
import type { BarIndicator, ScalarIndicator } from '../engine/indicators/indicator';
import type { LiveCandle } from './candleMessage';
import { InstrumentError, parseSymbolInterval, symbolIntervalLabel } from '../../shared/market/instrument';

const op = z.enum(['crosses_above', 'crosses_below', 'above', 'below']);

/** "SYMBOL:interval" by the shared instrument rule (symbol upper-cased, interval from the one table). */
const instrument = z.string().max(60).transform((text, ctx) => {
  try {
    return symbolIntervalLabel(parseSymbolInterval(text));
  } catch (e) {
    if (!(e instanceof InstrumentError)) throw e;
    ctx.addIssue({ code: 'custom', message: e.message });
    return z.NEVER;
  }
});

const common = {
  /** Instrument "SYMBOL:interval"; for signal rules optional (any instrument). */
  instrument,
  cooldownMs: z.number().int().min(0).default(0),
  name: z.string().max(200).optional(),
};

export const alertRuleSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('price'), ...common, op, level: z.number().finite() }).strict(),
  z.object({
    kind: z.literal('indicator'), ...common, op, level: z.number().finite(),
    indicator: z.string(), params: z.record(z.string(), z.number()).default({}),
  }).strict(),
  z.object({ kind: z.literal('move'), ...common, percent: z.number().positive(), windowBars: z.number().int().min(1).max(100_000) }).strict(),
  z.object({
    kind: z.literal('signal'), ...common, instrument: common.instrument.optional(),
    sessionId: z.string().optional(), side: z.enum(['buy', 'sell', 'any']).default('any'),
  }).strict(),
]);
export type AlertRule = z.infer<typeof alertRuleSchema>;

export interface AlertFire {
  readonly instrument: string;
  readonly symbol: string;
  /** Bar open time (or signal time) that fired the rule. */
  readonly time: number;
  readonly value: number | null;
  readonly message: string;
}

export interface SignalLike {
  readonly sessionId: string;
  readonly instrument: string;
  readonly side: 'buy' | 'sell';
  readonly price: number;
  readonly time: number;
}

/** Parses user input into a rule; the error names the offending field. */
export function parseAlertRule(input: unknown): AlertRule {
  const r = alertRuleSchema.safeParse(input);
  if (!r.success) {
    throw new Error(`invalid alert rule: ${r.error.issues.map((i) => `${i.path.join('.') || 'rule'}: ${i.message}`).join('; ')}`);
  }
  if (r.data.kind === 'indicator') {
    const def = findIndicatorDef(r.data.indicator);
    if (!def) throw new Error(`invalid alert rule: unknown indicator "${r.data.indicator}"`);
    resolveParams(def, r.data.params);
  }
  return r.data;
}

/** The running state of one rule. `suppress` replays history without firing. */
export class AlertEvaluator {
  private prev = NaN;
  private readonly closes: number[] = [];
  private readonly indicator: { ind: ScalarIndicator | BarIndicator; input: 'close' | 'bar' } | null = null;
  private lastFired = -Infinity;

  constructor(readonly id: number, readonly rule: AlertRule, lastFiredTime?: number) {
    if (lastFiredTime !== undefined) this.lastFired = lastFiredTime;
    if (rule.kind === 'indicator') {
      const def = findIndicatorDef(rule.indicator);
      if (!def) throw new Error(`unknown indicator "${rule.indicator}"`);
      this.indicator = { ind: def.create(resolveParams(def, rule.params)), input: def.input };
    }
  }

  /** Called for every closed candle of the rule's instrument, in time order. */
  onCandle(c: LiveCandle, suppress = false): AlertFire | null {
    const r = this.rule;
    let value: number;
    if (r.kind === 'price') value = c.close;
    else if (r.kind === 'indicator' && this.indicator) {
      const { ind, input } = this.indicator;
      value = input === 'close' ? (ind as ScalarIndicator).update(c.close) : (ind as BarIndicator).update(c.high, c.low, c.close, c.volume);
    } else if (r.kind === 'move') {
      this.closes.push(c.close);
      if (this.closes.length > r.windowBars + 1) this.closes.shift();
      if (this.closes.length < r.windowBars + 1) return null;
      const from = this.closes[0];
      const pct = (c.close / from - 1) * 100;
      if (Math.abs(pct) < r.percent) return null;
      return this.fire(c.time, `${c.symbol}`, pct, `${c.symbol} ${pct >= 0 ? 'rose' : 'fell'} ${Math.abs(pct).toFixed(2)}% in ${r.windowBars} bars (to ${c.close})`, suppress, c);
    } else return null;
    const before = this.prev;
    this.prev = value;
    if (!Number.isFinite(value) || (r.kind !== 'price' && r.kind !== 'indicator')) return null;
    const level = r.level;
    const hit =
      r.op === 'above' ? value > level :
      r.op === 'below' ? value < level :
      r.op === 'crosses_above' ? Number.isFinite(before) && before <= level && value > level :
      Number.isFinite(before) && before >= level && value < level;
    if (!hit) return null;
    const what = r.kind === 'price' ? 'close' : `${r.indicator}(${Object.values(r.params).join(',')})`;
    return this.fire(c.time, c.symbol, value, `${c.symbol} ${what} ${value} ${r.op.replace('_', ' ')} ${level}`, suppress, c);
  }

  onSignal(s: SignalLike, suppress = false): AlertFire | null {
    const r = this.rule;
    if (r.kind !== 'signal') return null;
    if (r.sessionId !== undefined && r.sessionId !== s.sessionId) return null;
    if (r.instrument !== undefined && r.instrument !== s.instrument) return null;
    if (r.side !== 'any' && r.side !== s.side) return null;
    const symbol = s.instrument.split(':')[0];
    return this.fireAt(s.instrument, symbol, s.time, s.price, `session ${s.sessionId}: ${s.side} ${symbol} at ${s.price}`, suppress);
  }

  private fire(time: number, symbol: string, value: number, message: string, suppress: boolean, c: LiveCandle): AlertFire | null {
    return this.fireAt(`${c.symbol}:${c.interval}`, symbol, time, value, message, suppress);
  }

  private fireAt(instrument: string, symbol: string, time: number, value: number, message: string, suppress: boolean): AlertFire | null {
    if (time - this.lastFired < this.rule.cooldownMs || time <= this.lastFired) return null;
    this.lastFired = time;
    if (suppress) return null;
    return { instrument, symbol, time, value: Number.isFinite(value) ? value : null, message: this.rule.name ? `${this.rule.name}: ${message}` : message };
  }
}
