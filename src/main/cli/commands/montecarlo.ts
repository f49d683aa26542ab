import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { wholeNumberOption } from '../researchOptions';
import { progressBar, thousands } from '../progressBar';
import { paramText } from '../researchText';
import { clock } from '../researchSession';
import { estimateEtaMs } from '../../research/eta';
import { RunStore } from '../../research/runStore';
import { ResearchStore } from '../../research/researchStore';
import { monteCarloOfRun, saveMonteCarlo, type RunMonteCarlo } from '../../research/robustness/runMonteCarlo';
import { DEFAULT_PERCENTILES } from '../../research/robustness/monteCarlo';
import { checkPercentiles } from '../../research/robustness/percentile';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';

const HELP = `usage: cryptota montecarlo --run <id> [options]

Monte Carlo over a saved run's trades: rebuilds the equity from each trade's return on
the equity it was entered with, many times over with the trades resampled (drawn with
replacement: other plausible runs of the same edge) or shuffled (the same trades in
another order: only the path and its drawdowns change). Prints the percentiles of the
final return and of the maximum drawdown, and what they mean, and saves them as a
research job (cryptota research show <id>).

example:
  cryptota backtest --strategy sma_cross          # saved as run #1
  cryptota montecarlo --run 1 --runs 5000 --seed 7

options:
  --run <id>             the saved run (see: cryptota runs)
  --runs <n>             simulated sequences (default 1000)
  --seed <n>             random seed: the same seed gives the same figures (default 1)
  --mode <m>             resample (default) or shuffle
  --percentiles <list>   comma-separated, each in [0, 100] (default ${DEFAULT_PERCENTILES.join(',')})
  --json                 print one JSON object: { researchId, runId, runs, mode, seed, trades, finalReturnPct,
                         maxDrawdownPct, probabilityOfLoss, actual, bands: { step, p5, … }, meaning }
  -h, --help             this help`;

const DEFAULT_RUNS = 1_000;
const DEFAULT_SEED = 1;

export const montecarloCommand: CliCommand = {
  name: 'montecarlo',
  summary: 'Monte Carlo over a saved run\'s trades: percentiles of return and drawdown',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        run: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        mode: { type: 'string', default: 'resample' },
        percentiles: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.run === undefined) throw new UsageError('--run <id> is required (the saved run to simulate; see: cryptota runs)');
    const runId = wholeNumberOption('run', values.run) ?? 0;
    const runs = wholeNumberOption('runs', values.runs) ?? DEFAULT_RUNS;
    if (runs < 1) throw new UsageError(`--runs must be at least 1 (got "${values.runs}")`);
    const seed = wholeNumberOption('seed', values.seed) ?? DEFAULT_SEED;
    const mode = values.mode;
    if (mode !== 'resample' && mode !== 'shuffle') throw new UsageError(`--mode must be resample or shuffle (got "${mode}")`);
    const percentiles = values.percentiles === undefined ? DEFAULT_PERCENTILES : parsePercentiles(values.percentiles);

    const db = openDb(defaultDbPath());
    try {
      const run = new RunStore(db).get(runId);
      if (!run) throw new Error(`no saved run #${runId} (see: cryptota runs)`);

      const bar = progressBar(io, 'montecarlo');
      const started = performance.now();
      let mc;
      try {
        mc = monteCarloOfRun(run, {
          runs, seed, mode, percentiles,
          onProgress: (done, total) => {
            const now = performance.now();
            const rate = done / Math.max(1e-3, (now - started) / 1000);
            bar.update(done / total, `${thousands(done)}/${thousands(total)} sequences · ${thousands(rate)}/s · ETA ${clock(estimateEtaMs(started, now, done, total))}`);
          },
        });
      } finally {
        bar.done();
      }
      const elapsedMs = performance.now() - started;
      const researchId = saveMonteCarlo(new ResearchStore(db), run, { runId, runs, seed, mode, percentiles }, mc);
      if (values.json) {
        io.out(JSON.stringify({ researchId, ...mc, strategy: run.strategy, params: run.params, dataSource: run.dataSource, elapsedMs: Math.round(elapsedMs) }));
        return 0;
      }
      io.out(`Monte Carlo of run #${run.id}: ${run.strategy} ${paramText(run.params)} · ${run.dataSource}`);
      printMonteCarlo(io, mc, `${Math.round(elapsedMs)} ms`);
      io.out(`\nsaved as research #${researchId} (cryptota research show ${researchId})`);
      return 0;
    } finally {
      db.close();
    }
  },
};

/** The figures of a Monte Carlo as text (also what `cryptota research show` prints for one). */
export function printMonteCarlo(io: CliIo, mc: RunMonteCarlo, took: string): void {
  const keys = Object.keys(mc.finalReturnPct);
  io.out(`${thousands(mc.trades)} trades · ${thousands(mc.runs)} ${mc.mode === 'resample' ? 'resampled' : 'shuffled'} sequences · seed ${mc.seed}${took ? ` · ${took}` : ''}\n`);
  io.out(`${''.padEnd(20)}${keys.map((k) => k.padStart(9)).join('')}   backtest`);
  io.out(`${'Return [%]'.padEnd(20)}${keys.map((k) => fixed(mc.finalReturnPct[k])).join('')}   ${fixed(mc.actual.finalReturnPct)}`);
  io.out(`${'Max. Drawdown [%]'.padEnd(20)}${keys.map((k) => fixed(mc.maxDrawdownPct[k])).join('')}   ${fixed(mc.actual.maxDrawdownPct)}`);
  io.out(`\nprobability of a loss: ${(mc.probabilityOfLoss * 100).toFixed(1)}%`);
  io.out(mc.meaning);
}

function parsePercentiles(text: string): number[] {
  const list = text.split(',').map((s) => (s.trim() === '' ? NaN : Number(s)));
  try {
    return checkPercentiles(list, '--percentiles');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

function fixed(x: number): string {
  return x.toFixed(2).padStart(9);
}
