/**
 * What the API handlers need from the main-process services, stated as narrow
 * interfaces. The real services (research, data, live, engine indicators) are wired
 * to these in ./createServices.ts; handlers depend on nothing else, so the same
 * handler map serves Electron's IPC, the WebSocket server and the tests.
 */
import type { ResearchExecutor, ResearchWorkersResult } from '../../shared/researchWorkers';
import type { BacktestRequest, ChartRunDetail, ParamValue, ProgressEvent, RunDetail, RunSummary } from '../../shared/backtestTypes';
import type { ApiResult } from '../../shared/api';
import type { RunFilter, RunQuery } from '../../shared/runQuery';
import type { SecretName, SecretsStatus } from '../../shared/apiTypes';
import type {
  ConnectionSettings,
  DataImportResult,
  DataSyncProgress,
  DataSyncResult,
  InstrumentCoverage,
  KafkaConnection,
  KafkaTestResult,
  SourceTestResult,
  TimescaleConnection,
} from '../../shared/dataManagementTypes';
import type {
  Heatmap,
  SavedMonteCarlo,
  SavedResearchKind,
  OptimizationCell,
  OptimizationSummary,
  OptimizeRequest,
  ResearchJobSummary,
  ResearchProgress,
  WalkForwardRequest,
  WalkForwardSummary,
} from '../../shared/researchTypes';
import type {
  AlertEvent,
  AlertRuleInfo,
  AlertRuleSpec,
  CandleColumnsPayload,
  DataSourceInfo,
  FeedStatusEvent,
  IndicatorInfo,
  IndicatorSeries,
  LiveCandleEvent,
  LiveStatus,
  NewPaperSession,
  PaperSessionDetail,
  PaperSessionState,
  PortfolioEvent,
  SessionEquityPayload,
  SessionActivity,
  SignalEvent,
  StrategyInfo,
} from '../../shared/apiTypes';

export interface BacktestApiService {
  run(request: BacktestRequest, onProgress: (p: Omit<ProgressEvent, 'jobId'>) => void, signal: AbortSignal): Promise<RunDetail>;
  /** `run` with the equity coded against the closes of the run's candles (shared/equityCodec.ts). */
  runForChart(request: BacktestRequest, onProgress: (p: Omit<ProgressEvent, 'jobId'>) => void, signal: AbortSignal): Promise<ChartRunDetail>;
  listRuns(limit: number, offset: number): Promise<RunSummary[]>;
  /** The history's search, filters, sort and page. */
  searchRuns(q: RunQuery): Promise<RunSummary[]>;
  countRuns(f: RunFilter): Promise<number>;
  runTags(): Promise<{ tag: string; runs: number }[]>;
  /** Null when no run has this id; throws RangeError for a bad name or tag. */
  updateRun(id: number, patch: { name?: string; tags?: string[] }): Promise<RunSummary | null>;
  getRun(id: number): Promise<RunDetail | null>;
  deleteRun(id: number): Promise<boolean>;
  listStrategies(): Promise<StrategyInfo[]>;
}

export interface DataApiService {
  sources(): Promise<DataSourceInfo[]>;
  candles(spec: string, fromMs?: number, toMs?: number): Promise<CandleColumnsPayload>;
}

/** The Data screen: upstream source, cache coverage, sync, removal and CSV import. */
export interface DataManagementApiService {
  /** A failure to connect is a result with its kind, not an error. */
  sourceTest(connection?: TimescaleConnection): Promise<SourceTestResult>;
  /** Throws ApiFailure('unavailable', "<kind>: <message>") when the source cannot be used. */
  tables(): Promise<ApiResult<'data.tables'>>;
  coverage(): Promise<InstrumentCoverage[]>;
  sync(
    request: { instrument: string; fromMs?: number; toMs?: number; refresh?: boolean; retries?: number },
    onProgress: (p: Omit<DataSyncProgress, 'jobId'>) => void,
    signal: AbortSignal,
  ): Promise<DataSyncResult>;
  removeFromCache(instrument: string, fromMs?: number, toMs?: number): Promise<{ instrument: string; removedBars: number }>;
  importCsv(instrument: string, fileName: string, from: { text: string } | { path: string }): Promise<DataImportResult>;
}

/** TimescaleDB and Kafka connection settings (no passwords) and the Kafka test. */
export interface ConnectionsApiService {
  get(): Promise<ConnectionSettings>;
  set(update: { timescale?: TimescaleConnection; kafka?: KafkaConnection }): Promise<ConnectionSettings>;
  kafkaTest(connection?: KafkaConnection): Promise<KafkaTestResult>;
}

