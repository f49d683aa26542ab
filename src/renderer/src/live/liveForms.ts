/**
 * The Live panel's two forms as plain data: what the user typed, how it is prefilled
 * (from the backtest form) and how it becomes an API argument. No React here, so the
 * rules are unit-tested (liveForms.test.ts). Validation is the API's (zod): a bad value
 * comes back as an error naming the field.
 */
import type { BrokerSettings, ParamValue, RunSummary } from '../../../shared/backtestTypes';
import { withBrokerDefaults } from '../../../shared/brokerDefaults';
import type { AlertOp, AlertRuleSpec, NewPaperSession, StrategyInfo } from '../../../shared/apiTypes';
import { isInterval } from '../../../shared/market/interval';

export interface PaperForm {
  strategy: string;
  params: Record<string, ParamValue>;
  /** One or more "SYMBOL:interval", comma-separated. */
  instruments: string;
  cash: number;
  /** Percent per side as typed (0.1 = 0.1%), like the backtest form. */
  feePct: number;
  slippageBps: number;
  name: string;
  /**
   * The saved run the form was filled from, with its full broker settings: the form
   * edits cash, fee and slippage; the run's other settings (quantity step, minimum
   * notional, trade on close) go to the session unchanged, so it trades like the run.
   */
  fromRun?: { id: number; broker: BrokerSettings };
}

/** The backtest form's fields the paper form copies. */
export interface BacktestFormLike {
  data: string;
  strategy: string;
  params: Record<string, ParamValue>;
  cash: number;
  commissionPct: number;
  slippageBps: number;
}

/**
 * Prefills a paper session from the backtest being researched: same strategy, parameters
 * and broker, and the instrument of its data when the data names one.
 */
export function paperFormFrom(f: BacktestFormLike, strategies: readonly StrategyInfo[]): PaperForm {
  const known = strategies.find((s) => s.name === f.strategy) ?? strategies[0];
  const strategy = known?.name ?? f.strategy;
  const defaults = known ? Object.fromEntries(known.params.map((p) => [p.name, p.default])) : {};
  return {
    strategy,
    params: strategy === f.strategy ? { ...defaults, ...f.params } : defaults,
    instruments: instrumentFromData(f.data) ?? 'BTCUSDT:1m',
    cash: f.cash,
    feePct: f.commissionPct,
    slippageBps: f.slippageBps,
    name: '',
  };
}

/**
 * Fills a paper session from a saved run: its strategy, parameters, the instrument of
 * its data, and its cash and costs (the shared defaults for any it did not set). A
 * parameter the strategy no longer has is dropped; one it gained takes its default.
 */
export function paperFormFromRun(run: Pick<RunSummary, 'id' | 'strategy' | 'params' | 'broker' | 'dataSource'>, strategies: readonly StrategyInfo[]): PaperForm {
  const known = strategies.find((s) => s.name === run.strategy);
  const params = known
    ? Object.fromEntries(known.params.map((p) => [p.name, run.params[p.name] ?? p.default]))
    : { ...run.params };
  const broker = withBrokerDefaults(run.broker);
  return {
    strategy: run.strategy,
    params,
    instruments: instrumentFromData(run.dataSource) ?? '',
    cash: broker.cash,
    // The form types percent (0.1 = 0.1%); rounded so 0.00075 reads 0.075, not 0.07500000000000001.
    feePct: Number((broker.commission * 100).toPrecision(12)),
    slippageBps: broker.slippageBps,
    name: `${run.strategy} from run #${run.id}`,
    fromRun: { id: run.id, broker: run.broker },
  };
}

/** One line naming a saved run in the picker: "#12 sma_cross n1=5 n2=20 · sample:BTCUSDT_1m". */
export function runChoiceLabel(run: Pick<RunSummary, 'id' | 'label' | 'strategy' | 'params' | 'dataSource'>): string {
  const params = Object.entries(run.params).map(([k, v]) => `${k}=${v}`).join(' ');
  return `#${run.id} ${run.label ? `${run.label} · ` : ''}${run.strategy}${params ? ` ${params}` : ''} · ${run.dataSource}`;
}

