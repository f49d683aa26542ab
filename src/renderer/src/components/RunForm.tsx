/** Data, strategy, parameters and broker settings; Enter anywhere in the form runs the backtest. */
import type { FormEvent } from 'react';
import { useApp } from '../store/appStore';
import { cancelBacktest, runBacktest, setParam, updateForm } from '../store/actions';
import { fmtDuration, tzLabel } from '../format';
import { FieldError, NumberInput, ParamInput } from './FormFields';

export function RunForm() {
  const form = useApp((s) => s.form);
  const sources = useApp((s) => s.sources);
  const strategies = useApp((s) => s.strategies);
  const job = useApp((s) => s.job);
  const errors = useApp((s) => s.formErrors);
  const strategy = strategies.find((s) => s.name === form.strategy);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void runBacktest();
  };

  return (
    // noValidate: the browser's own checks would stop the Run button but not Ctrl+Enter; runBacktest validates both.
    <form className="run-form" onSubmit={submit} aria-label="Backtest settings" noValidate>
      <div className="section-title">Backtest</div>
      <label className="field">
        <span>Data</span>
        <select value={form.data} onChange={(e) => updateForm({ data: e.target.value })} data-testid="data-select">
          {sources.map((s) => (
            <option key={s.spec} value={s.spec}>
              {s.label}
              {s.bars ? ` · ${s.bars.toLocaleString()} bars` : ''}
            </option>
          ))}
          {!sources.some((s) => s.spec === form.data) && <option value={form.data}>{form.data}</option>}
        </select>
        <FieldError error={errors.data} />
      </label>
      <div className="field-row">
        <label className="field">
          <span>From ({tzLabel()})</span>
          <input type="date" aria-label={`From (${tzLabel()})`} value={form.from} onChange={(e) => updateForm({ from: e.target.value })} aria-invalid={errors.from ? true : undefined} />
          <FieldError error={errors.from} />
        </label>
        <label className="field">
          <span>To ({tzLabel()})</span>
          <input type="date" aria-label={`To (${tzLabel()})`} value={form.to} onChange={(e) => updateForm({ to: e.target.value })} aria-invalid={errors.to ? true : undefined} />
          <FieldError error={errors.to} />
        </label>
      </div>
      <label className="field">
        <span>Strategy</span>
        <select value={form.strategy} onChange={(e) => updateForm({ strategy: e.target.value })} data-testid="strategy-select">
          {strategies.map((s) => (
            <option key={s.name} value={s.name} title={s.description}>
              {s.name}
            </option>
          ))}
        </select>
        <FieldError error={errors.strategy} />
      </label>
      {strategy && <p className="hint">{strategy.description}</p>}
      {strategy && strategy.params.length > 0 && (
        <div className="param-grid">
          {strategy.params.map((p) => (
            <ParamInput key={p.name} spec={p} value={form.params[p.name] ?? p.default} onChange={(v) => setParam(p.name, v)} testIdPrefix="param-" error={errors[`param:${p.name}`]} />
          ))}
        </div>
      )}
      <div className="section-title">Broker</div>
      <div className="param-grid">
        <NumberInput label="Cash" value={form.cash} min={1} step="any" onChange={(v) => updateForm({ cash: v })} error={errors.cash} />
        <NumberInput label="Fee %" value={form.commissionPct} min={0} step="any" onChange={(v) => updateForm({ commissionPct: v })} error={errors.commissionPct} />
        <NumberInput label="Slippage bps" value={form.slippageBps} min={0} step={1} onChange={(v) => updateForm({ slippageBps: v })} error={errors.slippageBps} />
        <NumberInput label="Quantity step" title="Smallest order size step (1 = whole units, 0.00001 = 1e-5); empty = any size" value={form.qtyStep} min={0} onChange={(v) => updateForm({ qtyStep: v })} error={errors.qtyStep} />
        <NumberInput label="Minimum notional" title="Smallest order value in cash; empty = none" value={form.minNotional} min={0} onChange={(v) => updateForm({ minNotional: v })} error={errors.minNotional} />
      </div>
      {job ? (
        <div className="progress-box" data-testid="progress">
          <div className="progress-bar">
            <div style={{ width: `${job.progress && job.progress.total > 0 ? (100 * job.progress.done) / job.progress.total : 0}%` }} />
          </div>
          <div className="progress-text">
            <span>{job.progress?.phase ?? 'starting'}</span>
            <span>
              {job.progress && job.progress.total > 1 ? `${Math.round((100 * job.progress.done) / job.progress.total)}%` : ''}
              {job.progress?.etaMs != null ? ` · ${fmtDuration(job.progress.etaMs)} left` : ''}
            </span>
          </div>
          <button type="button" className="btn btn-secondary" onClick={() => void cancelBacktest()}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      ) : (
        <button type="submit" className="btn btn-primary" data-testid="run-button">
          Run backtest <kbd>Ctrl+Enter</kbd>
        </button>
      )}
    </form>
  );
}
