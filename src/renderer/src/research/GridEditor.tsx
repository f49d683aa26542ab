/**
 * The research editor: data, range and broker (the backtest form's own fields), then one
 * row per strategy parameter generated from its schema (fixed, range, list, or every
 * value), constraints, objective and search method; for a walk-forward also its windows.
 * The combination count and each field's error update as the user types, by the
 * optimizer's own rules (./gridDraft.ts). Enter or Ctrl+Enter runs, Esc cancels.
 */
import { useMemo, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import type { ParamInfo, StrategyInfo } from '../../../shared/apiTypes';
import type { ResearchKind } from '../../../shared/researchTypes';
import { OBJECTIVE_KEYS } from '../../../shared/researchTypes';
import { useApp } from '../store/appStore';
import { useSettings } from '../store/settingsStore';
import { zoneLabel } from '../time';
import { updateForm } from '../store/actions';
import { NumberInput, SelectInput } from '../components/FormFields';
import { axisOf, checkDraft, type AxisDraft, type AxisMode, type GridDraft } from './gridDraft';
import { cancelResearch, draftFor, updateAxis, updateDraft } from './researchActions';
import { setResearch, useResearch } from './researchStore';
import { aliveWorkers, useResearchWorkers } from './researchWorkersStore';
import { ResearchProgressBox } from './ResearchProgressBox';

interface Props {
  kind: ResearchKind;
  strategy: StrategyInfo;
  onRun(): void;
}

const CUSTOM = '__custom__';

export function GridEditor({ kind, strategy, onRun }: Props) {
  const form = useApp((s) => s.form);
  const sources = useApp((s) => s.sources);
  const strategies = useApp((s) => s.strategies);
  useResearch((s) => s.drafts[strategy.name]);
  const draft = draftFor(strategy);
  const job = useResearch((s) => s.job);
  const executor = useResearch((s) => s.executor);
  const cluster = useResearchWorkers((s) => s.result);
  const walkForward = kind === 'walkforward';
  const zone = zoneLabel(useSettings((s) => s.timeZone));
  const check = useMemo(() => checkDraft(strategy.name, strategy.params, draft, walkForward), [strategy, draft, walkForward]);
  const constraintExample = exampleConstraint(strategy.params);
  const busyHere = job?.kind === kind;
  const set = (patch: Partial<GridDraft>) => updateDraft(strategy, patch);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!job) onRun();
  };
  const keys = (e: KeyboardEvent) => {
    // Ctrl+Enter also runs from a select (where Enter opens the list); the app-wide shortcut must not run a backtest too.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      e.stopPropagation();
      if (!job) onRun();
    }
  };
  const presetObjective = (OBJECTIVE_KEYS as readonly string[]).includes(draft.objective);

  return (
    <form className="research-editor" noValidate onSubmit={submit} onKeyDown={keys} aria-label={walkForward ? 'Walk-forward settings' : 'Optimization settings'} data-testid={`${kind}-editor`}>
      <div className="research-editor-grid">
        <SelectInput label="Data" value={form.data} onChange={(v) => updateForm({ data: v })} testId="research-data">
          {sources.map((s) => (
            <option key={s.spec} value={s.spec}>
              {s.label}
              {s.bars ? ` · ${s.bars.toLocaleString('en-US')} bars` : ''}
            </option>
          ))}
          {!sources.some((s) => s.spec === form.data) && <option value={form.data}>{form.data}</option>}
        </SelectInput>
        <SelectInput label="Strategy" value={form.strategy} onChange={(v) => updateForm({ strategy: v })} testId="research-strategy">
          {strategies.map((s) => (
            <option key={s.name} value={s.name} title={s.description}>
              {s.name}
            </option>
          ))}
        </SelectInput>
        <label className="field">
          <span>From ({zone})</span>
          <input type="date" value={form.from} onChange={(e) => updateForm({ from: e.target.value })} data-testid="research-from" />
        </label>
        <label className="field">
          <span>To ({zone})</span>
          <input type="date" value={form.to} onChange={(e) => updateForm({ to: e.target.value })} data-testid="research-to" />
        </label>
      </div>

      <div className="section-title">Parameters</div>
      <div className="axis-table" role="group" aria-label="Parameter grid">
        {strategy.params.map((p) => (
          <AxisRow key={p.name} spec={p} draft={axisOf(draft, p)} error={check.errors[p.name]} onChange={(patch) => updateAxis(strategy, p.name, patch)} />
        ))}
      </div>
      <Field label="Constraints" error={check.errors.constraints} hint={`e.g. ${constraintExample}; several separated by ;`}>
        <input type="text" value={draft.constraints} placeholder={constraintExample} spellCheck={false} onChange={(e) => set({ constraints: e.target.value })} data-testid="research-constraints" />
      </Field>
      <div className="research-editor-grid">
        <Field label="Objective (maximized)" error={check.errors.objective}>
          <select value={presetObjective ? draft.objective : CUSTOM} onChange={(e) => set({ objective: e.target.value === CUSTOM ? '0.5*sharpe + 0.5*calmar' : e.target.value })} data-testid="research-objective">
            {OBJECTIVE_KEYS.map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
            <option value={CUSTOM}>Weighted mix…</option>
          </select>
        </Field>
        {!presetObjective && (
          <Field label="Weighted mix" error={undefined}>
            <input type="text" value={draft.objective} spellCheck={false} onChange={(e) => set({ objective: e.target.value })} data-testid="research-objective-mix" />
          </Field>
        )}
        <SelectInput label="Method" value={draft.method} onChange={(v) => set({ method: v === 'random' ? 'random' : 'grid' })} testId="research-method">
          <option value="grid">Grid (every combination)</option>
          <option value="random">Random sample</option>
        </SelectInput>
        {draft.method === 'random' && (
          <>
            <NumberField label="Samples" value={draft.samples} error={check.errors.samples} onChange={(v) => set({ samples: v })} testId="research-samples" />
            <NumberField label="Seed" value={draft.seed} error={check.errors.seed} onChange={(v) => set({ seed: v })} testId="research-seed" />
          </>
        )}
        <NumberField label="Min. trades" value={draft.minTrades} error={check.errors.minTrades} onChange={(v) => set({ minTrades: v })} testId="research-min-trades" title="Combinations with fewer trades get no objective and cannot win" />
        <SelectInput label="Run on" value={executor} onChange={(v) => setResearch({ executor: v === 'kafka' ? 'kafka' : 'local' })} testId="research-executor"
          title="This machine's worker threads, or the cryptota worker processes on the Kafka set in Settings (the grid's results are the same)">
          <option value="local">This machine</option>
          <option value="kafka">Research workers{cluster ? ` (${aliveWorkers(cluster)} on Kafka)` : ' (Kafka)'}</option>
        </SelectInput>
        {!walkForward && (
          <NumberField label="Keep top k" value={draft.topK} error={check.errors.topK} onChange={(v) => set({ topK: v })} testId="research-top-k" title="The k best are re-run in full and saved as runs" />
        )}
      </div>
      {walkForward && (
        <>
          <div className="section-title">Windows</div>
          <div className="research-editor-grid">
            <SelectInput label="Mode" value={draft.wfMode} onChange={(v) => set({ wfMode: v === 'anchored' ? 'anchored' : 'rolling' })} testId="wf-mode" title="rolling: fixed in-sample length; anchored: in-sample grows from the first bar">
              <option value="rolling">Rolling</option>
              <option value="anchored">Anchored</option>
            </SelectInput>
            <Field label="In-sample (bars or 30d, 12h, 2w)" error={check.errors.inSample}>
              <input type="text" value={draft.inSample} spellCheck={false} onChange={(e) => set({ inSample: e.target.value })} data-testid="wf-in-sample" />
            </Field>
            <Field label="Out-of-sample (also the step)" error={check.errors.outOfSample}>
              <input type="text" value={draft.outOfSample} spellCheck={false} onChange={(e) => set({ outOfSample: e.target.value })} data-testid="wf-out-of-sample" />
            </Field>
          </div>
        </>
      )}
      <div className="section-title">Broker</div>
      <div className="research-editor-grid research-editor-grid-3">
        <NumberInput label="Cash" value={form.cash} min={1} onChange={(v) => updateForm({ cash: v })} testId="research-cash" />
        <NumberInput label="Fee %" value={form.commissionPct} min={0} onChange={(v) => updateForm({ commissionPct: v })} testId="research-fee" />
        <NumberInput label="Slippage bps" value={form.slippageBps} min={0} step={1} onChange={(v) => updateForm({ slippageBps: v })} testId="research-slippage" />
      </div>

      <div className={check.errors.grid ? 'combo-count field-error' : 'combo-count'} data-testid="combo-count" aria-live="polite">
        {countText(check, draft, walkForward)}
      </div>
      {busyHere && job ? (
        <ResearchProgressBox job={job} onCancel={() => void cancelResearch()} />
      ) : (
        <button type="submit" className="btn btn-primary" disabled={job !== null} data-testid={`${kind}-run`} title={job ? 'another research job is running' : undefined}>
          {walkForward ? 'Run walk-forward' : 'Run optimization'} <kbd>Enter</kbd>
        </button>
      )}
    </form>
  );
}

