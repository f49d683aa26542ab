/**
 * What the Live panel asks of the live service (paper sessions, alert rules) and how
 * live events keep the session list current: a portfolio event patches its session at
 * once (equity, cash, positions, unrealized PnL); bar and trade counts and realized PnL follow with a list refresh at
 * most once a second, so a fast feed costs one call per second, not one per event.
 */
import type { AlertRuleSpec, NewPaperSession, PaperSessionDetail, PortfolioEvent } from '../../../shared/apiTypes';
import { api } from '../api/client';
import { getState, setState } from './appStore';

export type SessionAction = 'pause' | 'resume' | 'stop';

const actionMethods = {
  pause: 'live.sessions.pause',
  resume: 'live.sessions.resume',
  stop: 'live.sessions.stop',
} as const;

export async function refreshLive(): Promise<void> {
  if (!getState().live?.available) return;
  try {
    const [paperSessions, alertRules] = await Promise.all([api.call('live.sessions.list', {}), api.call('live.alertRules.list', {})]);
    setState({ paperSessions, alertRules });
  } catch (e) {
    setState({ liveError: errorText(e) });
  }
}

/** Resolves true when the session was created (the form closes), false when the service refused it. */
export async function createPaperSession(spec: NewPaperSession): Promise<boolean> {
  try {
    upsertSession(await api.call('live.sessions.create', spec));
    setState({ liveError: null });
    return true;
  } catch (e) {
    setState({ liveError: errorText(e) });
    return false;
  }
}

export async function changeSession(id: string, action: SessionAction): Promise<void> {
  try {
    upsertSession(await api.call(actionMethods[action], { id }));
    setState({ liveError: null });
  } catch (e) {
    setState({ liveError: errorText(e) });
  }
}

export async function addAlertRule(rule: AlertRuleSpec): Promise<boolean> {
  try {
    const info = await api.call('live.alertRules.add', { rule });
    setState({ alertRules: [...getState().alertRules.filter((r) => r.id !== info.id), info], liveError: null });
    return true;
  } catch (e) {
    setState({ liveError: errorText(e) });
    return false;
  }
}

export async function removeAlertRule(id: number): Promise<void> {
  try {
    await api.call('live.alertRules.remove', { id });
    setState({ alertRules: getState().alertRules.filter((r) => r.id !== id), liveError: null });
  } catch (e) {
    setState({ liveError: errorText(e) });
  }
}

export function onLivePortfolio(p: PortfolioEvent): void {
  const list = getState().paperSessions;
  const i = list.findIndex((s) => s.id === p.sessionId);
  if (i >= 0) {
    const next = [...list];
    // Unrealized PnL is the positions' own; realized PnL moves only when a trade closes and follows with the refresh.
    const unrealizedPnl = p.positions.reduce((sum, pos) => sum + pos.unrealizedPnl, 0);
    next[i] = { ...list[i], equity: p.equity, cash: p.cash, positions: p.positions, unrealizedPnl, lastBarTime: p.time };
    setState({ paperSessions: next });
  }
  // Unknown session (created elsewhere, e.g. by the CLI) or new bar counts: re-read the list.
  scheduleRefresh();
}

export function onLiveSignal(): void {
  scheduleRefresh();
}

let refreshTimer: ReturnType<typeof setTimeout> | null = null;
function scheduleRefresh(): void {
  if (refreshTimer) return;
  refreshTimer = setTimeout(() => {
    refreshTimer = null;
    void refreshLive();
  }, 1000);
}

function upsertSession(s: PaperSessionDetail): void {
  const list = getState().paperSessions;
  setState({ paperSessions: list.some((x) => x.id === s.id) ? list.map((x) => (x.id === s.id ? s : x)) : [...list, s] });
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
