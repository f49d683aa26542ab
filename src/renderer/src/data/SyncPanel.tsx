/**
 * Sync from the source into the cache: instrument, optional range, refresh; progress with
 * bars, share done, ETA and Cancel (Esc). Enter in any field starts it.
 */
import { useState } from 'react';
import { useData, updateDraft } from './dataStore';
import { cancelSync, startSync } from './dataActions';
import { checkInstrument, checkRange, type FieldErrors } from './instrumentCheck';
import { InstrumentFields } from './InstrumentFields';
import { useSettings } from '../store/settingsStore';
import { fmtDuration, tzLabel } from '../format';

export function SyncPanel() {
  const draft = useData((s) => s.draft);
  const job = useData((s) => s.sync);
  const last = useData((s) => s.lastSync);
  const error = useData((s) => s.errors.sync);
  const notice = useData((s) => s.notices.sync);
  const tz = useSettings((s) => s.timeZone);
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = () => {
    if (job) return;
    const inst = checkInstrument(draft.exchange, draft.symbol, draft.interval);
    const range = checkRange(draft.from, draft.to, tz);
    const found = { ...('errors' in inst ? inst.errors : {}), ...('errors' in range ? range.errors : {}) };
    setErrors(found);
    if ('errors' in inst || 'errors' in range) return;
    void startSync({ instrument: inst.instrument, ...range, refresh: draft.refresh });
  };

  const p = job?.progress;
  const share = p && p.totalMs > 0 ? p.doneMs / p.totalMs : null;
  const etaMs = p && share && share > 0 && share < 1 ? (p.elapsedMs * (1 - share)) / share : null;
  return (
    <section className="data-card" aria-label="Sync" data-testid="data-sync">
      <header className="data-card-head"><h3>Sync into the cache</h3></header>
      <form
        className="data-form"
        onSubmit={(e) => { e.preventDefault(); submit(); }}
        onKeyDown={(e) => { if (e.key === 'Escape') { if (job) void cancelSync(); else setErrors({}); } }}
        noValidate
      >
        <InstrumentFields idPrefix="sync" value={draft} errors={errors} onChange={updateDraft} />
        <div className="data-fields">
          <label className="field">
            <span>From ({tzLabel()}, empty: first bar)</span>
            <input type="date" value={draft.from} onChange={(e) => updateDraft({ from: e.target.value })} aria-invalid={!!errors.from} data-testid="sync-from" />
            {errors.from && <span className="field-error">{errors.from}</span>}
          </label>
          <label className="field">
            <span>To, inclusive (empty: now)</span>
            <input type="date" value={draft.to} onChange={(e) => updateDraft({ to: e.target.value })} aria-invalid={!!errors.to} data-testid="sync-to" />
            {errors.to && <span className="field-error">{errors.to}</span>}
          </label>
          <label className="field field-check" title="Fetch the range again even where it is cached (upstream corrected bars)">
            <input type="checkbox" checked={draft.refresh} onChange={(e) => updateDraft({ refresh: e.target.checked })} data-testid="sync-refresh" />
            <span>Refresh cached bars</span>
          </label>
        </div>
        <div className="data-actions">
          {!job && <button type="submit" className="btn btn-accent" data-testid="sync-start">{draft.refresh ? 'Refresh' : 'Sync'} <kbd>Enter</kbd></button>}
          {job && (
            <button type="button" className="btn" onClick={() => void cancelSync()} disabled={job.cancelling} data-testid="sync-cancel">
              {job.cancelling ? 'Cancelling…' : 'Cancel'} <kbd>Esc</kbd>
            </button>
          )}
        </div>
      </form>
      {job && (
        <div className="data-progress" data-testid="sync-progress" aria-live="polite">
          <div className="progress-track"><div className="progress-fill" style={{ width: `${((share ?? 0) * 100).toFixed(1)}%` }} /></div>
          <span>
            {job.instrument}: {(p?.rows ?? 0).toLocaleString('en-US')} bars
            {share !== null && ` · ${(share * 100).toFixed(0)}%`}
            {p && ` · ${fmtDuration(p.elapsedMs)} elapsed`}
            {etaMs !== null && ` · about ${fmtDuration(etaMs)} left`}
          </span>
          {p?.retry && <span className="warn-text" data-testid="sync-retry">{p.retry}</span>}
        </div>
      )}
      {error && <p className="field-error" role="alert" data-testid="sync-error">{error}</p>}
      {notice && <p className="dim" data-testid="sync-notice">{notice}</p>}
      {last && !job && (
        <p className="data-ok" data-testid="sync-result">
          ✓ {last.instrument}: {last.rows.toLocaleString('en-US')} new bar(s) from {last.table}{last.method === 'direct' ? '' : ` (resampled with ${last.method})`} in {last.seconds.toFixed(1)} s
          {last.fetched.length === 0 && ' — already cached'}
        </p>
      )}
    </section>
  );
}
