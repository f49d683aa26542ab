/**
 * The live stack the live web and browser tests run against: librdkafka's mock cluster
 * (a real Kafka-protocol broker), the real live service on a SQLite store, and the
 * headless server with that service attached; optionally a second server without a live
 * feed (the app's default when KAFKA_BROKERS is unset). Plus the two helpers every such
 * test needs: replay sample candles into market_data_stream, and wait until the service
 * applied a number of closed bars (a timeout names the feed state and the service log).
 */
import { join } from 'node:path';
import { openDb, type Db } from '../../src/main/data/db';
import type { Candles } from '../../src/main/engine/candles';
import { getStrategy } from '../../src/main/engine/strategies/registry';
import { LiveService } from '../../src/main/live/liveService';
import { replayCandles, type ReplayFormat } from '../../src/main/live/replayProducer';
import { liveApi } from '../../src/main/api/liveAdapter';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import { startKafkaMock, type KafkaMock } from './kafkaMock';
import { kafkaClient, LIVE_TOPICS, waitFor } from '../live/liveHarness';

export interface LiveStackOptions {
  /** A temp folder the stack may write its stores into (the caller removes it). */
  readonly dir: string;
  /** The live service's consumer group. */
  readonly groupId: string;
  /** Makes the static folder the servers serve; runs while the Kafka mock starts (a renderer build takes seconds). */
  readonly staticDir: () => Promise<string>;
  /** Strategy folder of the servers (default: none). */
  readonly strategiesDir?: string;
  /** Also start a server without a live feed (`offApp`). */
  readonly withOffApp?: boolean;
  /** Encoding `replay` writes candles in. */
  readonly format: ReplayFormat;
  /** Writes into the store before the live service opens it (e.g. a hole recorded by an earlier run). */
  readonly seedStore?: (db: Db) => void;
}

export interface LiveStack {
  readonly mock: KafkaMock;
  readonly db: Db;
  readonly service: LiveService;
  /** The live service's log lines, oldest first. */
  readonly serviceLog: string[];
  /** The server with the live service attached. */
  readonly app: Headless;
  /** The server without a live feed, when `withOffApp` was asked for. */
  readonly offApp: Headless | undefined;
  /** Replays candles as BTCUSDT 1m into market_data_stream, at full speed. */
  replay(candles: Candles, opts?: { withUnclosed?: boolean }): Promise<void>;
  /** Waits until the live service applied `n` closed bars in all. */
  waitForBars(n: number, timeoutMs?: number): Promise<void>;
  /** Closes the servers, the store and the mock (the service stops with its server). */
  close(): Promise<void>;
}

export async function startLiveStack(o: LiveStackOptions): Promise<LiveStack> {
  let mock: KafkaMock | undefined;
  let db: Db | undefined;
  let app: Headless | undefined;
  let offApp: Headless | undefined;
  const close = async (): Promise<void> => {
    await app?.close();
    await offApp?.close();
    db?.close();
    await mock?.stop();
  };
  try {
    const [kafka, staticDir] = await Promise.all([startKafkaMock(LIVE_TOPICS), o.staticDir()]);
    mock = kafka;
    const dbPath = join(o.dir, 'store.sqlite');
    db = openDb(dbPath);
    o.seedStore?.(db);
    const serviceLog: string[] = [];
    const service = new LiveService({
      db, kafka: { brokers: mock.brokers.split(',') }, fromBeginning: true, groupId: o.groupId, pollMs: 200,
      resolveStrategy: async (n) => getStrategy(n), log: (line) => serviceLog.push(line),
    });
    await service.start();
    app = await startHeadless({
      dbPath, strategiesDir: o.strategiesDir, host: '127.0.0.1', port: 0, staticDir,
      live: { service: liveApi(service), close: async () => { await service.stop(); } },
    });
    if (o.withOffApp) {
      // Without KAFKA_BROKERS the server starts no live feed: the path the app takes by default.
      const saved = process.env.KAFKA_BROKERS;
      delete process.env.KAFKA_BROKERS;
      try {
        offApp = await startHeadless({ dbPath: join(o.dir, 'off.sqlite'), strategiesDir: o.strategiesDir, host: '127.0.0.1', port: 0, staticDir });
      } finally {
        if (saved !== undefined) process.env.KAFKA_BROKERS = saved;
      }
    }
    const brokers = mock.brokers;
    return {
      mock, db, service, serviceLog, app, offApp, close,
      async replay(candles, opts = {}) {
        await replayCandles({ kafka: kafkaClient(brokers), topic: 'market_data_stream', candles, symbol: 'BTCUSDT', interval: '1m', speed: Infinity, format: o.format, withUnclosed: opts.withUnclosed });
      },
      async waitForBars(n, timeoutMs = 45_000) {
        try {
          await waitFor(`${n} closed bars applied`, () => service.pipeline.counters.closed === n, timeoutMs);
        } catch (e) {
          const f = service.feedStatus;
          throw new Error(`${(e as Error).message}: ${service.pipeline.counters.closed} applied, feed ${f.state}${f.error ? ` (${f.error})` : ''}; log: ${serviceLog.slice(-8).join(' | ')}`);
        }
      },
    };
  } catch (e) {
    // A half-started stack: close what did start so the mock process does not outlive the test.
    await close();
    throw e;
  }
}
