/**
 * What a paper session did, read back from its stored rows (src/main/live/liveStore.ts):
 * fills and refused orders from its events, closed trades and realized PnL from its
 * trades, positions and unrealized PnL from its portfolio, and the orders still waiting
 * from the running session in memory (a stopped or paused session has none queued that
 * can fill). Newest first, as the Live view's tables show them.
 */
import type { LiveService } from '../live/liveService';
import type { PortfolioSnapshot } from '../live/paperSession';
import { toPortfolioEvent } from '../live/liveService';
import type { OrderRejectedEvent, Trade } from '../engine/brokerTypes';
import type { SessionActivity, SessionClosedTrade, SessionFill, SessionRejectedOrder } from '../../shared/apiTypes';

/** The stored JSON of a 'fill' event: the signal published for it (livePipeline.signalOf). */
interface StoredFill {
  side: 'buy' | 'sell';
  reason: string;
  price: number;
  size: number;
  commission: number;
  positionAfter: number;
  time: number;
}

export function sessionActivity(service: LiveService, id: number, snap: PortfolioSnapshot | null, limit: number): SessionActivity {
  const store = service.store;
  const positions = snap ? toPortfolioEvent(snap).positions : [];
  const open = service.pipeline.sessions.get(id)?.session.openOrders() ?? new Map<string, number>();
  return {
    sessionId: String(id),
    positions,
    openOrders: [...open].filter(([, n]) => n > 0).map(([instrument, count]) => ({ instrument, count })),
    fills: store.recentEventsOfKind(id, 'fill', limit).map((r) => toFill(r.instrument, JSON.parse(r.json) as StoredFill)),
    rejectedOrders: store.recentEventsOfKind(id, 'order_rejected', limit).map((r) => toRejected(r.instrument, JSON.parse(r.json) as OrderRejectedEvent)),
    trades: store.recentTrades(id, limit).map((r) => toClosedTrade(r.instrument, JSON.parse(r.json) as Trade)),
    realizedPnl: store.realizedPnl(id),
    unrealizedPnl: unrealizedPnl(snap),
  };
}

export function unrealizedPnl(snap: PortfolioSnapshot | null): number {
  return snap ? snap.positions.reduce((sum, p) => sum + p.unrealizedPnl, 0) : 0;
}

function toFill(instrument: string, f: StoredFill): SessionFill {
  return { instrument, side: f.side, kind: f.reason, price: f.price, size: f.size, commission: f.commission, positionAfter: f.positionAfter, time: f.time };
}

function toRejected(instrument: string, e: Pick<OrderRejectedEvent, 'action' | 'reason' | 'time'>): SessionRejectedOrder {
  return { instrument, side: e.action, reason: e.reason, time: e.time };
}

function toClosedTrade(instrument: string, t: Trade): SessionClosedTrade {
  return {
    instrument, side: t.side, size: t.size, entryTime: t.entryTime, exitTime: t.exitTime,
    entryPrice: t.entryPrice, exitPrice: t.exitPrice, pnl: t.pnl, exitReason: t.exitReason,
  };
}
