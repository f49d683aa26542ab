import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { isoMinute } from '../options';
import { BROKER_HELP, brokerOptionSpec } from '../brokerOptions';
import { backtestRequestFromFlags } from '../backtestFlags';
import { wholeNumberOption } from '../researchOptions';
import { progressBar, thousands } from '../progressBar';
import { clock } from '../researchSession';
import { paramText } from '../researchText';
import { checkEnoughBars, prepareBacktest } from '../../research/backtestJob';
import { estimateEtaMs } from '../../research/eta';
import { checkLookahead, DEFAULT_LOOKAHEAD_CUTS, lookaheadRecord } from '../../research/lookahead';
import { ResearchStore } from '../../research/researchStore';
import { fingerprint } from '../../research/runStore';
import { loadCandlesForSpec } from '../../data/dataSpec';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import type { BacktestRequest } from '../../../shared/backtestTypes';
import type { LookaheadRecord, LookaheadRequest } from '../../../shared/researchTypes';

const HELP = `usage: cryptota lookahead [options]

Checks a strategy for look-ahead bias: runs it on the full range, then on the same
data cut short at several bars, and compares its decisions (every buy, sell, close
and cancel with its order details) at each bar before the cut. A decision that
changes when later bars are removed depends on the future. Exit 0 when none does,
1 with the list of changed decisions. The report is saved as a research job
(cryptota research show <id>).

example:
  cryptota lookahead --strategy ./my_strategy.ts --data sample:BTCUSDT_1m --cuts 40

options:
  --data <spec>          sample | sample:<NAME> | <file.csv[.gz]> | cache:<exchange>:<SYMBOL>:<interval> (default: sample)
  --strategy <name|file> built-in name or a .ts/.js strategy file (default: rsi)
  --param key=value      strategy parameter, repeatable
  --cuts <n>             number of runs cut short (default ${DEFAULT_LOOKAHEAD_CUTS}); half end right after a bar
                         where the full run placed an order, half are spread evenly
${BROKER_HELP}
  --from <date>          first bar (ISO date/time UTC or epoch ms)
  --to <date>            last bar, inclusive
  --json                 print one JSON object: { researchId, clean, deterministic, signals, cuts, changedBars, changes,
                         meaning, ... }
  -h, --help             this help`;

/** Changed bars printed in the text report (--json lists up to 200). */
const PRINTED_CHANGES = 30;

export const lookaheadCommand: CliCommand = {
  name: 'lookahead',
  summary: 'check a strategy for look-ahead bias: do its decisions change when later bars are removed?',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string', default: 'sample' },
        strategy: { type: 'string', default: 'rsi' },
        param: { type: 'string', multiple: true, default: [] },
        cuts: { type: 'string' },
        ...brokerOptionSpec,
        from: { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    const cuts = wholeNumberOption('cuts', values.cuts) ?? DEFAULT_LOOKAHEAD_CUTS;
    if (cuts < 1) throw new UsageError(`--cuts must be at least 1 (got "${values.cuts}")`);
    const request: BacktestRequest = backtestRequestFromFlags(values);
    const prep = await prepareBacktest(request);
    const db = openDb(defaultDbPath());
    let loaded;
    try {
      loaded = await loadCandlesForSpec(request.data, { db, fromMs: prep.fromMs, toMs: prep.toMs });
    } finally {
      db.close();
    }
    const candles = loaded.candles;
    checkEnoughBars(request.data, candles);
    for (const w of loaded.warnings ?? []) io.err(`warning: ${w}`);

    const started = performance.now();
    const bar = progressBar(io, 'lookahead');
    const report = await checkLookahead(candles, prep.strategy, prep.params, prep.broker, {
      cuts,
      onProgress: (done, total) => {
        const now = performance.now();
        const rate = done / Math.max(1e-3, (now - started) / 1000);
        bar.update(done / total, `${done}/${total} runs · ${rate.toFixed(1)}/s · ETA ${clock(estimateEtaMs(started, now, done, total))}`);
      },
    }).finally(() => bar.done());
    const record = lookaheadRecord(report, {
      strategy: prep.strategy.name, params: prep.fullParams, source: loaded.source, time: candles.time.subarray(0, candles.length), elapsedMs: performance.now() - started,
    });
    const saveDb = openDb(defaultDbPath());
    let researchId;
    try {
      researchId = new ResearchStore(saveDb).saveFinished(
        { kind: 'lookahead', strategy: record.strategy, dataSource: loaded.source, dataHash: fingerprint(candles).hash, spec: { request, cuts } satisfies LookaheadRequest },
        record,
      );
    } finally {
      saveDb.close();
    }
    const code = report.clean ? 0 : 1;
    if (values.json) {
      io.out(JSON.stringify({ researchId, ...record }));
      return code;
    }
    printLookahead(io, record);
    io.out(`\nsaved as research #${researchId} (cryptota research show ${researchId})`);
    return code;
  },
};

/** A look-ahead check's report as text (also what `cryptota research show` prints for one). */
export function printLookahead(io: CliIo, record: LookaheadRecord): void {
  io.out(`lookahead ${record.strategy} ${paramText(record.params)}`.trimEnd());
  io.out(`${record.data.source}: ${thousands(record.data.bars)} bars, ${isoMinute(record.data.from)} → ${isoMinute(record.data.to)} UTC`);
  io.out(`${record.cuts.length + 2} runs (the full range twice, ${record.cuts.length} cut short) in ${(record.elapsedMs / 1000).toFixed(2)} s\n`);
  io.out(record.meaning);
  if (!record.clean) printChanges(io, record);
}

function printChanges(io: CliIo, report: LookaheadRecord): void {
  const rows = report.changes.slice(0, PRINTED_CHANGES);
  if (rows.length === 0) {
    printFailures(io, report);
    return;
  }
  const cutHeader = report.deterministic ? 'cut at bar' : '';
  io.out(`\n  ${'bar'.padStart(8)}  time (UTC)        ${cutHeader.padEnd(10)}  full run → ${report.deterministic ? 'cut short' : 'second full run'}`);
  for (const c of rows) {
    const cut = report.deterministic ? String(c.cutBar) : '';
    io.out(`  ${String(c.bar).padStart(8)}  ${isoMinute(c.time)}  ${cut.padEnd(10)}  ${decisions(c.full)} → ${decisions(c.truncated)}`);
  }
  if (report.changedBars > rows.length) io.out(`  … and ${thousands(report.changedBars - rows.length)} more bar(s) (--json lists up to ${report.changes.length})`);
  printFailures(io, report);
}

function printFailures(io: CliIo, report: LookaheadRecord): void {
  if (report.failures.length > 0) io.out('');
  for (const f of report.failures) {
    const where = f.cutBar === report.bars ? 'full run' : `cut at bar ${f.cutBar}`;
    io.out(`  ${where}: the strategy failed at bar ${f.bar}${Number.isFinite(f.time) ? ` (${isoMinute(f.time)})` : ''}: ${f.message}`);
  }
}

function decisions(list: readonly string[]): string {
  return list.length === 0 ? '(none)' : list.join('; ');
}
