/**
 * Result and event shapes of the API that are not backtest types (those live in
 * ./backtestTypes.ts). Plain data, JSON and structured-clone safe; NaN travels as null.
 */
import type { ParamValue } from './backtestTypes';

export interface AppInfo {
  name: string;
  version: string;
  /** Where the local SQLite store lives (shown so users know what to back up). */
  dbPath: string;
  platform: string;
  /** Live service present (Kafka feed, paper sessions). */
  live: boolean;
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

/** Candle columns as plain arrays; the renderer turns them into Float64Array for uPlot. */
export interface CandleColumnsPayload {
  source: string;
  time: number[];
  open: number[];
  high: number[];
  low: number[];
  close: number[];
  volume: number[];
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

export interface FeedStatusEvent {
  state: FeedState;
  /** Consumer lag in messages when known. */
  lag: number | null;
  /** Malformed messages skipped since start, by reason. */
  rejected: Record<string, number>;
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
