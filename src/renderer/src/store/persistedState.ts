/**
 * The backtest form and the chart's indicator chips, kept in localStorage so a reload
 * (or the next visit) finds them as they were left. Stored values are checked field by
 * field against the defaults' types: an old or edited entry can only fall back, never
 * put a wrong type in the form.
 */
import type { FormState, Overlay } from './appStore';

const FORM_KEY = 'cryptota.form.v1';
const OVERLAYS_KEY = 'cryptota.overlays.v1';

export function loadForm(defaults: FormState): FormState {
  const stored = read(FORM_KEY);
  if (!isRecord(stored)) return defaults;
  const out: FormState = { ...defaults };
  for (const key of Object.keys(defaults) as (keyof FormState)[]) {
    const v = stored[key];
    const d = defaults[key];
    if (key === 'params') {
      if (isRecord(v)) out.params = Object.fromEntries(Object.entries(v).filter(([, x]) => ['number', 'boolean', 'string'].includes(typeof x))) as FormState['params'];
    } else if (typeof d === 'number') {
      // JSON turns NaN (an empty optional box) into null.
      if (typeof v === 'number' || v === null) (out[key] as number) = v === null ? NaN : v;
    } else if (typeof v === typeof d) (out[key] as unknown) = v;
  }
  return out;
}

export function loadOverlays(defaults: Overlay[]): Overlay[] {
  const stored = read(OVERLAYS_KEY);
  if (!Array.isArray(stored)) return defaults;
  const ok = stored.filter(
    (o): o is Overlay =>
      isRecord(o) && typeof o.id === 'number' && typeof o.name === 'string' && isRecord(o.params) && Object.values(o.params).every((v) => typeof v === 'number'),
  );
  return ok.length === stored.length ? ok : defaults;
}

export function saveForm(form: FormState): void {
  write(FORM_KEY, form);
}

export function saveOverlays(overlays: Overlay[]): void {
  write(OVERLAYS_KEY, overlays);
}

function read(key: string): unknown {
  try {
    return JSON.parse(localStorage.getItem(key) ?? 'null');
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Storage blocked or full: the state holds for this visit.
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
