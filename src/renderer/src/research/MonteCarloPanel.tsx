/**
 * Monte Carlo over a saved run's trade sequence (research.montecarlo): the equity fan and
 * the percentiles of final return and maximum drawdown, with what they mean, and the research
 * job it was saved as. An error from the service is shown as it is: no figure here is ever made up.
 */
import { useState, type FormEvent } from 'react';
import { fmtNum } from '../format';
import { FanChart } from './FanChart';
import { runMonteCarlo } from './researchActions';
import { useResearch } from './researchStore';

const PCTS = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;

export function MonteCarloPanel({ runId, title }: { runId: number; title: string }) {
  const mc = useResearch((s) => (s.monteCarlo?.runId === runId ? s.monteCarlo : null));
  const [runs, setRuns] = useState(1000);
  const [seed, setSeed] = useState(1);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // No browser validation (noValidate: it silently blocks a submit); the service checks the limits and says which.
    if (!mc?.busy) void runMonteCarlo(runId, runs, seed);
  };
  return (
    <section className="research-card" data-testid="montecarlo">
      <div className="research-card-head">
        <h3>Monte Carlo · {title}</h3>
        <form className="mc-form" noValidate onSubmit={submit} onKeyDown={(e) => e.key === 'Enter' && e.stopPropagation()}>
          <label className="field field-inline">
            <span>paths</span>
            <input type="number" min={10} step={1} value={runs} onChange={(e) => setRuns(Number(e.target.value))} data-testid="mc-runs" />
          </label>
          <label className="field field-inline">
            <span>seed</span>
            <input type="number" step={1} value={seed} onChange={(e) => setSeed(Number(e.target.value))} data-testid="mc-seed" />
          </label>
          <button type="submit" className="btn btn-small" disabled={mc?.busy} data-testid="mc-run">
            {mc?.busy ? 'resampling…' : 'Resample trades'}
          </button>
        </form>
      </div>
      {mc?.error && (
        <p className="field-error" role="alert" data-testid="mc-error">
          Monte Carlo failed: {mc.error}
        </p>
      )}
      {mc?.result ? (
        <>
          <p className="overfit-meaning" data-testid="mc-meaning">{mc.result.meaning}</p>
          <FanChart mc={mc.result} />
          <table className="grid mc-table" data-testid="mc-table">
            <thead>
              <tr>
                <th>{mc.result.runs.toLocaleString('en-US')} paths · {mc.result.trades} trades · {mc.result.mode} · seed {mc.result.seed}</th>
                {PCTS.map((p) => (
                  <th key={p} className="num">{p.slice(1)}th</th>
                ))}
              </tr>
            </thead>
            <tbody>
              <tr>
                <td>Final return %</td>
                {PCTS.map((p) => (
                  <td key={p} className="num">{fmtNum(mc.result?.finalReturnPct[p] ?? null)}</td>
                ))}
              </tr>
              <tr>
                <td>Max. drawdown %</td>
                {PCTS.map((p) => (
                  <td key={p} className="num">{fmtNum(mc.result?.maxDrawdownPct[p] ?? null)}</td>
                ))}
              </tr>
            </tbody>
          </table>
          <p className="dim small" data-testid="mc-saved">
            Saved as research #{mc.result.researchId} (<code>cryptota research show {mc.result.researchId}</code>).
          </p>
        </>
      ) : (
        !mc?.error && <p className="dim small">Resamples the run's trades to show the spread of outcomes the same edge could have given: the fan of equity paths and the percentiles of final return and drawdown.</p>
      )}
    </section>
  );
}
