/**
 * State of the Data screen (sources, cache coverage, sync, import), apart from the
 * backtest state. Every error is kept by the part of the screen that caused it, so it is
 * shown next to that part. Actions that talk to the API live in ./dataActions.ts.
 */
import { create } from 'zustand';
import type { DataImportResult, DataSyncProgress, DataSyncResult, InstrumentCoverage, SourceTestResult } from '../../../shared/dataManagementTypes';

export type DataErrorPlace = 'source' | 'coverage' | 'sync' | 'remove' | 'import';

export interface SyncJob {
  jobId: string;
  instrument: string;
  refresh: boolean;
  progress: DataSyncProgress | null;
  cancelling: boolean;
}

/** The sync form as typed (table rows and coverage rows fill it). */
export interface SyncDraft {
  exchange: string;
  symbol: string;
  interval: string;
  /** yyyy-mm-dd in the chosen time zone, or empty (the table's first bar / now). */
  from: string;
  to: string;
  refresh: boolean;
}

export interface DataState {
  draft: SyncDraft;
  testing: boolean;
  source: SourceTestResult | null;
  coverage: InstrumentCoverage[] | null;
  sync: SyncJob | null;
  lastSync: DataSyncResult | null;
  importing: boolean;
  lastImport: DataImportResult | null;
  /** A short neutral word per place ("sync cancelled", "removed 744 bars"). */
  notices: Partial<Record<DataErrorPlace, string>>;
  errors: Partial<Record<DataErrorPlace, string>>;
}

export const useData = create<DataState>(() => ({
  draft: { exchange: 'binance', symbol: '', interval: '1m', from: '', to: '', refresh: false },
  testing: false,
  source: null,
  coverage: null,
  sync: null,
  lastSync: null,
  importing: false,
  lastImport: null,
  notices: {},
  errors: {},
}));

export const getData = useData.getState;
export const setData = (patch: Partial<DataState>): void => useData.setState(patch);

export function setPlace(place: DataErrorPlace, error: string | null, notice: string | null = null): void {
  const { errors, notices } = getData();
  setData({ errors: { ...errors, [place]: error ?? undefined }, notices: { ...notices, [place]: notice ?? undefined } });
}

export function updateDraft(patch: Partial<SyncDraft>): void {
  setData({ draft: { ...getData().draft, ...patch } });
}
