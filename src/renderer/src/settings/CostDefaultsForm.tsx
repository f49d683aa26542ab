/** Default trading costs kept in this browser (see ./costDefaults.ts). Enter saves, Esc goes back to what is stored. */
import { useState } from 'react';
import { DEFAULT_BROKER_SETTINGS } from '../../../shared/brokerDefaults';
import { resetCostDefaults, saveCostDefaults, userCostDefaults, type CostDefaults } from './costDefaults';

type Texts = Record<'commissionPct' | 'slippageBps' | 'qtyStep', string>;

const toTexts = (c: CostDefaults): Texts => ({ commissionPct: String(+(c.commission * 100).toPrecision(10)), slippageBps: String(c.slippageBps), qtyStep: String(c.qtyStep) });

export function CostDefaultsForm() {
  const [t, setT] = useState<Texts>(() => toTexts(userCostDefaults()));
  const [errors, setErrors] = useState<Partial<Texts>>({});
  const [notice, setNotice] = useState<string | null>(null);
  const submit = () => {
    const num = (s: string) => (s.trim() === '' ? NaN : Number(s));
    const r = saveCostDefaults({ commission: num(t.commissionPct) / 100, slippageBps: num(t.slippageBps), qtyStep: num(t.qtyStep) });
    if ('errors' in r) {
      setErrors({ commissionPct: r.errors.commission && `fee ${r.errors.commission.toLowerCase()} (as a fraction: give a % from 0 to below 100)`, slippageBps: r.errors.slippageBps, qtyStep: r.errors.qtyStep });
      setNotice(null);
    } else {
      setErrors({});
      setNotice('saved');
    }
  };
  const field = (key: keyof Texts, label: string, hint: string) => (
    <label className="field">
      <span>{label}<em className="dim"> · {hint}</em></span>
      <input value={t[key]} inputMode="decimal" onChange={(e) => setT({ ...t, [key]: e.target.value })} aria-invalid={!!errors[key]} data-testid={`cost-${key}`} />
      {errors[key] && <span className="field-error">{errors[key]}</span>}
    </label>
  );
  return (
    <form
      className="data-card"
      aria-label="Default costs"
      data-testid="cost-defaults"
      noValidate
      onSubmit={(e) => { e.preventDefault(); submit(); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { setT(toTexts(userCostDefaults())); setErrors({}); } }}
    >
      <header className="data-card-head"><h3>Default costs</h3></header>
      <div className="conn-fields">
        {field('commissionPct', 'Fee %', `built-in ${DEFAULT_BROKER_SETTINGS.commission * 100}`)}
        {field('slippageBps', 'Slippage bps', `built-in ${DEFAULT_BROKER_SETTINGS.slippageBps}`)}
        {field('qtyStep', 'Quantity step', `built-in ${DEFAULT_BROKER_SETTINGS.qtyStep}`)}
      </div>
      <div className="data-actions">
        <button type="submit" className="btn btn-accent" data-testid="cost-save">Save <kbd>Enter</kbd></button>
        <button type="button" className="btn" onClick={() => { resetCostDefaults(); setT(toTexts(userCostDefaults())); setErrors({}); setNotice('back to the built-in defaults'); }}>Built-in defaults</button>
        {notice && <span className="data-ok">✓ {notice}</span>}
      </div>
      <p className="dim small">Kept in this browser. A new backtest form starts from them; a run always uses the costs in its form.</p>
    </form>
  );
}
