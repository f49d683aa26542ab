/**
 * The API contract between the renderer and the main-process services: one map of
 * request methods (argument and result per method) and one map of event topics.
 * The handlers (src/main/api), the Electron preload, the IPC wiring and the WebSocket
 * client are all typed against these two interfaces, so a drift is a compile error.
 * Argument schemas (zod, checked at every process edge) live in ./apiSchemas.ts.
 *
 * Everything here is plain data that survives structured clone (IPC) and the WebSocket
 * codec (src/shared/binaryMessage.ts): numbers that may be NaN travel as `null`, except
 * inside typed arrays (candle columns, equity curves), which keep their bits and cross
 * the WebSocket as one binary frame.
 */
import type { BacktestRequest, ChartRunDetail, ProgressEvent, RunDetail, RunSummary } from './backtestTypes';
import type { RunFilter, RunQuery } from './runQuery';
import type { ResearchExecutor, ResearchWorkersResult } from './researchWorkers';
import type {
  Heatmap,
  SavedMonteCarlo,
  SavedResearchDetail,
  SavedResearchKind,
  OptimizationCell,
  OptimizationSummary,
  OptimizeRequest,
  ResearchJobSummary,
  ResearchProgress,
  WalkForwardRequest,
  WalkForwardSummary,
} from './researchTypes';
import type {
  AlertEvent,
  AlertRuleInfo,
  AlertRuleSpec,
  AppInfo,
  CandleColumnsPayload,
  DataSourceInfo,
  FeedStatusEvent,
  IndicatorInfo,
  IndicatorSeries,
  LiveCandleEvent,
  LiveStatus,
  NewPaperSession,
  PaperSessionDetail,
  PortfolioEvent,
  SecretName,
  SecretsStatus,
  SessionEquityPayload,
  SessionActivity,
  SignalEvent,
  StrategyInfo,
} from './apiTypes';
import type {
  ConnectionSettings,
  DataImportResult,
  DataSyncProgress,
  DataSyncResult,
  InstrumentCoverage,
  KafkaConnection,
  KafkaTestResult,
  SkippedSourceTable,
  SourceTable,
  SourceTestResult,
  TimescaleConnection,
} from './dataManagementTypes';

