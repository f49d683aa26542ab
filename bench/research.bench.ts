/**
 * Research throughput on the worker pool.
 *
 *   npm run bench:research            table
 *   npm run bench:research -- --json  table, then one JSON object on the last line
 *
 * 1. The 10x10 sma_cross grid (n1 5..50 step 5, n2 60..240 step 20, commission 0.001,
 *    satoshi quantity step, objective Return [%]) on the real BTCUSDT 1m sample
 *    (130,708 bars), on a warm pool of 1 worker and of all cores in the same run:
 *    wall time, combinations per second, and the scaling ratio. Also the whole
 *    `optimize` (cells stored, top 3 re-run in full and saved, PBO and Deflated Sharpe)
 *    on all cores. backtesting.py takes about 40 s for this grid on a 2-core machine.
 * 2. A 1,000-combination grid on 1,000,000 bars (the 1m sample tiled with shifted
 *    times) on all cores, with the process's memory (RSS) sampled every 100 ms: the
 *    curve must stay flat once the workers' indicator caches (byte-bounded, 256 MB
 *    each) have filled, i.e. the peak no more than 10% above the level a quarter of
 *    the way through the run.
 * 3. Cancel latency: abort() during a long grid until the pool has stopped.
 */
import { availableParallelism, tmpdir } from 'node:os';
import { mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { createCandles } from '../src/main/engine/candles';
import { loadSample } from '../src/main/data/candleFiles';
import { openDb } from '../src/main/data/db';
import { WorkerPool } from '../src/main/research/pool/workerPool';
import { DataSetCache } from '../src/main/research/dataSetCache';
import { runGridOnPool } from '../src/main/research/optimize/gridRunner';
import { runOptimization } from '../src/main/research/optimize/optimizer';
import { parseParamSpace } from '../src/main/research/optimize/paramSpace';
import { planGrid } from '../src/main/research/optimize/combinations';
import { brokerConfigFrom } from '../src/main/research/backtestJob';
import { smaCross } from '../src/main/engine/strategies/smaCross';
import { figure, log, report, type Figure } from './support/report';
import { tileBars } from './support/tileBars';

type Unit = 'ms' | 'x' | 'MB' | 'combos/s';
const cores = availableParallelism();
const broker = brokerConfigFrom({ commission: 0.001, qtyStep: 1e-8 });
const GRID = { n1: '5:50:5', n2: '60:240:20' };
const REPEATS = 7;

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}


async function gridWall(pool: WorkerPool, dataId: number, combos: ReturnType<typeof planGrid>['combos']): Promise<number> {
  const t0 = performance.now();
  await runGridOnPool(pool, { dataId, strategy: 'sma_cross', broker, combos, periodReturns: true });
  return performance.now() - t0;
}