export interface IndicatorApiService {
  catalog(): IndicatorInfo[];
  compute(spec: string, name: string, params: Record<string, number>, fromMs?: number, toMs?: number): Promise<IndicatorSeries>;
}

/** Live events the API forwards to subscribed clients. */
export interface LiveApiEvents {
  candle: LiveCandleEvent;
  signal: SignalEvent;
  portfolio: PortfolioEvent;
  alert: AlertEvent;
  feedStatus: FeedStatusEvent;
}

export interface LiveApiService {
  status(): Promise<LiveStatus>;
  alerts(limit: number): Promise<AlertEvent[]>;
  /** The last `limit` closed candles of an instrument ("SYMBOL:interval"), oldest first. */
  bars(instrument: string, limit: number): Promise<CandleColumnsPayload>;
  subscribe<E extends keyof LiveApiEvents>(event: E, listener: (payload: LiveApiEvents[E]) => void): () => void;
  sessions(): Promise<PaperSessionDetail[]>;
  /** null when no session has this id. */
  session(id: number): Promise<PaperSessionDetail | null>;
  /** Throws ApiFailure('invalid-argument') naming what is wrong (strategy, params, instruments, broker). */
  createSession(spec: NewPaperSession): Promise<PaperSessionDetail>;
  setSessionState(id: number, state: PaperSessionState): Promise<void>;
  /** The session's last `limit` equity points; null when no session has this id. */
  sessionEquity(id: number, limit: number): Promise<SessionEquityPayload | null>;
  /** Positions, open orders and the last `limit` fills, refused orders and closed trades; null when no session has this id. */
  sessionActivity(id: number, limit: number): Promise<SessionActivity | null>;
  alertRules(): Promise<AlertRuleInfo[]>;
  /** Throws ApiFailure('invalid-argument') when the live service rejects the rule (e.g. unknown indicator). */
  addAlertRule(rule: AlertRuleSpec): Promise<AlertRuleInfo>;
  removeAlertRule(id: number): Promise<boolean>;
}

export interface ResearchApiService {
  optimize(request: OptimizeRequest, onProgress: (p: Omit<ResearchProgress, 'jobId'>) => void, signal: AbortSignal, executor?: ResearchExecutor): Promise<{ researchId: number; summary: OptimizationSummary }>;
  walkForward(request: WalkForwardRequest, onProgress: (p: Omit<ResearchProgress, 'jobId'>) => void, signal: AbortSignal, executor?: ResearchExecutor): Promise<{ researchId: number; summary: WalkForwardSummary }>;
  /** The research workers on the configured Kafka's heartbeat topic. */
  workers(): Promise<ResearchWorkersResult>;
  /** null when no run has this id. */
  monteCarlo(runId: number, runs: number, seed: number, mode: 'resample' | 'shuffle'): Promise<SavedMonteCarlo | null>;
  list(limit: number, offset: number, kind?: SavedResearchKind): Promise<ResearchJobSummary[]>;
  get(id: number): Promise<ApiResult<'research.get'> | null>;
  cells(id: number, window: number, limit: number, offset: number, byObjective: boolean): Promise<{ total: number; cells: OptimizationCell[] } | null>;
  heatmap(id: number, window: number, x: string, y: string, fold: 'best' | 'mean', fixed: Record<string, ParamValue>): Promise<Heatmap | null>;
  delete(id: number): Promise<boolean>;
}

export interface SettingsApiService {
  /** Which store keeps passwords and which are stored (never their values). */
  secretsStatus(): Promise<SecretsStatus>;
  /** Stores or (null) clears a password; applied to the running services at once. */
  setSecret(name: SecretName, value: string | null): Promise<SecretsStatus>;
}

export interface ApiServices {
  readonly appName: string;
  readonly version: string;
  readonly dbPath: string;
  readonly backtest: BacktestApiService;
  readonly data: DataApiService;
  readonly dataManagement: DataManagementApiService;
  readonly connections: ConnectionsApiService;
  /** Research worker threads in the pool. */
  readonly workers: number;
  readonly indicators: IndicatorApiService;
  readonly research: ResearchApiService;
  readonly settings: SettingsApiService;
  /** Absent when no live feed is configured; the handlers then report `available: false`. */
  readonly live: LiveApiService | null;
  readonly liveUnavailableReason?: string;
  close(): Promise<void>;
}
