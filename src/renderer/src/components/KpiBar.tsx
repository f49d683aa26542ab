/** The headline numbers of the open run, readable at a glance. */
import type { RunDetail } from '../../../shared/backtestTypes';
import { fmtCompact, fmtDate, fmtNum, signClass, tzLabel } from '../format';
import { statCaveat } from '../stats/statCaveats';
import { InfoMark } from './InfoMark';

const TILES: { key: string; label: string; suffix?: string; signed?: boolean; digits?: number }[] = [
  { key: 'Return [%]', label: 'Return', suffix: '%', signed: true },
  { key: 'Buy & Hold Return [%]', label: 'Buy & Hold', suffix: '%', signed: true },
  { key: 'Sharpe Ratio', label: 'Sharpe', signed: true },
  { key: 'Max. Drawdown [%]', label: 'Max DD', suffix: '%', signed: true },
  { key: 'Win Rate [%]', label: 'Win rate', suffix: '%' },
  { key: '# Trades', label: 'Trades', digits: 0 },
  { key: 'Profit Factor', label: 'Profit factor' },
  { key: 'Equity Final [$]', label: 'Final equity' },
];

export function KpiBar({ run }: { run: RunDetail }) {
  return (
    <div className="kpi-bar" data-testid="kpis">
      <div className="run-title">
        <div className="run-name">
          #{run.id} {run.strategy}
          <span className="run-params">{Object.entries(run.params).map(([k, v]) => `${k}=${v}`).join(' ')}</span>
        </div>
        <div className="run-meta">
          {run.dataSource} · {fmtDate(run.dataFrom)} → {fmtDate(run.dataTo)} {tzLabel()} · {run.barCount.toLocaleString()} bars
        </div>
        {run.warnings?.map((w) => (
          <div key={w} className="run-warning" role="status">⚠ {w}</div>
        ))}
      </div>
      {TILES.map((t) => {
        const v = run.stats[t.key];
        const caveat = statCaveat(run.stats, t.key);
        if (caveat) {
          return (
            <div key={t.key} className="kpi kpi-caveat" title={caveat} data-testid={`kpi-${t.label}`}>
              <div className="kpi-label">{t.label}<InfoMark /></div>
              <div className="kpi-value dim">n/a</div>
            </div>
          );
        }
        return (
          <div key={t.key} className="kpi" title={`${t.key}: ${fmtNum(v, 6)}`} data-testid={`kpi-${t.label}`}>
            <div className="kpi-label">{t.label}</div>
            <div className={`kpi-value ${t.signed ? signClass(v) : ''}`}>
              {fmtCompact(v, t.digits ?? 2)}
              {v !== null && v !== undefined && t.suffix ? <small>{t.suffix}</small> : null}
            </div>
          </div>
        );
      })}
    </div>
  );
}
