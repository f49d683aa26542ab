/** Selected runs side by side: overlaid equity (percent) and their stats in columns. */
import { useMemo } from 'react';
import { useApp } from '../store/appStore';
import { CompareChart } from '../charts/CompareChart';
import { fmtNum, signClass } from '../format';
import { statCaveat } from '../stats/statCaveats';

const KEYS = ['Return [%]', 'Buy & Hold Return [%]', 'Return (Ann.) [%]', 'Sharpe Ratio', 'Sortino Ratio', 'Calmar Ratio', 'Max. Drawdown [%]', '# Trades', 'Win Rate [%]', 'Profit Factor', 'Expectancy [%]', 'SQN', 'Exposure Time [%]', 'Equity Final [$]'];

export function ComparePanel() {
  const all = useApp((s) => s.runs);
  const selected = useApp((s) => s.selected);
  const cache = useApp((s) => s.compareCache);
  // The ticked runs that are loaded, in the history's order (newest first).
  const runs = useMemo(() => all.filter((r) => selected.includes(r.id) && r.id in cache).map((r) => cache[r.id]), [all, selected, cache]);
  if (runs.length < 2) return <p className="empty">Tick two or more runs in the list and press Compare.</p>;
  const keys = KEYS.filter((k) => runs.some(({ run }) => k in run.stats));
  return (
    <div className="compare" data-testid="compare-panel">
      <CompareChart runs={runs} />
      <div className="table-wrap">
        <table className="grid">
          <thead>
            <tr>
              <th>Stat</th>
              {runs.map(({ run }) => (
                <th key={run.id} className="num">
                  #{run.id} {run.strategy}
                  <div className="dim small">{Object.entries(run.params).map(([k, v]) => `${k}=${v}`).join(' ')}</div>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k}>
                <td>{k}</td>
                {runs.map(({ run }) => {
                  const caveat = statCaveat(run.stats, k);
                  return caveat ? (
                    <td key={run.id} className="num dim" title={caveat}>n/a ⓘ</td>
                  ) : (
                    <td key={run.id} className={`num ${/Return|Sharpe|Sortino|Expectancy/.test(k) ? signClass(run.stats[k]) : ''}`}>
                      {fmtNum(run.stats[k], 3)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
