/**
 * CSV import into the cache: the instrument it holds, then a file picked or dropped
 * (sent as text, up to the stated size), or a path on the machine running the services
 * (the desktop app, or the computer running cryptota serve) for larger or compressed files.
 */
import { useState, type DragEvent } from 'react';
import { useData } from './dataStore';
import { importFile, importPath } from './dataActions';
import { checkInstrument, type FieldErrors } from './instrumentCheck';
import { InstrumentFields, type InstrumentValue } from './InstrumentFields';
import { MAX_IMPORT_TEXT_BYTES } from '../../../shared/dataManagementTypes';
import { fmtDate } from '../format';

export function ImportPanel() {
  const busy = useData((s) => s.importing);
  const last = useData((s) => s.lastImport);
  const error = useData((s) => s.errors.import);
  const [inst, setInst] = useState<InstrumentValue>({ exchange: 'binance', symbol: '', interval: '1m' });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [path, setPath] = useState('');
  const [over, setOver] = useState(false);

  const checked = (): string | null => {
    const r = checkInstrument(inst.exchange, inst.symbol, inst.interval);
    setErrors('errors' in r ? r.errors : {});
    return 'errors' in r ? null : r.instrument;
  };
  const take = (file: File | undefined) => {
    const instrument = checked();
    if (file && instrument) void importFile(instrument, file);
  };
  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files[0]);
  };
  return (
    <section className="data-card" aria-label="Import CSV" data-testid="data-import">
      <header className="data-card-head"><h3>Import a CSV file</h3></header>
      <form
        className="data-form"
        noValidate
        onSubmit={(e) => { e.preventDefault(); const instrument = checked(); if (instrument && path.trim()) void importPath(instrument, path.trim()); }}
        onKeyDown={(e) => { if (e.key === 'Escape') { setErrors({}); setPath(''); } }}
      >
        <InstrumentFields idPrefix="import" value={inst} errors={errors} onChange={(p) => setInst({ ...inst, ...p })} />
        <div
          className={over ? 'drop-zone over' : 'drop-zone'}
          onDragOver={(e) => { e.preventDefault(); setOver(true); }}
          onDragLeave={() => setOver(false)}
          onDrop={onDrop}
          data-testid="import-drop"
        >
          <span>Drop a .csv here or</span>
          <label className="btn btn-small file-button">
            choose a file…
            <input type="file" accept=".csv,text/csv" onChange={(e) => { take(e.target.files?.[0]); e.target.value = ''; }} disabled={busy} data-testid="import-file" />
          </label>
          <span className="dim small">Binance kline, open_time_ms,open,… or backtesting.py layout; up to {Math.floor(MAX_IMPORT_TEXT_BYTES / 1024)} KiB from here</span>
        </div>
        <label className="field">
          <span>…or a path on the machine running the app (any size, .csv or .csv.gz)</span>
          <input value={path} placeholder="/data/BTCUSDT-1m-2024-01.csv" onChange={(e) => setPath(e.target.value)} data-testid="import-path" />
        </label>
        <div className="data-actions">
          <button type="submit" className="btn btn-small" disabled={busy || path.trim() === ''} data-testid="import-path-go">{busy ? 'Importing…' : 'Import path'} <kbd>Enter</kbd></button>
        </div>
      </form>
      {error && <p className="field-error" role="alert" data-testid="import-error">{error}</p>}
      {last && (
        <p className="data-ok" data-testid="import-result">
          ✓ {last.fileName} → {last.instrument}: {last.rows.toLocaleString('en-US')} rows ({last.kind}), {fmtDate(last.firstMs)} → {fmtDate(last.lastMs)}; {last.duplicatesMerged} duplicate(s) merged; {last.gaps} gap(s)
        </p>
      )}
    </section>
  );
}
