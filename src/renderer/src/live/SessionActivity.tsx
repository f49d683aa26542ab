/**
 * The selected paper session's book: positions (with unrealized PnL), orders (waiting to
 * fill, then the recent filled and refused ones), fills and closed trades (realized PnL),
 * newest first, times in the chosen zone. Read with `live.sessions.activity` when the
 * session moves (a new bar or trade), at most twice a second, so a fast feed costs a
 * few calls a second and not one per bar.
 */
import { useEffect, useRef, useState } from 'react';
import type { PaperSessionDetail, SessionActivity as Activity } from '../../../shared/apiTypes';
import { api } from '../api/client';
import { fmtDateTz, fmtNum, signClass, tzLabel } from '../format';
import { fmtPrice } from '../charts/theme';
import { activityOrders } from './activityOrders';
import './live.css';

type Tab = 'positions' | 'orders' | 'fills' | 'trades';
const TABS: { id: Tab; label: string }[] = [
  { id: 'positions', label: 'Positions' },
  { id: 'orders', label: 'Orders' },
  { id: 'fills', label: 'Fills' },
  { id: 'trades', label: 'Trades' },
];
const REFRESH_MS = 500;

export function SessionActivity({ session }: { session: PaperSessionDetail }) {
  const [tab, setTab] = useState<Tab>('positions');
  const [activity, setActivity] = useState<Activity | null>(null);
  const [error, setError] = useState<string | null>(null);
  // What changes when the session trades: its bars, trades and state.
  const version = `${session.id}:${session.bars}:${session.trades}:${session.state}:${session.lastBarTime ?? ''}`;

  // Throttled, not debounced: a feed that moves the session every 100 ms still refreshes
  // the tables twice a second. Answers are kept in request order (a late one never
  // replaces a newer one) and dropped after unmount.
  const lastCall = useRef(0);
  const seq = useRef({ sent: 0, shown: 0, mounted: true });
  useEffect(() => {
    seq.current.mounted = true;
    return () => { seq.current.mounted = false; };
  }, []);
  useEffect(() => {
    const wait = Math.max(0, REFRESH_MS - (performance.now() - lastCall.current));
    const timer = setTimeout(() => {
      lastCall.current = performance.now();
      const n = ++seq.current.sent;
      api.call('live.sessions.activity', { id: session.id, limit: 100 }).then(
        (res) => {
          if (!seq.current.mounted || n < seq.current.shown) return;
          seq.current.shown = n;
          setActivity(res);
          setError(null);
        },
        (e: unknown) => { if (seq.current.mounted) setError(e instanceof Error ? e.message : String(e)); },
      );
    }, wait);
    return () => clearTimeout(timer);
  }, [version, session.id]);

  const a = activity && activity.sessionId === session.id ? activity : null;
  const orders = a ? activityOrders(a) : [];
  const counts: Record<Tab, number> = {
    positions: a ? a.positions.filter((p) => p.size !== 0).length : 0,
    orders: orders.length + (a ? a.openOrders.reduce((n, o) => n + o.count, 0) : 0),
    fills: a ? a.fills.length : 0,
    trades: a ? a.trades.length : 0,
  };
  return (
    <section className="session-activity" aria-label={`Paper session ${session.id} activity`} data-testid="session-activity">
      <nav className="tabs" role="tablist">
        {TABS.map((t) => (
          <button
            key={t.id}
            type="button"
            role="tab"
            aria-selected={tab === t.id}
            className={tab === t.id ? 'tab active' : 'tab'}
            onClick={() => setTab(t.id)}
            data-testid={`activity-tab-${t.id}`}
          >
            {t.label}
            <span className="badge">{counts[t.id]}</span>
          </button>
        ))}
        {a && (
          <span className="activity-pnl small">
            realized <strong className={signClass(a.realizedPnl)} data-testid="activity-realized">{fmtNum(a.realizedPnl)}</strong>
            {' · '}unrealized <strong className={signClass(a.unrealizedPnl)} data-testid="activity-unrealized">{fmtNum(a.unrealizedPnl)}</strong>
          </span>
        )}
      </nav>
      <div className="tab-body" role="tabpanel" data-testid="activity-body">
        {error && <p className="live-error" role="alert">{error}</p>}
        {!a && !error && <p className="empty">Loading…</p>}
        {a && tab === 'positions' && <Positions a={a} />}
        {a && tab === 'orders' && (
          <>
            {a.openOrders.length > 0 && (
              <p className="small" data-testid="open-orders">
                Waiting to fill: {a.openOrders.map((o) => `${o.count} on ${o.instrument}`).join(', ')} (at the next bar's open at the earliest)
              </p>
            )}
            <Table empty="No order yet." head={['Time ' + tzLabel(), 'Instrument', 'Side', 'Status', 'Kind / reason', 'Size', 'Price']} testId="orders-table">
              {orders.map((o, i) => (
                <tr key={i}>
                  <td>{fmtDateTz(o.time)}</td><td>{o.instrument}</td>
                  <td className={o.side === 'buy' ? 'pos' : 'neg'}>{o.side.toUpperCase()}</td>
                  <td className={o.status === 'refused' ? 'neg' : ''}>{o.status}</td><td>{o.detail}</td>
                  <td>{o.size === null ? '' : fmtNum(o.size, 6)}</td><td>{o.price === null ? '' : fmtPrice(o.price)}</td>
                </tr>
              ))}
            </Table>
          </>
        )}
        {a && tab === 'fills' && (
          <Table empty="No fill yet." head={['Time ' + tzLabel(), 'Instrument', 'Side', 'Kind', 'Size', 'Price', 'Fee', 'Position after']} testId="fills-table">
            {a.fills.map((f, i) => (
              <tr key={i}>
                <td>{fmtDateTz(f.time)}</td><td>{f.instrument}</td>
                <td className={f.side === 'buy' ? 'pos' : 'neg'}>{f.side.toUpperCase()}</td><td>{f.kind}</td>
                <td>{fmtNum(f.size, 6)}</td><td>{fmtPrice(f.price)}</td><td>{fmtNum(f.commission, 4)}</td><td>{fmtNum(f.positionAfter, 6)}</td>
              </tr>
            ))}
          </Table>
        )}
        {a && tab === 'trades' && (
          <Table empty="No closed trade yet." head={['Exit ' + tzLabel(), 'Instrument', 'Side', 'Size', 'Entry', 'Exit', 'PnL', 'Exit reason']} testId="trades-table">
            {a.trades.map((t, i) => (
              <tr key={i}>
                <td title={`entered ${fmtDateTz(t.entryTime)}`}>{fmtDateTz(t.exitTime)}</td><td>{t.instrument}</td>
                <td className={t.side === 'long' ? 'pos' : 'neg'}>{t.side}</td><td>{fmtNum(t.size, 6)}</td>
                <td>{fmtPrice(t.entryPrice)}</td><td>{fmtPrice(t.exitPrice)}</td>
                <td className={signClass(t.pnl)}>{fmtNum(t.pnl)}</td><td>{t.exitReason}</td>
              </tr>
            ))}
          </Table>
        )}
      </div>
    </section>
  );
}

function Positions({ a }: { a: Activity }) {
  return (
    <Table empty="No position." head={['Instrument', 'Side', 'Size', 'Entry', 'Mark', 'Unrealized PnL']} testId="positions-table">
      {a.positions.map((p) => (
        <tr key={p.symbol}>
          <td>{p.symbol}</td>
          <td className={p.size > 0 ? 'pos' : p.size < 0 ? 'neg' : 'dim'}>{p.size === 0 ? 'flat' : p.size > 0 ? 'long' : 'short'}</td>
          <td>{p.size === 0 ? '' : fmtNum(Math.abs(p.size), 6)}</td>
          <td>{p.size === 0 ? '' : fmtPrice(p.entryPrice)}</td>
          <td>{fmtPrice(p.markPrice)}</td>
          <td className={signClass(p.unrealizedPnl)}>{p.size === 0 ? '' : fmtNum(p.unrealizedPnl)}</td>
        </tr>
      ))}
    </Table>
  );
}

function Table({ head, children, empty, testId }: { head: string[]; children: React.ReactNode[]; empty: string; testId: string }) {
  if (children.length === 0) return <p className="empty" data-testid={testId}>{empty}</p>;
  return (
    <div className="table-wrap">
      <table className="grid" data-testid={testId}>
        <thead><tr>{head.map((h) => <th key={h}>{h}</th>)}</tr></thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