export interface ApiMethods {
  /** Version, transport-independent facts about the running services. */
  'app.info': { arg: Record<string, never>; result: AppInfo };
  /** Built-in and user strategies with their parameter schemas. */
  'strategies.list': { arg: Record<string, never>; result: StrategyInfo[] };
  /** Data specs the user can pick: bundled samples and cached instruments. */
  'data.sources': { arg: Record<string, never>; result: DataSourceInfo[] };
  /** Candles of a data spec as columns (the chart's input). */
  'data.candles': { arg: { data: string; fromMs?: number; toMs?: number }; result: CandleColumnsPayload };
  /**
   * Data management (the Data screen). The upstream TimescaleDB is reached with the saved
   * connection settings (`settings.connections.*`, the PG* variables win) and the stored
   * password. `data.sourceTest` tests them, or unsaved ones given in `connection`, and
   * reports a failure as a result with its kind (unreachable, auth_failed...).
   */
  'data.sourceTest': { arg: { connection?: TimescaleConnection }; result: SourceTestResult };
  /** The kline tables found upstream (fails with 'unavailable' naming the kind when the source cannot be used). */
  'data.tables': { arg: Record<string, never>; result: { tables: SourceTable[]; skipped: SkippedSourceTable[] } };
  /** Cached instruments with their fetched ranges and gaps (outage vs not synced). */
  'data.coverage': { arg: Record<string, never>; result: InstrumentCoverage[] };
  /**
   * Fetches the missing bars of an instrument ("exchange:SYMBOL:interval") into the cache;
   * `refresh` fetches the range again. A long call: `data.syncProgress` events carry the
   * caller's jobId, which `data.cancel` takes (what was stored is kept).
   */
  'data.sync': {
    arg: { jobId: string; instrument: string; fromMs?: number; toMs?: number; refresh?: boolean; retries?: number };
    result: DataSyncResult;
  };
  'data.cancel': { arg: { jobId: string }; result: { cancelled: boolean } };
  /** Deletes an instrument from the cache, or only the bars with open time in [fromMs, toMs). */
  'data.cacheRemove': { arg: { instrument: string; fromMs?: number; toMs?: number }; result: { instrument: string; removedBars: number } };
  /**
   * Imports a candle CSV into the cache: its text (at most MAX_IMPORT_TEXT_BYTES) or a
   * path on the machine running the services; exactly one of the two.
   */
  'data.import': { arg: { instrument: string; fileName: string; text?: string; path?: string }; result: DataImportResult };
  'indicators.catalog': { arg: Record<string, never>; result: IndicatorInfo[] };
  /** One indicator over a data spec, aligned bar for bar with `data.candles`. */
  'indicators.compute': {
    arg: { data: string; name: string; params: Record<string, number>; fromMs?: number; toMs?: number };
    result: IndicatorSeries;
  };
  /**
   * Runs a backtest and saves it. `jobId` is chosen by the caller so it can match
   * `backtest.progress` events and cancel the job before the result arrives.
   */
  'backtest.run': { arg: { jobId: string; request: BacktestRequest }; result: RunDetail };
  /**
   * backtest.run for a client that holds the run's candles (the app's renderer charts
   * them): the equity comes coded against their closes (shared/equityCodec.ts, ~10x
   * fewer bytes), to be decoded with `decodeEquity(equityCoded, close)`.
   */
  'backtest.runForChart': { arg: { jobId: string; request: BacktestRequest }; result: ChartRunDetail };
  'backtest.cancel': { arg: { jobId: string }; result: { cancelled: boolean } };
  /** Saved runs matching the search and filters, sorted, one page (default 100, newest first). */
  'runs.list': { arg: RunQuery; result: RunSummary[] };
  /** How many saved runs match (the history's "N runs" and its paging). */
  'runs.count': { arg: RunFilter; result: { total: number } };
  /** Every tag in use with the number of runs carrying it (the tag filter's choices). */
  'runs.tags': { arg: Record<string, never>; result: { tag: string; runs: number }[] };
  'runs.get': { arg: { id: number }; result: RunDetail };
  /** Renames (an empty name clears it) and/or replaces the tags of a run. */
  'runs.update': { arg: { id: number; name?: string; tags?: string[] }; result: RunSummary };
  'runs.delete': { arg: { id: number }; result: { deleted: boolean } };
  /** Feed state and paper sessions; `available: false` when no live service runs. */
  'live.status': { arg: Record<string, never>; result: LiveStatus };
  'live.alerts': { arg: { limit?: number }; result: AlertEvent[] };
  /**
   * The last `limit` (default 500) closed candles the feed delivered for an instrument
   * ("SYMBOL:interval"), oldest first, as columns: the live chart's history before the
   * `live.candle` events take over. Empty columns for an instrument never seen.
   */
  'live.bars': { arg: { instrument: string; limit?: number }; result: CandleColumnsPayload };
  /**
   * Paper sessions and alert rules. Every call below fails with kind 'unavailable' and
   * the reason (e.g. "no live feed configured: set KAFKA_BROKERS...") when no live
   * service runs. Session ids are the strings of `PaperSessionInfo.id`.
   */
  'live.sessions.list': { arg: Record<string, never>; result: PaperSessionDetail[] };
  /** Validates strategy, params, instruments and broker, stores the session as running. */
  'live.sessions.create': { arg: NewPaperSession; result: PaperSessionDetail };
  'live.sessions.pause': { arg: { id: string }; result: PaperSessionDetail };
  'live.sessions.resume': { arg: { id: string }; result: PaperSessionDetail };
  'live.sessions.stop': { arg: { id: string }; result: PaperSessionDetail };
  /** The session's equity after each of its last `limit` (default 2000) bars, for the live equity curve. */
  'live.sessions.equity': { arg: { id: string; limit?: number }; result: SessionEquityPayload };
  /** The session's positions, open orders, and its last `limit` (default 100) fills, refused orders and closed trades, newest first. */
  'live.sessions.activity': { arg: { id: string; limit?: number }; result: SessionActivity };
  'live.alertRules.list': { arg: Record<string, never>; result: AlertRuleInfo[] };
  'live.alertRules.add': { arg: { rule: AlertRuleSpec }; result: AlertRuleInfo };
  'live.alertRules.remove': { arg: { id: number }; result: { removed: boolean } };
  /**
   * Research on the warm worker pool. A long call returns when the job is done; its
   * `research.progress` events carry the caller's `jobId`, which `research.cancel`
   * takes. The stored job's id is `researchId` (list, get, cells, heatmap).
   */
  /** `executor: 'kafka'` hands the grid (walk-forward: every window's) to the research workers on the configured Kafka; default local. */
  'research.optimize': { arg: { jobId: string; request: OptimizeRequest; executor?: ResearchExecutor }; result: { researchId: number; summary: OptimizationSummary } };
  'research.walkforward': { arg: { jobId: string; request: WalkForwardRequest; executor?: ResearchExecutor }; result: { researchId: number; summary: WalkForwardSummary } };
  /**
   * The research workers heard on the heartbeat topic of the configured Kafka (Settings →
   * Connections or KAFKA_BROKERS); kind 'unavailable' when none is configured or it does not answer.
   */
  'research.workers': { arg: Record<string, never>; result: ResearchWorkersResult };
  /** Monte Carlo over a saved run's trades (quick: computed in the call), saved as a research job (its researchId). */
  'research.montecarlo': {
    arg: { runId: number; runs?: number; seed?: number; mode?: 'resample' | 'shuffle' };
    result: SavedMonteCarlo;
  };
  'research.cancel': { arg: { jobId: string }; result: { cancelled: boolean } };
  'research.list': { arg: { limit?: number; offset?: number; kind?: SavedResearchKind }; result: ResearchJobSummary[] };
  'research.get': { arg: { id: number }; result: SavedResearchDetail };
  /** A page of a job's cells (one walk-forward window's with `window`), grid order or best first. */
  'research.cells': {
    arg: { id: number; window?: number; limit?: number; offset?: number; byObjective?: boolean };
    result: { total: number; cells: OptimizationCell[] };
  };
  'research.heatmap': {
    arg: { id: number; window?: number; x: string; y: string; fold?: 'best' | 'mean'; fixed?: Record<string, number | boolean | string> };
    result: Heatmap;
  };
  'research.delete': { arg: { id: number }; result: { deleted: boolean } };
  /** Whether the TimescaleDB and Kafka passwords are stored, and where (never their values). */
  'settings.secrets.status': { arg: Record<string, never>; result: SecretsStatus };
  /** Stores a password (safeStorage in the desktop app, an owner-only file elsewhere) or clears it with null. */
  'settings.secrets.set': { arg: { name: SecretName; value: string | null }; result: SecretsStatus };
  /** TimescaleDB and Kafka connection settings kept beside the store (no passwords). */
  'settings.connections.get': { arg: Record<string, never>; result: ConnectionSettings };
  /** Saves the sections given (each replaced whole); the Kafka feed picks them up when the app starts. */
  'settings.connections.set': { arg: { timescale?: TimescaleConnection; kafka?: KafkaConnection }; result: ConnectionSettings };
  /** Connects to the Kafka brokers (saved settings, or `connection`) and lists the topics. */
  'settings.kafkaTest': { arg: { connection?: KafkaConnection }; result: KafkaTestResult };
}

