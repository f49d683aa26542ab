/**
 * The ticked runs side by side: equity as percent return and drawdown overlaid, the
 * stats in columns with the best of each row starred, and the settings with the rows
 * where the runs differ highlighted.
 */
import { useMemo } from 'react';
import { useApp } from '../store/appStore';
import { CompareChart, runColour } from '../charts/CompareChart';
import { fmtDay, fmtNum, signClass } from '../format';
import { statCaveat } from '../stats/statCaveats';
import { bestRuns, COMPARE_STATS, settingsDiff } from '../runs/compareStats';
import { paramsText } from '../runs/runText';
import { InfoMark } from './InfoMark';

export function ComparePanel() {
  const selected = useApp((s) => s.selected);
  const cache = useApp((s) => s.compareCache);
  // The ticked runs that are loaded, newest first (the history may show another page or sort).
  const runs = useMemo(
    () => selected.filter((id) => id in cache).map((id) => cache[id]).sort((a, b) => b.run.createdAt - a.run.createdAt || b.run.id - a.run.id),
    [selected, cache],
  );
  if (runs.length < 2) return <p className="empty">Tick two or more runs in the list (or press Space on them) to compare them here.</p>;
  const stats = COMPARE_STATS.filter(({ key }) => runs.some(({ run }) => key in run.stats));
  const settings = settingsDiff(runs.map((r) => r.run), fmtDay);
  const head = (
    <tr>
      <th>Stat</th>
      {runs.map(({ run }) => (
        <th key={run.id} className="num" title={paramsText(run.params)}>
          <span className="compare-swatch" style={{ background: runColour(run.id) }} />#{run.id} {run.label ?? run.strategy}
          <div className="dim small">{run.label ? `${run.strategy} ` : ''}{paramsText(run.params)}</div>
        </th>
      ))}
    </tr>
  );
  return (
    <div className="compare" data-testid="compare-panel">
      <div className="compare-charts">
        <div>
          <div className="section-title">Return % (from each run's start)</div>
          <CompareChart runs={runs} measure="return" />
        </div>
        <div>
          <div className="section-title">Drawdown %</div>
          <CompareChart runs={runs} measure="drawdown" />
        </div>
      </div>
      <div className="compare-tables">
        <div className="table-wrap">
          <table className="grid" data-testid="compare-stats">
            <thead>{head}</thead>
            <tbody>
              {stats.map(({ key, better }) => {
                const best = bestRuns(runs.map((r) => r.run), key, better);
                return (
                  <tr key={key}>
                    <td>{key}</td>
                    {runs.map(({ run }) => {
                      const caveat = statCaveat(run.stats, key);
                      if (caveat) return <td key={run.id} className="num dim" title={caveat}>n/a<InfoMark /></td>;
                      const isBest = best.includes(run.id);
                      return (
                        <td key={run.id} className={`num ${/Return|Sharpe|Sortino|Expectancy/.test(key) ? signClass(run.stats[key]) : ''} ${isBest ? 'best' : ''}`} title={isBest ? 'best of the compared runs' : undefined}>
                          {fmtNum(run.stats[key], 3)}
                        </td>
                      );
                    })}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <table className="grid" data-testid="compare-settings">
            <thead>
              <tr>
                <th>Setting</th>
                {runs.map(({ run }) => (
                  <th key={run.id} className="num">#{run.id}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {settings.map((s) => (
                <tr key={s.name} className={s.differs ? 'differs' : ''} title={s.differs ? 'the runs differ here' : undefined}>
                  <td>{s.name}</td>
                  {s.values.map((v, i) => (
                    <td key={runs[i].run.id} className="num">{v}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
    </div>
  );
}
