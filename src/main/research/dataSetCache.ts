/**
 * Data sets loaded into the worker pool, keyed by what the user asked for (spec and
 * range). A data set is read, validated and hashed once, copied into shared memory
 * once, and reused by every task and every later run on the same spec and range:
 *  - bundled samples never change: reused as they are;
 *  - CSV files are reused while their size and modification time are unchanged;
 *  - `cache:` specs are re-read each time (a sync may have added bars) and the shared
 *    copy is reused when the bars hash the same.
 * The least recently used sets beyond `capacity` are dropped from the workers.
 */
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Candles } from '../engine/candles';
import { loadCandlesForSpec } from '../data/dataSpec';
import type { Db } from '../data/db';
import { fingerprint, type DataFingerprint } from './runStore';
import type { WorkerPool } from './pool/workerPool';

export interface DataSetRequest {
  readonly data: string;
  /** Bars whose open time is in [fromMs, toMs): the loader's bounds. */
  readonly fromMs?: number;
  readonly toMs?: number;
}

export interface LoadedDataSet {
  readonly dataId: number;
  readonly candles: Candles;
  readonly source: string;
  readonly warnings: readonly string[];
  readonly fingerprint: DataFingerprint;
}

interface Entry {
  readonly version: string;
  readonly loaded: Promise<LoadedDataSet>;
}

export class DataSetCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly pool: WorkerPool,
    private readonly db?: Db,
    private readonly capacity = 4,
  ) {}

  async get(req: DataSetRequest): Promise<LoadedDataSet> {
    const key = `${req.data.trim()}|${req.fromMs ?? ''}|${req.toMs ?? ''}`;
    const version = versionOf(req.data.trim());
    const hit = this.entries.get(key);
    if (hit && version !== null && hit.version === version) {
      this.touch(key, hit);
      return hit.loaded;
    }
    const loaded = this.load(req, hit);
    const entry: Entry = { version: version ?? `reload:${Date.now()}`, loaded };
    this.entries.set(key, entry);
    loaded.catch(() => {
      if (this.entries.get(key) === entry) this.entries.delete(key);
    });
    this.touch(key, entry);
    this.evict();
    return loaded;
  }

  /** Drops every data set from the workers. */
  clear(): void {
    for (const e of this.entries.values()) e.loaded.then((d) => this.pool.dropData(d.dataId), () => {});
    this.entries.clear();
  }

  private async load(req: DataSetRequest, previous: Entry | undefined): Promise<LoadedDataSet> {
    const loaded = await loadCandlesForSpec(req.data, { db: this.db, fromMs: req.fromMs, toMs: req.toMs });
    const fp = fingerprint(loaded.candles);
    const before = previous ? await previous.loaded.catch(() => null) : null;
    if (before && before.fingerprint.hash === fp.hash) return { ...before, warnings: loaded.warnings ?? [] };
    if (before) this.pool.dropData(before.dataId);
    const shared = this.pool.loadData(loaded.candles);
    return { dataId: shared.dataId, candles: shared.candles, source: loaded.source, warnings: loaded.warnings ?? [], fingerprint: fp };
  }

  private touch(key: string, entry: Entry): void {
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  private evict(): void {
    while (this.entries.size > this.capacity) {
      const [key, oldest] = this.entries.entries().next().value as [string, Entry];
      this.entries.delete(key);
      oldest.loaded.then((d) => this.pool.dropData(d.dataId), () => {});
    }
  }
}

/** A token that changes when the spec's bars may have changed; null: always re-read. */
function versionOf(spec: string): string | null {
  if (spec === 'sample' || spec.startsWith('sample:')) return 'immutable';
  if (spec.startsWith('cache:')) return null;
  try {
    const st = statSync(resolve(spec));
    return `${st.size}:${st.mtimeMs}`;
  } catch {
    return null; // the loader reports the missing file
  }
}
