/**
 * State of the centre's Live view (kept apart from the backtest state in ./appStore.ts):
 * which view the centre shows, the instrument and session the live chart follows, and
 * the instruments seen on the feed. Streaming data (bars, equity) is not here: it lives
 * in preallocated windows outside React (src/renderer/src/live), so a fast feed does not
 * re-render the tree.
 */
import { create } from 'zustand';

/** The screens of the left navigation; 'optimize' and 'walkforward' are the research views (src/renderer/src/research). */
export type CenterView = 'data' | 'backtest' | 'optimize' | 'walkforward' | 'runs' | 'live' | 'settings';

export interface LiveViewState {
  view: CenterView;
  /** "SYMBOL:interval" the chart follows; null = the first one available. */
  instrument: string | null;
  /** Session whose signals and equity are drawn; null = the first running session on the instrument. */
  sessionId: string | null;
  /** Instruments seen in `live.candle` events since the app opened, in order of appearance. */
  feedInstruments: string[];
  /** The user closed the "a session is running" offer; not shown again this visit. */
  offerDismissed: boolean;
  /** A saved run to fill the new-session form from ("Paper trade this"); null when none was asked for. */
  paperFromRun: number | null;
}

export const useLiveView = create<LiveViewState>(() => ({
  view: 'backtest',
  instrument: null,
  sessionId: null,
  feedInstruments: [],
  offerDismissed: false,
  paperFromRun: null,
}));

export const setLiveView = useLiveView.setState;
export const getLiveView = useLiveView.getState;

export function showView(view: CenterView): void {
  setLiveView({ view, ...(view === 'live' ? { offerDismissed: true } : {}) });
}

/** "Paper trade this": the Live screen opens with the new-session form filled from the saved run. */
export function paperTradeRun(runId: number): void {
  setLiveView({ view: 'live', offerDismissed: true, paperFromRun: runId });
}

export function toggleView(): void {
  showView(getLiveView().view === 'live' ? 'backtest' : 'live');
}
