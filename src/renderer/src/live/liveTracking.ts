/**
 * What the Live view needs to remember from the moment the app opens, before the view is
 * shown: the instruments seen on the feed (for the instrument picker) and each session's
 * equity as `live.portfolio` events arrive (a preallocated window per session, so the
 * curve is there when the view opens). One subscription per topic for the whole app.
 */
import type { LiveCandleEvent, PortfolioEvent, SessionEquityPayload } from '../../../shared/apiTypes';
import { api } from '../api/client';
import { getLiveView, setLiveView } from '../store/liveViewStore';
import { SeriesWindow } from './streamWindow';

/** Equity points kept per session (one per batch of bars). */
export const EQUITY_POINTS = 2000;

const equityWindows = new Map<string, SeriesWindow>();
const seen = new Set<string>();
let started = false;

/** The equity window of a session (created empty on first use). */
export function equityWindow(sessionId: string): SeriesWindow {
  let w = equityWindows.get(sessionId);
  if (!w) equityWindows.set(sessionId, (w = new SeriesWindow(EQUITY_POINTS)));
  return w;
}

const seededEquity = new Set<string>();

/**
 * Loads a session's stored equity (one point per bar) into its window once, keeping the
 * points events added since that are newer than the stored ones. Resolves when done.
 */
export async function seedEquity(sessionId: string): Promise<void> {
  if (seededEquity.has(sessionId)) return;
  const stored = await storedEquity(sessionId);
  if (seededEquity.has(sessionId)) return;
  seededEquity.add(sessionId);
  applyStored(sessionId, stored);
}

function storedEquity(sessionId: string): Promise<SessionEquityPayload> {
  return api.call('live.sessions.equity', { id: sessionId, limit: EQUITY_POINTS });
}

/** Replaces the window's points by the stored ones, then re-applies event points newer than those. */
function applyStored(sessionId: string, stored: SessionEquityPayload): void {
  const w = equityWindow(sessionId);
  // Points already received from events (a copy), re-applied after the stored ones.
  const [x, y] = w.rows.views();
  const fromEvents = Array.from(x, (t, i) => [t * 1000, y[i]] as const);
  w.rows.clear();
  for (let i = 0; i < stored.time.length; i++) w.push(stored.time[i], stored.equity[i]);
  for (const [t, v] of fromEvents) w.push(t, v);
  for (const l of equityListeners) l(sessionId);
}

/**
 * A portfolio event is one point per batch of bars, and a fast feed delivers hundreds of
 * bars in one batch: a curve drawn from events alone would jump over them. So a seeded
 * (watched) session re-reads its stored per-bar curve after events, at most once a second.
 */
const RESEED_MS = 1000;
const reseedTimers = new Map<string, ReturnType<typeof setTimeout>>();
function scheduleReseed(sessionId: string): void {
  if (!seededEquity.has(sessionId) || reseedTimers.has(sessionId)) return;
  reseedTimers.set(sessionId, setTimeout(() => {
    void storedEquity(sessionId).then(
      (stored) => {
        reseedTimers.delete(sessionId);
        applyStored(sessionId, stored);
      },
      () => reseedTimers.delete(sessionId),
    );
  }, RESEED_MS));
}

/** Listeners told after an equity point was added (the equity chart schedules a frame). */
const equityListeners = new Set<(sessionId: string) => void>();
export function onEquity(listener: (sessionId: string) => void): () => void {
  equityListeners.add(listener);
  return () => equityListeners.delete(listener);
}

export function instrumentOf(c: Pick<LiveCandleEvent, 'symbol' | 'interval'>): string {
  return `${c.symbol.toUpperCase()}:${c.interval}`;
}

export function startLiveTracking(): void {
  if (started) return;
  started = true;
  api.on('live.candle', (c) => {
    const inst = instrumentOf(c);
    if (seen.has(inst)) return;
    seen.add(inst);
    setLiveView({ feedInstruments: [...getLiveView().feedInstruments, inst] });
  });
  api.on('live.portfolio', (p: PortfolioEvent) => {
    if (!Number.isFinite(p.equity) || p.time <= 0) return;
    if (equityWindow(p.sessionId).push(p.time, p.equity)) for (const l of equityListeners) l(p.sessionId);
    scheduleReseed(p.sessionId);
  });
}
