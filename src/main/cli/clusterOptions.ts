/**
 * `--executor local|kafka` and its flags for research commands: where the combinations
 * of a grid run. Local (the default) is the worker pool of this process; kafka hands
 * them to `cryptota worker` processes through a consumer group.
 */
import { UsageError } from './command';
import { KAFKA_HELP, kafkaOptionSpec, kafkaSettingsFrom } from './liveOptions';
import { wholeNumberOption } from './researchOptions';
import { createKafka } from '../live/kafkaSettings';
import type { KafkaGridExecutor } from '../research/cluster/kafkaGridExecutor';
import { createClusterExecutor, type ClusterGridRequest } from '../research/cluster/clusterExecutor';
import { DEFAULT_WORKER_GROUP } from '../research/cluster/clusterProtocol';
import type { ResearchContext } from '../research/researchContext';

export const clusterOptionSpec = {
  executor: { type: 'string', default: 'local' },
  'task-ms': { type: 'string' },
  'task-size': { type: 'string' },
  group: { type: 'string' },
  ...kafkaOptionSpec,
} as const;

export const CLUSTER_HELP = `cluster:
  --executor local|kafka where the combinations run: this machine's worker threads (default) or
                         \`cryptota worker\` processes on a Kafka consumer group (the grids' results
                         are stored here as for a local run; single backtests run here)
  --task-ms <ms>         with kafka: target duration of one task (default 2000)
  --task-size <n>        with kafka: combinations per task (overrides --task-ms)
  --group <id>           with kafka: the workers' consumer group (default: ${DEFAULT_WORKER_GROUP})
${KAFKA_HELP}`;

export interface ClusterFlagValues {
  executor?: string;
  'task-ms'?: string;
  'task-size'?: string;
  group?: string;
  brokers?: string;
  'sasl-mechanism'?: string;
  'sasl-username'?: string;
  'sasl-password'?: string;
  ssl?: boolean;
}

/** Null for the local executor; checks the flags before any work starts. */
export function clusterExecutorFromFlags(v: ClusterFlagValues, log: (line: string) => void):
  ((ctx: ResearchContext, request: ClusterGridRequest) => Promise<KafkaGridExecutor>) | null {
  const executor = v.executor ?? 'local';
  if (executor !== 'local' && executor !== 'kafka') throw new UsageError(`--executor must be local or kafka (got "${executor}")`);
  if (executor === 'local') {
    for (const flag of ['task-ms', 'task-size', 'group', 'brokers'] as const) {
      if (v[flag] !== undefined) throw new UsageError(`--${flag} needs --executor kafka`);
    }
    return null;
  }
  const taskMs = wholeNumberOption('task-ms', v['task-ms']);
  const taskSize = wholeNumberOption('task-size', v['task-size']);
  if (taskMs === 0) throw new UsageError('--task-ms must be at least 1');
  if (taskSize === 0) throw new UsageError('--task-size must be at least 1');
  const group = (v.group ?? DEFAULT_WORKER_GROUP).trim();
  if (group === '') throw new UsageError('--group must not be empty');
  let kafka;
  try {
    kafka = createKafka({ ...kafkaSettingsFrom(v), clientId: 'cryptota-coordinator' });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  return (ctx, request) => createClusterExecutor(kafka, ctx, request, { taskMs, taskSize, group, log });
}

/**
 * Ends the process shortly after a cluster command finished if something still holds the
 * event loop: a kafkajs consumer that crashed during a broker outage may keep a restart
 * timer alive after it was disconnected, and a finished optimization must not hang on it.
 * The timer is unref'd, so a process that can exit on its own does so at once.
 */
export function exitSoonAfterCluster(graceMs = 3000): void {
  setTimeout(() => process.exit(), graceMs).unref();
}
