/**
 * A strategy's decisions, as it made them: wraps a strategy definition so that every
 * call it makes on the broker (buy, sell, closePosition, cancelPending) is logged with the
 * bar it was made at and the order's details. The wrapped strategy sees the very same
 * history, bar and broker state, so it decides exactly as it would unwrapped; only the
 * calls are observed. The look-ahead check compares these logs between runs.
 */
import type { OrderApi, OrderRequest } from '../engine/brokerTypes';
import type { BarView, StrategyDefinition, StrategyHandler } from '../engine/strategy';

export type SignalAction = 'buy' | 'sell' | 'close' | 'cancel';

export interface Signal {
  /** Bar number the decision was made at (the bar being closed). */
  readonly bar: number;
  readonly time: number;
  readonly action: SignalAction;
  /** The order's fields (fraction, limit, stop, stopLoss, …) as given; {} for none. */
  readonly order: Readonly<OrderRequest>;
}

/** The definition to run, and the log it fills (in call order, so by bar). */
export interface Recording {
  readonly definition: StrategyDefinition;
  readonly signals: Signal[];
  /** The bar the strategy was last handed (NaN before the first): where it was when it threw. */
  readonly current: { bar: number; time: number };
}

export function recordingStrategy(definition: StrategyDefinition): Recording {
  const signals: Signal[] = [];
  const current = { bar: NaN, time: NaN };
  // Spread: whatever else the definition and its context carry (declared indicators, …) passes through unchanged.
  const wrapped: StrategyDefinition = {
    ...definition,
    create(params, ctx) {
      let bar = NaN;
      let time = NaN;
      const log = (action: SignalAction, req?: OrderRequest): void => {
        signals.push({ bar, time, action, order: { ...(req ?? {}) } });
      };
      const inner = ctx.broker;
      const broker: OrderApi = {
        buy(req) {
          log('buy', req);
          inner.buy(req);
        },
        sell(req) {
          log('sell', req);
          inner.sell(req);
        },
        closePosition() {
          log('close');
          inner.closePosition();
        },
        cancelPending() {
          log('cancel');
          inner.cancelPending();
        },
        get position() {
          return inner.position;
        },
        get cash() {
          return inner.cash;
        },
        get equity() {
          return inner.equity;
        },
      };
      const handler = definition.create(params, { ...ctx, broker });
      const out: StrategyHandler = {
        onBar(b: BarView) {
          bar = b.index;
          time = b.time;
          current.bar = bar;
          current.time = time;
          handler.onBar(b);
        },
      };
      if (typeof handler.plotValues === 'function') out.plotValues = () => handler.plotValues?.() ?? {};
      return out;
    },
  };
  return { definition: wrapped, signals, current };
}

/** A signal as one comparable line: "buy {"fraction":0.5}", "close". */
export function signalText(s: Pick<Signal, 'action' | 'order'>): string {
  return Object.keys(s.order).length === 0 ? s.action : `${s.action} ${canonicalJson(s.order)}`;
}

/** JSON with keys sorted at every level, so equal orders give equal text. */
function canonicalJson(v: unknown): string {
  // String(), not JSON: a NaN price (read from a bar that does not exist) stays visible.
  if (typeof v === 'number') return String(v);
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(',')}}`;
}
