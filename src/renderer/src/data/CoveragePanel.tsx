/**
 * What the cache holds: one row per instrument with its bars, first and last bar, gaps by
 * kind and a timeline on an axis shared by all rows. A row's Range… opens a small form to
 * refresh or delete a range (dates bounded by what is cached) or the whole instrument.
 */
import { useState } from 'react';
import type { InstrumentCoverage } from '../../../shared/dataManagementTypes';
import { useData, updateDraft } from './dataStore';
import { removeFromCache, startSync } from './dataActions';
import { checkRange, type FieldErrors } from './instrumentCheck';
import { CoverageTimeline } from './CoverageTimeline';
import { fmtDate, fmtDay, tzLabel } from '../format';
import { useSettings } from '../store/settingsStore';
import { updateForm } from '../store/actions';
import { showView } from '../store/liveViewStore';

export function CoveragePanel() {
  const coverage = useData((s) => s.coverage);
  const error = useData((s) => s.errors.coverage);
  const removeError = useData((s) => s.errors.remove);
  const removeNotice = useData((s) => s.notices.remove);
  const [open, setOpen] = useState<string | null>(null);
  useSettings((s) => s.timeZone);
  const list = coverage ?? [];
  const starts = list.flatMap((c) => c.ranges.map((r) => r.fromMs));
  const ends = list.flatMap((c) => c.ranges.map((r) => r.toMs));
  const axisFrom = starts.length ? Math.min(...starts) : 0;
  const axisTo = ends.length ? Math.max(...ends) : 1;
  return (
    <section className="data-card data-card-wide" aria-label="Cache coverage" data-testid="data-coverage">
      <header className="data-card-head">
        <h3>Cache coverage</h3>
        <span className="cov-legend dim small">
          <i className="cov-key cov-range" /> cached <i className="cov-key cov-gap-outage" /> outage (source has no bars) <i className="cov-key cov-gap-not_synced" /> not synced
        </span>
      </header>
      {error && <p className="field-error" role="alert">{error}</p>}
      {coverage && list.length === 0 && <p className="dim">The cache is empty: sync an instrument from the source or import a CSV file.</p>}
      {list.length > 0 && (
        <div className="data-table-wrap">
          <table className="data-table cov-table">
            <thead>
              <tr>
                <th>Instrument</th><th className="num">Bars</th><th>First → last bar ({tzLabel()})</th><th>Gaps</th>
                <th className="cov-axis-head"><span>{fmtDay(axisFrom)}</span><span>{fmtDay(axisTo)}</span></th><th />
              </tr>
            </thead>
            <tbody>
              {list.map((c) => (
                <CoverageRow key={c.instrument} c={c} axisFrom={axisFrom} axisTo={axisTo} open={open === c.instrument} onToggle={() => setOpen(open === c.instrument ? null : c.instrument)} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      {removeError && <p className="field-error" role="alert" data-testid="remove-error">{removeError}</p>}
      {removeNotice && <p className="dim" data-testid="remove-notice">{removeNotice}</p>}
    </section>
  );
}

function CoverageRow({ c, axisFrom, axisTo, open, onToggle }: { c: InstrumentCoverage; axisFrom: number; axisTo: number; open: boolean; onToggle: () => void }) {
  const outages = c.gaps.filter((g) => g.kind === 'outage').length;
  const notSynced = c.gaps.filter((g) => g.kind === 'not_synced').length;
  return (
    <>
      <tr data-testid={`coverage-${c.instrument}`}>
        <td>{c.instrument}</td>
        <td className="num">{c.bars.toLocaleString('en-US')}</td>
        <td className="cov-span">{c.firstMs === null ? '—' : fmtDate(c.firstMs)}<br />{c.lastMs === null ? '—' : `→ ${fmtDate(c.lastMs)}`}</td>
        <td className="small" data-testid={`gaps-${c.instrument}`} title={`${c.missingBars.toLocaleString('en-US')} missing bar(s) in all`}>
          {c.gapCount === 0 ? 'none' : <>{outages} outage<br />{notSynced} not synced{c.gapCount > c.gaps.length ? ` (${c.gapCount} in all)` : ''}</>}
        </td>
        <td className="cov-cell"><CoverageTimeline c={c} axisFrom={axisFrom} axisTo={axisTo} /></td>
        <td className="cov-actions">
          <button type="button" className="btn btn-small" onClick={() => updateDraft({ exchange: c.exchange, symbol: c.symbol, interval: c.interval, from: '', to: '', refresh: false })} title="Put it in the sync form (fills what is missing)">Sync…</button>
          <button type="button" className="btn btn-small" aria-expanded={open} onClick={onToggle} data-testid={`range-${c.instrument}`}>Range…</button>
          <button type="button" className="btn btn-small" onClick={() => { updateForm({ data: c.spec }); showView('backtest'); }} title="Backtest on it">▶</button>
        </td>
      </tr>
      {open && (
        <tr className="cov-range-row">
          <td colSpan={6}><RangeForm c={c} onClose={onToggle} /></td>
        </tr>
      )}
    </>
  );
}

/** Refresh or delete a range of one instrument, or delete it whole (asked twice). Esc closes. */
function RangeForm({ c, onClose }: { c: InstrumentCoverage; onClose: () => void }) {
  const tz = useSettings((s) => s.timeZone);
  const busy = useData((s) => s.sync !== null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [confirmWhole, setConfirmWhole] = useState(false);
  const min = c.firstMs === null ? undefined : fmtDay(c.firstMs);
  const max = c.lastMs === null ? undefined : fmtDay(c.lastMs);
  const range = (): { fromMs?: number; toMs?: number } | null => {
    const r = checkRange(from, to, tz);
    if ('errors' in r) {
      setErrors(r.errors);
      return null;
    }
    if (r.fromMs === undefined && r.toMs === undefined) {
      setErrors({ from: 'give From, To or both (Delete instrument removes everything)' });
      return null;
    }
    setErrors({});
    return r;
  };
  return (
    <form
      className="data-form cov-range-form"
      aria-label={`Range of ${c.instrument}`}
      noValidate
      onSubmit={(e) => { e.preventDefault(); const r = range(); if (r) void startSync({ instrument: c.instrument, ...r, refresh: true }); }}
      onKeyDown={(e) => { if (e.key === 'Escape') { e.stopPropagation(); onClose(); } }}
    >
      <label className="field">
        <span>From ({tzLabel()})</span>
        <input type="date" min={min} max={max} value={from} onChange={(e) => setFrom(e.target.value)} aria-invalid={!!errors.from} data-testid="range-from" autoFocus />
        {errors.from && <span className="field-error">{errors.from}</span>}
      </label>
      <label className="field">
        <span>To, inclusive</span>
        <input type="date" min={min} max={max} value={to} onChange={(e) => setTo(e.target.value)} aria-invalid={!!errors.to} data-testid="range-to" />
        {errors.to && <span className="field-error">{errors.to}</span>}
      </label>
      <div className="data-actions">
        <button type="submit" className="btn btn-small" disabled={busy} title="Fetch this range again from the source (Enter)" data-testid="range-refresh">Refresh range</button>
        <button type="button" className="btn btn-small btn-danger" onClick={() => { const r = range(); if (r) void removeFromCache(c.instrument, r.fromMs, r.toMs); }} data-testid="range-delete">Delete range</button>
        {!confirmWhole && <button type="button" className="btn btn-small btn-danger" onClick={() => setConfirmWhole(true)} data-testid="instrument-delete">Delete instrument…</button>}
        {confirmWhole && (
          <span className="confirm">
            Delete all {c.bars.toLocaleString('en-US')} bars of {c.instrument}?
            <button type="button" className="btn btn-small btn-danger" onClick={() => { void removeFromCache(c.instrument); onClose(); }} data-testid="instrument-delete-confirm">Delete</button>
            <button type="button" className="btn btn-small" onClick={() => setConfirmWhole(false)}>Keep</button>
          </span>
        )}
        <button type="button" className="btn btn-small" onClick={onClose}>Close <kbd>Esc</kbd></button>
      </div>
    </form>
  );
}