function countText(check: ReturnType<typeof checkDraft>, draft: GridDraft, walkForward: boolean): string {
  if (check.errors.grid) return check.errors.grid;
  if (check.gridSize === null) return 'fix the marked parameter to see the combination count';
  const n = (v: number) => v.toLocaleString('en-US');
  const per = walkForward ? ' per window' : '';
  if (check.runs === null) return `${n(check.gridSize)} combinations before constraints${per}`;
  const parts = [`${n(check.runs)} combination${check.runs === 1 ? '' : 's'}${per}`];
  if (draft.method === 'random') parts.push(`sampled from ${n(check.gridSize)}`);
  if (check.skipped) parts.push(`${n(check.skipped)} removed by constraints`);
  return parts.join(' · ');
}

const MODES: Record<ParamInfo['type'], { id: AxisMode; label: string }[]> = {
  int: [{ id: 'fixed', label: 'fixed' }, { id: 'range', label: 'range' }, { id: 'list', label: 'list' }],
  float: [{ id: 'fixed', label: 'fixed' }, { id: 'range', label: 'range' }, { id: 'list', label: 'list' }],
  bool: [{ id: 'fixed', label: 'fixed' }, { id: 'all', label: 'both' }],
  enum: [{ id: 'fixed', label: 'fixed' }, { id: 'all', label: 'all' }, { id: 'list', label: 'list' }],
};

