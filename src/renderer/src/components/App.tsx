/**
 * The workstation: settings and run history on the left, the centre shows either the
 * backtest workspace or the Live view (header tabs, Alt+L), live on the right.
 */
import { useEffect, useMemo } from 'react';
import { useApp, setState, type BottomTab } from '../store/appStore';
import { bootstrap, cancelBacktest, runBacktest } from '../store/actions';
import { RunForm } from './RunForm';
import { RunHistory } from './RunHistory';
import { KpiBar } from './KpiBar';
import { StatsTable } from './StatsTable';
import { TradeList } from './TradeList';
import { ComparePanel } from './ComparePanel';
import { LivePanel } from './LivePanel';
import { OverlayPicker } from './OverlayPicker';
import { PriceChart } from '../charts/PriceChart';
import { EquityChart } from '../charts/EquityChart';
import { LiveView } from './LiveView';
import { OptimizeView } from '../research/OptimizeView';
import { WalkForwardView } from '../research/WalkForwardView';
import { showView, toggleView, useLiveView, setLiveView } from '../store/liveViewStore';
import { startLiveTracking } from '../live/liveTracking';
import { useSettings } from '../store/settingsStore';
import { TimeZoneSelect } from './TimeZoneSelect';

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'stats', label: 'Stats' },
  { id: 'trades', label: 'Trades' },
  { id: 'compare', label: 'Compare' },
];

export function App() {
  const run = useApp((s) => s.run);
  const candles = useApp((s) => s.candles);
  const overlays = useApp((s) => s.overlays);
  const overlaySeriesById = useApp((s) => s.overlaySeries);
  // In chip order; one array per change, so the chart is rebuilt only when a series changed.
  const overlaySeries = useMemo(() => overlays.flatMap((o) => overlaySeriesById[o.id] ?? []), [overlays, overlaySeriesById]);
  const tab = useApp((s) => s.tab);
  const error = useApp((s) => s.error);
  const info = useApp((s) => s.info);
  // Times are formatted in the chosen zone: re-render everything when it changes.
  useSettings((s) => s.timeZone);
  const view = useLiveView((s) => s.view);
  const offerDismissed = useLiveView((s) => s.offerDismissed);
  const running = useApp((s) => s.paperSessions.filter((p) => p.state === 'running').length);

  useEffect(() => {
    startLiveTracking();
    void bootstrap();
    const onKey = (e: KeyboardEvent) => {
      // Alt+L switches the centre between the backtest workspace and the Live view (code: layout-independent).
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyL') {
        e.preventDefault();
        toggleView();
      } else if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        void runBacktest();
      } else if (e.key === 'Escape') void cancelBacktest();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand">
          <span className="logo">◆</span> CryptoTA <span className="brand-dim">Workstation</span>
        </div>
        <nav className="view-tabs" role="tablist" aria-label="Centre view">
          <button type="button" role="tab" aria-selected={view === 'backtest'} className={view === 'backtest' ? 'view-tab active' : 'view-tab'} onClick={() => showView('backtest')} data-testid="view-backtest">
            Backtest
          </button>
          {/* Research views (src/renderer/src/research), until the left navigation hosts them. */}
          <button type="button" role="tab" aria-selected={view === 'optimize'} className={view === 'optimize' ? 'view-tab active' : 'view-tab'} onClick={() => showView('optimize')} data-testid="view-optimize">
            Optimize
          </button>
          <button type="button" role="tab" aria-selected={view === 'walkforward'} className={view === 'walkforward' ? 'view-tab active' : 'view-tab'} onClick={() => showView('walkforward')} data-testid="view-walkforward">
            Walk-forward
          </button>
          <button type="button" role="tab" aria-selected={view === 'live'} className={view === 'live' ? 'view-tab active' : 'view-tab'} onClick={() => showView('live')} title="Alt+L" data-testid="view-live">
            Live{running > 0 && <span className="live-badge" title={`${running} paper session(s) running`}>● {running}</span>}
            <kbd>Alt+L</kbd>
          </button>
        </nav>
        <TimeZoneSelect />
        <div className="topbar-right dim">
          {info ? `v${info.version} · ${window.api?.transport === 'ipc' ? 'desktop' : 'web'} · ${info.dbPath}` : 'connecting…'}
        </div>
      </header>
      <aside className="sidebar">
        <RunForm />
        <RunHistory />
      </aside>
      <main className="main">
        {error && (
          <div className="error-banner" role="alert" data-testid="error">
            <span>{error}</span>
            <button type="button" onClick={() => setState({ error: null })} aria-label="dismiss">×</button>
          </div>
        )}
        {view === 'backtest' && running > 0 && !offerDismissed && (
          <div className="live-offer" data-testid="live-offer">
            <span>{running === 1 ? 'A paper session is running.' : `${running} paper sessions are running.`} Watch it on the live chart.</span>
            <span>
              <button type="button" className="btn btn-small" onClick={() => showView('live')} data-testid="live-offer-open">Open Live view <kbd>Alt+L</kbd></button>
              <button type="button" className="live-offer-close" onClick={() => setLiveView({ offerDismissed: true })} aria-label="dismiss">×</button>
            </span>
          </div>
        )}
        {view === 'live' ? (
          <LiveView />
        ) : view === 'optimize' ? (
          <OptimizeView />
        ) : view === 'walkforward' ? (
          <WalkForwardView />
        ) : run && candles ? (
          <>
            <KpiBar run={run} />
            <div className="chart-toolbar">
              <OverlayPicker />
              <span className="dim small">drag to zoom · double-click to reset</span>
            </div>
            <PriceChart candles={candles} trades={run.trades} overlays={overlaySeries} />
            <EquityChart x={candles.x} equity={run.equity} />
          </>
        ) : (
          <div className="welcome">
            <h1>Research a strategy</h1>
            <p>Pick data and a strategy on the left, then press <kbd>Ctrl+Enter</kbd>. The bundled sample is real Binance data.</p>
          </div>
        )}
        {view === 'backtest' && (
          <section className="details">
            <nav className="tabs" role="tablist">
              {TABS.map((t) => (
                <button key={t.id} role="tab" aria-selected={tab === t.id} className={tab === t.id ? 'tab active' : 'tab'} onClick={() => setState({ tab: t.id })}>
                  {t.label}
                  {t.id === 'trades' && run ? <span className="badge">{run.trades.length}</span> : null}
                </button>
              ))}
            </nav>
            <div className="tab-body">
              {tab === 'stats' && (run ? <StatsTable stats={run.stats} /> : <p className="empty">Run a backtest to see its statistics.</p>)}
              {tab === 'trades' && (run ? <TradeList trades={run.trades} /> : <p className="empty">No run open.</p>)}
              {tab === 'compare' && <ComparePanel />}
            </div>
          </section>
        )}
      </main>
      <LivePanel />
    </div>
  );
}
