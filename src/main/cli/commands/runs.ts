import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { isoMinute } from '../options';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { RunStore } from '../../research/runStore';
import { formatStatsTable } from '../../engine/metrics';
import type { RunSummary, StatsRecord } from '../../../shared/backtestTypes';
import { RUN_KINDS } from '../../../shared/runQuery';
import { applyTagEdits, takeTagEdits } from '../runTagEdits';

const HELP = `usage: cryptota runs [ls] [--limit N] [--search WORDS] [--strategy NAME] [--tag TAG] [--kind KIND] [--json]
       cryptota runs show <id> [--json]
       cryptota runs compare <id> <id> [...] [--json]
       cryptota runs rename <id> <name...> [--json]     (an empty name "" clears it)
       cryptota runs tag <id> [+tag ...] [-tag ...] [--json]
       cryptota runs rm <id>

Saved runs in the local store (each backtest is saved unless --no-save).
ls shows each run's name and tags; --search matches name, strategy, parameters
(n1=10), tags and data, every word; --kind is backtest, optimize (an optimization's
best runs) or walkforward. A tag is one word: letters, digits and . _ : / # -.`;

const COMPARE_KEYS = ['Return [%]', 'Buy & Hold Return [%]', 'Sharpe Ratio', 'Sortino Ratio', 'Max. Drawdown [%]', '# Trades', 'Win Rate [%]', 'Profit Factor', 'SQN', 'Equity Final [$]'];

export const runsCommand: CliCommand = {
  name: 'runs',
  summary: 'list, search, show, compare, rename, tag and delete saved runs',
  help: HELP,
  async run(argv, io) {
    const tagEdits = argv.find((a) => !a.startsWith('-')) === 'tag' ? takeTagEdits(argv) : null;
    const { values, positionals } = parseArgs({
      args: tagEdits ? tagEdits.rest : [...argv],
      options: {
        json: { type: 'boolean', default: false },
        limit: { type: 'string', default: '20' },
        search: { type: 'string' },
        strategy: { type: 'string' },
        tag: { type: 'string' },
        kind: { type: 'string' },
      },
      strict: true,
      allowPositionals: true,
    });
    const [sub = 'ls', ...args] = positionals;
    // rename takes the name as the words after the id; every other subcommand takes ids.
    const ids = sub === 'rename' ? args.slice(0, 1) : args;
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
          const filter = { query: values.search, strategy: values.strategy, tag: values.tag, kind: kindOption(values.kind) };
          const runs = store.search({ ...filter, limit: Number(values.limit) || 20 });
          if (values.json) io.out(JSON.stringify({ runs, total: store.count(filter) }));
          else if (runs.length === 0) io.out(store.count() === 0 ? 'no saved runs yet: try `cryptota backtest`' : 'no saved run matches');
          else {
            io.out('   id  created (UTC)     strategy      data                         bars      return%   sharpe  trades  name [tags]');
            for (const r of runs) io.out(summaryLine(r));
          }
          return 0;
        }
        case 'rename': {
          if (idArgs.length !== 1 || args.length < 2) throw new UsageError('runs rename takes a run id and a name (use "" to clear it)');
          const run = updateOrFail(store, idArgs[0], { name: args.slice(1).join(' ') });
          io.out(values.json ? JSON.stringify(run) : run.label ? `run #${run.id} is now named "${run.label}"` : `run #${run.id} has no name now`);
          return 0;
        }
        case 'tag': {
          if (idArgs.length !== 1) throw new UsageError('runs tag takes one run id, then +tag to add and -tag to remove');
          const current = store.summary(idArgs[0]);
          if (!current) throw new UsageError(`no run #${idArgs[0]}`);
          const run = tagEdits && (tagEdits.add.length || tagEdits.remove.length) ? updateOrFail(store, idArgs[0], { tags: applyTagEdits(current.tags, tagEdits) }) : current;
          io.out(values.json ? JSON.stringify(run) : `run #${run.id} tags: ${run.tags.length ? run.tags.join(' ') : '(none)'}`);
          return 0;
        }
        case 'show': {
          if (idArgs.length !== 1) throw new UsageError('runs show takes one run id');
          const run = store.get(idArgs[0]);
          if (!run) throw new UsageError(`no run #${idArgs[0]}`);
          // The equity curve is a Float64Array (binary over the API); JSON wants a plain array.
          if (values.json) io.out(JSON.stringify({ ...run, equity: Array.from(run.equity) }));
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
          throw new UsageError(`unknown subcommand "${sub}" (ls, show, compare, rename, tag, rm)`);
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
  const label = [r.label ?? '', r.tags.length ? `[${r.tags.join(' ')}]` : ''].filter(Boolean).join(' ');
  return `${String(r.id).padStart(5)}  ${isoMinute(r.createdAt)}  ${r.strategy.padEnd(12)}  ${r.dataSource.slice(0, 27).padEnd(27)}  ${String(r.barCount).padStart(7)}  ${fmt(r.stats, 'Return [%]').padStart(9)}  ${fmt(r.stats, 'Sharpe Ratio').padStart(7)}  ${fmt(r.stats, '# Trades').padStart(6)}  ${label}`.trimEnd();
}

function kindOption(value: string | undefined): RunSummary['kind'] | undefined {
  if (value === undefined) return undefined;
  const kind = RUN_KINDS.find((k) => k === value);
  if (!kind) throw new UsageError(`--kind must be one of ${RUN_KINDS.join(', ')} (got "${value}")`);
  return kind;
}

/** The store's own check of a name or tag is a usage error here (the user typed it). */
function updateOrFail(store: RunStore, id: number, patch: { name?: string; tags?: string[] }): RunSummary {
  let run: RunSummary | null;
  try {
    run = store.update(id, patch);
  } catch (e) {
    if (e instanceof RangeError) throw new UsageError(e.message);
    throw e;
  }
  if (!run) throw new UsageError(`no run #${id}`);
  return run;
}
