/**
 * The Data screen's services over the data layer: the same functions as `cryptota
 * sources test|ls`, `cache ls|gaps|rm`, `sync` and `import`, with the connection settings
 * from the file beside the store (./connectionSettingsFile.ts). Upstream failures keep
 * the data layer's kinds (unreachable, auth_failed, database_missing, no_kline_tables...).
 */
import { mkdtempSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Db } from '../data/db';
import { CandleCache } from '../data/cache/candleCache';
import { importCsvToCache } from '../data/csvImport';
import { syncWithRetry } from '../data/syncWithRetry';
import { readSourceMapping } from '../data/timescale/settings';
import type { PgSettings } from '../data/timescale/settings';
import type { SourceMapping } from '../data/timescale/catalog';
import { SourceError } from '../data/timescale/sourceErrors';
import { TimescaleSource } from '../data/timescale/timescaleSource';
import { instrumentLabel, parseInstrumentSpec } from '../../shared/market/instrument';
import {
  COVERAGE_GAP_LIMIT,
  MAX_IMPORT_TEXT_BYTES,
  type InstrumentCoverage,
  type SourceFailureKind,
  type SourceTable,
  type SourceTestResult,
} from '../../shared/dataManagementTypes';
import { ApiFailure } from './errors';
import { pgSettingsFor } from './connectionSettingsFile';
import type { DataManagementApiService } from './services';

