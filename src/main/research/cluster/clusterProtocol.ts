/**
 * What research coordinators and `cryptota worker` processes say to each other over
 * Kafka. Every record is one JSON object, checked with zod when read (a record from
 * another version or another program is reported and skipped, never a crash).
 *
 * Topics:
 *  - research_tasks    coordinator → one worker of the group: a chunk of a grid (key = task id)
 *  - research_results  worker → coordinator: "started" and "result" records (key = task id)
 *  - research_control  coordinator → every worker: cancel / finished records for a job
 *  - research_workers  worker → anyone: heartbeats (key = worker id)
 *
 * Numbers in summaries are finite or null, so JSON carries them exactly; per-period
 * returns travel as the raw bytes of their Float64Array (base64), NaN included, so a
 * cell computed on a worker is bit-for-bit the cell a local run computes.
 */
import { z } from 'zod';
import type { BrokerConfig } from '../../engine/brokerTypes';
import type { ParamValue } from '../../engine/strategy';
import { SUMMARY_STAT_KEYS, type SummaryRecord } from '../../../shared/researchTypes';
import type { GridCellResult } from '../pool/tasks';

export const CLUSTER_TOPICS = {
  tasks: 'research_tasks',
  results: 'research_results',
  control: 'research_control',
  workers: 'research_workers',
} as const;

export const DEFAULT_WORKER_GROUP = 'cryptota-research';

/** A worker counts as there (takes tasks) while its last heartbeat (every 2 s) is this recent. */
export const WORKER_SEEN_FOR_MS = 10_000;

/** The data a task runs on: the spec and bounds the coordinator loaded, and the hash of its bars. */
export interface DataRef {
  readonly data: string;
  readonly fromMs?: number;
  /** Exclusive bound, as DataSetCache takes it. */
  readonly toMs?: number;
  /** runStore.hashCandles of the bars the coordinator loaded. */
  readonly hash: string;
  readonly bars: number;
}

/** A built-in (or a strategy every worker has installed) by name, or user code with its hash. */
export type StrategyRef =
  | { readonly kind: 'name'; readonly name: string }
  | { readonly kind: 'source'; readonly name: string; readonly ext: '.ts' | '.js' | '.mjs'; readonly source: string; readonly hash: string };

export interface TaskRecord {
  readonly type: 'grid';
  readonly jobId: string;
  readonly taskId: string;
  /**
   * The worker group the task is for. Every consumer group on research_tasks reads every
   * task; workers of another group (another team's cluster on the same Kafka) skip it.
   */
  readonly group: string;
  /** When the coordinator first published the job (epoch ms): workers skip very old tasks. */
  readonly issuedAt: number;
  readonly data: DataRef;
  readonly strategy: StrategyRef;
  readonly broker: BrokerConfig;
  readonly combos: readonly { readonly index: number; readonly params: Record<string, ParamValue> }[];
  readonly range?: { readonly from: number; readonly to: number; readonly tradeFrom?: number };
  readonly periodReturns?: boolean;
}

export type ResultRecord =
  | { readonly type: 'started'; readonly jobId: string; readonly taskId: string; readonly worker: string }
  | {
      readonly type: 'result'; readonly jobId: string; readonly taskId: string; readonly worker: string;
      /** From taking the task to its result ready; `computeMs` of it on the pool (optional: older workers). */
      readonly elapsedMs: number; readonly computeMs?: number; readonly cells: readonly WireCell[];
    }
  | {
      /** `refused`: this worker cannot run it (data differs, user code not allowed) but another may. */
      readonly type: 'error'; readonly jobId: string; readonly taskId: string; readonly worker: string;
      readonly refused: boolean; readonly error: string;
    };

export interface ControlRecord {
  readonly type: 'cancel';
  readonly jobId: string;
  /** 'cancelled' by the user, or 'finished' (late duplicates of its tasks are skipped). */
  readonly reason: 'cancelled' | 'finished';
  readonly at: number;
}

export interface HeartbeatRecord {
  readonly type: 'heartbeat';
  readonly worker: string;
  readonly host: string;
  readonly pid: number;
  readonly cores: number;
  readonly threads: number;
  readonly version: string;
  readonly group: string;
  readonly tasksDone: number;
  readonly tasksCancelled: number;
  readonly tasksSkipped: number;
  readonly tasksRefused: number;
  readonly running: number;
  readonly startedAt: number;
  readonly at: number;
  /** Set on the last heartbeat of a worker that is stopping. */
  readonly stopping?: boolean;
}

export interface WireCell {
  readonly index: number;
  readonly summary: SummaryRecord | null;
  readonly rejectedOrders: number;
  readonly error?: string;
  /** base64 of the Float64Array's bytes (little-endian, as every platform Node runs on). */
  readonly periodReturns?: string;
}

