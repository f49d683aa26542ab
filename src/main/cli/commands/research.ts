import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { isoMinute } from '../options';
import { thousands } from '../progressBar';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { ResearchStore } from '../../research/researchStore';
import type { LookaheadRecord, OptimizationSummary, OptimizeRequest, WalkForwardSummary } from '../../../shared/researchTypes';
import { objectiveLabel, parseObjective } from '../../research/optimize/objective';
import type { RunMonteCarlo } from '../../research/robustness/runMonteCarlo';
import { printLookahead } from './lookahead';
import { printMonteCarlo } from './montecarlo';
import { heatmapText, num, paramText, topTable } from '../researchText';

const HELP = `usage: cryptota research [ls] [--limit N] [--json]
       cryptota research show <id> [--top K] [--json]
       cryptota research heatmap <id> --x <param> --y <param> [--fold best|mean] [--window W] [--json]
       cryptota research rm <id>

Saved research: optimizations and walk-forward analyses (made by cryptota optimize
and cryptota walkforward, or in the app), Monte Carlo simulations (cryptota
montecarlo, or a run's Monte Carlo in the app) and look-ahead checks (cryptota
lookahead). heatmap prints the objective over two parameters of an optimization,
the others folded by their best (default) or mean combination.`;

export const researchCommand: CliCommand = {
  name: 'research',
  summary: 'list, show, heatmap and delete saved optimizations, walk-forward analyses, Monte Carlo and look-ahead checks',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '20' },
        top: { type: 'string', default: '10' },
        x: { type: 'string' },
        y: { type: 'string' },
        fold: { type: 'string', default: 'best' },
        window: { type: 'string', default: '0' },
      },
      strict: true,
      allowPositionals: true,
    });
    const [sub = 'ls', ...rest] = positionals;
    const id = (): number => {
      const n = Number(rest[0]);
      if (rest.length !== 1 || !Number.isInteger(n) || n <= 0) throw new UsageError(`research ${sub} takes one job id (a positive integer)`);
      return n;
    };
    const db = openDb(defaultDbPath());
    try {
      const store = new ResearchStore(db);
      switch (sub) {
        case 'ls': {
          const jobs = store.list(Number(values.limit) || 20);
          if (values.json) io.out(JSON.stringify({ jobs }));
          else if (jobs.length === 0) io.out('no research yet: try `cryptota optimize --help`');
          else {
            io.out('   id  created (UTC)     kind         status     strategy      data');
            for (const j of jobs) {
              io.out(`${String(j.id).padStart(5)}  ${isoMinute(j.createdAt)}  ${j.kind.padEnd(11)}  ${j.status.padEnd(9)}  ${j.strategy.padEnd(12)}  ${j.dataSource}${j.label ? `  "${j.label}"` : ''}`);
            }
          }
          return 0;
        }
        case 'show': {
          const job = store.get(id());
          if (!job) throw new UsageError(`no research job #${rest[0]}`);
          if (values.json) {
            io.out(JSON.stringify({ job: job.summary, request: job.spec, result: job.result }));
            return 0;
          }
          const j = job.summary;
          io.out(`${j.kind} #${j.id} · ${j.strategy} · ${j.dataSource} · ${j.status}${j.error && j.error !== j.status ? ` (${j.error})` : ''}`);
          if (j.kind === 'optimize' && job.result) {
            const s = job.result as OptimizationSummary;
            io.out(`${s.evaluated} combinations · objective ${s.objective}\n`);
            io.out(topTable(store.cells(j.id, 0, { byObjective: true, limit: Number(values.top) || 10 }), s.axes.map((a) => a.name), s.objective, Number(values.top) || 10));
            if (s.pbo) io.out(`\n${s.pbo.meaning}`);
            if (s.deflatedSharpe) io.out(s.deflatedSharpe.meaning);
          } else if (j.kind === 'optimize') {
            // No summary: still running, or stopped (cancelled, failed) with the combinations it finished kept.
            const request = job.spec as OptimizeRequest;
            const kept = store.countCells(j.id, 0);
            const objective = objectiveLabel(parseObjective(request.objective));
            const when = j.status === 'running' ? 'so far' : 'before it stopped';
            io.out(`${thousands(kept)} combination(s) finished ${when} · objective ${objective}${kept > 0 ? '\n' : ''}`);
            if (kept > 0) io.out(topTable(store.cells(j.id, 0, { byObjective: true, limit: Number(values.top) || 10 }), Object.keys(request.space), objective, Number(values.top) || 10));
          } else if (j.kind === 'walkforward' && job.result) {
            const s = job.result as WalkForwardSummary;
            for (const w of s.windows) {
              io.out(`window ${w.index + 1}: ${isoMinute(w.oosFrom)} → ${isoMinute(w.oosTo)}  ${w.params ? paramText(w.params) : '(flat)'}  OOS return ${num(w.oosStats['Return [%]'])}%`);
            }
            io.out(`stitched out-of-sample return ${num(s.stitched['Return [%]'] as number | null)}% · efficiency ${num(s.efficiency)} · run #${s.runId}`);
          } else if (j.kind === 'montecarlo' && job.result) {
            const mc = job.result as RunMonteCarlo;
            io.out(`of run #${mc.runId}`);
            printMonteCarlo(io, mc, '');
          } else if (j.kind === 'lookahead' && job.result) {
            printLookahead(io, job.result as LookaheadRecord);
          }
          return 0;
        }
        case 'heatmap': {
          if (!values.x || !values.y) throw new UsageError('research heatmap needs --x <param> and --y <param>');
          const fold = values.fold;
          if (fold !== 'best' && fold !== 'mean') throw new UsageError(`--fold must be best or mean (got "${fold}")`);
          const jobId = id();
          if (!store.get(jobId)) throw new UsageError(`no research job #${jobId}`);
          let h;
          try {
            h = store.heatmap(jobId, Number(values.window) || 0, values.x, values.y, fold);
          } catch (e) {
            throw new UsageError((e as Error).message);
          }
          io.out(values.json ? JSON.stringify(h) : heatmapText(h));
          return 0;
        }
        case 'rm': {
          const jobId = id();
          if (!store.delete(jobId)) throw new UsageError(`no research job #${jobId}`);
          io.out(`deleted research job #${jobId}`);
          return 0;
        }
        default:
          throw new UsageError(`unknown subcommand "${sub}"; use ls, show, heatmap or rm`);
      }
    } finally {
      db.close();
    }
  },
};
