/**
 * The one way to build a cluster executor for an optimization or a walk-forward, for the
 * CLI (`--executor kafka`) and the API (`executor: 'kafka'`): the request's data as
 * runOptimization loads it, and its strategy as workers receive it.
 */
import type { Kafka } from 'kafkajs';
import type { OptimizeRequest } from '../../../shared/researchTypes';
import type { ResearchContext } from '../researchContext';
import { resolveStrategy } from '../strategyLoader';
import { KafkaGridExecutor } from './kafkaGridExecutor';
import { strategyRefFor } from './strategyShipping';

/** What the executor needs of an optimize or walk-forward request. */
export type ClusterGridRequest = Pick<OptimizeRequest, 'data' | 'strategy' | 'fromMs' | 'toMs'>;

export interface ClusterExecutorOptions {
  readonly group?: string;
  readonly taskMs?: number;
  readonly taskSize?: number;
  readonly log?: (line: string) => void;
}

export async function createClusterExecutor(kafka: Kafka, ctx: ResearchContext, request: ClusterGridRequest, opts: ClusterExecutorOptions = {}): Promise<KafkaGridExecutor> {
  const strategy = await resolveStrategy(request.strategy, ctx.strategiesDir);
  return new KafkaGridExecutor({
    kafka, dataSets: ctx.dataSets, pool: ctx.pool,
    // As runOptimization loads it: the request's `toMs` is inclusive, the loader's bound exclusive.
    data: { data: request.data, fromMs: request.fromMs, toMs: request.toMs === undefined ? undefined : request.toMs + 1 },
    strategy: strategyRefFor(request.strategy, strategy.name),
    ...opts,
  });
}
