/** The walk-forward windows: their in- and out-of-sample spans, the parameters chosen in-sample, and both sides' figures. */
import type { SummaryKey, SummaryRecord, WalkForwardWindowResult } from '../../../shared/researchTypes';
import { fmtDay, fmtNum, signClass } from '../format';
import { useSettings } from '../store/settingsStore';
import { statCaveat } from '../stats/statCaveats';
import { paramsText } from './researchFormat';

export function WindowsTable({ windows, objective }: { windows: readonly WalkForwardWindowResult[]; objective: string }) {
  useSettings((s) => s.timeZone); // dates follow the zone setting
  return (
    <div className="wf-table-wrap">
      <table className="grid" data-testid="wf-windows">
        <thead>
          <tr>
            <th>#</th>
            <th>In-sample</th>
            <th>Out-of-sample</th>
            <th className="num">Bars IS / OOS</th>
            <th>Chosen parameters</th>
            <th className="num" title={`in-sample objective: ${objective}`}>IS objective</th>
            <th className="num">IS return %</th>
            <th className="num">OOS return %</th>
            <th className="num">OOS Sharpe</th>
            <th className="num">OOS max DD %</th>
            <th className="num">OOS trades</th>
          </tr>
        </thead>
        <tbody>
          {windows.map((w) => (
            <tr key={w.index} data-testid="wf-window">
              <td className="dim">{w.index + 1}</td>
              <td>{fmtDay(w.isFrom)} → {fmtDay(w.isTo)}</td>
              <td>{fmtDay(w.oosFrom)} → {fmtDay(w.oosTo)}</td>
              <td className="num">{w.isBars.toLocaleString('en-US')} / {w.oosBars.toLocaleString('en-US')}</td>
              <td data-testid="wf-window-params">{w.params ? paramsText(w.params) : <span className="dim" title="no in-sample combination had an objective: the window stayed in cash">in cash</span>}</td>
              <td className="num">{fmtNum(w.isObjective, 3)}</td>
              <td className={`num ${signClass(w.isStats?.['Return [%]'])}`}>{fmtNum(w.isStats?.['Return [%]'] ?? null)}</td>
              <td className={`num ${signClass(w.oosStats['Return [%]'])}`}>{fmtNum(w.oosStats['Return [%]'])}</td>
              <RatioCell stats={w.oosStats} stat="Sharpe Ratio" />
              <td className="num">{fmtNum(w.oosStats['Max. Drawdown [%]'])}</td>
              <td className="num">{fmtNum(w.oosStats['# Trades'], 0)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A ratio, or n/a with the reason on hover when its denominator collapsed on this segment. */
function RatioCell({ stats, stat }: { stats: SummaryRecord; stat: SummaryKey }) {
  const caveat = statCaveat(stats, stat);
  return <td className="num" title={caveat ?? undefined}>{caveat ? 'n/a' : fmtNum(stats[stat])}</td>;
}
