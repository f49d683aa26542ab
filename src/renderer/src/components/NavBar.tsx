/** The left navigation: one button per screen, the active one marked, Alt+digit shown on hover. */
import { showView, useLiveView } from '../store/liveViewStore';
import { useApp } from '../store/appStore';
import { SCREENS } from './screens';

export function NavBar() {
  const view = useLiveView((s) => s.view);
  const running = useApp((s) => s.paperSessions.filter((p) => p.state === 'running').length);
  return (
    <nav className="nav" aria-label="Screens" data-testid="nav">
      {SCREENS.map((s) => (
        <button
          key={s.id}
          type="button"
          className={view === s.id ? 'nav-item active' : 'nav-item'}
          aria-current={view === s.id ? 'page' : undefined}
          onClick={() => showView(s.id)}
          title={`${s.label} (Alt+${s.digit}${s.id === 'live' ? ', Alt+L' : ''})`}
          data-testid={`view-${s.id}`}
        >
          <span className="nav-icon" aria-hidden="true">{s.icon}</span>
          <span className="nav-label">{s.label}</span>
          {s.id === 'live' && running > 0 && <span className="live-badge" title={`${running} paper session(s) running`}>{running}</span>}
        </button>
      ))}
    </nav>
  );
}
