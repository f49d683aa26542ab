/** The renderer's state (zustand). Actions that talk to the API live in ./actions.ts. */
import { create } from 'zustand';
import type { ParamValue, ProgressEvent, RunDetail, RunSummary } from '../../../shared/backtestTypes';
import type { AlertEvent, AlertRuleInfo, AppInfo, DataSourceInfo, IndicatorInfo, IndicatorSeries, LiveStatus, PaperSessionDetail, SignalEvent, StrategyInfo } from '../../../shared/apiTypes';
import type { ChartCandles } from '../charts/chartData';
import type { FieldErrors } from './formValidation';
import { loadForm, loadOverlays, saveForm, saveOverlays } from './persistedState';
import { DEFAULT_BROKER_SETTINGS } from '../../../shared/brokerDefaults';
import { userCostDefaults } from '../settings/costDefaults';

export interface FormState {
  data: string;
  strategy: string;
  params: Record<string, ParamValue>;
  cash: number;
  /** Percent per side as typed by the user (0.1 = 0.1%). */
  commissionPct: number;
  slippageBps: number;
  /** Exchange filters; NaN = not set (the engine's default). */
  qtyStep: number;
  minNotional: number;
  /** yyyy-mm-dd or empty. */
  from: string;
  to: string;
}

export interface Overlay {
  /** Stable id of the chip (its series and error are keyed by it, not by position). */
  id: number;
  name: string;
  params: Record<string, number>;
}

export interface CompareRun {
  run: RunDetail;
  time: Float64Array;
}

export type BottomTab = 'stats' | 'trades';

export interface AppState {
  info: AppInfo | null;
  strategies: StrategyInfo[];
  sources: DataSourceInfo[];
  indicatorCatalog: IndicatorInfo[];
  form: FormState;
  job: { jobId: string; progress: ProgressEvent | null } | null;
  /** Why the form cannot run, next to each field at fault. */
  formErrors: FieldErrors;
  error: string | null;
  run: RunDetail | null;
  candles: ChartCandles | null;
  overlays: Overlay[];
  /** Computed series of the open run, by overlay id (absent while computing or failed). */
  overlaySeries: Record<number, IndicatorSeries>;
  /** Why an overlay could not be computed, by overlay id (shown on its chip). */
  overlayErrors: Record<number, string>;
  runs: RunSummary[];
  /** Ticked runs; the comparison shows these, in the history's order. */
  selected: number[];
  /** Runs loaded for the comparison (with their candle times), by id. */
  compareCache: Record<number, CompareRun>;
  tab: BottomTab;
  live: LiveStatus | null;
  signals: SignalEvent[];
  alerts: AlertEvent[];
  /** Paper sessions and alert rules of the live service (empty when it is off). */
  paperSessions: PaperSessionDetail[];
  alertRules: AlertRuleInfo[];
  /** The last failed Live panel action (shown in the panel, next to the form that caused it). */
  liveError: string | null;
}

// Costs start from the user's defaults (Settings), which fall back to the shared broker defaults.
const costs = userCostDefaults();

export const initialForm: FormState = {
  data: 'sample:BTCUSDT_1h',
  strategy: 'rsi',
  params: {},
  cash: DEFAULT_BROKER_SETTINGS.cash,
  commissionPct: costs.commission * 100,
  slippageBps: costs.slippageBps,
  qtyStep: NaN,
  minNotional: NaN,
  from: '',
  to: '',
};

export const useApp = create<AppState>(() => ({
  info: null,
  strategies: [],
  sources: [],
  indicatorCatalog: [],
  form: loadForm(initialForm),
  job: null,
  formErrors: {},
  error: null,
  run: null,
  candles: null,
  overlays: loadOverlays([{ id: 1, name: 'ema', params: { period: 50 } }]),
  overlaySeries: {},
  overlayErrors: {},
  runs: [],
  selected: [],
  compareCache: {},
  tab: 'stats',
  live: null,
  signals: [],
  alerts: [],
  paperSessions: [],
  alertRules: [],
  liveError: null,
}));

export const setState = useApp.setState;

// What the user set up survives a reload.
useApp.subscribe((s, prev) => {
  if (s.form !== prev.form) saveForm(s.form);
  if (s.overlays !== prev.overlays) saveOverlays(s.overlays);
});
export const getState = useApp.getState;
