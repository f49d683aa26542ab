/**
 * The research editor's draft (what the user types per parameter, constraints, objective,
 * search method) and its check: the combination count and an error per field. The
 * parsing rules are the optimizer's own (paramSpace, constraint, objective, windows
 * modules are pure and bundle in the renderer), so the count shown while typing is the
 * count the server will run and a field the server would refuse is marked here first.
 */
import type { ParamInfo } from '../../../shared/apiTypes';
import type { ParamValue } from '../../../shared/backtestTypes';
import type { OptimizeRequest, WalkForwardRequest } from '../../../shared/researchTypes';
import { parseParamSpace, gridSize, MAX_GRID, type ParamAxis } from '../../../main/research/optimize/paramSpace';
import { parseConstraint, type Constraint } from '../../../main/research/optimize/constraint';
import { DEFAULT_OBJECTIVE, objectiveLabel, parseObjective } from '../../../main/research/optimize/objective';
import { REQUEST_DEFAULTS as D } from '../../../main/research/optimize/requestDefaults';
import { planGrid, planRandom } from '../../../main/research/optimize/combinations';
import { parseLength } from '../../../main/research/walkforward/windows';

/** fixed: one value; range: min:max:step; list: a,b,c; all: every value of a bool or enum. */
export type AxisMode = 'fixed' | 'range' | 'list' | 'all';

export interface AxisDraft {
  mode: AxisMode;
  value: string;
  min: string;
  max: string;
  step: string;
  list: string;
}

export interface GridDraft {
  axes: Record<string, AxisDraft>;
  /** One or more constraints separated by ";" (each may join conditions with and/or). */
  constraints: string;
  objective: string;
  method: 'grid' | 'random';
  samples: number;
  seed: number;
  minTrades: number;
  topK: number;
  /** Walk-forward only. */
  wfMode: 'rolling' | 'anchored';
  inSample: string;
  outOfSample: string;
}

/** A field of the draft with a problem: a parameter name, or one of these. */
export type DraftField = string;

export interface DraftCheck {
  /** Grid size before constraints (null when a parameter is invalid). */
  gridSize: number | null;
  /** Combinations that will run (after constraints and sampling); null when unknown. */
  runs: number | null;
  /** Combinations removed by the constraints; null when not counted (grid too large to enumerate while typing). */
  skipped: number | null;
  /** Error per field, in the words the server would use. */
  errors: Record<DraftField, string>;
}

/** Above this grid size the count ignores constraints while typing (enumerating costs ~0.3 µs per combination). */
export const COUNT_ENUMERATION_LIMIT = 200_000;

/** A fresh draft: the first two numeric parameters vary around their default, the others stay fixed. */
export function initialDraft(params: readonly ParamInfo[]): GridDraft {
  const axes: Record<string, AxisDraft> = {};
  let varied = 0;
  for (const p of params) {
    const d = fixedAxis(p.default);
    if ((p.type === 'int' || p.type === 'float') && varied < 2 && typeof p.default === 'number') {
      varied++;
      Object.assign(d, rangeAround(p));
      d.mode = 'range';
    }
    axes[p.name] = d;
  }
  return {
    axes, constraints: '', objective: objectiveLabel(DEFAULT_OBJECTIVE), method: D.method, samples: D.samples, seed: D.seed,
    minTrades: D.minTrades, topK: D.topK, wfMode: D.mode, inSample: '2000', outOfSample: '500',
  };
}

/** The text the optimizer reads for one parameter ("5:50:5", "5,10,20", "*", "14"). */
export function axisText(d: AxisDraft): string {
  switch (d.mode) {
    case 'fixed':
      return d.value;
    case 'range':
      return d.step.trim() === '' ? `${d.min}:${d.max}` : `${d.min}:${d.max}:${d.step}`;
    case 'list':
      return d.list;
    case 'all':
      return '*';
  }
}

/** Every parameter's text, in schema order (parameters without a draft keep their default on the server). */
export function spaceOf(params: readonly ParamInfo[], draft: GridDraft): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of params) {
    out[p.name] = axisText(axisOf(draft, p));
  }
  return out;
}

/**
 * The draft that gives a saved request back (opening a saved optimization or walk-forward):
 * each parameter's text read into the editor's mode and fields, the rest from the request
 * (the optimizer's defaults where it says nothing). spaceOf of the result is the request's
 * space; parameters it does not name keep `base`'s axes.
 */
export function draftFromRequest(params: readonly ParamInfo[], req: OptimizeRequest | WalkForwardRequest, base: GridDraft): GridDraft {
  const axes = { ...base.axes };
  for (const p of params) {
    const text = req.space[p.name];
    if (text !== undefined) axes[p.name] = axisFromText(text, axisOf(base, p));
  }
  const out: GridDraft = {
    ...base,
    axes,
    constraints: (req.constraints ?? []).join('; '),
    // What the request left out is what the optimizer ran with.
    objective: req.objective ?? objectiveLabel(DEFAULT_OBJECTIVE),
    method: req.method ?? D.method,
    samples: req.samples ?? D.samples,
    seed: req.seed ?? D.seed,
    minTrades: req.minTrades ?? D.minTrades,
  };
  if ('inSample' in req) return { ...out, wfMode: req.mode ?? D.mode, inSample: req.inSample, outOfSample: req.outOfSample };
  return { ...out, topK: req.topK ?? D.topK };
}

