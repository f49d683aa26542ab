/** The workstation: settings and run history on the left, charts in the middle, live on the right, details below. */
import { useEffect } from 'react';
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

const TABS: { id: BottomTab; label: string }[] = [
  { id: 'stats', label: 'Stats' },
  { id: 'trades', label: 'Trades' },
  { id: 'compare', label: 'Compare' },
];

export function App() {
  const run = useApp((s) => s.run);
  const candles = useApp((s) => s.candles);
  const overlaySeries = useApp((s) => s.overlaySeries);
  const tab = useApp((s) => s.tab);
  const error = useApp((s) => s.error);
  const info = useApp((s) => s.info);

  useEffect(() => {
    void bootstrap();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
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
        {run && candles ? (
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
      </main>
      <LivePanel />
    </div>
  );
}
