/**
 * Result and event shapes of the API that are not backtest types (those live in
 * ./backtestTypes.ts). Plain data, JSON and structured-clone safe; NaN travels as null.
 */
import type { BrokerSettings, ParamValue } from './backtestTypes';

export interface AppInfo {
  name: string;
  version: string;
  /** Where the local SQLite store lives (shown so users know what to back up). */
  dbPath: string;
  platform: string;
  /** Live service present (Kafka feed, paper sessions). */
  live: boolean;
  /** Research worker threads in the pool (set by CRYPTOTA_WORKERS, else the machine's cores). */
  workers?: number;
}

export interface ParamInfo {
  name: string;
  type: 'int' | 'float' | 'bool' | 'enum';
  default: ParamValue;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  description: string;
}

export interface StrategyInfo {
  name: string;
  description: string;
  params: ParamInfo[];
  /** 'builtin' or the file it was loaded from. */
  source: string;
  /** Set when a user strategy file failed to load: why (its params are then empty). */
  loadError?: string;
}

export interface DataSourceInfo {
  /** The spec to pass as `data` (e.g. `sample:BTCUSDT_1h`, `cache:binance:BTCUSDT:1m`). */
  spec: string;
  label: string;
  kind: 'sample' | 'cache';
  bars?: number;
  fromMs?: number;
  toMs?: number;
}

/**
 * Candle columns as Float64Array (time = open time, epoch ms): structured clone carries
 * them over IPC and the WebSocket as one binary frame (src/shared/binaryMessage.ts), so
 * neither side converts a number at a time.
 */
export interface CandleColumnsPayload {
  source: string;
  time: Float64Array;
  open: Float64Array;
  high: Float64Array;
  low: Float64Array;
  close: Float64Array;
  volume: Float64Array;
  warnings: string[];
}

export interface IndicatorParamInfo {
  name: string;
  default: number;
  min?: number;
  max?: number;
  description?: string;
}

export interface IndicatorInfo {
  name: string;
  description: string;
  params: IndicatorParamInfo[];
  /** Output names; the first is the primary line. */
  outputs: string[];
  /** 'price' overlays the candles; 'separate' gets its own pane (RSI, MACD...). */
  pane: 'price' | 'separate';
}

export interface IndicatorSeries {
  name: string;
  params: Record<string, number>;
  pane: 'price' | 'separate';
  /** One array per output, aligned with the candles; null during warm-up. */
  outputs: Record<string, (number | null)[]>;
}

export type FeedState = 'connecting' | 'live' | 'lagging' | 'down' | 'stopped';

export interface FeedRejectExample {
  /** e.g. `canonical candle lacks "openTime" or "open_time"; present: symbol, timeframe, ts`. */
  detail: string;
  partition: number;
  offset: string;
  /** The message value, cut to a few hundred characters (null for an empty message). */
  value: string | null;
  /** When it was rejected (epoch ms). */
  at: number;
}

/** Offsets the broker deleted (retention) before the feed read them: candles never seen. */
export interface FeedHole {
  topic: string;
  partition: number;
  /** First and last offset lost, inclusive (int64 as decimal text). */
  fromOffset: string;
  toOffset: string;
  missed: number;
  /** When the feed found the hole (epoch ms). */
  at: number;
}

export interface FeedStatusEvent {
  state: FeedState;
  /** Consumer lag in messages when known. */
  lag: number | null;
  /** Malformed messages skipped since start, by reason. */
  rejected: Record<string, number>;
  /** Per reason, the last rejected message: what was wrong and what it looked like. */
  rejectExamples: Record<string, FeedRejectExample>;
  /** The most recent holes in the stream (offsets lost to retention), newest first. */
  holes: FeedHole[];
  /** Closed candles ignored because their bar was already applied: the same bar again, or an older one late. */
  duplicates?: number;
  outOfOrder?: number;
  /** Messages read from the topic since the service started (candles, rejects, duplicates alike). */
  messages?: number;
  /** Messages read per second over the last few seconds (0 when the topic is quiet). */
  messagesPerSec?: number;
  message: string | null;
  at: number;
}

export interface LiveCandleEvent {
  symbol: string;
  interval: string;
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  closed: boolean;
}

export interface SignalEvent {
  sessionId: string;
  strategy: string;
  symbol: string;
  side: 'buy' | 'sell';
  price: number;
  size: number;
  reason: string;
  time: number;
}

export interface PositionInfo {
  symbol: string;
  size: number;
  entryPrice: number;
  markPrice: number;
  unrealizedPnl: number;
}

export interface PortfolioEvent {
  sessionId: string;
  cash: number;
  equity: number;
  positions: PositionInfo[];
  time: number;
}

export interface AlertEvent {
  id: string;
  rule: string;
  symbol: string;
  message: string;
  value: number | null;
  time: number;
}

