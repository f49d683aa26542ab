/**
 * The Walk-forward screen: the grid editor with the windows' mode and lengths; the result's
 * efficiency and stitched out-of-sample figures, its equity with the window boundaries
 * marked, the windows with the parameters each chose, and Monte Carlo of the stitched run.
 */
import type { WalkForwardSummary } from '../../../shared/researchTypes';
import { useApp } from '../store/appStore';
import { fmtNum, signClass } from '../format';
import { statCaveat } from '../stats/statCaveats';
import { GridEditor } from './GridEditor';
import { SavedResearchList } from './SavedResearchList';
import { MonteCarloPanel } from './MonteCarloPanel';
import { StitchedEquityChart } from './StitchedEquityChart';
import { WindowsTable } from './WindowsTable';
import { runWalkForward } from './researchActions';
import { setResearch, useResearch } from './researchStore';
import { useResearchKeys } from './useResearchKeys';
import { openRunInBacktest } from './backtestBridge';
import './research.css';

export function WalkForwardView() {
  const strategies = useApp((s) => s.strategies);
  const strategyName = useApp((s) => s.form.strategy);
  const strategy = strategies.find((s) => s.name === strategyName);
  const wf = useResearch((s) => s.walkForward);
  const error = useResearch((s) => s.errors.walkforward);
  const notice = useResearch((s) => s.notices.walkforward);
  const run = () => strategy && void runWalkForward(strategy);
  useResearchKeys(run);

  if (!strategy) return <div className="research-view"><p className="empty">Loading strategies…</p></div>;
  return (
    <div className="research-view" data-testid="walkforward-view">
      <aside className="research-side">
        <div className="section-title">Walk-forward</div>
        <GridEditor kind="walkforward" strategy={strategy} onRun={run} />
        <SavedResearchList kind="walkforward" openId={wf?.researchId ?? null} />
      </aside>
      <div className="research-results">
        {error && (
          <div className="error-banner" role="alert" data-testid="walkforward-error">
            <span>{error}</span>
            <button type="button" onClick={() => setResearch({ errors: { ...useResearch.getState().errors, walkforward: undefined } })} aria-label="dismiss">×</button>
          </div>
        )}
        {notice && <div className="research-notice" data-testid="walkforward-notice">{notice}</div>}
        {wf ? (
          <WalkForwardResult researchId={wf.researchId} summary={wf.summary} strategy={wf.request.strategy} />
        ) : (
          <div className="welcome">
            <h1>Does it hold out of sample?</h1>
            <p>
              The data is cut into windows: each optimizes the grid on its in-sample bars, then trades the winner on the out-of-sample bars that follow, its indicators
              already warm. The out-of-sample pieces are stitched into one equity curve. <kbd>Enter</kbd> runs, <kbd>Esc</kbd> cancels.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

function WalkForwardResult({ researchId, summary, strategy }: { researchId: number; summary: WalkForwardSummary; strategy: string }) {
  const stitched = useResearch((s) => (s.stitched?.runId === summary.runId ? s.stitched : null));
  const st = summary.stitched;
  const tile = (label: string, key: string, digits = 2) => {
    const caveat = statCaveat(st, key);
    const v = st[key];
    return (
      <div className="kpi" title={caveat ?? undefined} data-testid={`wf-kpi-${label}`}>
        <div className="kpi-label">{label}</div>
        <div className={`kpi-value ${key.includes('Return') ? signClass(v) : ''}`}>{caveat ? 'n/a' : fmtNum(v, digits)}</div>
      </div>
    );
  };
  return (
    <>
      <section className="research-card" data-testid="wf-summary">
        <div className="research-card-head">
          <h3>
            Walk-forward #{researchId} · {strategy} · {summary.mode} · {summary.windows.length} windows · maximize {summary.objective} in-sample
          </h3>
          <span className="dim small">
            {summary.combinationsPerWindow.toLocaleString('en-US')} combinations per window · {summary.workers} worker{summary.workers === 1 ? '' : 's'} · {(summary.elapsedMs / 1000).toFixed(2)} s
          </span>
        </div>
        {summary.warnings.map((w) => (
          <div key={w} className="run-warning">{w}</div>
        ))}
        <div className="wf-figures">
          <div className="kpi" data-testid="wf-efficiency" title="Out-of-sample annualized return over the mean in-sample annualized return of the windows' winners: near 1 the edge held out of sample, near 0 or below it did not.">
            <div className="kpi-label">WF efficiency</div>
            <div className={`kpi-value ${signClass(summary.efficiency)}`}>{summary.efficiency === null ? 'n/a' : fmtNum(summary.efficiency, 3)}</div>
          </div>
          <div className="kpi">
            <div className="kpi-label">IS ann. return %</div>
            <div className={`kpi-value ${signClass(summary.isAnnualizedReturnPct)}`}>{fmtNum(summary.isAnnualizedReturnPct)}</div>
          </div>
          <div className="kpi">
            <div className="kpi-label">OOS ann. return %</div>
            <div className={`kpi-value ${signClass(summary.oosAnnualizedReturnPct)}`}>{fmtNum(summary.oosAnnualizedReturnPct)}</div>
          </div>
          {tile('OOS return %', 'Return [%]')}
          {tile('OOS Sharpe', 'Sharpe Ratio')}
          {tile('OOS max DD %', 'Max. Drawdown [%]')}
          {tile('OOS trades', '# Trades', 0)}
        </div>
        <p className="overfit-meaning dim">
          {summary.efficiency === null
            ? 'Efficiency is not defined: the windows’ in-sample winners did not earn a positive annualized return on average.'
            : 'Efficiency compares the out-of-sample annualized return with what the winners made in-sample: near 1 the edge held, near 0 or below it did not.'}
        </p>
        <div className="research-card-head">
          <h3>Stitched out-of-sample equity</h3>
          <button type="button" className="btn btn-small" onClick={() => void openRunInBacktest(summary.runId)} data-testid="wf-open-run">
            Open run #{summary.runId}
          </button>
        </div>
        {stitched ? <StitchedEquityChart stitched={stitched} windows={summary.windows} /> : <p className="empty">loading equity…</p>}
      </section>
      <section className="research-card">
        <div className="research-card-head">
          <h3>Windows</h3>
        </div>
        <WindowsTable windows={summary.windows} objective={summary.objective} />
      </section>
      <MonteCarloPanel runId={summary.runId} title={`stitched run #${summary.runId}`} />
    </>
  );
}
