/** Probability of Backtest Overfitting and Deflated Sharpe Ratio of an optimization, each with its one-line meaning. */
import type { DeflatedSharpe, ProbabilityOfOverfitting } from '../../../shared/researchTypes';
import { fmtNum } from '../format';

export function OverfittingFigures({ pbo, dsr }: { pbo: ProbabilityOfOverfitting | null; dsr: DeflatedSharpe | null }) {
  return (
    <div className="overfit" data-testid="overfitting">
      <div className="overfit-item" data-testid="pbo">
        <div className="kpi-label">PBO</div>
        {pbo ? (
          <>
            <div className={`kpi-value ${pbo.pbo >= 0.5 ? 'neg' : pbo.pbo <= 0.2 ? 'pos' : ''}`}>{fmtNum(pbo.pbo * 100, 1)}%</div>
            <p className="overfit-meaning">{pbo.meaning}</p>
            <p className="dim small">{pbo.splits} splits of {pbo.blocks} blocks (combinatorially symmetric cross-validation)</p>
          </>
        ) : (
          <p className="overfit-meaning dim">Probability of backtest overfitting: not computed (it needs at least two combinations with an objective).</p>
        )}
      </div>
      <div className="overfit-item" data-testid="dsr">
        <div className="kpi-label">Deflated Sharpe</div>
        {dsr ? (
          <>
            <div className={`kpi-value ${dsr.dsr >= 0.95 ? 'pos' : dsr.dsr < 0.5 ? 'neg' : ''}`}>{fmtNum(dsr.dsr, 3)}</div>
            <p className="overfit-meaning">{dsr.meaning}</p>
            <p className="dim small">PSR {fmtNum(dsr.psr, 3)} · expected best Sharpe by luck {fmtNum(dsr.expectedMaxSharpe, 3)}</p>
          </>
        ) : (
          <p className="overfit-meaning dim">Deflated Sharpe ratio of the winner: not computed (no winner with a defined Sharpe).</p>
        )}
      </div>
    </div>
  );
}
