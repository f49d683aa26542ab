/**
 * Research through a Kafka consumer group versus the local pool, in one run.
 *
 *   npm run bench:cluster            table
 *   npm run bench:cluster -- --json  table, then one JSON object on the last line
 *
 * The 10x10 sma_cross grid of bench:research (n1 5..50 step 5, n2 60..240 step 20,
 * commission 0.001, satoshi quantity step) on the real BTCUSDT 1m sample (130,708 bars):
 *  1. locally on a warm pool of 1 thread and of all cores;
 *  2. through the broker (librdkafka's mock cluster over TCP, as the tests use) on 1 and
 *     on 2 `cryptota worker` processes of one thread each, the coordinator in this
 *     process. Each cluster configuration runs the grid once to warm up (workers load the
 *     data and compile the loop), then REPEATS times; the grid's wall time is counted from
 *     publishing the tasks to the last result (the coordinator's one-off group join, ~3-5 s,
 *     is reported apart). Workers run with --fetch-wait 20 (see startWorker).
 *  3. The per-task overhead: a grid of 100 one-combination tasks on 2,000 bars, where the
 *     work is negligible: (wall - the workers' own task time) / tasks.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDb } from '../src/main/data/db';
import { DataSetCache } from '../src/main/research/dataSetCache';
import { WorkerPool } from '../src/main/research/pool/workerPool';
import { runGridOnPool, type GridRunSpec } from '../src/main/research/optimize/gridRunner';
import { parseParamSpace } from '../src/main/research/optimize/paramSpace';
import { planGrid } from '../src/main/research/optimize/combinations';
import { brokerConfigFrom } from '../src/main/research/backtestJob';
import { smaCross } from '../src/main/engine/strategies/smaCross';
import { createKafka } from '../src/main/live/kafkaSettings';
import { KafkaGridExecutor, type ClusterRunStats } from '../src/main/research/cluster/kafkaGridExecutor';
import { encodeCell } from '../src/main/research/cluster/clusterProtocol';
import { startKafkaMock } from '../test/support/kafkaMock';
import { figure, log, report, type Figure } from './support/report';

type Unit = 'ms' | 'x' | 'combos/s';
const cores = availableParallelism();
const broker = brokerConfigFrom({ commission: 0.001, qtyStep: 1e-8 });
const REPEATS = 3;
const GROUP = 'bench-cluster';
const CLI = resolve('bin/cryptota.mjs');

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function gridCombos(space: Record<string, string>): GridRunSpec['combos'] {
  return planGrid(parseParamSpace('sma_cross', smaCross.params, space), []).combos;
}

/** A `cryptota worker` of one thread; resolves once it holds partitions. */
function startWorker(brokers: string, home: string): Promise<ChildProcess> {
  const env: NodeJS.ProcessEnv = { ...process.env, CRYPTOTA_HOME: home };
  delete env.KAFKA_BROKERS;
  // --fetch-wait 20: librdkafka's mock holds an empty fetch for its whole wait even when a
  // task arrives meanwhile (Kafka answers at once), which would add up to the default 100 ms
  // to each job's first task: an artefact of the test broker, not of the protocol.
  const child = spawn(process.execPath, [CLI, 'worker', '--brokers', brokers, '--group', GROUP, '--workers', '1', '--session-timeout', '6000', '--fetch-wait', '20'], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (t: string) => {
      out += t;
      if (/joined group \S+: partitions \d/.test(out)) res(child);
    });
    child.once('exit', (code) => rej(new Error(`worker exited (${code}) before joining: ${out}`)));
  });
}

async function stopWorker(c: ChildProcess): Promise<void> {
  if (c.exitCode !== null) return;
  const ended = new Promise((r) => c.once('exit', r));
  c.kill('SIGTERM');
  await ended;
}

