/**
 * Alert rules: a form for the four kinds the live service evaluates (price level, % move
 * in a window, indicator level, strategy signal; each with a cooldown) and the list of
 * rules with a remove button. Enter adds, Esc closes.
 */
import { useState } from 'react';
import type { AlertOp } from '../../../shared/apiTypes';
import { getState, useApp } from '../store/appStore';
import { addAlertRule, removeAlertRule } from '../store/liveActions';
import { describeRule, initialAlertForm, instrumentFromData, toAlertRule, type AlertForm, type AlertKind } from '../live/liveForms';
import { NumberInput, SelectInput, TextInput } from './FormFields';
import { useLiveForm } from './useLiveForm';

const KINDS: { id: AlertKind; label: string }[] = [
  { id: 'price', label: 'Price crosses / is above / below' },
  { id: 'move', label: '% move within N bars' },
  { id: 'indicator', label: 'Indicator value' },
  { id: 'signal', label: 'Strategy signal' },
];

const OPS: { id: AlertOp; label: string }[] = [
  { id: 'crosses_above', label: 'crosses above' },
  { id: 'crosses_below', label: 'crosses below' },
  { id: 'above', label: 'is above' },
  { id: 'below', label: 'is below' },
];

export function AlertRules({ enabled, reason }: { enabled: boolean; reason: string }) {
  const rules = useApp((s) => s.alertRules);
  const [open, setOpen] = useState(false);
  return (
    <section aria-label="Alert rules" data-testid="alert-rules">
      <div className="subsection subsection-head">
        <span>Alert rules</span>
        <button
          type="button"
          className="btn btn-small"
          disabled={!enabled}
          title={enabled ? 'Add an alert rule' : reason}
          aria-expanded={open}
          onClick={() => setOpen(!open)}
          data-testid="new-rule-button"
        >
          {open ? 'Close' : '+ New'}
        </button>
      </div>
      {open && enabled && <AlertRuleForm onClose={() => setOpen(false)} />}
      {enabled && rules.length === 0 && !open && <p className="empty">No alert rules.</p>}
      <ul className="rule-list" data-testid="rule-list">
        {rules.map((r) => (
          <li key={r.id}>
            <span className="rule-text">{describeRule(r.rule)}</span>
            <button type="button" className="icon-btn" title="Remove rule" aria-label={`remove alert rule ${r.id}`} onClick={() => void removeAlertRule(r.id)}>
              ×
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

function AlertRuleForm({ onClose }: { onClose(): void }) {
  const catalog = useApp((s) => s.indicatorCatalog);
  const sessions = useApp((s) => s.paperSessions);
  const [f, setF] = useState<AlertForm>(() => {
    const s = getState();
    const instrument = s.paperSessions[s.paperSessions.length - 1]?.instruments[0] ?? instrumentFromData(s.form.data) ?? initialAlertForm.instrument;
    return { ...initialAlertForm, instrument };
  });
  const patch = (p: Partial<AlertForm>) => setF((cur) => ({ ...cur, ...p }));
  const indicator = catalog.find((i) => i.name === f.indicator);
  const chooseIndicator = (name: string) => {
    const info = catalog.find((i) => i.name === name);
    patch({ indicator: name, indicatorParams: Object.fromEntries((info?.params ?? []).map((p) => [p.name, p.default])) });
  };
  const { busy, onSubmit, onKeyDown } = useLiveForm(() => addAlertRule(toAlertRule(f)), onClose);

  const levelRule = f.kind === 'price' || f.kind === 'indicator';
  return (
    <form className="live-form" onSubmit={onSubmit} onKeyDown={onKeyDown} aria-label="New alert rule" data-testid="alert-rule-form">
      <SelectInput label="When" value={f.kind} onChange={(v) => patch({ kind: v as AlertKind })} testId="rule-kind" autoFocus>
        {KINDS.map((k) => (
          <option key={k.id} value={k.id}>
            {k.label}
          </option>
        ))}
      </SelectInput>
      {f.kind === 'signal' ? (
        <div className="field-row">
          <SelectInput label="Session" value={f.sessionId} onChange={(v) => patch({ sessionId: v })} testId="rule-session">
            <option value="">any session</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                #{s.id} {s.name}
              </option>
            ))}
          </SelectInput>
          <SelectInput label="Side" value={f.side} onChange={(v) => patch({ side: v as AlertForm['side'] })} testId="rule-side">
            <option value="any">buy or sell</option>
            <option value="buy">buy</option>
            <option value="sell">sell</option>
          </SelectInput>
        </div>
      ) : (
        <TextInput label="Instrument" value={f.instrument} onChange={(v) => patch({ instrument: v })} placeholder="BTCUSDT:1m" testId="rule-instrument" />
      )}
      {f.kind === 'indicator' && (
        <div className="param-grid live-grid">
          <SelectInput label="Indicator" value={f.indicator} onChange={chooseIndicator} testId="rule-indicator">
            {catalog.map((i) => (
              <option key={i.name} value={i.name} title={i.description}>
                {i.name}
              </option>
            ))}
          </SelectInput>
          {(indicator?.params ?? []).map((p) => (
            <NumberInput
              key={p.name}
              label={p.name}
              title={p.description}
              value={f.indicatorParams[p.name] ?? p.default}
              min={p.min}
              max={p.max}
              onChange={(v) => setF((cur) => ({ ...cur, indicatorParams: { ...cur.indicatorParams, [p.name]: v } }))}
            />
          ))}
        </div>
      )}
      {levelRule && (
        <div className="field-row">
          <SelectInput label={f.kind === 'price' ? 'Close' : 'Value'} value={f.op} onChange={(v) => patch({ op: v as AlertOp })} testId="rule-op">
            {OPS.map((o) => (
              <option key={o.id} value={o.id}>
                {o.label}
              </option>
            ))}
          </SelectInput>
          <NumberInput label="Level" value={f.level} onChange={(v) => patch({ level: v })} testId="rule-level" />
        </div>
      )}
      {f.kind === 'move' && (
        <div className="field-row">
          <NumberInput label="Move %" value={f.percent} min={0} onChange={(v) => patch({ percent: v })} testId="rule-percent" />
          <NumberInput label="Within bars" value={f.windowBars} min={1} step={1} onChange={(v) => patch({ windowBars: v })} testId="rule-window" />
        </div>
      )}
      <div className="field-row">
        <NumberInput label="Cooldown (min)" value={f.cooldownMin} min={0} onChange={(v) => patch({ cooldownMin: v })} title="After firing, stay quiet this long (bar time)" testId="rule-cooldown" />
        <TextInput label="Name (optional)" value={f.name} onChange={(v) => patch({ name: v })} testId="rule-name" />
      </div>
      <div className="live-form-actions">
        <button type="submit" className="btn btn-primary btn-compact" disabled={busy} data-testid="rule-add">
          Add rule <kbd>Enter</kbd>
        </button>
        <button type="button" className="btn btn-small" onClick={onClose}>
          Cancel <kbd>Esc</kbd>
        </button>
      </div>
    </form>
  );
}
