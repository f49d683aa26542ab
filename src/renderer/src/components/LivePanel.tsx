/**
 * Feed status (rate, rejects with their last example, duplicates, holes), paper sessions (start, pause, resume, stop), live signals, alert rules
 * and fired alerts; explains itself in one line when no live service runs.
 */
import { setState, useApp } from '../store/appStore';
import { fmtDateTz, fmtNum } from '../format';
import { fmtPrice } from '../charts/theme';
import { PaperSessions } from './PaperSessions';
import { AlertRules } from './AlertRules';
import { FeedPanel } from '../live/FeedPanel';

export function LivePanel() {
  const live = useApp((s) => s.live);
  const signals = useApp((s) => s.signals);
  const alerts = useApp((s) => s.alerts);
  const liveError = useApp((s) => s.liveError);
  const state = live?.available ? (live.feed?.state ?? 'connecting') : 'off';
  const enabled = live?.available === true;
  const reason = live?.reason ?? 'Live service not running.';
  return (
    <aside className="live" data-testid="live-panel">
      <div className="section-title live-head">
        <span>Live</span>
        <span className={`feed-dot feed-${state}`} title={live?.feed?.message ?? live?.reason ?? ''}>
          {state}
          {live?.feed?.lag ? ` · lag ${live.feed.lag}` : ''}
        </span>
      </div>
      {!live?.available && <p className="empty live-off" data-testid="live-off">{reason}</p>}
      {liveError && (
        <div className="live-error" role="alert" data-testid="live-error">
          <span>{liveError}</span>
          <button type="button" onClick={() => setState({ liveError: null })} aria-label="dismiss">×</button>
        </div>
      )}
      {enabled && <FeedPanel feed={live?.feed ?? null} />}
      <PaperSessions enabled={enabled} reason={reason} />
      <div className="subsection">Signals</div>
      {signals.length === 0 && <p className="empty">No signals yet.</p>}
      <ul className="feed-list" data-testid="signal-list">
        {signals.slice(0, 50).map((s, i) => (
          <li key={i}>
            <span className={s.side === 'buy' ? 'pos' : 'neg'}>{s.side.toUpperCase()}</span> {fmtNum(s.size, 6)} {s.symbol} @ {fmtPrice(s.price)}
            <div className="dim small">#{s.sessionId} {s.strategy} · {s.reason} · {fmtDateTz(s.time)}</div>
          </li>
        ))}
      </ul>
      <AlertRules enabled={enabled} reason={reason} />
      <div className="subsection">Alerts</div>
      {alerts.length === 0 && <p className="empty">No alerts.</p>}
      <ul className="feed-list" data-testid="alert-list">
        {alerts.slice(0, 50).map((a) => (
          <li key={a.id}>
            {a.message}
            <div className="dim small">{a.symbol} · {fmtDateTz(a.time)}</div>
          </li>
        ))}
      </ul>
    </aside>
  );
}