export interface PaperSessionInfo {
  id: string;
  strategy: string;
  symbols: string[];
  state: string;
  equity: number | null;
  cash: number | null;
  startedAt: number | null;
}

export interface LiveStatus {
  available: boolean;
  /** Why the live service is absent (e.g. no KAFKA_BROKERS configured). */
  reason: string | null;
  feed: FeedStatusEvent | null;
  sessions: PaperSessionInfo[];
  portfolios: PortfolioEvent[];
}

export type PaperSessionState = 'running' | 'paused' | 'stopped';

/** A paper session with what the Live panel's session list shows (state, equity, positions). */
export interface PaperSessionDetail extends PaperSessionInfo {
  state: PaperSessionState;
  name: string;
  /** Instruments as "SYMBOL:interval" (the same strings as `symbols`). */
  instruments: string[];
  params: Record<string, ParamValue>;
  broker: { cash: number; commission: number; slippageBps: number };
  positions: PositionInfo[];
  /** Closed bars consumed over all instruments, and closed trades. */
  bars: number;
  trades: number;
  /** Open time of the last bar processed (null before the first). */
  lastBarTime: number | null;
  /** Feed holes (candles lost to retention) the session's bars jump over, oldest first. */
  feedHoles?: FeedHole[];
  /** Net PnL of the closed trades (after both commissions). */
  realizedPnl?: number;
  /** PnL of the open positions at their last close (before the exit commission). */
  unrealizedPnl?: number;
}

/** A fill of a paper session: an order that executed (also published as a signal). */
export interface SessionFill {
  instrument: string;
  side: 'buy' | 'sell';
  /** What filled: market | limit | stop | close | stop_loss | take_profit. */
  kind: string;
  price: number;
  size: number;
  commission: number;
  /** Signed position after the fill. */
  positionAfter: number;
  /** Open time of the bar it filled in (epoch ms). */
  time: number;
}

/** An order the simulated exchange refused (not enough cash, below the minimum notional...). */
export interface SessionRejectedOrder {
  instrument: string;
  side: 'buy' | 'sell';
  reason: string;
  time: number;
}

/** A closed round trip of a paper session. */
export interface SessionClosedTrade {
  instrument: string;
  side: 'long' | 'short';
  size: number;
  entryTime: number;
  exitTime: number;
  entryPrice: number;
  exitPrice: number;
  pnl: number;
  exitReason: string;
}

/** What a session did, newest first: for the Live view's positions, orders, fills and trades tables. */
export interface SessionActivity {
  sessionId: string;
  positions: PositionInfo[];
  /** Orders placed and not yet filled, per instrument (they fill at the next bar at the earliest). */
  openOrders: { instrument: string; count: number }[];
  fills: SessionFill[];
  rejectedOrders: SessionRejectedOrder[];
  trades: SessionClosedTrade[];
  realizedPnl: number;
  unrealizedPnl: number;
}

/** A paper session's equity after each bar it consumed (bar open time, epoch ms), oldest first. */
export interface SessionEquityPayload {
  sessionId: string;
  time: Float64Array;
  equity: Float64Array;
}

/** What `live.sessions.create` takes; broker settings missing fall back to the backtester's defaults. */
export interface NewPaperSession {
  strategy: string;
  params: Record<string, ParamValue>;
  /** "SYMBOL:interval", e.g. "BTCUSDT:1m" (the symbol and interval of the candles on the feed). */
  instruments: string[];
  broker: BrokerSettings;
  name?: string;
}

export type AlertOp = 'crosses_above' | 'crosses_below' | 'above' | 'below';

interface AlertRuleCommon {
  /** "SYMBOL:interval"; optional for signal rules (any instrument). */
  instrument: string;
  /** After firing, quiet for this long in bar time (ms). */
  cooldownMs?: number;
  name?: string;
}

/** An alert rule as the live service stores it (docs/live.md "Alert rules"). */
export type AlertRuleSpec =
  | (AlertRuleCommon & { kind: 'price'; op: AlertOp; level: number })
  | (AlertRuleCommon & { kind: 'indicator'; op: AlertOp; level: number; indicator: string; params?: Record<string, number> })
  | (AlertRuleCommon & { kind: 'move'; percent: number; windowBars: number })
  | (Omit<AlertRuleCommon, 'instrument'> & { kind: 'signal'; instrument?: string; sessionId?: string; side?: 'buy' | 'sell' | 'any' });

export interface AlertRuleInfo {
  id: number;
  createdAt: number;
  rule: AlertRuleSpec;
}

/** Passwords the app can keep for its connections (values never leave the main process). */
export type SecretName = 'postgres.password' | 'kafka.password';

export interface SecretsStatus {
  /** 'safeStorage': encrypted with the OS keychain (desktop); 'file': an owner-only file (server). */
  store: 'safeStorage' | 'file';
  /** False when no safe place exists (e.g. no OS keychain): nothing can be stored. */
  available: boolean;
  stored: Record<SecretName, boolean>;
}
