/** Feed status, live signals and paper portfolios; explains itself when no live service runs. */
import { useApp } from '../store/appStore';
import { fmtDate, fmtNum, signClass } from '../format';
import { fmtPrice } from '../charts/theme';

export function LivePanel() {
  const live = useApp((s) => s.live);
  const signals = useApp((s) => s.signals);
  const alerts = useApp((s) => s.alerts);
  const state = live?.available ? (live.feed?.state ?? 'connecting') : 'off';
  return (
    <aside className="live" data-testid="live-panel">
      <div className="section-title live-head">
        <span>Live</span>
        <span className={`feed-dot feed-${state}`} title={live?.feed?.message ?? live?.reason ?? ''}>
          {state}
          {live?.feed?.lag ? ` · lag ${live.feed.lag}` : ''}
        </span>
      </div>
      {!live?.available && <p className="empty">{live?.reason ?? 'Live service not running.'}</p>}
      {live?.available && (
        <>
          <div className="subsection">Paper portfolios</div>
          {live.portfolios.length === 0 && <p className="empty">No paper session yet.</p>}
          {live.portfolios.map((p) => (
            <div key={p.sessionId} className="portfolio">
              <div className="portfolio-head">
                <span>{p.sessionId}</span>
                <span>{fmtNum(p.equity)}</span>
              </div>
              <div className="dim small">cash {fmtNum(p.cash)}</div>
              {p.positions.map((pos) => (
                <div key={pos.symbol} className="position">
                  <span>{pos.symbol}</span>
                  <span>{fmtNum(pos.size, 6)} @ {fmtPrice(pos.entryPrice)}</span>
                  <span className={signClass(pos.unrealizedPnl)}>{fmtNum(pos.unrealizedPnl)}</span>
                </div>
              ))}
            </div>
          ))}
        </>
      )}
      <div className="subsection">Signals</div>
      {signals.length === 0 && <p className="empty">No signals yet.</p>}
      <ul className="feed-list">
        {signals.slice(0, 50).map((s, i) => (
          <li key={i}>
            <span className={s.side === 'buy' ? 'pos' : 'neg'}>{s.side.toUpperCase()}</span> {s.symbol} @ {fmtPrice(s.price)}
            <div className="dim small">{s.strategy} · {fmtDate(s.time)}</div>
          </li>
        ))}
      </ul>
      <div className="subsection">Alerts</div>
      {alerts.length === 0 && <p className="empty">No alerts.</p>}
      <ul className="feed-list">
        {alerts.slice(0, 50).map((a) => (
          <li key={a.id}>
            {a.message}
            <div className="dim small">{a.symbol} · {fmtDate(a.time)}</div>
          </li>
        ))}
      </ul>
    </aside>
  );
}
