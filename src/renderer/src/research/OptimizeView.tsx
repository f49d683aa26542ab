/**
 * The Optimize screen: the grid editor on the left; on the right the running job's
 * progress, then the result: the winner, PBO and Deflated Sharpe, the heatmap over any
 * two parameters, every combination in a sortable table, and Monte Carlo of the winner.
 * Any cell or row opens that combination's full run in the Backtest view.
 */
import type { OptimizationCell, OptimizationSummary } from '../../../shared/researchTypes';
import { useApp } from '../store/appStore';
import { fmtNum, signClass } from '../format';
import { statCaveat } from '../stats/statCaveats';
import { GridEditor } from './GridEditor';
import { SavedResearchList } from './SavedResearchList';
import { HeatmapPanel } from './HeatmapPanel';
import { CellsTable } from './CellsTable';
import { OverfittingFigures } from './OverfittingFigures';
import { MonteCarloPanel } from './MonteCarloPanel';
import { openCombination, runOptimize } from './researchActions';
import { setResearch, useResearch } from './researchStore';
import { paramsText } from './researchFormat';
import { useResearchKeys } from './useResearchKeys';
import { openRunInBacktest } from './backtestBridge';
import './research.css';

export function OptimizeView() {
  const strategies = useApp((s) => s.strategies);
  const strategyName = useApp((s) => s.form.strategy);
  const strategy = strategies.find((s) => s.name === strategyName);
  const opt = useResearch((s) => s.optimization);
  const error = useResearch((s) => s.errors.optimize);
  const notice = useResearch((s) => s.notices.optimize);
  const run = () => strategy && void runOptimize(strategy);
  useResearchKeys(run);

  if (!strategy) return <div className="research-view"><p className="empty">Loading strategies…</p></div>;
  return (
    <div className="research-view" data-testid="optimize-view">
      <aside className="research-side">
        <div className="section-title">Optimize</div>
        <GridEditor kind="optimize" strategy={strategy} onRun={run} />
        <SavedResearchList kind="optimize" openId={opt?.researchId ?? null} />
      </aside>
      <div className="research-results">
        {error && (
          <div className="error-banner" role="alert" data-testid="optimize-error">
            <span>{error}</span>
            <button type="button" onClick={() => setResearch({ errors: { ...useResearch.getState().errors, optimize: undefined } })} aria-label="dismiss">×</button>
          </div>
        )}
        {notice && <div className="research-notice" data-testid="optimize-notice">{notice}</div>}
        {opt ? (
          <OptimizationResult researchId={opt.researchId} summary={opt.summary} strategy={opt.request.strategy} />
        ) : (
          <div className="welcome">
            <h1>Search the parameters</h1>
            <p>
              Give each parameter a range or a list on the left; the count of combinations updates as you type. <kbd>Enter</kbd> runs on every core, <kbd>Esc</kbd> cancels. Each
              combination's statistics land in a table and a heatmap; click one to open its full run.
            </p>
          </div>
        )}
      </div>
    </div>
  );
}

function OptimizationResult({ researchId, summary, strategy }: { researchId: number; summary: OptimizationSummary; strategy: string }) {
  const best = summary.best;
  const open = (cell: OptimizationCell) => void openCombination(strategy, cell.params, cell.runId);
  const counts = [
    `${summary.evaluated.toLocaleString('en-US')} run`,
    summary.skippedByConstraint ? `${summary.skippedByConstraint.toLocaleString('en-US')} skipped by constraints` : '',
    summary.failed ? `${summary.failed} failed` : '',
    summary.withoutObjective ? `${summary.withoutObjective.toLocaleString('en-US')} without objective` : '',
    `${summary.workers} worker${summary.workers === 1 ? '' : 's'}`,
    `${(summary.elapsedMs / 1000).toFixed(2)} s`,
  ].filter(Boolean);
  return (
    <>
      <section className="research-card" data-testid="optimize-summary">
        <div className="research-card-head">
          <h3>
            Optimization #{researchId} · {strategy} · {summary.method} · maximize {summary.objective}
          </h3>
          <span className="dim small">{counts.join(' · ')}</span>
        </div>
        {summary.warnings.map((w) => (
          <div key={w} className="run-warning">{w}</div>
        ))}
        {best ? (
          <div className="best-row" data-testid="optimize-best">
            <div className="kpi">
              <div className="kpi-label">Best {summary.objective}</div>
              <div className={`kpi-value ${signClass(best.objective)}`}>{fmtNum(best.objective, 3)}</div>
            </div>
            {(['Return [%]', 'Sharpe Ratio', 'Max. Drawdown [%]', '# Trades'] as const).map((k) => {
              const caveat = statCaveat(best.stats, k);
              const v = best.stats[k];
              return (
                <div key={k} className="kpi" title={caveat ?? undefined}>
                  <div className="kpi-label">{k}</div>
                  <div className={`kpi-value ${k.startsWith('Return') ? signClass(v) : ''}`}>{caveat ? 'n/a' : fmtNum(v, k === '# Trades' ? 0 : 2)}</div>
                </div>
              );
            })}
            <div className="best-params">
              <span className="dim small">winner</span> <b data-testid="optimize-best-params">{paramsText(best.params)}</b>
              {best.runId !== null && (
                <button type="button" className="btn btn-small" onClick={() => void openRunInBacktest(best.runId as number)} data-testid="optimize-open-best">
                  Open run #{best.runId}
                </button>
              )}
            </div>
          </div>
        ) : (
          <p className="empty">No combination has an objective (too few trades, or the statistic is undefined).</p>
        )}
        <OverfittingFigures pbo={summary.pbo} dsr={summary.deflatedSharpe} />
      </section>
      <section className="research-card">
        <div className="research-card-head">
          <h3>Heatmap · {summary.objective}</h3>
        </div>
        <HeatmapPanel summary={summary} />
      </section>
      <section className="research-card research-card-table">
        <div className="research-card-head">
          <h3>Every combination</h3>
        </div>
        <CellsTable researchId={researchId} paramNames={summary.axes.map((a) => a.name)} objective={summary.objective} onOpen={open} />
      </section>
      {best?.runId != null && <MonteCarloPanel runId={best.runId} title={`winner, run #${best.runId}`} />}
    </>
  );
}
