/**
 * Data: what the backtests can run on (bundled samples and cached instruments, with
 * their bars and span), then the data management of ../data/DataManager.tsx (source test,
 * cache coverage, sync, range refresh/delete, CSV import).
 */
import { useApp } from '../store/appStore';
import { updateForm } from '../store/actions';
import { showView } from '../store/liveViewStore';
import { fmtDateTz } from '../format';
import { DataManager } from '../data/DataManager';

export function DataScreen() {
  const sources = useApp((s) => s.sources);
  const current = useApp((s) => s.form.data);
  return (
    <section className="screen-pad" aria-label="Data" data-testid="data-screen">
      <h2 className="screen-title">Data</h2>
      <div className="table-wrap">
        <table className="grid" data-testid="data-sources">
          <thead>
            <tr><th>Data set</th><th>Kind</th><th className="num">Bars</th><th>From</th><th>To</th><th /></tr>
          </thead>
          <tbody>
            {sources.map((s) => (
              <tr key={s.spec} className={s.spec === current ? 'row-active' : ''}>
                <td>{s.label}<div className="dim small">{s.spec}</div></td>
                <td>{s.kind}</td>
                <td className="num">{s.bars?.toLocaleString() ?? '—'}</td>
                <td>{s.fromMs !== undefined ? fmtDateTz(s.fromMs) : '—'}</td>
                <td>{s.toMs !== undefined ? fmtDateTz(s.toMs) : '—'}</td>
                <td>
                  <button type="button" className="btn btn-small" onClick={() => { updateForm({ data: s.spec }); showView('backtest'); }}>
                    Backtest on it
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <DataManager />
    </section>
  );
}
