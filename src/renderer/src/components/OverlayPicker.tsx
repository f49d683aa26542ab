/**
 * Indicator chips over the price chart: add from the catalog with default parameters,
 * edit any parameter in its chip, × to remove. Typing is free (a box may be empty while
 * you type); the value is checked against the catalog's bounds and sent once typing
 * pauses, so a keystroke never recomputes anything and a bad value stays on its chip.
 */
import { useEffect, useRef, useState } from 'react';
import type { IndicatorInfo } from '../../../shared/apiTypes';
import { useApp, type Overlay } from '../store/appStore';
import { addOverlay, removeOverlay, setOverlayParams } from '../store/overlayActions';

/** Pause in typing after which an edited chip is recomputed. */
const EDIT_DEBOUNCE_MS = 350;

export function OverlayPicker() {
  const catalog = useApp((s) => s.indicatorCatalog);
  const overlays = useApp((s) => s.overlays);
  return (
    <div className="overlay-picker">
      {overlays.map((o) => (
        <OverlayChip key={o.id} overlay={o} info={catalog.find((c) => c.name === o.name)} />
      ))}
      <select
        value=""
        onChange={(e) => {
          const info = catalog.find((c) => c.name === e.target.value);
          if (info) addOverlay(info);
        }}
        aria-label="add indicator"
        className="chip-add"
      >
        <option value="">+ indicator</option>
        {catalog.map((c) => (
          <option key={c.name} value={c.name} title={c.description}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}

function OverlayChip({ overlay, info }: { overlay: Overlay; info: IndicatorInfo | undefined }) {
  const serverError = useApp((s) => s.overlayErrors[overlay.id]);
  const [draft, setDraft] = useState<Record<string, string>>(() => toDraft(overlay.params));
  const [draftError, setDraftError] = useState<string | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const edit = (name: string, text: string) => {
    const next = { ...draft, [name]: text };
    setDraft(next);
    clearTimeout(timer.current);
    const checked = checkParams(next, info);
    setDraftError(checked.error);
    if (checked.params) {
      const params = checked.params;
      timer.current = setTimeout(() => setOverlayParams(overlay.id, params), EDIT_DEBOUNCE_MS);
    }
  };

  const error = draftError ?? serverError ?? null;
  const specs = info?.params ?? Object.keys(overlay.params).map((name) => ({ name, default: overlay.params[name] }));
  return (
    <span className={error ? 'chip chip-bad' : 'chip'} data-testid={`chip-${overlay.name}`} title={error ?? info?.description}>
      {overlay.name}
      {specs.map((p) => (
        <input
          key={p.name}
          className="chip-input"
          type="text"
          inputMode="decimal"
          aria-label={`${overlay.name} ${p.name}`}
          title={`${p.name}${'description' in p && p.description ? `: ${p.description}` : ''}`}
          value={draft[p.name] ?? ''}
          size={Math.max(2, (draft[p.name] ?? '').length)}
          onChange={(e) => edit(p.name, e.target.value)}
        />
      ))}
      {error && <span className="chip-error" role="alert">{error}</span>}
      <button type="button" aria-label={`remove ${overlay.name}`} onClick={() => removeOverlay(overlay.id)}>
        ×
      </button>
    </span>
  );
}

function toDraft(params: Record<string, number>): Record<string, string> {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]));
}

/** Parses the typed values against the catalog's bounds; the first problem names its parameter. */
export function checkParams(draft: Record<string, string>, info: IndicatorInfo | undefined): { params: Record<string, number> | null; error: string | null } {
  const params: Record<string, number> = {};
  for (const [name, text] of Object.entries(draft)) {
    const v = text.trim() === '' ? NaN : Number(text);
    if (!Number.isFinite(v)) return { params: null, error: `${name}: enter a number` };
    const spec = info?.params.find((p) => p.name === name);
    if (spec?.min !== undefined && v < spec.min) return { params: null, error: `${name}: at least ${spec.min}` };
    if (spec?.max !== undefined && v > spec.max) return { params: null, error: `${name}: at most ${spec.max}` };
    params[name] = v;
  }
  return { params, error: null };
}