async function main(): Promise<void> {
  const mock = await startKafkaMock(['research_tasks:12', 'research_results:4', 'research_control:1', 'research_workers:1']);
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'cryptota-bench-cluster-')), 'store.sqlite'));
  const workers: ChildProcess[] = [];
  const coordinatorPool = new WorkerPool({ size: 1 });
  const coordinatorData = new DataSetCache(coordinatorPool, db);
  const kafka = createKafka({ brokers: mock.brokers.split(','), clientId: 'bench-coordinator' });
  try {
    const combos = gridCombos({ n1: '5:50:5', n2: '60:240:20' });
    const full = { data: 'sample:BTCUSDT_1m' };
    const slice = { data: 'sample:BTCUSDT_1m', fromMs: Date.UTC(2025, 5, 1), toMs: Date.UTC(2025, 5, 1) + 2000 * 60_000 };

    // 1. Local.
    const local: Record<number, number> = {};
    let resultBytes = 0;
    for (const size of [...new Set([1, cores])]) {
      const pool = new WorkerPool({ size });
      const data = await new DataSetCache(pool, db).get(full);
      const spec: GridRunSpec = { dataId: data.dataId, strategy: 'sma_cross', broker, combos, periodReturns: true };
      await runGridOnPool(pool, spec);
      const times: number[] = [];
      for (let r = 0; r < REPEATS; r++) {
        const t0 = performance.now();
        await runGridOnPool(pool, spec);
        times.push(performance.now() - t0);
      }
      local[size] = median(times);
      if (size === 1) {
        // What one combination weighs on research_results (summary + daily returns of the year).
        const [cell] = await runGridOnPool(pool, { ...spec, combos: combos.slice(0, 1) });
        resultBytes = JSON.stringify(encodeCell(cell)).length;
      }
      log(`local pool of ${size}: ${local[size].toFixed(0)} ms for ${combos.length} combinations (${data.candles.length} bars)`);
      await pool.close();
    }

    // 2. Through the broker on 1, then 2 worker processes.
    const coordinated = await coordinatorData.get(full);
    const spec: GridRunSpec = { dataId: coordinated.dataId, strategy: 'sma_cross', broker, combos, periodReturns: true };
    const cluster: Record<number, { gridMs: number; setupMs: number; stats: ClusterRunStats }> = {};
    for (const n of [1, 2]) {
      while (workers.length < n) workers.push(await startWorker(mock.brokers, mkdtempSync(join(tmpdir(), 'cryptota-bench-worker-'))));
      // Give the group time to settle on its members (a rebalance mid-run would be measured).
      await new Promise((r) => setTimeout(r, 8000));
      // 10 tasks of 10: even work for 1 and 2 workers, and each task far above the overhead.
      const exec = new KafkaGridExecutor({ kafka, dataSets: coordinatorData, pool: coordinatorPool, data: full, strategy: { kind: 'name', name: 'sma_cross' }, taskSize: 10, group: GROUP });
      await exec.run(spec);
      const grid: number[] = [];
      const setup: number[] = [];
      let stats: ClusterRunStats | null = null;
      for (let r = 0; r < REPEATS; r++) {
        const t0 = performance.now();
        await exec.run(spec);
        stats = exec.lastRun();
        if (!stats) throw new Error('no cluster run figures');
        grid.push(stats.gridMs);
        setup.push(performance.now() - t0 - stats.gridMs);
        // Where the time goes: on the workers' pools, in the workers around them (loading data,
        // encoding), and between tasks (fetch, dispatch, result, commit), summed over workers.
        log(`  repeat ${r + 1}: ${stats.gridMs} ms; ${stats.computeMs} ms on the pools + ${stats.workerMs - stats.computeMs} ms around them + ${stats.gridMs * n - stats.workerMs} ms between tasks`);
      }
      cluster[n] = { gridMs: median(grid), setupMs: median(setup), stats: stats as ClusterRunStats };
      log(`cluster of ${n} worker process(es): grid ${cluster[n].gridMs.toFixed(0)} ms, coordinator setup ${cluster[n].setupMs.toFixed(0)} ms, tasks by worker ${JSON.stringify(stats?.byWorker)}`);
    }

    // 3. Per-task overhead on 2 workers: 100 tasks of one cheap combination each.
    const small = await coordinatorData.get(slice);
    const tiny: GridRunSpec = { dataId: small.dataId, strategy: 'sma_cross', broker, combos: gridCombos({ n1: '5:50:5', n2: '60:240:20' }), periodReturns: true };
    const exec = new KafkaGridExecutor({ kafka, dataSets: coordinatorData, pool: coordinatorPool, data: slice, strategy: { kind: 'name', name: 'sma_cross' }, taskSize: 1, group: GROUP });
    await exec.run(tiny);
    await exec.run(tiny);
    const t = exec.lastRun() as ClusterRunStats;
    const overheadMs = (t.gridMs * workers.length - t.workerMs) / t.tasks;
    log(`result size: ${resultBytes} bytes per combination (JSON, with its daily returns)`);
    log(`per-task overhead: ${t.tasks} tasks in ${t.gridMs} ms on ${workers.length} workers, ${t.workerMs} ms of it inside the workers → ${overheadMs.toFixed(1)} ms per task`);

    const rate = (ms: number): number => combos.length / (ms / 1000);
    const figures: Figure<Unit>[] = [
      figure('10x10 grid, 1 worker process via Kafka', 'ms', cluster[1].gridMs, 'local pool, 1 thread', local[1], '<= 1.3x local', (v) => v <= 1.3 * local[1]),
      figure('10x10 grid, 2 worker processes via Kafka', 'ms', cluster[2].gridMs, `local pool, ${cores} threads`, local[cores], '<= 1.3x local', (v) => v <= 1.3 * local[cores]),
      figure('throughput, 2 worker processes', 'combos/s', rate(cluster[2].gridMs), '1 worker process', rate(cluster[1].gridMs), 'scaling >= 1.6x', (v) => v >= 1.6 * rate(cluster[1].gridMs)),
      figure('per-task overhead (round trip, commit)', 'ms', overheadMs, 'one combination on 130,708 bars', local[1] / combos.length, '<= 25 ms', (v) => v <= 25),
      figure('coordinator setup (group join, publish)', 'ms', cluster[2].setupMs, 'whole local grid', local[cores], 'informational', () => true),
    ];
    report(figures, { width: 12, fmt: (u, v) => (u === 'combos/s' ? `${v.toFixed(0)}/s` : u === 'x' ? `${v.toFixed(2)}x` : `${v.toFixed(1)} ms`) }, {
      bench: 'cluster', cores, bars: coordinated.candles.length, combinations: combos.length,
      localMs: local, clusterGridMs: { 1: cluster[1].gridMs, 2: cluster[2].gridMs }, coordinatorSetupMs: cluster[2].setupMs,
      combosPerSecond: { local1: rate(local[1]), localAll: rate(local[cores]), cluster1: rate(cluster[1].gridMs), cluster2: rate(cluster[2].gridMs) },
      scaling: cluster[1].gridMs / cluster[2].gridMs, perTaskOverheadMs: overheadMs, tasks: cluster[2].stats.tasks,
      resultBytesPerCombination: resultBytes,
    });
  } finally {
    await Promise.all(workers.map(stopWorker));
    await coordinatorPool.close();
    db.close();
    await mock.stop();
  }
}

await main();
