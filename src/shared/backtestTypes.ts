/**
 * Backtest request and result shapes shared by the CLI, the API handlers, worker
 * threads and the renderer. Plain data only (structured-clone and JSON safe).
 */

export type ParamValue = number | boolean | string;

/**
 * Tools whose numbers a run can reproduce exactly by flipping our deliberate differences
 * from them (src/main/engine/compat.ts lists what each changes).
 */
export const COMPAT_MODES = ['backtesting.py'] as const;
export type CompatMode = (typeof COMPAT_MODES)[number];

export interface BrokerSettings {
  cash?: number;
  commission?: number;
  slippageBps?: number;
  qtyStep?: number;
  minNotional?: number;
  tradeOnClose?: boolean;
}

export interface BacktestRequest {
  /** Data spec: "sample", "sample:BTCUSDT_1m", a CSV path, or "cache:exchange:SYMBOL:interval". */
  data: string;
  strategy: string;
  params: Record<string, ParamValue>;
  broker: BrokerSettings;
  /** Inclusive bar open time bounds, epoch ms. */
  fromMs?: number;
  toMs?: number;
  label?: string;
  /** Reproduce another tool's numbers (default: our own rules). */
  compat?: CompatMode;
}

export interface TradeRecord {
  side: 'long' | 'short';
  size: number;
  entryBar: number;
  exitBar: number;
  entryTime: number;
  exitTime: number;
  entryPrice: number;
  exitPrice: number;
  pnl: number;
  returnPct: number;
  commission: number;
  exitReason: string;
  tag?: string;
}

/** backtesting.py-named stats; NaN becomes null in JSON. */
export type StatsRecord = Record<string, number | string | null>;

export interface RunSummary {
  id: number;
  createdAt: number;
  kind: 'backtest' | 'optimize' | 'walkforward';
  strategy: string;
  params: Record<string, ParamValue>;
  broker: BrokerSettings;
  dataSource: string;
  dataFrom: number;
  dataTo: number;
  barCount: number;
  dataHash: string;
  stats: StatsRecord;
  /** The run's name: given by the user (runs.update), or by optimize / walk-forward. */
  label: string | null;
  /** The user's tags, sorted (what a tag may be: src/shared/runQuery.ts). */
  tags: string[];
  /** Present when the run reproduced another tool's rules (BacktestRequest.compat). */
  compat?: CompatMode;
}

export interface RunDetail extends RunSummary {
  /** One equity value per bar (times are the candles' open times); binary over both transports. */
  equity: Float64Array;
  trades: TradeRecord[];
  /** Notes from the run that was just made (missing cache ranges, rejected orders); not stored. */
  warnings?: string[];
}

/** A run whose equity is coded against the closes of its candles (shared/equityCodec.ts). */
export interface ChartRunDetail extends Omit<RunDetail, 'equity'> {
  equityCoded: Uint8Array;
}

export interface ProgressEvent {
  jobId: string;
  done: number;
  total: number;
  /** Estimated milliseconds left, null until it can be estimated. */
  etaMs: number | null;
  phase: string;
}
