/**
 * A session's recent orders in one list, newest first: each fill is an order that
 * executed, each refusal one the simulated exchange turned down (with its reason). The
 * live service stores the two as separate events; a trader reads them as one order log.
 */
import type { SessionActivity } from '../../../shared/apiTypes';

export interface OrderRow {
  time: number;
  instrument: string;
  side: 'buy' | 'sell';
  status: 'filled' | 'refused';
  /** The fill's kind (market, stop_loss...) or the refusal's reason. */
  detail: string;
  size: number | null;
  price: number | null;
}

export function activityOrders(a: Pick<SessionActivity, 'fills' | 'rejectedOrders'>): OrderRow[] {
  const rows: OrderRow[] = [
    ...a.fills.map((f): OrderRow => ({ time: f.time, instrument: f.instrument, side: f.side, status: 'filled', detail: f.kind, size: f.size, price: f.price })),
    ...a.rejectedOrders.map((r): OrderRow => ({ time: r.time, instrument: r.instrument, side: r.side, status: 'refused', detail: r.reason, size: null, price: null })),
  ];
  // Stable: rows of the same bar keep the service's newest-first order.
  return rows.sort((x, y) => y.time - x.time);
}
