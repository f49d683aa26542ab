/**
 * The research workers in real Chromium: with Kafka saved in Settings and a `cryptota
 * worker` process on the Kafka-protocol broker, the status bar counts it, Settings lists
 * it, and an optimization run with "Run on: Research workers" is computed by it.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHOTS, startWorkstationApp, type WorkstationApp } from './support/workstationApp';
import { poll } from './support/browserPage';
import { WorkstationPage } from './pages/workstationPage';
import { ResearchPage } from './pages/researchPage';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { balanced, CLUSTER_TEST_TOPICS, killAll, startWorker, tasksLogged, type Proc } from '../cluster/clusterHarness';
import type { OptimizationSummary } from '../../src/shared/researchTypes';

let mock: KafkaMock;
let wa: WorkstationApp;
let worker: Proc;

beforeAll(async () => {
  delete process.env.KAFKA_BROKERS;
  mock = await startKafkaMock(CLUSTER_TEST_TOPICS);
  worker = startWorker(mock.brokers, 'cryptota-research');
  const [app] = await Promise.all([startWorkstationApp('cryptota-e2e-cluster-'), balanced([worker], 12)]);
  wa = app;
  wa.page.setDefaultTimeout(90_000);
  // As saved from Settings → Connections.
  await wa.app.services.connections.set({ kafka: { brokers: mock.brokers } });
  await new WorkstationPage(wa.page).open(wa.url);
}, 240_000);

afterAll(async () => {
  killAll(worker ? [worker] : []);
  await wa?.close();
  await mock?.stop();
});

describe('research workers in the app', { timeout: 240_000 }, () => {
  it('counts the worker in the status bar, lists it in Settings, and runs an optimization on it', async () => {
    await poll(() => wa.page.getByTestId('status-workers').textContent()).toBe('Workers: 1');
    await new WorkstationPage(wa.page).goTo('settings');
    const row = wa.page.getByTestId('research-workers-table').locator('tbody tr');
    await poll(() => row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe(String(worker.child.pid));
    await wa.page.setViewportSize({ width: 1024, height: 700 });
    await wa.page.screenshot({ path: join(SHOTS, 'research-workers-settings-1024x700.png') });
    await wa.page.setViewportSize({ width: 1600, height: 1000 });

    const rp = new ResearchPage(wa.page);
    await rp.openOptimize();
    await rp.chooseData('sample:BTCUSDT_1h');
    await rp.chooseStrategy('sma_cross');
    await rp.setRange('n1', 5, 20, 5);
    await rp.setRange('n2', 30, 90, 30);
    await poll(() => rp.comboCount()).toBe('12 combinations');
    await wa.page.getByTestId('research-executor').selectOption('kafka');
    expect(await wa.page.getByTestId('research-executor').locator('option:checked').textContent()).toBe('Research workers (1 on Kafka)');
    await rp.pressEnterToRun();
    await rp.waitForOptimization();
    const [job] = await wa.app.services.research.list(1, 0, 'optimize');
    const summary = (await wa.app.services.research.get(job.id))?.result as OptimizationSummary;
    expect(summary.evaluated).toBe(12);
    expect(tasksLogged(worker, 'done').length).toBeGreaterThan(0);
    expect(wa.pageErrors).toEqual([]);
  });
});
