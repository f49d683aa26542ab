/**
 * "New paper session": prefilled from the backtest form (strategy, parameters, broker,
 * and the instrument of its data), or from a saved run picked at the top (or passed by
 * "Paper trade this"), so what was researched goes live in one Enter after a look at
 * the filled form. Enter starts the session, Esc closes the form.
 */
import { useState } from 'react';
import { getState, useApp } from '../store/appStore';
import { createPaperSession } from '../store/liveActions';
import { instrumentFromData, paperFormFrom, paperFormFromRun, runChoiceLabel, toNewSession, type PaperForm } from '../live/liveForms';
import { NumberInput, ParamInput, SelectInput, TextInput } from './FormFields';
import { useLiveForm } from './useLiveForm';

export function PaperSessionForm({ onClose, fromRun = null }: { onClose(): void; fromRun?: number | null }) {
  const strategies = useApp((s) => s.strategies);
  const sources = useApp((s) => s.sources);
  const runs = useApp((s) => s.runs);
  // Only backtests: an optimization or walk-forward row has no single parameter set to trade.
  const savedRuns = runs.filter((r) => r.kind === 'backtest');
  const [f, setF] = useState<PaperForm>(() => initialForm(fromRun));
  const strategy = strategies.find((s) => s.name === f.strategy);
  const suggestions = [...new Set(sources.map((s) => instrumentFromData(s.spec)).filter((x): x is string => x !== null))];

  const patch = (p: Partial<PaperForm>) => setF((cur) => ({ ...cur, ...p }));
  const chooseStrategy = (name: string) => {
    const s = strategies.find((x) => x.name === name);
    patch({ strategy: name, params: s ? Object.fromEntries(s.params.map((p) => [p.name, p.default])) : {} });
  };

  const chooseRun = (id: string) => {
    const run = getState().runs.find((r) => String(r.id) === id);
    setF(run ? paperFormFromRun(run, getState().strategies) : paperFormFrom(getState().form, getState().strategies));
  };

  const { busy, onSubmit, onKeyDown } = useLiveForm(() => createPaperSession(toNewSession(f)), onClose);

  return (
    <form className="live-form" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label="New paper session" data-testid="paper-session-form">
      <SelectInput
        label="From"
        title="Fill the form from a saved backtest run (strategy, parameters, instrument, cash and costs), or from the backtest form"
        value={f.fromRun ? String(f.fromRun.id) : ''}
        onChange={chooseRun}
        testId="paper-from-run"
      >
        <option value="">the backtest form</option>
        {savedRuns.map((r) => (
          <option key={r.id} value={String(r.id)}>{runChoiceLabel(r)}</option>
        ))}
      </SelectInput>
      <SelectInput label="Strategy" value={f.strategy} onChange={chooseStrategy} testId="paper-strategy" autoFocus>
        {strategies.map((s) => (
          <option key={s.name} value={s.name} title={s.description}>
            {s.name}
          </option>
        ))}
      </SelectInput>
      {strategy && strategy.params.length > 0 && (
        <div className="param-grid live-grid">
          {strategy.params.map((p) => (
            <ParamInput key={p.name} spec={p} value={f.params[p.name] ?? p.default} onChange={(v) => setF((cur) => ({ ...cur, params: { ...cur.params, [p.name]: v } }))} testIdPrefix="paper-param-" />
          ))}
        </div>
      )}
      <TextInput label="Instruments · SYMBOL:interval" title="As named on the feed, comma-separated: BTCUSDT:1m, ETHUSDT:1m" value={f.instruments} onChange={(v) => patch({ instruments: v })} placeholder="BTCUSDT:1m" list="paper-instruments" testId="paper-instruments" />
      <datalist id="paper-instruments">
        {suggestions.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
      <div className="param-grid">
        <NumberInput label="Cash" value={f.cash} min={0} onChange={(v) => patch({ cash: v })} testId="paper-cash" />
        <NumberInput label="Fee %" value={f.feePct} min={0} onChange={(v) => patch({ feePct: v })} testId="paper-fee" />
        <NumberInput label="Slip bps" value={f.slippageBps} min={0} step={1} onChange={(v) => patch({ slippageBps: v })} testId="paper-slippage" />
      </div>
      <TextInput label="Name (optional)" value={f.name} onChange={(v) => patch({ name: v })} placeholder={`${f.strategy} ${f.instruments}`} testId="paper-name" />
      <div className="live-form-actions">
        <button type="submit" className="btn btn-primary btn-compact" disabled={busy} data-testid="paper-start">
          {busy ? 'Starting…' : 'Start session'} <kbd>Enter</kbd>
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}

/** The saved run asked for when it is in the list, else the backtest form. */
function initialForm(fromRun: number | null): PaperForm {
  const { runs, strategies, form } = getState();
  const open = getState().run;
  const run = fromRun === null ? undefined : (runs.find((r) => r.id === fromRun) ?? (open?.id === fromRun ? open : undefined));
  return run ? paperFormFromRun(run, strategies) : paperFormFrom(form, strategies);
}
