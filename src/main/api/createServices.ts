/**
 * Builds the real services behind the API from one local store path. The Electron
 * shell passes a file in its user-data folder; `cryptota serve` and the tests pass
 * theirs. Nothing here imports Electron.
 */
import { dirname, join } from 'node:path';
import { openDb } from '../data/db';
import { BacktestService } from '../research/backtestService';
import { DataSetCache } from '../research/dataSetCache';
import { WorkerPool } from '../research/pool/workerPool';
import { workerCountSetting } from '../research/pool/poolSize';
import { backtestApi } from './backtestAdapter';
import { researchApi } from './researchAdapter';
import { AppCluster } from '../research/cluster/appCluster';
import { settingsApi } from './settingsAdapter';
import { applySecretsToEnv, FileSecrets, type SecretStore } from '../secretStore';
import { dataApi } from './dataAdapter';
import { indicatorApi } from './indicatorAdapter';
import type { ApiServices, LiveApiService } from './services';
import { startLiveForApi } from './liveWiring';
import { dataManagementApi } from './dataManagementAdapter';
import { connectionsApi } from './connectionsAdapter';
import { applyKafkaSettingsToEnv, kafkaSettingsFor } from './connectionSettingsFile';

export interface CreateServicesOptions {
  readonly dbPath: string;
  readonly strategiesDir?: string;
  readonly version?: string;
  readonly log?: (line: string) => void;
  /** A started live service, or null with the reason it is absent (default: started when KAFKA_BROKERS is set). */
  readonly live?: { service: LiveApiService | null; reason?: string; close?: () => Promise<void> };
  /** Research worker threads (default: $CRYPTOTA_WORKERS, else the machine's cores). */
  readonly workers?: number;
  /** Where passwords typed into the app are kept (default: an owner-only file in the app home). */
  readonly secrets?: SecretStore;
}

export async function createServices(opts: CreateServicesOptions): Promise<ApiServices> {
  // Default: an owner-only file beside the store, so each store (and each test) has its own.
  const secrets = opts.secrets ?? new FileSecrets(join(dirname(opts.dbPath), 'secrets.json'));
  // Stored passwords reach the services through the variables they read (a user's own variable wins).
  try {
    applySecretsToEnv(secrets);
  } catch (e) {
    opts.log?.(`stored passwords not used: ${(e as Error).message}`);
  }
  // Connection settings saved from the Settings screen live beside the store too (no passwords).
  const settingsFile = join(dirname(opts.dbPath), 'sources.json');
  try {
    applyKafkaSettingsToEnv(settingsFile);
  } catch (e) {
    opts.log?.(`saved Kafka settings not used: ${(e as Error).message}`);
  }
  const db = openDb(opts.dbPath);
  const workers = opts.workers ?? workerCountSetting();
  const pool = new WorkerPool({ size: workers, strategiesDir: opts.strategiesDir });
  const dataSets = new DataSetCache(pool, db);
  const research = new BacktestService(db, pool, dataSets, opts.strategiesDir);
  const data = dataApi(db, dataSets);
  // Research workers on the Kafka of the saved settings (read at each use: Settings may change it).
  const cluster = new AppCluster(() => kafkaSettingsFor(settingsFile));
  const live = opts.live ?? startLiveForApi(db, opts.strategiesDir, opts.log);
  return {
    appName: 'CryptoTA Workstation',
    version: opts.version ?? '0.1.0',
    dbPath: opts.dbPath,
    backtest: backtestApi(research, opts.strategiesDir),
    data,
    dataManagement: dataManagementApi(db, settingsFile),
    connections: connectionsApi(settingsFile),
    workers,
    indicators: indicatorApi(db),
    settings: settingsApi(secrets),
    research: researchApi({ pool, dataSets, db, strategiesDir: opts.strategiesDir }, cluster),
    live: live.service,
    liveUnavailableReason: live.reason ?? 'live service not started',
    close: async () => {
      for (const job of research.activeJobs()) research.cancel(job);
      await live.close?.();
      await cluster.close();
      await pool.close();
      db.close();
    },
  };
}
