/** What research jobs run on: the warm worker pool, its data sets and the local store. */
import type { Db } from '../data/db';
import type { DataSetCache } from './dataSetCache';
import type { WorkerPool } from './pool/workerPool';
import { ResearchStore } from './researchStore';
import { RunStore } from './runStore';

export interface ResearchContext {
  readonly pool: WorkerPool;
  readonly dataSets: DataSetCache;
  readonly db: Db;
  readonly strategiesDir?: string;
}

export function storesOf(ctx: ResearchContext): { research: ResearchStore; runs: RunStore } {
  return { research: new ResearchStore(ctx.db), runs: new RunStore(ctx.db) };
}

export interface JobOptions<P> {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: P) => void;
}
