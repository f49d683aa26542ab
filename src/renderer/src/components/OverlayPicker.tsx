/** Indicator chips over the price chart: add from the catalog with default parameters, click × to remove. */
import { useState } from 'react';
import { useApp } from '../store/appStore';
import { setOverlays } from '../store/actions';

export function OverlayPicker() {
  const catalog = useApp((s) => s.indicatorCatalog);
  const overlays = useApp((s) => s.overlays);
  const [adding, setAdding] = useState('');
  const add = (name: string) => {
    const info = catalog.find((c) => c.name === name);
    if (!info) return;
    void setOverlays([...overlays, { name, params: Object.fromEntries(info.params.map((p) => [p.name, p.default])) }]);
    setAdding('');
  };
  return (
    <div className="overlay-picker">
      {overlays.map((o, i) => (
        <span key={i} className="chip">
          {o.name}
          <input
            className="chip-input"
            type="number"
            aria-label={`${o.name} period`}
            value={o.params.period ?? ''}
            hidden={o.params.period === undefined}
            onChange={(e) => {
              const v = Number(e.target.value);
              if (Number.isInteger(v) && v > 0) void setOverlays(overlays.map((x, j) => (j === i ? { ...x, params: { ...x.params, period: v } } : x)));
            }}
          />
          <button type="button" aria-label={`remove ${o.name}`} onClick={() => void setOverlays(overlays.filter((_, j) => j !== i))}>
            ×
          </button>
        </span>
      ))}
      <select value={adding} onChange={(e) => add(e.target.value)} aria-label="add indicator" className="chip-add">
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
