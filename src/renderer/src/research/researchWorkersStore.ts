/**
 * The research workers (`cryptota worker` processes) the main process hears on Kafka, for
 * the status bar and Settings. Polled while the app is open; "unavailable" (no Kafka
 * configured) is remembered as a reason, not shown as an error.
 */
import { useEffect } from 'react';
import { create } from 'zustand';
import type { ResearchWorkersResult } from '../../../shared/researchWorkers';
import { api } from '../api/client';

export interface ResearchWorkersState {
  result: ResearchWorkersResult | null;
  /** Why there is no list (no Kafka configured, broker down). */
  reason: string | null;
  loading: boolean;
}

export const useResearchWorkers = create<ResearchWorkersState>(() => ({ result: null, reason: null, loading: false }));

/** Heartbeats come every 2 s; the list does not need to be fresher than this. */
const POLL_MS = 15_000;

export async function refreshResearchWorkers(): Promise<void> {
  if (useResearchWorkers.getState().loading) return;
  useResearchWorkers.setState({ loading: true });
  try {
    const result = await api.call('research.workers', {});
    useResearchWorkers.setState({ result, reason: null, loading: false });
  } catch (e) {
    useResearchWorkers.setState({ result: null, reason: (e as Error).message, loading: false });
  }
}

/** Keeps the list fresh while the component using it is mounted. */
export function usePolledResearchWorkers(): void {
  useEffect(() => {
    void refreshResearchWorkers();
    const timer = setInterval(() => void refreshResearchWorkers(), POLL_MS);
    return () => clearInterval(timer);
  }, []);
}

export function aliveWorkers(result: ResearchWorkersResult | null): number {
  return result ? result.workers.filter((w) => w.alive).length : 0;
}