export interface ApiEvents {
  'backtest.progress': ProgressEvent;
  'live.candle': LiveCandleEvent;
  'live.signal': SignalEvent;
  'live.portfolio': PortfolioEvent;
  'live.alert': AlertEvent;
  'live.feedStatus': FeedStatusEvent;
  'research.progress': ResearchProgress;
  'data.syncProgress': DataSyncProgress;
}

export type ApiMethod = keyof ApiMethods;
export type ApiTopic = keyof ApiEvents;
export type ApiArg<K extends ApiMethod> = ApiMethods[K]['arg'];
export type ApiResult<K extends ApiMethod> = ApiMethods[K]['result'];

/** What the renderer sees as `window.api`, whichever transport carries it. */
export interface ApiClient {
  call<K extends ApiMethod>(method: K, arg: ApiArg<K>): Promise<ApiResult<K>>;
  /** Subscribes to a topic; returns the function that unsubscribes. */
  on<T extends ApiTopic>(topic: T, listener: (payload: ApiEvents[T]) => void): () => void;
  /** 'ipc' inside the Electron window, 'ws' in a browser. */
  readonly transport: 'ipc' | 'ws';
}

/** An error as it crosses a process boundary (never a stack for the remote side to parse). */
export interface ApiErrorPayload {
  /** 'invalid-argument' | 'unknown-method' | 'not-found' | 'cancelled' | 'unavailable' | 'too-large' | 'internal' */
  kind: ApiErrorKind;
  message: string;
  /** zod issues for 'invalid-argument', as "path: message" lines. */
  issues?: string[];
}

