/**
 * The workstation: a left navigation (Data, Backtest, Optimize, Walk-forward, Runs, Live,
 * Settings), the chosen screen, and a status bar. The backtest form and run list sit
 * beside the Backtest screen (the research screens carry their own form); the Live panel
 * sits beside the Live chart, and beside the backtest on wide screens.
 */
import { useCallback, useEffect, useState } from 'react';
import { useApp, setState } from '../store/appStore';
import { bootstrap } from '../store/actions';
import { RunForm } from './RunForm';
import { RunHistory } from './RunHistory';
import { LivePanel } from './LivePanel';
import { LiveView } from './LiveView';
import { OptimizeView } from '../research/OptimizeView';
import { WalkForwardView } from '../research/WalkForwardView';
import { showView, useLiveView, setLiveView } from '../store/liveViewStore';
import { startLiveTracking } from '../live/liveTracking';
import { useSettings } from '../store/settingsStore';
import { NavBar } from './NavBar';
import { StatusBar } from './StatusBar';
import { HelpOverlay } from './HelpOverlay';
import { BacktestWorkspace } from './BacktestWorkspace';
import { RunsScreen } from './RunsScreen';
import { DataScreen } from './DataScreen';
import { SettingsScreen } from './SettingsScreen';
import { useShortcuts } from './useShortcuts';

export function App() {
  const error = useApp((s) => s.error);
  const info = useApp((s) => s.info);
  // Times are formatted in the chosen zone: re-render everything when it changes.
  useSettings((s) => s.timeZone);
  const theme = useSettings((s) => s.theme);
  const view = useLiveView((s) => s.view);
  const offerDismissed = useLiveView((s) => s.offerDismissed);
  const running = useApp((s) => s.paperSessions.filter((p) => p.state === 'running').length);
  const [help, setHelp] = useState(false);
  const toggleHelp = useCallback(() => setHelp((h) => !h), []);
  useShortcuts(toggleHelp);

  useEffect(() => {
    startLiveTracking();
    void bootstrap();
  }, []);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  return (
    <div className={`app screen-${view}`}>
      <header className="topbar">
        <div className="brand">
          <span className="logo">◆</span> CryptoTA <span className="brand-dim">Workstation</span>
        </div>
        <div className="topbar-right dim">
          {info ? `v${info.version} · ${window.api?.transport === 'ipc' ? 'desktop' : 'web'} · ${info.dbPath}` : 'connecting…'}
          <button type="button" className="btn btn-small help-button" onClick={toggleHelp} aria-label="keyboard shortcuts" title="Keyboard shortcuts (?)">?</button>
        </div>
      </header>
      <NavBar />
      <div className="screen">
        {view === 'backtest' && (
          <aside className="sidebar">
            <RunForm />
            <RunHistory />
          </aside>
        )}
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
          {view === 'backtest' && <BacktestWorkspace />}
          {view === 'optimize' && <OptimizeView />}
          {view === 'walkforward' && <WalkForwardView />}
          {view === 'live' && <LiveView />}
          {view === 'runs' && <RunsScreen />}
          {view === 'data' && <DataScreen />}
          {view === 'settings' && <SettingsScreen />}
        </main>
        {(view === 'live' || view === 'backtest') && <LivePanel />}
      </div>
      <StatusBar />
      {help && <HelpOverlay onClose={() => setHelp(false)} />}
    </div>
  );
}
