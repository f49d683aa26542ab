/**
 * Starts the live service (Kafka feed, paper sessions, alerts) for the API when a
 * broker list is configured (KAFKA_BROKERS). The feed connects in the background, so
 * an unreachable broker shows as a "down" feed in the UI instead of blocking start-up.
 * At most one live service per store: when `cryptota paper start` already runs one,
 * the API says so.
 */
import type { Db } from '../data/db';
import { LiveService } from '../live/liveService';
import { claimService, releaseService } from '../live/serviceLock';
import { resolveStrategy } from '../research/strategyLoader';
import type { LiveApiService } from './services';
import { liveApi } from './liveAdapter';

export interface LiveWiring {
  service: LiveApiService | null;
  reason?: string;
  close?: () => Promise<void>;
}

export function startLiveForApi(db: Db, strategiesDir: string | undefined, log: (line: string) => void = () => {}): LiveWiring {
  if (!process.env.KAFKA_BROKERS) {
    return { service: null, reason: 'no live feed configured: set KAFKA_BROKERS=host:port and start the app again' };
  }
  const other = claimService(db);
  if (other) {
    return { service: null, reason: `the live service already runs in process ${other.pid} (cryptota paper start); stop it to see live data here` };
  }
  const live = new LiveService({ db, kafka: {}, resolveStrategy: (name) => resolveStrategy(name, strategiesDir), log });
  void live.start().catch((e: unknown) => log(`live feed: ${e instanceof Error ? e.message : String(e)}`));
  return {
    service: liveApi(live),
    close: async () => {
      await live.stop().catch(() => {});
      releaseService(db);
    },
  };
}
