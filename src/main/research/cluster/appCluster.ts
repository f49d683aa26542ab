/**
 * The app's (API's) way to the research cluster: the Kafka of the saved connection
 * settings, read at each use so a broker list changed in Settings takes effect at once;
 * the worker roster for that Kafka; executors for research.optimize / walkforward.
 */
import type { Kafka } from 'kafkajs';
import { createKafka, resolveBrokers, type KafkaSettings } from '../../live/kafkaSettings';
import type { ResearchWorkersResult } from '../../../shared/researchWorkers';
import type { ResearchContext } from '../researchContext';
import { createClusterExecutor, type ClusterGridRequest } from './clusterExecutor';
import type { KafkaGridExecutor } from './kafkaGridExecutor';
import { WorkerRoster } from './workerRoster';

/** The first look at the heartbeat topic joins a consumer group: a few seconds, more on a slow broker. */
const ROSTER_START_LIMIT_MS = 30_000;

export class NoClusterError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NoClusterError';
  }
}

export class AppCluster {
  private current: { key: string; brokers: string[]; kafka: Kafka; roster: WorkerRoster } | null = null;

  /** `settings` is read at each use (the saved settings, or KAFKA_* variables). */
  constructor(private readonly settings: () => KafkaSettings) {}

  async workers(): Promise<ResearchWorkersResult> {
    const c = this.connection();
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        c.roster.start(),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(new Error(`no answer within ${ROSTER_START_LIMIT_MS / 1000} s`)), ROSTER_START_LIMIT_MS);
        }),
      ]);
    } catch (e) {
      throw new NoClusterError(`cannot read the research workers' heartbeats from Kafka ${c.brokers.join(',')}: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
    return { brokers: c.brokers, workers: c.roster.list() };
  }

  async executor(ctx: ResearchContext, request: ClusterGridRequest): Promise<KafkaGridExecutor> {
    return createClusterExecutor(this.connection().kafka, ctx, request);
  }

  async close(): Promise<void> {
    await this.current?.roster.stop();
    this.current = null;
  }

  private connection(): NonNullable<AppCluster['current']> {
    let settings: KafkaSettings;
    let brokers: string[];
    try {
      settings = this.settings();
      brokers = resolveBrokers(settings);
    } catch (e) {
      throw new NoClusterError(`no Kafka for research workers: ${(e as Error).message.replace('pass --brokers host:port[,host:port] or set KAFKA_BROKERS', 'set the brokers in Settings → Connections (or KAFKA_BROKERS)')}`);
    }
    const key = JSON.stringify({ brokers, ssl: settings.ssl, sasl: settings.sasl });
    if (this.current?.key !== key) {
      void this.current?.roster.stop();
      const kafka = createKafka({ ...settings, clientId: 'cryptota-app-research' });
      this.current = { key, brokers, kafka, roster: new WorkerRoster(kafka) };
    }
    return this.current;
  }
}
