/** The upstream TimescaleDB: a connection test, the failure's kind next to it, and the kline tables found. */
import { useData, updateDraft } from './dataStore';
import { testSource } from './dataActions';
import { showView } from '../store/liveViewStore';

export function SourcePanel() {
  const source = useData((s) => s.source);
  const testing = useData((s) => s.testing);
  const error = useData((s) => s.errors.source);
  return (
    <section className="data-card" aria-label="Source" data-testid="data-source">
      <header className="data-card-head">
        <h3>Source: TimescaleDB</h3>
        <button type="button" className="btn btn-small" onClick={() => void testSource()} disabled={testing} data-testid="source-test">
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <button type="button" className="btn btn-small btn-link" onClick={() => showView('settings')}>Connection settings</button>
      </header>
      {error && <p className="field-error" role="alert">{error}</p>}
      {!source && !error && <p className="dim small">Test the connection to list the kline tables it holds. Host, user and password are set on the Settings screen.</p>}
      {source && !source.ok && (
        <div className="data-failure" role="alert" data-testid="source-error">
          <span className="kind-badge" data-testid="source-error-kind">{source.kind.replace('_', ' ')}</span>
          <span>{source.message}</span>
        </div>
      )}
      {source?.ok && (
        <>
          <p className="data-ok" data-testid="source-ok">
            ✓ {source.server} · PostgreSQL {source.serverVersion} · {source.timescaledb ? `timescaledb ${source.timescaledb}` : 'no timescaledb (resampling uses date_bin)'}
          </p>
          <div className="data-table-wrap">
            <table className="data-table" data-testid="source-tables">
              <thead>
                <tr><th>Instrument</th><th>Table</th><th>Open time</th><th /></tr>
              </thead>
              <tbody>
                {source.tables.map((t) => (
                  <tr key={`${t.schema}.${t.table}`}>
                    <td>{t.exchange}:{t.symbol}:{t.interval}</td>
                    <td className="dim">{t.schema}.{t.table}</td>
                    <td className="dim">{t.openTime}</td>
                    <td>
                      <button type="button" className="btn btn-small" onClick={() => updateDraft({ exchange: t.exchange, symbol: t.symbol, interval: t.interval })} data-testid={`pick-${t.table}`}>
                        Sync…
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {source.skipped.map((s) => (
            <p key={`${s.schema}.${s.table}`} className="dim small">skipped {s.schema}.{s.table}: {s.reason}</p>
          ))}
        </>
      )}
    </section>
  );
}
