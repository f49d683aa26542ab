import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { isoMinute } from '../options';
import { BROKER_HELP } from '../brokerOptions';
import { COMPAT_HELP } from '../compatOption';
import { gridOptionSpec, gridRequestFromFlags, wholeNumberOption } from '../researchOptions';
import { progressBar, thousands } from '../progressBar';
import { clock, withResearchSession } from '../researchSession';
import { runOptimization } from '../../research/optimize/optimizer';
import { formatStatsTable } from '../../engine/metrics';
import { paramText, topTable } from '../researchText';
import { CLUSTER_HELP, clusterExecutorFromFlags, clusterOptionSpec, exitSoonAfterCluster } from '../clusterOptions';
import type { KafkaGridExecutor } from '../../research/cluster/kafkaGridExecutor';
import type { StatsRecord } from '../../../shared/backtestTypes';
import type { OptimizationCell, OptimizeRequest, ResearchProgress, SameBarCounts } from '../../../shared/researchTypes';

const HELP = `usage: cryptota optimize [options]

Runs a strategy over every combination of a parameter grid (or a random sample of
it) on the worker pool, stores each combination's summary, re-runs the best in full
and saves them as runs, and judges the winner (PBO, Deflated Sharpe).

example:
  cryptota optimize --data sample:BTCUSDT_1m --strategy sma_cross \\
    --param n1=5:50:5 --param n2=60:240:20 --constraint "n1 < n2" --objective "Return [%]"

options:
  --data <spec>          sample | sample:<NAME> | <file.csv[.gz]> | cache:<exchange>:<SYMBOL>:<interval> (default: sample)
  --strategy <name|file> built-in name or a .ts/.js strategy file (default: sma_cross)
  --param name=<values>  repeatable; values: min:max[:step] (inclusive), a,b,c, * (every bool/enum value)
                         or one fixed value; parameters not given keep their default
  --constraint <expr>    repeatable, e.g. "n1 < n2", "n2 >= 2 * n1 and n1 > 3"
  --objective <stat>     Return [%] (default), Sharpe Ratio, Sortino Ratio, Calmar Ratio, SQN, Profit Factor,
                         Equity Final [$] (or return, sharpe, sortino, calmar, sqn, pf, equity),
                         or a weighted sum like "0.7*sharpe + 0.3*calmar"
  --method grid|random   every combination (default) or a random sample
  --samples <n>          with --method random: how many combinations (default 100)
  --seed <n>             with --method random: the sample's seed (default 1)
  --min-trades <n>       combinations with fewer trades cannot win (default 1)
  --top <k>              re-run and save the best k as full runs (default 3)
  --magnifier            every combination reads the order of same-bar stop-loss/take-profit hits from
                         1m bars of the same instrument (sample:<SYM>_<iv> or cache: data); each cell
                         counts the bars settled each way (local pool only)
  --workers <n>          worker threads (default: $CRYPTOTA_WORKERS or the number of cores)
  --from <date>          first bar (ISO date/time UTC or epoch ms)
  --to <date>            last bar, inclusive
${BROKER_HELP}
${COMPAT_HELP}
${CLUSTER_HELP}
  --label <text>         label for the optimization and its saved runs
  --json                 print one JSON object: { jobId, best: {params, stats, runId}, top, cells: [{params, stats, objective}], pbo, deflatedSharpe, ... }
  -h, --help             this help

Ctrl-C cancels: the workers stop, finished combinations stay stored, exit code 130.`;