function AxisRow({ spec, draft, error, onChange }: { spec: ParamInfo; draft: AxisDraft; error: string | undefined; onChange(patch: Partial<AxisDraft>): void }) {
  const id = `axis-${spec.name}`;
  const bounds = spec.type === 'int' || spec.type === 'float' ? ` (${spec.min ?? '−∞'}…${spec.max ?? '∞'})` : '';
  return (
    <div className={error ? 'axis-row axis-row-bad' : 'axis-row'} data-testid={id}>
      <span className="axis-name" title={`${spec.description}${bounds}`}>
        {spec.name}
      </span>
      <select aria-label={`${spec.name} mode`} value={draft.mode} onChange={(e) => onChange({ mode: e.target.value as AxisMode })} data-testid={`${id}-mode`}>
        {MODES[spec.type].map((m) => (
          <option key={m.id} value={m.id}>{m.label}</option>
        ))}
      </select>
      <span className="axis-values">
        {draft.mode === 'fixed' && (spec.type === 'bool' || spec.type === 'enum' ? (
          <select aria-label={`${spec.name} value`} value={draft.value} onChange={(e) => onChange({ value: e.target.value })} data-testid={`${id}-value`}>
            {(spec.type === 'bool' ? ['false', 'true'] : spec.options ?? []).map((o) => (
              <option key={o} value={o}>{o}</option>
            ))}
          </select>
        ) : (
          <input aria-label={`${spec.name} value`} inputMode="decimal" value={draft.value} onChange={(e) => onChange({ value: e.target.value })} data-testid={`${id}-value`} />
        ))}
        {draft.mode === 'range' && (
          <>
            <input aria-label={`${spec.name} min`} placeholder="min" inputMode="decimal" value={draft.min} onChange={(e) => onChange({ min: e.target.value })} data-testid={`${id}-min`} />
            <input aria-label={`${spec.name} max`} placeholder="max" inputMode="decimal" value={draft.max} onChange={(e) => onChange({ max: e.target.value })} data-testid={`${id}-max`} />
            <input aria-label={`${spec.name} step`} placeholder={spec.step !== undefined ? `step ${spec.step}` : 'step'} inputMode="decimal" value={draft.step} onChange={(e) => onChange({ step: e.target.value })} data-testid={`${id}-step`} />
          </>
        )}
        {draft.mode === 'list' && (
          <input aria-label={`${spec.name} values`} placeholder="a, b, c" value={draft.list} spellCheck={false} onChange={(e) => onChange({ list: e.target.value })} data-testid={`${id}-list`} />
        )}
        {draft.mode === 'all' && <span className="dim small">{spec.type === 'bool' ? 'false, true' : (spec.options ?? []).join(', ')}</span>}
      </span>
      {error && (
        <span className="field-error axis-error" role="alert" data-testid={`${id}-error`}>
          {error}
        </span>
      )}
    </div>
  );
}

function Field({ label, error, hint, children }: { label: string; error: string | undefined; hint?: string; children: ReactNode }) {
  return (
    <label className={error ? 'field field-bad' : 'field'}>
      <span>{label}</span>
      {children}
      {error ? <span className="field-error" role="alert">{error}</span> : hint ? <span className="hint">{hint}</span> : null}
    </label>
  );
}

function NumberField({ label, value, error, onChange, testId, title }: { label: string; value: number; error: string | undefined; onChange(v: number): void; testId: string; title?: string }) {
  return (
    <label className={error ? 'field field-bad' : 'field'} title={title}>
      <span>{label}</span>
      <input type="number" step={1} value={Number.isFinite(value) ? value : ''} onChange={(e) => onChange(e.target.value === '' ? NaN : Number(e.target.value))} data-testid={testId} />
      {error && <span className="field-error" role="alert">{error}</span>}
    </label>
  );
}

/** A constraint in this strategy's own parameter names ("n1 < n2" for sma_cross), for the field's placeholder. */
function exampleConstraint(params: readonly ParamInfo[]): string {
  const numeric = params.filter((p) => p.type === 'int' || p.type === 'float').map((p) => p.name);
  return numeric.length >= 2 ? `${numeric[0]} < ${numeric[1]}` : 'n1 < n2';
}