export function encodeCell(c: GridCellResult): WireCell {
  return {
    index: c.index, summary: c.summary, rejectedOrders: c.rejectedOrders,
    ...(c.error !== undefined ? { error: c.error } : {}),
    ...(c.periodReturns ? { periodReturns: Buffer.from(c.periodReturns.buffer, c.periodReturns.byteOffset, c.periodReturns.byteLength).toString('base64') } : {}),
  };
}

export function decodeCell(w: WireCell): GridCellResult {
  const cell: GridCellResult = {
    index: w.index, summary: w.summary, rejectedOrders: w.rejectedOrders,
    ...(w.error !== undefined ? { error: w.error } : {}),
  };
  if (w.periodReturns === undefined) return cell;
  const bytes = Buffer.from(w.periodReturns, 'base64');
  if (bytes.byteLength % 8 !== 0) throw new Error(`cell ${w.index}: periodReturns is ${bytes.byteLength} bytes, not a whole number of doubles`);
  // Copy into a fresh, aligned buffer (a Buffer's offset in its pool may not be a multiple of 8).
  const returns = new Float64Array(bytes.byteLength / 8);
  new Uint8Array(returns.buffer).set(bytes);
  return { ...cell, periodReturns: returns };
}

// ---- schemas (the reading side) ----

const paramValue = z.union([z.number(), z.string(), z.boolean()]);
const summarySchema = z.object(Object.fromEntries(SUMMARY_STAT_KEYS.map((k) => [k, z.number().nullable()])) as Record<(typeof SUMMARY_STAT_KEYS)[number], z.ZodNullable<z.ZodNumber>>);

const dataRefSchema = z.object({
  data: z.string().min(1),
  fromMs: z.number().optional(),
  toMs: z.number().optional(),
  hash: z.string().min(1),
  bars: z.number().int().nonnegative(),
});

const strategyRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('name'), name: z.string().min(1) }),
  z.object({ kind: z.literal('source'), name: z.string().min(1), ext: z.enum(['.ts', '.js', '.mjs']), source: z.string(), hash: z.string().regex(/^[0-9a-f]{64}$/) }),
]);

const brokerSchema = z.object({
  cash: z.number(), commission: z.number(), slippageBps: z.number(), qtyStep: z.number(), minNotional: z.number(), tradeOnClose: z.boolean(),
});

const taskSchema = z.object({
  type: z.literal('grid'),
  jobId: z.string().min(1),
  taskId: z.string().min(1),
  group: z.string().min(1),
  issuedAt: z.number(),
  data: dataRefSchema,
  strategy: strategyRefSchema,
  broker: brokerSchema,
  combos: z.array(z.object({ index: z.number().int().nonnegative(), params: z.record(z.string(), paramValue) })).min(1),
  range: z.object({ from: z.number().int(), to: z.number().int(), tradeFrom: z.number().int().optional() }).optional(),
  periodReturns: z.boolean().optional(),
});

const wireCellSchema = z.object({
  index: z.number().int().nonnegative(),
  summary: summarySchema.nullable(),
  rejectedOrders: z.number(),
  error: z.string().optional(),
  periodReturns: z.string().optional(),
});

const resultSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('started'), jobId: z.string(), taskId: z.string(), worker: z.string() }),
  z.object({ type: z.literal('result'), jobId: z.string(), taskId: z.string(), worker: z.string(), elapsedMs: z.number(), computeMs: z.number().optional(), cells: z.array(wireCellSchema) }),
  z.object({ type: z.literal('error'), jobId: z.string(), taskId: z.string(), worker: z.string(), refused: z.boolean(), error: z.string() }),
]);

const controlSchema = z.object({
  type: z.literal('cancel'), jobId: z.string().min(1), reason: z.enum(['cancelled', 'finished']), at: z.number(),
});

const heartbeatSchema = z.object({
  type: z.literal('heartbeat'), worker: z.string(), host: z.string(), pid: z.number(), cores: z.number(), threads: z.number(),
  version: z.string(), group: z.string(), tasksDone: z.number(), tasksCancelled: z.number(), tasksSkipped: z.number(),
  tasksRefused: z.number(), running: z.number(), startedAt: z.number(), at: z.number(), stopping: z.boolean().optional(),
});

export const parseTask = (value: Buffer | null): TaskRecord => parseRecord('task', taskSchema, value);
export const parseResult = (value: Buffer | null): ResultRecord => parseRecord('result', resultSchema, value);
export const parseControl = (value: Buffer | null): ControlRecord => parseRecord('control record', controlSchema, value);
export const parseHeartbeat = (value: Buffer | null): HeartbeatRecord => parseRecord('heartbeat', heartbeatSchema, value);

function parseRecord<T>(what: string, schema: z.ZodType<T>, value: Buffer | null): T {
  if (value === null) throw new Error(`empty ${what} record`);
  let json: unknown;
  try {
    json = JSON.parse(value.toString('utf8'));
  } catch (e) {
    throw new Error(`${what} record is not JSON: ${(e as Error).message}`);
  }
  const r = schema.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new Error(`malformed ${what} record: ${issue.path.join('.') || '(root)'} ${issue.message}`);
  }
  return r.data;
}