export const optimizeCommand: CliCommand = {
  name: 'optimize',
  summary: 'search a parameter grid on all cores, save the best runs, judge overfitting',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: { ...gridOptionSpec, ...clusterOptionSpec, top: { type: 'string' }, magnifier: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    const request: OptimizeRequest = {
      ...gridRequestFromFlags(values), topK: wholeNumberOption('top', values.top), ...(values.magnifier ? { magnifier: true } : {}),
    };
    const makeCluster = clusterExecutorFromFlags(values, (line) => io.err(line));
    return withResearchSession(io, values.workers, async (ctx, signal) => {
      const bar = progressBar(io, 'optimize');
      const cluster: KafkaGridExecutor | null = makeCluster ? await makeCluster(ctx, request) : null;
      const workers = (): string => (cluster ? ` · ${cluster.workersSeen()} worker(s) seen` : '');
      const outcome = await runOptimization(request, ctx, {
        signal, executor: cluster?.run, onProgress: (p) => bar.update(p.total ? p.done / p.total : 0, progressDetail(p) + workers()),
      }).finally(() => bar.done());
      const data = await ctx.dataSets.get({ data: request.data, fromMs: request.fromMs, toMs: request.toMs === undefined ? undefined : request.toMs + 1 });
      const s = outcome.summary;
      for (const w of s.warnings) io.err(`warning: ${w}`);
      if (values.json) {
        io.out(JSON.stringify({
          jobId: outcome.jobId,
          strategy: request.strategy,
          data: { source: data.source, bars: data.candles.length, from: data.candles.time[0], to: data.candles.time[data.candles.length - 1] },
          objective: s.objective,
          method: s.method,
          best: s.best,
          top: s.top,
          cells: outcome.cells,
          evaluated: s.evaluated,
          skippedByConstraint: s.skippedByConstraint,
          failed: s.failed,
          pbo: s.pbo,
          deflatedSharpe: s.deflatedSharpe,
          workers: s.workers,
          elapsedMs: s.elapsedMs,
          warnings: s.warnings,
          ...(s.magnifier ? { magnifier: { ...s.magnifier, ...sameBarTotals(outcome.cells) } } : {}),
          ...(cluster ? { cluster: cluster.lastRun() } : {}),
        }));
        return 0;
      }
      const c = data.candles;
      io.out(`optimize ${request.strategy} · ${data.source}: ${thousands(c.length)} bars, ${isoMinute(c.time[0])} → ${isoMinute(c.time[c.length - 1])} UTC`);
      io.out(`${thousands(s.evaluated)} combinations${s.skippedByConstraint ? ` (${thousands(s.skippedByConstraint)} skipped by constraints)` : ''} on ${s.workers} worker(s) in ${(s.elapsedMs / 1000).toFixed(2)} s · objective ${s.objective}`);
      const run = cluster?.lastRun();
      if (run) io.out(`cluster: ${run.tasks} task(s) of up to ${run.taskSize} on ${Object.keys(run.byWorker).length} worker process(es)${run.republished ? `, ${run.republished} published again` : ''}${run.duplicatesDropped ? `, ${run.duplicatesDropped} duplicate result(s) dropped` : ''}`);
      if (s.magnifier) io.out(magnifierLine(s.magnifier.source, sameBarTotals(outcome.cells)));
      if (s.failed) io.out(`${s.failed} combination(s) failed; first: ${outcome.cells.find((x) => x.stats === null)?.note ?? ''}`);
      io.out('');
      io.out(topTable(outcome.cells, s.axes.map((a) => a.name), s.objective, 10));
      if (s.best) {
        io.out(`\nbest: ${paramText(s.best.params)} → saved as run #${s.best.runId} (cryptota runs show ${s.best.runId})\n`);
        io.out(formatStatsTable(s.best.stats as StatsRecord));
      } else {
        io.out('\nno combination has an objective (see the notes above)');
      }
      io.out('\nrobustness');
      io.out(s.pbo ? `  ${s.pbo.meaning} (CSCV, ${s.pbo.blocks} blocks)` : '  PBO: not computed (see the warnings)');
      io.out(s.deflatedSharpe ? `  ${s.deflatedSharpe.meaning}` : '  Deflated Sharpe: not computed (see the warnings)');
      io.out(`\nsaved as optimization #${outcome.jobId} (cryptota research show ${outcome.jobId}); best runs: ${s.top.map((t) => `#${t.runId}`).join(', ') || 'none'}`);
      return 0;
    }).finally(() => {
      if (makeCluster) exitSoonAfterCluster();
    });
  },
};

/** Same-bar cases of every combination, by how they were settled. */
function sameBarTotals(cells: readonly OptimizationCell[]): SameBarCounts {
  let tp = 0, sl = 0, adverse = 0;
  for (const c of cells) {
    tp += c.magnifier?.resolvedTakeProfitFirst ?? 0;
    sl += c.magnifier?.resolvedStopFirst ?? 0;
    adverse += c.magnifier?.unresolvedAdverse ?? 0;
  }
  return { resolvedTakeProfitFirst: tp, resolvedStopFirst: sl, unresolvedAdverse: adverse };
}

function magnifierLine(source: string | null, t: SameBarCounts): string {
  if (source === null) return 'magnifier: no 1m bars in range; every same-bar stop-loss/take-profit case took the adverse rule';
  return `magnifier: 1m bars from ${source} in every combination; same-bar stop-loss/take-profit over all combinations: ${thousands(t.resolvedTakeProfitFirst)} take-profit first, ${thousands(t.resolvedStopFirst)} stop-loss first, ${thousands(t.unresolvedAdverse)} left to the adverse rule (per combination: --json cells[].magnifier)`;
}

function progressDetail(p: Omit<ResearchProgress, 'jobId'>): string {
  const rate = p.rate === null ? '' : ` · ${thousands(p.rate)}/s`;
  const best = p.best ? ` · best ${p.best.objective.toFixed(2)} (${paramText(p.best.params)})` : '';
  return `${thousands(p.done)}/${thousands(p.total)}${rate} · ETA ${clock(p.etaMs)}${best}`;
}