/** "BTCUSDT:1h" from `sample:BTCUSDT_1h`, `cache:binance:BTCUSDT:1h` or a file named BTCUSDT_1h.csv. */
export function instrumentFromData(spec: string): string | null {
  // The patterns only find the parts; whether the interval is one is the shared rule's call.
  const cache = /^cache:[^:]+:([A-Za-z0-9._-]+):(\w+)$/.exec(spec);
  if (cache) return isInterval(cache[2]) ? `${cache[1].toUpperCase()}:${cache[2]}` : null;
  const named = /([A-Za-z0-9]+)[_-](\d+[A-Za-z])(?:\.csv(?:\.gz)?)?$/.exec(spec);
  return named && isInterval(named[2]) ? `${named[1].toUpperCase()}:${named[2]}` : null;
}

export function toNewSession(f: PaperForm): NewPaperSession {
  return {
    strategy: f.strategy,
    params: f.params,
    instruments: f.instruments.split(',').map((s) => s.trim()).filter((s) => s !== ''),
    broker: { ...f.fromRun?.broker, cash: f.cash, commission: f.feePct / 100, slippageBps: f.slippageBps },
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
  };
}

export type AlertKind = AlertRuleSpec['kind'];

export interface AlertForm {
  kind: AlertKind;
  instrument: string;
  op: AlertOp;
  level: number;
  percent: number;
  windowBars: number;
  indicator: string;
  indicatorParams: Record<string, number>;
  /** '' = any session. */
  sessionId: string;
  side: 'buy' | 'sell' | 'any';
  /** Cooldown in minutes of bar time. */
  cooldownMin: number;
  name: string;
}

export const initialAlertForm: AlertForm = {
  kind: 'price',
  instrument: 'BTCUSDT:1m',
  op: 'crosses_above',
  level: NaN,
  percent: 2,
  windowBars: 15,
  indicator: 'rsi',
  indicatorParams: { period: 14 },
  sessionId: '',
  side: 'any',
  cooldownMin: 10,
  name: '',
};

export function toAlertRule(f: AlertForm): AlertRuleSpec {
  const common = {
    cooldownMs: Math.round(f.cooldownMin * 60_000),
    ...(f.name.trim() ? { name: f.name.trim() } : {}),
  };
  const instrument = f.instrument.trim();
  switch (f.kind) {
    case 'price':
      return { kind: 'price', instrument, op: f.op, level: f.level, ...common };
    case 'indicator':
      return { kind: 'indicator', instrument, indicator: f.indicator, params: f.indicatorParams, op: f.op, level: f.level, ...common };
    case 'move':
      return { kind: 'move', instrument, percent: f.percent, windowBars: f.windowBars, ...common };
    case 'signal':
      return {
        kind: 'signal', side: f.side, ...common,
        ...(instrument ? { instrument } : {}),
        ...(f.sessionId ? { sessionId: f.sessionId } : {}),
      };
  }
}

const OP_TEXT: Record<AlertOp, string> = { crosses_above: 'crosses above', crosses_below: 'crosses below', above: 'above', below: 'below' };

/** One line a trader reads: "BTCUSDT:1m close crosses above 110000 · every 10m". */
export function describeRule(r: AlertRuleSpec): string {
  let what: string;
  if (r.kind === 'price') what = `${r.instrument} close ${OP_TEXT[r.op]} ${r.level}`;
  else if (r.kind === 'indicator') {
    const params = Object.values(r.params ?? {}).join(',');
    what = `${r.instrument} ${r.indicator}(${params}) ${OP_TEXT[r.op]} ${r.level}`;
  } else if (r.kind === 'move') what = `${r.instrument} moves ${r.percent}% in ${r.windowBars} bars`;
  else {
    const side = r.side && r.side !== 'any' ? `${r.side} ` : '';
    const session = r.sessionId ? `session #${r.sessionId}` : 'any session';
    what = `${side}signal from ${session}${r.instrument ? ` on ${r.instrument}` : ''}`;
  }
  const cooldown = r.cooldownMs ? ` · quiet ${fmtMinutes(r.cooldownMs)}` : '';
  return `${r.name ? `${r.name}: ` : ''}${what}${cooldown}`;
}

function fmtMinutes(ms: number): string {
  const m = ms / 60_000;
  if (m >= 60 && m % 60 === 0) return `${m / 60}h`;
  return `${Number.isInteger(m) ? m : m.toFixed(1)}m`;
}
