/**
 * One backtest from a plain request: load candles, resolve the strategy, coerce and
 * validate parameters, run the engine, shape the result for storage and transport.
 * Runs the same in the CLI, a worker thread and a test.
 */
import type { Candles } from '../engine/candles';
import type { BrokerConfig, Trade } from '../engine/brokerTypes';
import { withBrokerDefaults } from '../../shared/brokerDefaults';
import { runBacktest } from '../engine/backtest';
import { statsToJson } from '../engine/metrics';
import type { StrategyDefinition } from '../engine/strategy';
import type { MagnifierReport } from '../engine/magnifier';
import { loadCandlesForSpec } from '../data/dataSpec';
import type { Db } from '../data/db';
import type { BacktestRequest, BrokerSettings, ParamValue, StatsRecord, TradeRecord } from '../../shared/backtestTypes';
import { loadMagnifierBars } from './magnifierData';
import { coerceParams } from './paramCoercion';
import { resolveStrategy } from './strategyLoader';

export interface BacktestOutcome {
  readonly request: BacktestRequest;
  readonly strategy: StrategyDefinition;
  readonly params: Record<string, ParamValue>;
  readonly broker: BrokerConfig;
  readonly candles: Candles;
  readonly dataSource: string;
  /** Notes from the data layer, e.g. ranges missing from the cache. */
  readonly warnings: readonly string[];
  readonly stats: StatsRecord;
  readonly equity: Float64Array;
  readonly trades: TradeRecord[];
  /** How same-bar stop-loss / take-profit cases were settled, and from which 1m bars (null: none read). */
  readonly magnifier: MagnifierReport & { readonly source: string | null };
}

export interface BacktestJobOptions {
  readonly db?: Db;
  readonly onProgress?: (done: number, total: number) => void;
  readonly signal?: AbortSignal;
  /** Read the order of same-bar stop-loss / take-profit hits from 1m bars of the same instrument. */
  readonly magnifier?: boolean;
}

export function brokerConfigFrom(settings: BrokerSettings): BrokerConfig {
  const cfg: BrokerConfig = withBrokerDefaults(settings);
  if (!(cfg.cash > 0)) throw new Error(`cash must be > 0 (got ${cfg.cash})`);
  if (!(cfg.commission >= 0 && cfg.commission < 1)) throw new Error(`commission is a fraction of notional in [0, 1) (got ${cfg.commission}); 0.001 means 0.1%`);
  if (!(cfg.slippageBps >= 0)) throw new Error(`slippage must be >= 0 bps (got ${cfg.slippageBps})`);
  if (!(cfg.qtyStep > 0)) throw new Error(`quantity step must be > 0 (got ${cfg.qtyStep})`);
  if (!(cfg.minNotional >= 0)) throw new Error(`minimum notional must be >= 0 (got ${cfg.minNotional})`);
  return cfg;
}

/** A request checked and resolved: what every way of running a backtest starts from. */
export interface PreparedBacktest {
  readonly strategy: StrategyDefinition;
  /** Parameters as given, typed by the strategy's schema. */
  readonly params: Record<string, ParamValue>;
  /** The same with the strategy's defaults filled in (what the run used). */
  readonly fullParams: Record<string, ParamValue>;
  readonly broker: BrokerConfig;
  /** The loader's bounds: open times in [fromMs, toMs). */
  readonly fromMs: number | undefined;
  readonly toMs: number | undefined;
}

export async function prepareBacktest(request: BacktestRequest, strategiesDir?: string): Promise<PreparedBacktest> {
  const strategy = await resolveStrategy(request.strategy, strategiesDir);
  const params = coerceParams(strategy.name, strategy.params, request.params);
  const broker = brokerConfigFrom(request.broker);
  return {
    strategy, params, fullParams: { ...defaultsOf(strategy), ...params }, broker,
    fromMs: request.fromMs,
    // The request's bounds are inclusive; the loader's upper bound is exclusive.
    toMs: request.toMs === undefined ? undefined : request.toMs + 1,
  };
}

export function checkEnoughBars(data: string, candles: Candles): void {
  if (candles.length < 2) {
    throw new Error(`no data to backtest: ${data} has ${candles.length} bar(s) in the requested range`);
  }
}

export async function executeBacktest(request: BacktestRequest, opts: BacktestJobOptions = {}): Promise<BacktestOutcome> {
  const prep = await prepareBacktest(request);
  const loaded = await loadCandlesForSpec(request.data, { db: opts.db, fromMs: prep.fromMs, toMs: prep.toMs });
  const candles = loaded.candles;
  checkEnoughBars(request.data, candles);
  const fine = opts.magnifier ? await loadMagnifierBars(loaded.source, candles, opts.db) : null;
  if (opts.signal?.aborted) throw abortError();
  const result = runBacktest(candles, prep.strategy, prep.params, prep.broker, {
    onProgress: opts.onProgress,
    signal: opts.signal,
    compat: request.compat,
    magnifier: fine?.candles ?? undefined,
  });
  const fineWarning = fine !== null && fine.candles === null
    ? [`--magnifier: ${fine.source} has no bars inside the run's range; same-bar stop-loss/take-profit cases used the adverse rule`]
    : [];
  return {
    request,
    strategy: prep.strategy,
    params: prep.fullParams,
    broker: prep.broker,
    candles,
    dataSource: loaded.source,
    warnings: [...(loaded.warnings ?? []), ...fineWarning, ...rejectionWarning(result.rejectedOrders, result.firstRejection)],
    stats: statsToJson(result.stats),
    equity: result.equity,
    trades: result.trades.map(toTradeRecord),
    magnifier: { ...result.magnifier, source: fine?.candles ? fine.source : null },
  };
}

export function toTradeRecord(t: Trade): TradeRecord {
  return {
    side: t.side, size: t.size, entryBar: t.entryBar, exitBar: t.exitBar, entryTime: t.entryTime, exitTime: t.exitTime,
    entryPrice: t.entryPrice, exitPrice: t.exitPrice, pnl: t.pnl, returnPct: t.returnPct, commission: t.commission,
    exitReason: t.exitReason, ...(t.tag === undefined ? {} : { tag: t.tag }),
  };
}

export function rejectionWarning(count: number, first: string | null): string[] {
  if (count === 0) return [];
  return [`${count} order(s) rejected by the broker; first at ${first ?? 'unknown'} (check the cash, quantity step and minimum notional)`];
}

function defaultsOf(s: StrategyDefinition): Record<string, ParamValue> {
  return Object.fromEntries(s.params.map((p) => [p.name, p.default]));
}

export function abortError(): Error {
  const e = new Error('cancelled');
  e.name = 'AbortError';
  return e;
}