export function dataManagementApi(db: Db, settingsFile: string): DataManagementApiService {
  /** Settings and mapping, or a failure of kind 'settings' naming the bad file or variable. */
  const connection = (typed?: Parameters<typeof pgSettingsFor>[1]): { settings: PgSettings; mapping: SourceMapping } => {
    try {
      return { settings: pgSettingsFor(settingsFile, typed), mapping: readSourceMapping(settingsFile) };
    } catch (e) {
      throw new SourceFailure('settings', (e as Error).message);
    }
  };
  return {
    sourceTest: async (typed) => {
      try {
        const { settings, mapping } = connection(typed);
        const r = await TimescaleSource.test(settings, mapping);
        return {
          ok: true,
          server: r.server,
          serverVersion: r.serverVersion,
          timescaledb: r.timescaledb,
          tables: r.catalog.tables.map(tableInfo),
          skipped: r.catalog.skipped.map((s) => ({ ...s })),
        } satisfies SourceTestResult;
      } catch (e) {
        const f = asFailure(e);
        return { ok: false, kind: f.kind, message: f.message };
      }
    },
    tables: async () => {
      try {
        const { settings, mapping } = connection();
        const src = await TimescaleSource.connect(settings, mapping);
        try {
          const cat = await src.catalog();
          return { tables: cat.tables.map(tableInfo), skipped: cat.skipped.map((s) => ({ ...s })) };
        } finally {
          await src.close();
        }
      } catch (e) {
        throw unavailable(e);
      }
    },
    coverage: async () => {
      const cache = new CandleCache(db);
      return cache.list().map((i): InstrumentCoverage => {
        const gaps = cache.gaps(i.key);
        const shown = gaps.length <= COVERAGE_GAP_LIMIT
          ? gaps
          : [...gaps].sort((a, b) => b.missingBars - a.missingBars).slice(0, COVERAGE_GAP_LIMIT).sort((a, b) => a.fromMs - b.fromMs);
        const label = instrumentLabel(i.key);
        return {
          instrument: label,
          spec: `cache:${label}`,
          ...i.key,
          bars: i.bars,
          firstMs: i.firstMs ?? null,
          lastMs: i.lastMs ?? null,
          ranges: i.coverage.map((r) => ({ fromMs: r.fromMs, toMs: r.toMs })),
          gaps: shown.map((g) => ({ ...g })),
          gapCount: gaps.length,
          missingBars: gaps.reduce((s, g) => s + g.missingBars, 0),
        };
      });
    },
    sync: async (req, onProgress, signal) => {
      const key = parseInstrumentSpec(req.instrument);
      const label = instrumentLabel(key);
      const started = performance.now();
      let last = { rows: 0, doneMs: 0, totalMs: 0 };
      const emit = (retry: string | null) => onProgress({ instrument: label, ...last, elapsedMs: Math.round(performance.now() - started), retry });
      try {
        const { settings, mapping } = connection();
        const r = await syncWithRetry(db, settings, mapping, key, {
          fromMs: req.fromMs,
          toMs: req.toMs,
          refresh: req.refresh === true,
          signal,
          maxAttempts: (req.retries ?? 3) + 1,
          onProgress: (p) => {
            last = { rows: p.rows, doneMs: p.doneMs, totalMs: p.totalMs };
            emit(null);
          },
          onRetry: (e) => emit(`${e.error.kind}: ${e.error.message} — retrying in ${Math.round(e.delayMs / 1000)} s (attempt ${e.attempt + 1} of ${e.maxAttempts}); what is cached so far is kept`),
        });
        return {
          instrument: label,
          table: r.table,
          method: r.method,
          rows: r.totalRows,
          fetched: r.fetched.map((f) => ({ fromMs: f.fromMs, toMs: f.toMs })),
          attempts: r.attempts,
          seconds: (performance.now() - started) / 1000,
        };
      } catch (e) {
        if (signal.aborted || (e instanceof SourceError && e.kind === 'cancelled')) {
          throw new ApiFailure('cancelled', `sync of ${label} cancelled; the ${last.rows.toLocaleString('en-US')} bar(s) fetched are kept`);
        }
        throw unavailable(e);
      }
    },
    removeFromCache: async (instrument, fromMs, toMs) => {
      const key = parseInstrumentSpec(instrument);
      const label = instrumentLabel(key);
      const cache = new CandleCache(db);
      if (cache.findInstrument(key) === undefined) throw new ApiFailure('not-found', `${label} is not in the cache`);
      const whole = fromMs === undefined && toMs === undefined;
      const removedBars = cache.removeRange(key, whole ? undefined : { fromMs: fromMs ?? -8.64e15, toMs: toMs ?? 8.64e15 });
      return { instrument: label, removedBars };
    },
    importCsv: async (instrument, fileName, from) => {
      const key = parseInstrumentSpec(instrument);
      let path: string;
      let tempDir: string | null = null;
      if ('text' in from) {
        const bytes = Buffer.byteLength(from.text);
        if (bytes > MAX_IMPORT_TEXT_BYTES) {
          throw new ApiFailure('too-large', `${fileName} is ${bytes.toLocaleString('en-US')} bytes; the browser can send at most ${MAX_IMPORT_TEXT_BYTES.toLocaleString('en-US')}: give its path instead, or run cryptota import`);
        }
        if (/\.gz$/i.test(fileName)) throw new ApiFailure('invalid-argument', `${fileName} is compressed and cannot be sent as text: give its path, or unpack it first`);
        // The importer streams a file (and names it in its errors): the text goes to a private temp file under the user's file name.
        tempDir = mkdtempSync(join(tmpdir(), 'cryptota-import-'));
        path = join(tempDir, safeFileName(fileName));
        writeFileSync(path, from.text, { mode: 0o600 });
      } else {
        if (!existsSync(from.path)) throw new ApiFailure('invalid-argument', `no such file: ${from.path}`);
        path = from.path;
      }
      try {
        const r = await importCsvToCache(db, path, key);
        return {
          instrument: instrumentLabel(key),
          fileName,
          kind: r.kind,
          rows: r.rows,
          duplicatesMerged: r.duplicatesMerged,
          firstMs: r.firstMs,
          lastMs: r.lastMs,
          gaps: new CandleCache(db).gaps(key).length,
        };
      } finally {
        if (tempDir) rmSync(tempDir, { recursive: true, force: true });
      }
    },
  };
}

/** A failure of the settings themselves (bad file, bad variable), before any connection. */
class SourceFailure extends Error {
  constructor(readonly kind: SourceFailureKind, message: string) {
    super(message);
    this.name = 'SourceFailure';
  }
}

function asFailure(e: unknown): { kind: SourceFailureKind; message: string } {
  if (e instanceof SourceFailure || e instanceof SourceError) return { kind: e.kind, message: e.message };
  throw e;
}

/** "<kind>: <message>", so the screen can show the same kind as the connection test. */
function unavailable(e: unknown): ApiFailure {
  const f = asFailure(e);
  return new ApiFailure('unavailable', `${f.kind}: ${f.message}`);
}

function tableInfo(t: { key: { exchange: string; symbol: string; interval: string }; schema: string; table: string; openTimeKind: string }): SourceTable {
  return { ...t.key, schema: t.schema, table: t.table, openTime: t.openTimeKind };
}

/** The file's own name, reduced to characters safe in a path (never "..", never a folder). */
function safeFileName(name: string): string {
  const base = basename(name).replace(/[^\w.-]/g, '_');
  return /^\.*$/.test(base) ? 'upload.csv' : base;
}
