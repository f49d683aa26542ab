/** What the Data screen asks of the services, and how the answers land in ./dataStore.ts. */
import { api } from '../api/client';
import { message } from '../store/actions';
import { setState } from '../store/appStore';
import { MAX_IMPORT_TEXT_BYTES } from '../../../shared/dataManagementTypes';
import { getData, setData, setPlace } from './dataStore';

export async function testSource(): Promise<void> {
  setData({ testing: true });
  setPlace('source', null);
  try {
    setData({ source: await api.call('data.sourceTest', {}) });
  } catch (e) {
    setPlace('source', message(e));
  } finally {
    setData({ testing: false });
  }
}

export async function loadCoverage(): Promise<void> {
  try {
    setData({ coverage: await api.call('data.coverage', {}) });
    setPlace('coverage', null, getData().notices.coverage ?? null);
    // The backtest form's data list offers cached instruments: keep it in step.
    setState({ sources: await api.call('data.sources', {}) });
  } catch (e) {
    setPlace('coverage', message(e));
  }
}

export interface SyncInput {
  instrument: string;
  fromMs?: number;
  toMs?: number;
  refresh?: boolean;
}

export async function startSync(input: SyncInput): Promise<void> {
  if (getData().sync) return;
  const jobId = `sync-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  setData({ sync: { jobId, instrument: input.instrument, refresh: input.refresh === true, progress: null, cancelling: false }, lastSync: null });
  setPlace('sync', null);
  const off = api.on('data.syncProgress', (p) => {
    const job = getData().sync;
    if (job && p.jobId === job.jobId) setData({ sync: { ...job, progress: p } });
  });
  try {
    const result = await api.call('data.sync', { jobId, ...input });
    setData({ lastSync: result });
  } catch (e) {
    const text = message(e);
    if (/cancelled/.test(text)) setPlace('sync', null, text);
    else setPlace('sync', text);
  } finally {
    off();
    setData({ sync: null });
    await loadCoverage();
  }
}

export async function cancelSync(): Promise<void> {
  const job = getData().sync;
  if (!job || job.cancelling) return;
  setData({ sync: { ...job, cancelling: true } });
  await api.call('data.cancel', { jobId: job.jobId }).catch(() => undefined);
}

export async function removeFromCache(instrument: string, fromMs?: number, toMs?: number): Promise<void> {
  setPlace('remove', null);
  try {
    const r = await api.call('data.cacheRemove', { instrument, fromMs, toMs });
    setPlace('remove', null, `${r.instrument}: removed ${r.removedBars.toLocaleString('en-US')} bar(s)`);
  } catch (e) {
    setPlace('remove', message(e));
  }
  await loadCoverage();
}

/** Reads a picked or dropped file and imports it; refuses a file too large to send before reading it. */
export async function importFile(instrument: string, file: File): Promise<void> {
  if (file.size > MAX_IMPORT_TEXT_BYTES) {
    setPlace('import', `${file.name} is ${file.size.toLocaleString('en-US')} bytes; the app can send at most ${MAX_IMPORT_TEXT_BYTES.toLocaleString('en-US')} from the browser: give its path below, or run cryptota import`);
    return;
  }
  if (/\.gz$/i.test(file.name)) {
    setPlace('import', `${file.name} is compressed: unpack it first, or give its path below`);
    return;
  }
  await runImport(instrument, file.name, { text: await file.text() });
}

export async function importPath(instrument: string, path: string): Promise<void> {
  await runImport(instrument, path.split(/[\\/]/).pop() || path, { path });
}

async function runImport(instrument: string, fileName: string, from: { text: string } | { path: string }): Promise<void> {
  setData({ importing: true, lastImport: null });
  setPlace('import', null);
  try {
    setData({ lastImport: await api.call('data.import', { instrument, fileName, ...from }) });
  } catch (e) {
    setPlace('import', message(e));
  } finally {
    setData({ importing: false });
  }
  await loadCoverage();
}