/** One parameter's text ("5:50:5", "5,10,20", "*", "14") as the editor holds it; the other fields keep `current`'s. */
function axisFromText(text: string, current: AxisDraft): AxisDraft {
  const t = text.trim();
  if (t === '*') return { ...current, mode: 'all' };
  if (t.includes(':')) {
    const [min = '', max = '', step = ''] = t.split(':');
    return { ...current, mode: 'range', min, max, step };
  }
  if (t.includes(',')) return { ...current, mode: 'list', list: t };
  return { ...current, mode: 'fixed', value: t };
}

export function constraintList(text: string): string[] {
  return text.split(';').map((s) => s.trim()).filter((s) => s !== '');
}

/** Checks the draft as the server would and counts its combinations. */
export function checkDraft(strategy: string, params: readonly ParamInfo[], draft: GridDraft, walkForward = false): DraftCheck {
  const errors: Record<DraftField, string> = {};
  const axes: ParamAxis[] = [];
  for (const p of params) {
    const text = axisText(axisOf(draft, p));
    try {
      axes.push(parseParamSpace(strategy, [p], { [p.name]: text })[0]);
    } catch (e) {
      errors[p.name] = messageOf(e);
    }
  }
  const constraints: Constraint[] = [];
  for (const c of constraintList(draft.constraints)) {
    try {
      constraints.push(parseConstraint(c, params.map((p) => p.name)));
    } catch (e) {
      errors.constraints = messageOf(e);
    }
  }
  try {
    parseObjective(draft.objective);
  } catch (e) {
    errors.objective = messageOf(e);
  }
  if (draft.method === 'random' && !(Number.isInteger(draft.samples) && draft.samples >= 1)) errors.samples = 'samples must be a whole number ≥ 1';
  if (!Number.isInteger(draft.seed)) errors.seed = 'the seed must be a whole number';
  if (!(Number.isInteger(draft.minTrades) && draft.minTrades >= 0)) errors.minTrades = 'minimum trades must be a whole number ≥ 0';
  if (!walkForward && !(Number.isInteger(draft.topK) && draft.topK >= 0)) errors.topK = 'top k must be a whole number ≥ 0';
  if (walkForward) {
    for (const [field, label] of [['inSample', 'in-sample'], ['outOfSample', 'out-of-sample']] as const) {
      try {
        parseLength(label, draft[field]);
      } catch (e) {
        errors[field] = messageOf(e);
      }
    }
  }
  if (axes.length < params.length) return { gridSize: null, runs: null, skipped: null, errors };

  const size = gridSize(axes);
  const random = draft.method === 'random' && errors.samples === undefined;
  if (size > COUNT_ENUMERATION_LIMIT || errors.constraints !== undefined) {
    if (size > MAX_GRID && !random) {
      errors.grid = `${size.toLocaleString('en-US')} combinations: more than the grid limit of ${MAX_GRID.toLocaleString('en-US')}; use larger steps or random search`;
    }
    return { gridSize: size, runs: random ? Math.min(draft.samples, size) : null, skipped: null, errors };
  }
  try {
    const plan = random ? planRandom(axes, constraints, draft.samples, draft.seed) : planGrid(axes, constraints);
    if (plan.combos.length === 0) errors.constraints = 'no combination satisfies the constraints';
    return { gridSize: size, runs: plan.combos.length, skipped: plan.skippedByConstraint, errors };
  } catch (e) {
    errors.constraints = messageOf(e);
    return { gridSize: size, runs: 0, skipped: null, errors };
  }
}

/** A parameter's draft (fixed at its default when the draft predates it, e.g. an edited user strategy). */
export function axisOf(draft: GridDraft, p: ParamInfo): AxisDraft {
  return draft.axes[p.name] ?? fixedAxis(p.default);
}

function fixedAxis(value: ParamValue): AxisDraft {
  return { mode: 'fixed', value: String(value), min: '', max: '', step: '', list: '' };
}

/** Half to twice the default, about ten values, inside the parameter's bounds. */
function rangeAround(p: ParamInfo): Pick<AxisDraft, 'min' | 'max' | 'step' | 'list'> {
  const def = Number(p.default);
  const lo = Math.max(p.min ?? -Infinity, def / 2);
  const hi = Math.min(p.max ?? Infinity, def * 2);
  const raw = (hi - lo) / 9;
  const step = p.type === 'int' ? Math.max(1, Math.round(raw)) : Number((raw > 0 ? raw : p.step ?? 1).toPrecision(1));
  const round = (v: number) => (p.type === 'int' ? Math.round(v) : Number(v.toPrecision(6)));
  return { min: String(round(lo)), max: String(round(hi)), step: String(step), list: String(def) };
}

function messageOf(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
