/**
 * The app's side of the cluster through the real WebSocket API: research.workers lists
 * the `cryptota worker` processes heard on the heartbeat topic of the Kafka saved in
 * Settings, and research.optimize with executor 'kafka' runs the grid on them with the
 * same result as a local run.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import type { OptimizeRequest } from '../../src/shared/researchTypes';
import { WsTestClient } from '../web/wsTestClient';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { createKafka } from '../../src/main/live/kafkaSettings';
import { balanced, CLUSTER_TEST_TOPICS, killAll, startWorker, type Proc } from './clusterHarness';

let mock: KafkaMock;
let app: Headless;
let client: WsTestClient;
const procs: Proc[] = [];

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-cluster-api-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  delete process.env.KAFKA_BROKERS;
  [mock, app] = await Promise.all([
    startKafkaMock(CLUSTER_TEST_TOPICS),
    startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir, workers: 1 }),
  ]);
  client = await WsTestClient.open(`ws://127.0.0.1:${app.server.port}/api`);
});

afterAll(async () => {
  killAll(procs);
  client?.close();
  await app?.close();
  await mock?.stop();
});

const request: OptimizeRequest = {
  data: 'sample:BTCUSDT_1m', fromMs: Date.UTC(2025, 5, 1), toMs: Date.UTC(2025, 5, 3, 23, 59), strategy: 'sma_cross',
  space: { n1: '5:15:5', n2: '30:50:20' }, broker: {}, topK: 1,
};

describe('research workers through the API', () => {
  it('says no Kafka is configured, then lists the workers heard and runs a grid on them equal to a local run', async () => {
    const none = await client.raw('research.workers', {});
    expect(none.type === 'error' && none.error).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/no Kafka for research workers: .*Settings → Connections/) });
    const offCluster = await client.raw('research.optimize', { jobId: 'no-kafka', request, executor: 'kafka' });
    expect(offCluster.type === 'error' && offCluster.error, JSON.stringify(offCluster)).toMatchObject({ kind: 'unavailable' });

    // A Kafka used only for the live feed: no workers, and asking does not create their topic.
    const feedOnly = await startKafkaMock(['market_data_stream:1']);
    try {
      await client.call('settings.connections.set', { kafka: { brokers: feedOnly.brokers } });
      const noTopic = await client.raw('research.workers', {});
      expect(noTopic.type === 'error' && noTopic.error).toMatchObject({ kind: 'unavailable', message: expect.stringMatching(/no research_workers topic: no research worker has run against it/) });
      const admin = createKafka({ brokers: [feedOnly.brokers] }).admin();
      await admin.connect();
      expect(await admin.listTopics()).not.toContain('research_workers');
      await admin.disconnect();
    } finally {
      await feedOnly.stop();
    }

    const w = startWorker(mock.brokers, 'cryptota-research');
    procs.push(w);
    await balanced([w], 12);
    await client.call('settings.connections.set', { kafka: { brokers: mock.brokers } });
    const seen = await client.call('research.workers', {});
    expect(seen.brokers).toEqual([mock.brokers]);
    expect(seen.workers).toEqual([expect.objectContaining({ id: `${hostname()}:${w.child.pid}`, pid: w.child.pid, threads: 1, group: 'cryptota-research', alive: true })]);

    const [cluster, local] = await Promise.all([
      client.call('research.optimize', { jobId: 'on-kafka', request, executor: 'kafka' }),
      client.call('research.optimize', { jobId: 'local', request }),
    ]);
    expect(cluster.summary.evaluated).toBe(6);
    expect(cluster.summary.best).toEqual({ ...local.summary.best, runId: cluster.summary.best?.runId });
    expect(cluster.summary.pbo).toEqual(local.summary.pbo);
    expect(w.output()).toMatch(/task \S+ done/);
    // The roster keeps counting: the worker's tasks show in its next heartbeats.
    await expect.poll(async () => (await client.call('research.workers', {})).workers[0]?.tasksDone, { timeout: 10_000 }).toBeGreaterThan(0);
    w.child.kill('SIGTERM');
    await w.finished(10_000);
  }, 180_000);
});