async function main(): Promise<void> {
  const sample = loadSample('BTCUSDT_1m');
  const space = parseParamSpace('sma_cross', smaCross.params, GRID);
  const grid = planGrid(space, []);
  log(`10x10 grid: ${grid.combos.length} combinations on ${sample.length.toLocaleString('en-US')} bars; ${cores} cores`);

  const walls: Record<number, number> = {};
  for (const size of [1, cores]) {
    const pool = new WorkerPool({ size });
    const { dataId } = pool.loadData(sample);
    await gridWall(pool, dataId, grid.combos); // JIT warm-up, worker boot
    const runs: number[] = [];
    for (let r = 0; r < REPEATS; r++) runs.push(await gridWall(pool, dataId, grid.combos));
    walls[size] = median(runs);
    log(`  ${size} worker(s): median ${walls[size].toFixed(1)} ms (runs ${runs.map((x) => x.toFixed(0)).join(', ')})`);
    await pool.close();
  }

  // The whole optimize as a user runs it (store, top-3 re-runs, robustness), warm pool.
  const db = openDb(join(mkdtempSync(join(tmpdir(), 'bench-research-')), 'store.sqlite'));
  const pool = new WorkerPool({ size: cores });
  const ctx = { pool, dataSets: new DataSetCache(pool, db), db };
  const req = { data: 'sample:BTCUSDT_1m', strategy: 'sma_cross', space: GRID, broker: { commission: 0.001, qtyStep: 1e-8 }, objective: 'Return [%]' };
  await runOptimization(req, ctx);
  const e2e: number[] = [];
  for (let r = 0; r < 3; r++) {
    const t0 = performance.now();
    await runOptimization(req, ctx);
    e2e.push(performance.now() - t0);
  }
  const endToEnd = median(e2e);
  log(`  optimize end to end (${cores} workers): median ${endToEnd.toFixed(1)} ms`);

  // Cancel latency on a long grid.
  const { dataId } = pool.loadData(sample);
  const longCombos = Array.from({ length: 2000 }, (_, k) => ({ index: k, params: { n1: 5 + (k % 40), n2: 60 + (k % 180) } }));
  const cancelMs: number[] = [];
  for (let r = 0; r < 5; r++) {
    const ac = new AbortController();
    let abortedAt = 0;
    const running = runGridOnPool(pool, { dataId, strategy: 'sma_cross', broker, combos: longCombos }, {
      signal: ac.signal,
      onProgress: (d) => {
        if (d >= 20 && !ac.signal.aborted) {
          abortedAt = performance.now();
          ac.abort();
        }
      },
    });
    await running.catch(() => {});
    while (pool.pending > 0) await new Promise((r) => setTimeout(r, 1));
    cancelMs.push(performance.now() - abortedAt);
  }
  const cancel = median(cancelMs);
  log(`  cancel: pool idle ${cancel.toFixed(1)} ms after abort() (median of ${cancelMs.length})`);
  await pool.close();
  db.close();

  // 1,000 combinations on 1,000,000 bars, memory sampled.
  const million = createCandles(tileBars(sample, 1_000_000));
  const bigSpace = parseParamSpace('sma_cross', smaCross.params, { n1: '5:100:5', n2: '110:2560:50' });
  const big = planGrid(bigSpace, []);
  const bigPool = new WorkerPool({ size: cores });
  const big0 = bigPool.loadData(million);
  const samples: { t: number; rss: number }[] = [];
  const t0 = performance.now();
  const timer = setInterval(() => samples.push({ t: performance.now() - t0, rss: process.memoryUsage().rss / 2 ** 20 }), 100);
  await runGridOnPool(bigPool, { dataId: big0.dataId, strategy: 'sma_cross', broker, combos: big.combos.slice(0, 1000), periodReturns: true });
  clearInterval(timer);
  const bigWall = performance.now() - t0;
  await bigPool.close();
  const settled = samples.filter((s) => s.t >= bigWall / 4).map((s) => s.rss);
  const level = settled.length ? settled[0] : samples[0]?.rss ?? 0;
  const peak = Math.max(...samples.map((s) => s.rss));
  const curve = [0, 0.25, 0.5, 0.75, 1].map((f) => samples[Math.min(samples.length - 1, Math.floor(f * (samples.length - 1)))]?.rss ?? 0);
  log(`  1,000 x 1,000,000 bars: ${(bigWall / 1000).toFixed(1)} s, ${(1e9 / (bigWall / 1000) / 1e6).toFixed(1)}M bars/s; RSS at 0/25/50/75/100%: ${curve.map((x) => x.toFixed(0)).join(' / ')} MB, peak ${peak.toFixed(0)} MB`);

  const figures: Figure<Unit>[] = [
    figure('10x10 grid, all cores', 'ms', walls[cores], '1 worker', walls[1], '< 200 ms', (v) => v < 200),
    figure('scaling 1 → all cores', 'x', walls[1] / walls[cores], 'ideal (cores)', cores, cores >= 2 ? '>= 1.8x' : 'n/a (1 core)', (v) => cores < 2 || v >= 1.8),
    figure('10x10 grid rate, all cores', 'combos/s', 100 / (walls[cores] / 1000), 'backtesting.py (published, ~40 s)', 100 / 40, 'info', () => true),
    figure('optimize end to end, all cores', 'ms', endToEnd, 'grid alone', walls[cores], 'info', () => true),
    figure('cancel: abort() to idle pool', 'ms', cancel, 'target', 200, '< 200 ms', (v) => v < 200),
    figure('1,000 x 1M bars: RSS peak', 'MB', peak, 'RSS a quarter of the way in', level, 'flat (<= 1.10x)', (v) => v <= level * 1.1),
  ];
  report(figures, { width: 12, fmt: (u, v) => (u === 'x' ? `${v.toFixed(2)}x` : u === 'combos/s' ? `${v.toFixed(0)}/s` : `${v.toFixed(1)} ${u}`) }, {
    cores,
    grid10x10: { combos: grid.combos.length, bars: sample.length, wallMs: walls[cores], wallMs1Worker: walls[1], scaling: walls[1] / walls[cores], combosPerSec: 100 / (walls[cores] / 1000) },
    optimizeEndToEndMs: endToEnd,
    cancelMs: cancel,
    big: { combos: 1000, bars: 1_000_000, wallMs: bigWall, rssCurveMB: curve, peakMB: peak, levelMB: level },
    figures,
  });
}

await main();
