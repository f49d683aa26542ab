/**
 * Paper sessions: the "New" form, then one card per session (state, equity and return on
 * its starting cash, positions) with pause / resume / stop. Stop asks for a second press,
 * because a stopped session no longer follows the feed.
 */
import { useEffect, useState } from 'react';
import type { PaperSessionDetail } from '../../../shared/apiTypes';
import { useApp } from '../store/appStore';
import { changeSession, type SessionAction } from '../store/liveActions';
import { fmtDateTz, fmtNum, signClass } from '../format';
import { fmtPrice } from '../charts/theme';
import { PaperSessionForm } from './PaperSessionForm';
import { sessionBadge } from '../live/sessionBadge';
import { setLiveView, useLiveView } from '../store/liveViewStore';

export function PaperSessions({ enabled, reason }: { enabled: boolean; reason: string }) {
  const sessions = useApp((s) => s.paperSessions);
  const [open, setOpen] = useState(false);
  // "Paper trade this" asks for the form filled from a saved run; the key remounts it with that run.
  const requested = useLiveView((s) => s.paperFromRun);
  const [fromRun, setFromRun] = useState<{ id: number | null; key: number }>({ id: null, key: 0 });
  useEffect(() => {
    if (requested === null) return;
    setFromRun((cur) => ({ id: requested, key: cur.key + 1 }));
    setOpen(true);
    setLiveView({ paperFromRun: null });
  }, [requested]);
  const closeForm = () => {
    setOpen(false);
    setFromRun((cur) => ({ id: null, key: cur.key + 1 }));
  };
  // Newest first; stopped sessions after the active ones.
  const ordered = [...sessions].sort((a, b) => Number(a.state === 'stopped') - Number(b.state === 'stopped') || Number(b.id) - Number(a.id));
  return (
    <section aria-label="Paper sessions" data-testid="paper-sessions">
      <div className="subsection subsection-head">
        <span>Paper sessions</span>
        <button
          type="button"
          className="btn btn-small"
          disabled={!enabled}
          title={enabled ? 'Start a paper session from the backtest settings' : reason}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="new-session-button"
        >
          {open ? 'Close' : '+ New'}
        </button>
      </div>
      {open && enabled && <PaperSessionForm key={fromRun.key} fromRun={fromRun.id} onClose={closeForm} />}
      {enabled && sessions.length === 0 && !open && <p className="empty">No paper session yet.</p>}
      <ul className="session-list">
        {ordered.map((s) => (
          <SessionCard key={s.id} s={s} />
        ))}
      </ul>
    </section>
  );
}

function SessionCard({ s }: { s: PaperSessionDetail }) {
  const [confirmStop, setConfirmStop] = useState(false);
  const feed = useApp((st) => st.live?.feed);
  const badge = sessionBadge(s.state, feed);
  const ret = s.equity !== null && s.broker.cash > 0 ? (s.equity / s.broker.cash - 1) * 100 : null;
  const act = (a: SessionAction) => void changeSession(s.id, a);
  return (
    <li className={`session session-${s.state}`} data-testid={`session-${s.id}`} aria-label={`paper session ${s.id}`}>
      <div className="session-head">
        <span className="session-name" title={s.name}>
          #{s.id} {s.name}
        </span>
        <span className={`state state-${badge.tone}`} data-testid="session-state">{badge.label}</span>
      </div>
      {badge.reason && <div className="session-stalled" role="status" data-testid="session-stalled">{badge.reason}</div>}
      <div className="session-figures">
        <span className="session-equity" data-testid="session-equity">{fmtNum(s.equity)}</span>
        <span className={signClass(ret)} data-testid="session-return">{ret === null ? '' : `${ret >= 0 ? '+' : ''}${fmtNum(ret)}%`}</span>
      </div>
      <div className="dim small session-params" data-testid="session-params">
        {Object.entries(s.params).map(([k, v]) => `${k}=${v}`).join(' ')} · fee {Number((s.broker.commission * 100).toPrecision(6))}%
      </div>
      <dl className="session-pnl" data-testid="session-pnl">
        <div><dt>Cash</dt><dd data-testid="session-cash">{fmtNum(s.cash)}</dd></div>
        <div><dt title="Net PnL of the closed trades, after commissions">Realized</dt><dd className={signClass(s.realizedPnl)} data-testid="session-realized">{fmtSigned(s.realizedPnl)}</dd></div>
        <div><dt title="PnL of the open positions at the last close">Unrealized</dt><dd className={signClass(s.unrealizedPnl)} data-testid="session-unrealized">{fmtSigned(s.unrealizedPnl)}</dd></div>
      </dl>
      <div className="dim small" title={s.lastBarTime !== null ? `last bar ${fmtDateTz(s.lastBarTime)}` : 'no bar yet'} data-testid="session-counts">
        {s.bars.toLocaleString()} bars · {s.trades} trades{s.lastBarTime !== null ? ` · last bar ${fmtDateTz(s.lastBarTime)}` : ''}
      </div>
      {s.positions.map((pos) => (
        <div key={pos.symbol} className="position" data-testid="session-position">
          <span>{pos.symbol}</span>
          <span className={pos.size > 0 ? 'pos' : pos.size < 0 ? 'neg' : 'dim'}>
            {pos.size === 0 ? 'flat' : `${pos.size > 0 ? 'long' : 'short'} ${fmtNum(Math.abs(pos.size), 6)} @ ${fmtPrice(pos.entryPrice)}`}
          </span>
          <span className={signClass(pos.unrealizedPnl)}>{pos.size === 0 ? '' : fmtNum(pos.unrealizedPnl)}</span>
        </div>
      ))}
      {s.state !== 'stopped' && (
        <div className="session-actions">
          {s.state === 'running' ? (
            <button type="button" className="btn btn-small" onClick={() => act('pause')} data-testid="session-pause">Pause</button>
          ) : (
            <button type="button" className="btn btn-small" onClick={() => act('resume')} data-testid="session-resume">Resume</button>
          )}
          <button
            type="button"
            className={confirmStop ? 'btn btn-small btn-danger' : 'btn btn-small'}
            onClick={() => (confirmStop ? act('stop') : setConfirmStop(true))}
            onBlur={() => setConfirmStop(false)}
            data-testid="session-stop"
          >
            {confirmStop ? 'Confirm stop' : 'Stop'}
          </button>
        </div>
      )}
    </li>
  );
}

function fmtSigned(v: number | undefined): string {
  if (v === undefined) return '—';
  return `${v > 0 ? '+' : ''}${fmtNum(v)}`;
}
