/**
 * Adapts the live service (src/main/live/liveService.ts) to the API's narrow interface.
 * A session is its stored row joined with its portfolio: the in-memory one while the
 * pipeline holds the session (running or paused), else the last snapshot stored in SQLite
 * (stopped). Input the service refuses (unknown strategy, parameter out of range, bad
 * broker setting, unknown indicator) comes back as 'invalid-argument' with its message.
 */
import type { LiveService } from '../live/liveService';
import { toPortfolioEvent } from '../live/liveService';
import type { SessionRow, StoredCandle } from '../live/liveStore';
import type { PortfolioSnapshot } from '../live/paperSession';
import { brokerConfigFrom } from '../research/backtestJob';
import type { AlertRuleInfo, AlertRuleSpec, CandleColumnsPayload, PaperSessionDetail } from '../../shared/apiTypes';
import type { LiveApiEvents, LiveApiService } from './services';
import { ApiFailure } from './errors';
import { sessionActivity, unrealizedPnl } from './liveActivity';

export function liveApi(service: LiveService): LiveApiService {
  const detail = (row: SessionRow): PaperSessionDetail => {
    const snap = snapshotOf(service, row.id);
    return {
      ...sessionDetail(row, snap), feedHoles: service.store.sessionHoles(row.id),
      realizedPnl: service.store.realizedPnl(row.id), unrealizedPnl: unrealizedPnl(snap),
    };
  };
  const ruleInfo = (id: number): AlertRuleInfo | null => {
    const r = service.store.alertRules().find((x) => x.id === id);
    return r ? toRuleInfo(r) : null;
  };
  return {
    status: () => service.status(),
    alerts: (limit) => service.alerts(limit),
    bars: async (instrument, limit) => barColumns(instrument, service.store.recentCandles(instrument, limit)),
    subscribe<E extends keyof LiveApiEvents>(event: E, listener: (payload: LiveApiEvents[E]) => void): () => void {
      return service.subscribe(event, listener);
    },
    sessions: async () => service.store.sessions().map(detail),
    session: async (id) => {
      const row = service.store.session(id);
      return row ? detail(row) : null;
    },
    createSession: async (spec) => {
      let id: number;
      try {
        id = await service.createSession({
          strategy: spec.strategy,
          params: spec.params,
          instruments: spec.instruments,
          broker: brokerConfigFrom(spec.broker),
          ...(spec.name === undefined ? {} : { name: spec.name }),
        });
      } catch (e) {
        throw new ApiFailure('invalid-argument', `cannot create the paper session: ${errorText(e)}`);
      }
      const row = service.store.session(id);
      if (!row) throw new Error(`paper session ${id} was created but cannot be read back`);
      return detail(row);
    },
    setSessionState: async (id, state) => {
      if (state === 'paused') await service.pauseSession(id);
      else if (state === 'running') await service.resumeSession(id);
      else await service.stopSession(id);
    },
    sessionEquity: async (id, limit) => {
      if (!service.store.session(id)) return null;
      // Stored per bar (paper_equity); the newest `limit` points.
      const rows = service.store.equity(id);
      const last = rows.slice(Math.max(0, rows.length - limit));
      return { sessionId: String(id), time: Float64Array.from(last, (r) => r.time), equity: Float64Array.from(last, (r) => r.equity) };
    },
    sessionActivity: async (id, limit) => (service.store.session(id) ? sessionActivity(service, id, snapshotOf(service, id), limit) : null),
    alertRules: async () => service.store.alertRules().map(toRuleInfo),
    addAlertRule: async (rule) => {
      let id: number;
      try {
        id = service.addAlertRule(rule);
      } catch (e) {
        throw new ApiFailure('invalid-argument', errorText(e));
      }
      const info = ruleInfo(id);
      if (!info) throw new Error(`alert rule ${id} was added but cannot be read back`);
      return info;
    },
    removeAlertRule: async (id) => service.removeAlertRule(id),
  };
}

function snapshotOf(service: LiveService, id: number): PortfolioSnapshot | null {
  const live = service.pipeline.sessions.get(id)?.session.snapshot();
  if (live) return live;
  const stored = service.store.portfolio(id);
  return stored ? (JSON.parse(stored.json) as PortfolioSnapshot) : null;
}

export function sessionDetail(row: SessionRow, snap: PortfolioSnapshot | null): PaperSessionDetail {
  return {
    id: String(row.id),
    name: row.name,
    strategy: row.strategy,
    symbols: [...row.instruments],
    instruments: [...row.instruments],
    state: row.status,
    params: { ...row.params },
    broker: { cash: row.broker.cash, commission: row.broker.commission, slippageBps: row.broker.slippageBps },
    startedAt: row.createdAt,
    equity: snap?.equity ?? null,
    cash: snap?.cash ?? null,
    positions: snap ? toPortfolioEvent(snap).positions : [],
    bars: snap?.bars ?? 0,
    trades: snap ? snap.positions.reduce((n, p) => n + p.trades, 0) : 0,
    lastBarTime: snap?.time ?? null,
  };
}

/** Stored candles as the chart's columns (the same shape `data.candles` answers with). */
export function barColumns(instrument: string, rows: readonly StoredCandle[]): CandleColumnsPayload {
  const n = rows.length;
  const out: CandleColumnsPayload = {
    source: `live:${instrument}`, time: new Float64Array(n), open: new Float64Array(n), high: new Float64Array(n),
    low: new Float64Array(n), close: new Float64Array(n), volume: new Float64Array(n), warnings: [],
  };
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    out.time[i] = r.time; out.open[i] = r.open; out.high[i] = r.high; out.low[i] = r.low; out.close[i] = r.close; out.volume[i] = r.volume;
  }
  return out;
}

function toRuleInfo(r: { id: number; createdAt: number; json: string }): AlertRuleInfo {
  // Stored by the live service after its own schema check, so the rule has the API's shape.
  const stored = JSON.parse(r.json) as { rule: AlertRuleSpec };
  return { id: r.id, createdAt: r.createdAt, rule: stored.rule };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
