import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { isoMinute } from '../options';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { RunStore } from '../../research/runStore';
import { formatStatsTable } from '../../engine/metrics';
import type { RunSummary, StatsRecord } from '../../../shared/backtestTypes';

const HELP = `usage: cryptota runs [ls] [--limit N] [--json]
       cryptota runs show <id> [--json]
       cryptota runs compare <id> <id> [...] [--json]
       cryptota runs rm <id>

Saved runs in the local store (each backtest is saved unless --no-save).`;

const COMPARE_KEYS = ['Return [%]', 'Buy & Hold Return [%]', 'Sharpe Ratio', 'Sortino Ratio', 'Max. Drawdown [%]', '# Trades', 'Win Rate [%]', 'Profit Factor', 'SQN', 'Equity Final [$]'];

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'list, show, compare and delete saved runs',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: { json: { type: 'boolean', default: false }, limit: { type: 'string', default: '20' } },
      strict: true,
      allowPositionals: true,
    });
    const [sub = 'ls', ...ids] = positionals;
    const db = openDb(defaultDbPath());
    try {
      const store = new RunStore(db);
      const idArgs = ids.map((s) => {
        const n = Number(s);
        if (!Number.isInteger(n) || n <= 0) throw new UsageError(`run id must be a positive integer (got "${s}")`);
        return n;
      });
      switch (sub) {
        case 'ls': {
          const runs = store.list(Number(values.limit) || 20);
          if (values.json) io.out(JSON.stringify({ runs }));
          else if (runs.length === 0) io.out('no saved runs yet: try `cryptota backtest`');
          else {
            io.out('   id  created (UTC)     strategy      data                         bars      return%   sharpe  trades');
            for (const r of runs) io.out(summaryLine(r));
          }
          return 0;
        }
        case 'show': {
          if (idArgs.length !== 1) throw new UsageError('runs show takes one run id');
          const run = store.get(idArgs[0]);
          if (!run) throw new UsageError(`no run #${idArgs[0]}`);
          if (values.json) io.out(JSON.stringify(run));
          else {
            io.out(`run #${run.id} · ${run.strategy} ${JSON.stringify(run.params)} · ${run.dataSource} · ${run.barCount} bars${run.compat ? ` · compat ${run.compat}` : ''}`);
            io.out(formatStatsTable(run.stats));
          }
          return 0;
        }
        case 'compare': {
          if (idArgs.length < 2) throw new UsageError('runs compare takes two or more run ids');
          const runs = idArgs.map((id) => {
            const r = store.summary(id);
            if (!r) throw new UsageError(`no run #${id}`);
            return r;
          });
          if (values.json) {
            io.out(JSON.stringify({ runs, sameData: new Set(runs.map((r) => r.dataHash)).size === 1 }));
            return 0;
          }
          io.out(`${'stat'.padEnd(24)}${runs.map((r) => `#${r.id} ${r.strategy}`.padStart(18)).join('')}`);
          for (const k of COMPARE_KEYS) io.out(`${k.padEnd(24)}${runs.map((r) => fmt(r.stats, k).padStart(18)).join('')}`);
          if (new Set(runs.map((r) => r.dataHash)).size > 1) io.out('\nnote: these runs did not see the same data (data hashes differ)');
          return 0;
        }
        case 'rm': {
          if (idArgs.length !== 1) throw new UsageError('runs rm takes one run id');
          if (!store.delete(idArgs[0])) throw new UsageError(`no run #${idArgs[0]}`);
          io.out(`deleted run #${idArgs[0]}`);
          return 0;
        }
        default:
          throw new UsageError(`unknown subcommand "${sub}" (ls, show, compare, rm)`);
      }
    } finally {
      db.close();
    }
  },
};

function fmt(stats: StatsRecord, key: string): string {
  const v = stats[key];
  if (v === null || v === undefined) return '—';
  return typeof v === 'number' ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : v;
}

function summaryLine(r: RunSummary): string {
  return `${String(r.id).padStart(5)}  ${isoMinute(r.createdAt)}  ${r.strategy.padEnd(12)}  ${r.dataSource.slice(0, 27).padEnd(27)}  ${String(r.barCount).padStart(7)}  ${fmt(r.stats, 'Return [%]').padStart(9)}  ${fmt(r.stats, 'Sharpe Ratio').padStart(7)}  ${fmt(r.stats, '# Trades').padStart(6)}`;
}
