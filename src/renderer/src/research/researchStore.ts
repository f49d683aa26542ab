/**
 * State of the research views (Optimize, Walk-forward, Monte Carlo), kept apart from the
 * backtest state in ../store/appStore.ts. Data set, range and broker are not here: the
 * research views read and edit the backtest form's, so a grid runs on what a single
 * backtest would. Actions that talk to the API live in ./researchActions.ts.
 */
import { create } from 'zustand';
import type { Heatmap, OptimizationSummary, OptimizeRequest, ResearchKind, ResearchProgress, SavedMonteCarlo, WalkForwardRequest, WalkForwardSummary } from '../../../shared/researchTypes';
import type { ResearchExecutor } from '../../../shared/researchWorkers';
import type { GridDraft } from './gridDraft';

export interface ResearchJob {
  jobId: string;
  kind: ResearchKind;
  progress: ResearchProgress | null;
  cancelling: boolean;
}

export interface HeatmapState {
  x: string;
  y: string;
  fold: 'best' | 'mean';
  data: Heatmap | null;
  error: string | null;
}

export interface StitchedEquity {
  runId: number;
  time: Float64Array;
  equity: Float64Array;
}

export interface MonteCarloState {
  runId: number;
  busy: boolean;
  result: SavedMonteCarlo | null;
  error: string | null;
}

export interface ResearchState {
  /** The editor's draft per strategy, so switching strategy and back keeps what was typed. */
  drafts: Record<string, GridDraft>;
  job: ResearchJob | null;
  /** The last failure of a research action, by the view it belongs to. */
  errors: Partial<Record<ResearchKind, string>>;
  /** A neutral word about the last job of a view ("cancelled"). */
  notices: Partial<Record<ResearchKind, string>>;
  optimization: { researchId: number; summary: OptimizationSummary; request: OptimizeRequest } | null;
  heatmap: HeatmapState | null;
  walkForward: { researchId: number; summary: WalkForwardSummary; request: WalkForwardRequest } | null;
  stitched: StitchedEquity | null;
  monteCarlo: MonteCarloState | null;
  /** Where optimizations and walk-forward grids run: this machine or the research workers on Kafka. */
  executor: ResearchExecutor;
}

export const useResearch = create<ResearchState>(() => ({
  drafts: {},
  job: null,
  errors: {},
  notices: {},
  optimization: null,
  heatmap: null,
  walkForward: null,
  stitched: null,
  monteCarlo: null,
  executor: 'local',
}));

export const setResearch = useResearch.setState;
export const getResearch = useResearch.getState;
