/**
 * How a worker gets the bars a task names. Through its own DataSetCache first (bundled
 * samples, its SQLite cache for `cache:` specs, or the same file path), which keeps the
 * set in shared memory for the next task. When a `cache:` spec is not in this worker's
 * cache, or holds fewer bars than the coordinator's, the worker fetches the missing
 * ranges from the shared TimescaleDB with its own connection settings (PG* variables,
 * $CRYPTOTA_HOME/sources.json), exactly as `cryptota sync` would, and loads it again.
 * Whatever it ends up with must hash as the coordinator's bars, or the task is refused.
 */
import type { Db } from '../../data/db';
import { syncWithRetry } from '../../data/syncWithRetry';
import type { SourceMapping } from '../../data/timescale/catalog';
import { describeSettings, type PgSettings } from '../../data/timescale/settings';
import { instrumentLabel, parseInstrumentSpec } from '../../../shared/market/instrument';
import type { DataSetCache, LoadedDataSet } from '../dataSetCache';
import type { DataRef } from './clusterProtocol';

/** Where a worker fetches `cache:` specs its cache lacks. */
export interface TimescaleAccess {
  readonly settings: PgSettings;
  readonly mapping: SourceMapping;
}

/** The task's data is not (or not the same) here; another worker may have it. */
export class DataRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataRefused';
  }
}

export class TaskData {
  /** Fetches in flight, by spec and range: two tasks on the same data fetch it once. */
  private readonly fetching = new Map<string, Promise<void>>();

  constructor(
    private readonly dataSets: DataSetCache,
    private readonly db: Db,
    private readonly source: TimescaleAccess | null,
    private readonly log: (line: string) => void,
  ) {}

  /** The task's bars, loaded here (or fetched from TimescaleDB first); DataRefused when they are not the coordinator's. */
  async load(ref: DataRef, signal?: AbortSignal): Promise<LoadedDataSet> {
    const req = { data: ref.data, fromMs: ref.fromMs, toMs: ref.toMs };
    let loaded: LoadedDataSet | null = null;
    let why = '';
    try {
      loaded = await this.dataSets.get(req);
    } catch (e) {
      why = (e as Error).message;
    }
    if ((loaded === null || loaded.fingerprint.bars < ref.bars) && this.source && ref.data.trim().startsWith('cache:')) {
      const have = loaded === null ? 'not in the cache here' : `${loaded.fingerprint.bars} of ${ref.bars} bars here`;
      await this.fetch(ref, have, this.source, signal);
      try {
        loaded = await this.dataSets.get(req);
      } catch (e) {
        loaded = null;
        why = (e as Error).message;
      }
    }
    if (loaded === null) throw new DataRefused(`cannot load ${describeData(ref)} here: ${why}`);
    if (loaded.fingerprint.hash !== ref.hash) {
      throw new DataRefused(
        `data mismatch for ${describeData(ref)}: this worker's bars hash to ${loaded.fingerprint.hash} (${loaded.fingerprint.bars} bars), ` +
        `the task expects ${ref.hash} (${ref.bars} bars); give this worker the same data (sync its cache or copy the file)`,
      );
    }
    return loaded;
  }

  private fetch(ref: DataRef, have: string, source: TimescaleAccess, signal?: AbortSignal): Promise<void> {
    const id = `${ref.data}|${ref.fromMs ?? ''}|${ref.toMs ?? ''}`;
    const running = this.fetching.get(id);
    if (running) return running;
    const where = describeSettings(source.settings);
    const p = (async () => {
      let key;
      try {
        key = parseInstrumentSpec(ref.data);
      } catch (e) {
        throw new DataRefused(`cannot load ${describeData(ref)} here: ${(e as Error).message}`);
      }
      this.log(`${describeData(ref)}: ${have}; fetching it from TimescaleDB ${where}`);
      try {
        const r = await syncWithRetry(this.db, source.settings, source.mapping, key, {
          fromMs: ref.fromMs, toMs: ref.toMs, signal, maxAttempts: 3,
          onRetry: (e) => this.log(`TimescaleDB: ${e.error.message}; retrying in ${Math.round(e.delayMs / 1000)} s`),
        });
        this.log(`${instrumentLabel(key)}: fetched ${r.totalRows} bar(s) from ${r.table}`);
      } catch (e) {
        if ((e as Error).name === 'AbortError') throw e;
        throw new DataRefused(`${describeData(ref)} is ${have}, and fetching it from TimescaleDB ${where} failed: ${(e as Error).message}`);
      }
    })().finally(() => this.fetching.delete(id));
    this.fetching.set(id, p);
    return p;
  }
}

export function describeData(ref: DataRef): string {
  const { data, fromMs, toMs } = ref;
  const range = fromMs !== undefined || toMs !== undefined ? ` [${fromMs === undefined ? '…' : new Date(fromMs).toISOString()}, ${toMs === undefined ? '…' : new Date(toMs).toISOString()})` : '';
  return `${data}${range}`;
}
