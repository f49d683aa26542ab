/**
 * The centre's Live view: what a trader watches while paper trading. Header: the
 * instrument (those of the paper sessions and those seen on the feed), the session whose
 * fills are marked, the feed state with its lag, and the last price (forming or closed).
 * Then the streaming candle chart, the session's equity curve, and its positions,
 * orders, fills and closed trades.
 */
import { useCallback, useMemo, useState } from 'react';
import type { PaperSessionDetail } from '../../../shared/apiTypes';
import { useApp } from '../store/appStore';
import { setLiveView, useLiveView } from '../store/liveViewStore';
import { LIVE_SYNC_KEY, LiveCandleChart, type LiveChartStatus } from '../charts/LiveCandleChart';
import { LiveEquityChart } from '../charts/LiveEquityChart';
import { fmtPrice } from '../charts/theme';
import { fmtDateTz, fmtNum, signClass } from '../format';
import { SessionActivity } from '../live/SessionActivity';

export function LiveView() {
  const live = useApp((s) => s.live);
  const sessions = useApp((s) => s.paperSessions);
  const allSignals = useApp((s) => s.signals);
  const feedInstruments = useLiveView((s) => s.feedInstruments);
  const chosenInstrument = useLiveView((s) => s.instrument);
  const chosenSession = useLiveView((s) => s.sessionId);
  const [status, setStatus] = useState<LiveChartStatus | null>(null);

  const instruments = useMemo(() => liveInstruments(sessions, feedInstruments), [sessions, feedInstruments]);
  const instrument = chosenInstrument && instruments.includes(chosenInstrument) ? chosenInstrument : (instruments[0] ?? null);
  const onInstrument = useMemo(() => sessionsOn(sessions, instrument), [sessions, instrument]);
  const session = onInstrument.find((s) => s.id === chosenSession) ?? onInstrument[0] ?? null;
  const symbol = instrument?.split(':')[0] ?? '';
  const signals = useMemo(
    () => (session ? allSignals.filter((s) => s.sessionId === session.id && s.symbol.toUpperCase() === symbol) : []),
    [allSignals, session, symbol],
  );
  const onStatus = useCallback((s: LiveChartStatus) => setStatus(s), []);
  const xMin = status?.xMin ?? NaN, xMax = status?.xMax ?? NaN;
  const xRange = useMemo(() => (Number.isFinite(xMin) && Number.isFinite(xMax) ? ([xMin, xMax] as const) : null), [xMin, xMax]);

  const feedState = live?.available ? (live.feed?.state ?? 'connecting') : 'off';
  const lag = live?.feed?.lag;
  const ret = session && session.equity !== null && session.broker.cash > 0 ? (session.equity / session.broker.cash - 1) * 100 : null;

  return (
    <section className="live-view" data-testid="live-view" aria-label="Live chart">
      <div className="live-view-head">
        <label className="live-pick">
          <span className="dim small">Instrument</span>
          <select
            value={instrument ?? ''}
            disabled={instruments.length === 0}
            onChange={(e) => setLiveView({ instrument: e.target.value, sessionId: null })}
            data-testid="live-instrument"
          >
            {instruments.length === 0 && <option value="">none yet</option>}
            {instruments.map((i) => (
              <option key={i} value={i}>{i}</option>
            ))}
          </select>
        </label>
        <label className="live-pick">
          <span className="dim small">Session</span>
          <select
            value={session?.id ?? ''}
            disabled={onInstrument.length === 0}
            onChange={(e) => setLiveView({ sessionId: e.target.value })}
            data-testid="live-session"
          >
            {onInstrument.length === 0 && <option value="">no session on this instrument</option>}
            {onInstrument.map((s) => (
              <option key={s.id} value={s.id}>#{s.id} {s.name} ({s.state})</option>
            ))}
          </select>
        </label>
        <span className={`feed-dot feed-${feedState}`} title={live?.feed?.message ?? live?.reason ?? ''} data-testid="live-view-feed">
          {feedState}
          {feedState === 'lagging' || lag ? ` · lag ${fmtNum(lag ?? 0, 0)}` : ''}
        </span>
        <div className="live-last" title={status && Number.isFinite(status.lastTime) ? `bar opened ${fmtDateTz(status.lastTime)}` : ''}>
          <span className="dim small">{status?.forming ? 'Last (forming)' : 'Last close'}</span>
          <span className={`live-last-price ${status?.forming ? 'forming' : ''}`} data-testid="live-last-close">
            {status && status.bars > 0 ? fmtPrice(status.lastClose) : '—'}
          </span>
          <span className="dim small" data-testid="live-bar-count">{status ? `${status.bars} bars` : ''}</span>
        </div>
      </div>
      {!live?.available && <p className="empty" data-testid="live-view-off">{live?.reason ?? 'Live service not running.'}</p>}
      {status?.error && <p className="live-error" role="alert">{status.error}</p>}
      {instrument ? (
        <LiveCandleChart instrument={instrument} signals={signals} onStatus={onStatus} />
      ) : (
        live?.available && <div className="welcome"><p>No instrument yet: start a paper session (right) or wait for candles on the feed.</p></div>
      )}
      {session && (
        <div className="live-equity">
          <div className="live-equity-head">
            <span>Equity · #{session.id} {session.strategy}</span>
            <span>
              <strong data-testid="live-view-equity">{fmtNum(session.equity)}</strong>
              {ret !== null && <span className={`small ${signClass(ret)}`}> {ret >= 0 ? '+' : ''}{fmtNum(ret)}%</span>}
              <span className="dim small"> · {session.trades} trades · {signals.length} fills shown</span>
            </span>
          </div>
          <LiveEquityChart sessionId={session.id} xRange={xRange} syncKey={LIVE_SYNC_KEY} />
        </div>
      )}
      {session && <SessionActivity session={session} />}
    </section>
  );
}

/** Instruments of active sessions first (newest session first), then the others seen on the feed. */
export function liveInstruments(sessions: readonly PaperSessionDetail[], feed: readonly string[]): string[] {
  const out: string[] = [];
  const add = (i: string) => {
    if (!out.includes(i)) out.push(i);
  };
  const byActivity = [...sessions].sort((a, b) => Number(a.state === 'stopped') - Number(b.state === 'stopped') || Number(b.id) - Number(a.id));
  for (const s of byActivity) if (s.state !== 'stopped') s.instruments.forEach(add);
  feed.forEach(add);
  for (const s of byActivity) if (s.state === 'stopped') s.instruments.forEach(add);
  return out;
}

/** Sessions trading an instrument: running first, then paused, then stopped; newest first within each. */
function sessionsOn(sessions: readonly PaperSessionDetail[], instrument: string | null): PaperSessionDetail[] {
  if (!instrument) return [];
  const rank = { running: 0, paused: 1, stopped: 2 } as const;
  return sessions.filter((s) => s.instruments.includes(instrument)).sort((a, b) => rank[a.state] - rank[b.state] || Number(b.id) - Number(a.id));
}
