/** Where the app keeps its data and how many research workers it runs (read-only). */
import { useApp } from '../store/appStore';
import { useConnections } from './connectionActions';

export function AppFacts() {
  const info = useApp((s) => s.info);
  const file = useConnections((s) => s.saved?.file);
  const folder = info ? info.dbPath.replace(/[\\/][^\\/]*$/, '') : null;
  return (
    <section className="data-card" aria-label="Data folder and workers" data-testid="app-facts">
      <header className="data-card-head"><h3>Data folder and workers</h3></header>
      <dl className="facts">
        <dt>Data folder</dt><dd data-testid="data-folder">{folder ?? '…'}</dd>
        <dt>Store</dt><dd>{info?.dbPath ?? '…'}</dd>
        <dt>Connection settings</dt><dd>{file ?? '…'}</dd>
        <dt>Research workers</dt>
        <dd data-testid="workers">{info?.workers ?? '—'} <span className="dim small">set by CRYPTOTA_WORKERS when the app starts (default: the machine's cores)</span></dd>
      </dl>
      <p className="dim small">The folder is chosen when the app starts (CRYPTOTA_HOME or CRYPTOTA_DB; the desktop app uses its user-data folder).</p>
    </section>
  );
}
