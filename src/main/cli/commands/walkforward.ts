import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { isoMinute } from '../options';
import { BROKER_HELP } from '../brokerOptions';
import { COMPAT_HELP } from '../compatOption';
import { gridOptionSpec, gridRequestFromFlags } from '../researchOptions';
import { progressBar, thousands } from '../progressBar';
import { clock, withResearchSession } from '../researchSession';
import { runWalkForward } from '../../research/walkforward/walkForward';
import { formatStatsTable } from '../../engine/metrics';
import { CLUSTER_HELP, clusterExecutorFromFlags, clusterOptionSpec, exitSoonAfterCluster } from '../clusterOptions';
import type { KafkaGridExecutor } from '../../research/cluster/kafkaGridExecutor';
import type { WalkForwardRequest } from '../../../shared/researchTypes';
import { REQUEST_DEFAULTS } from '../../research/optimize/requestDefaults';

const HELP = `usage: cryptota walkforward [options]

Walk-forward analysis: the data is cut into windows; in each, the parameter grid is
optimized on the in-sample bars and the winner trades the out-of-sample bars that
follow, its indicators warmed up on the in-sample bars. The out-of-sample segments
are stitched into one equity curve (saved as a run) with its statistics, the
parameters chosen per window, and the walk-forward efficiency.

example:
  cryptota walkforward --data sample:BTCUSDT_1m --strategy sma_cross \\
    --param n1=5:50:5 --param n2=60:240:20 --in-sample 20d --out-of-sample 5d

options:
  --in-sample <len>      in-sample length: bars (e.g. 20000) or a duration (30d, 12h, 2w)   (required)
  --out-of-sample <len>  out-of-sample length, same forms; also the step between windows (required)
  --mode rolling|anchored  rolling (default): fixed in-sample length; anchored: from the first bar
  --data <spec>          sample | sample:<NAME> | <file.csv[.gz]> | cache:<exchange>:<SYMBOL>:<interval> (default: sample)
  --strategy <name|file> built-in name or a .ts/.js strategy file (default: sma_cross)
  --param name=<values>  repeatable; min:max[:step], a,b,c, * or one value (as for optimize)
  --constraint <expr>    repeatable, e.g. "n1 < n2"
  --objective <stat>     what each window maximizes in-sample (default Return [%]; see cryptota optimize --help)
  --method grid|random   --samples <n>  --seed <n>   as for optimize
  --min-trades <n>       in-sample combinations with fewer trades cannot win (default 1)
  --workers <n>          worker threads (default: $CRYPTOTA_WORKERS or the number of cores)
  --from <date>          first bar;  --to <date>  last bar, inclusive
${BROKER_HELP}
${COMPAT_HELP}
${CLUSTER_HELP}
  --label <text>         label for the analysis and its saved run
  --json                 print one JSON object: { jobId, runId, windows, stitched, efficiency, ... }
  -h, --help             this help

Ctrl-C cancels cleanly (exit code 130).`;

export const walkforwardCommand: CliCommand = {
  name: 'walkforward',
  summary: 'optimize in-sample, trade out-of-sample, window after window; stitched equity and efficiency',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...gridOptionSpec,
        ...clusterOptionSpec,
        'in-sample': { type: 'string' },
        'out-of-sample': { type: 'string' },
        mode: { type: 'string', default: REQUEST_DEFAULTS.mode },
      },
      strict: true,
      allowPositionals: false,
    });
    if (!values['in-sample'] || !values['out-of-sample']) throw new UsageError('--in-sample and --out-of-sample are required (e.g. --in-sample 20d --out-of-sample 5d)');
    const mode = values.mode;
    if (mode !== 'rolling' && mode !== 'anchored') throw new UsageError(`--mode must be rolling or anchored (got "${mode}")`);
    const request: WalkForwardRequest = {
      ...gridRequestFromFlags(values),
      mode,
      inSample: values['in-sample'],
      outOfSample: values['out-of-sample'],
    };
    const makeCluster = clusterExecutorFromFlags(values, (line) => io.err(line));
    return withResearchSession(io, values.workers, async (ctx, signal) => {
      const bar = progressBar(io, 'walk-forward');
      const cluster: KafkaGridExecutor | null = makeCluster ? await makeCluster(ctx, request) : null;
      const workers = (): string => (cluster ? ` · ${cluster.workersSeen()} worker(s) seen` : '');
      const outcome = await runWalkForward(request, ctx, {
        signal,
        executor: cluster?.run,
        onProgress: (p) => bar.update(p.total ? p.done / p.total : 0, `${p.phase} · ${thousands(p.done)}/${thousands(p.total)} · ETA ${clock(p.etaMs)}${workers()}`),
      }).finally(() => bar.done());
      const s = outcome.summary;
      for (const w of s.warnings) io.err(`warning: ${w}`);
      if (values.json) {
        io.out(JSON.stringify({ jobId: outcome.jobId, ...s, ...(cluster ? { cluster: cluster.lastRun() } : {}) }));
        return 0;
      }
      const names = Object.keys(s.windows.find((w) => w.params)?.params ?? {});
      io.out(`walk-forward ${request.strategy} (${s.mode}, in-sample ${request.inSample}, out-of-sample ${request.outOfSample}) · ${s.windows.length} windows × ${thousands(s.combinationsPerWindow)} combinations on ${s.workers} worker(s) in ${(s.elapsedMs / 1000).toFixed(2)} s · objective ${s.objective}\n`);
      const header = ['#', 'out of sample (UTC)', ...names, 'IS objective', 'OOS Return [%]', 'OOS trades'];
      const rows = s.windows.map((w) => [
        String(w.index + 1), `${isoMinute(w.oosFrom)} → ${isoMinute(w.oosTo)}`, ...names.map((n) => (w.params ? String(w.params[n]) : '-')),
        w.isObjective === null ? 'n/a' : w.isObjective.toFixed(2), fmt(w.oosStats['Return [%]']), String(w.oosStats['# Trades'] ?? 0),
      ]);
      const widths = header.map((h, j) => Math.max(h.length, ...rows.map((r) => r[j].length)));
      const line = (r: string[]): string => r.map((v, j) => (j === 1 ? v.padEnd(widths[j]) : v.padStart(widths[j]))).join('  ');
      io.out([line(header), ...rows.map(line)].join('\n'));
      io.out('\nstitched out-of-sample\n');
      io.out(formatStatsTable(s.stitched));
      io.out(`\nwalk-forward efficiency: ${s.efficiency === null ? 'n/a (in-sample annualized return not positive)' : s.efficiency.toFixed(2)} (out-of-sample ${fmt(s.oosAnnualizedReturnPct)}% a year vs in-sample ${fmt(s.isAnnualizedReturnPct)}%)`);
      const run = cluster?.lastRun();
      if (run) io.out(`cluster: ${run.tasks} task(s) of up to ${run.taskSize} on ${Object.keys(run.byWorker).length} worker process(es)${run.republished ? `, ${run.republished} published again` : ''}`);
      io.out(`saved as walk-forward #${outcome.jobId}; out-of-sample run #${s.runId} (cryptota runs show ${s.runId})`);
      return 0;
    }).finally(() => {
      if (makeCluster) exitSoonAfterCluster();
    });
  },
};

function fmt(v: number | null | undefined): string {
  return v === null || v === undefined ? 'n/a' : v.toFixed(2);
}
