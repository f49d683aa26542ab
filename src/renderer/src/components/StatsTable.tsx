/** Every stat of the run, backtesting.py's names and order, in two columns. */
import type { StatsRecord } from '../../../shared/backtestTypes';
import { fmtNum, signClass } from '../format';
import { statCaveat } from '../stats/statCaveats';
import { InfoMark } from './InfoMark';

const SIGNED = /Return|Trade \[%\]|Expectancy|Sharpe|Sortino|Calmar|Alpha|SQN/;

export function StatsTable({ stats }: { stats: StatsRecord }) {
  const entries = Object.entries(stats).filter(([k]) => !k.startsWith('_'));
  return (
    <div className="stats-grid" data-testid="stats-table">
      {entries.map(([k, v]) => {
        const caveat = statCaveat(stats, k);
        return (
          <div key={k} className="stat-row">
            <span className="stat-name">{k}</span>
            {caveat ? (
              <span className="stat-value dim" title={caveat}>n/a<InfoMark /></span>
            ) : (
              <span className={`stat-value ${SIGNED.test(k) ? signClass(v) : ''}`}>{fmtNum(v, 4)}</span>
            )}
          </div>
        );
      })}
    </div>
  );
}