export type ApiErrorKind =
  | 'invalid-argument'
  | 'unknown-method'
  | 'not-found'
  | 'cancelled'
  | 'unavailable'
  | 'too-large'
  | 'bad-message'
  | 'internal';

/** Thrown by clients when a call fails; carries the remote kind. */
export class ApiError extends Error {
  readonly kind: ApiErrorKind;
  readonly issues: string[] | undefined;
  constructor(payload: ApiErrorPayload) {
    super(payload.message);
    this.name = 'ApiError';
    this.kind = payload.kind;
    this.issues = payload.issues;
  }
}

/** Every method name, for runtime checks (kept exhaustive by the `satisfies` below). */
export const apiMethodNames = [
  'app.info',
  'strategies.list',
  'data.sources',
  'data.candles',
  'data.sourceTest',
  'data.tables',
  'data.coverage',
  'data.sync',
  'data.cancel',
  'data.cacheRemove',
  'data.import',
  'indicators.catalog',
  'indicators.compute',
  'backtest.run',
  'backtest.runForChart',
  'backtest.cancel',
  'runs.list',
  'runs.count',
  'runs.tags',
  'runs.get',
  'runs.update',
  'runs.delete',
  'live.status',
  'live.alerts',
  'live.bars',
  'live.sessions.list',
  'live.sessions.create',
  'live.sessions.pause',
  'live.sessions.resume',
  'live.sessions.stop',
  'live.sessions.equity',
  'live.sessions.activity',
  'live.alertRules.list',
  'live.alertRules.add',
  'live.alertRules.remove',
  'research.optimize',
  'research.walkforward',
  'research.montecarlo',
  'research.cancel',
  'research.list',
  'research.get',
  'research.cells',
  'research.heatmap',
  'research.delete',
  'research.workers',
  'settings.secrets.status',
  'settings.secrets.set',
  'settings.connections.get',
  'settings.connections.set',
  'settings.kafkaTest',
] as const satisfies readonly ApiMethod[];

export const apiTopicNames = [
  'backtest.progress',
  'live.candle',
  'live.signal',
  'live.portfolio',
  'live.alert',
  'live.feedStatus',
  'research.progress',
  'data.syncProgress',
] as const satisfies readonly ApiTopic[];

// Compile-time exhaustiveness: a method or topic missing from the lists above is an error here.
type Missing<All, Listed> = Exclude<All, Listed>;
const _allMethodsListed: [Missing<ApiMethod, (typeof apiMethodNames)[number]>] extends [never] ? true : never = true;
const _allTopicsListed: [Missing<ApiTopic, (typeof apiTopicNames)[number]>] extends [never] ? true : never = true;
void _allMethodsListed;
void _allTopicsListed;

/**
 * WebSocket frames: JSON text from the client; from the server JSON text, or one binary
 * frame for a frame holding typed arrays (src/shared/binaryMessage.ts). IPC uses the same
 * method names through ipcRenderer.invoke.
 */
export type ClientFrame =
  | { type: 'call'; id: number; method: string; arg: unknown }
  | { type: 'sub'; topic: string }
  | { type: 'unsub'; topic: string };

export type ServerFrame =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'error'; id: number | null; error: ApiErrorPayload }
  | { type: 'event'; topic: string; payload: unknown };

/** Largest WebSocket message the server accepts (requests are small; this is generous). */
export const MAX_CLIENT_FRAME_BYTES = 256 * 1024;
