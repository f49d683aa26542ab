import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command';
import { isoMinute } from '../options';
import { BROKER_HELP, brokerOptionSpec } from '../brokerOptions';
import { backtestRequestFromFlags } from '../backtestFlags';
import { COMPAT_HELP, compatOption } from '../compatOption';
import { executeBacktest, type BacktestOutcome } from '../../research/backtestJob';
import { RunStore, fingerprint } from '../../research/runStore';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { formatStatsTable } from '../../engine/metrics';
import type { BacktestRequest, StatsRecord, TradeRecord } from '../../../shared/backtestTypes';

const HELP = `usage: cryptota backtest [options]

Runs one backtest and saves it in the local store. With no options: the rsi
strategy on the bundled BTCUSDT 1h sample (real Binance candles).

options:
  --data <spec>          sample | sample:<NAME> | <file.csv[.gz]> | cache:<exchange>:<SYMBOL>:<interval>
                         (default: sample = sample:BTCUSDT_1h). CSVs: open_time_ms,open,high,low,close,volume
                         or backtesting.py's date-indexed ,Open,High,Low,Close,Volume
  --strategy <name|file> built-in name (see: cryptota strategies) or a .ts/.js strategy file (default: rsi)
  --param key=value      strategy parameter, repeatable (e.g. --param period=21 --param lower=25)
${BROKER_HELP}
${COMPAT_HELP}
  --from <date>          first bar (ISO date/time UTC or epoch ms)
  --to <date>            last bar, inclusive
  --magnifier            when a stop-loss and a take-profit both lie inside one bar, read which was hit
                         first from 1m bars of the same instrument (sample:<SYM>_<iv> → sample:<SYM>_1m,
                         cache:<ex>:<SYM>:<iv> → cache:<ex>:<SYM>:1m) instead of assuming the stop-loss
  --trades               also print the trade list
  --label <text>         label for the saved run
  --no-save              do not save the run
  --json                 print one JSON object: { runId, stats, trades, equity }
  -h, --help             this help`;

export const backtestCommand: CliCommand = {
  name: 'backtest',
  summary: 'run a strategy over candles and print backtesting.py-style stats',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        data: { type: 'string', default: 'sample' },
        strategy: { type: 'string', default: 'rsi' },
        param: { type: 'string', multiple: true, default: [] },
        ...brokerOptionSpec,
        from: { type: 'string' },
        to: { type: 'string' },
        trades: { type: 'boolean', default: false },
        magnifier: { type: 'boolean', default: false },
        label: { type: 'string' },
        compat: { type: 'string' },
        'no-save': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    const request: BacktestRequest = {
      ...backtestRequestFromFlags(values),
      label: values.label,
      compat: compatOption(values.compat),
    };
    const save = !values['no-save'];
    const db = openDb(defaultDbPath());
    try {
      const started = performance.now();
      const outcome = await executeBacktest(request, { db, magnifier: values.magnifier });
      const elapsed = performance.now() - started;
      const saved = save
        ? new RunStore(db).save({
            kind: 'backtest', strategy: outcome.strategy.name, params: outcome.params, broker: request.broker,
            dataSource: outcome.dataSource, data: fingerprint(outcome.candles), stats: outcome.stats, equity: outcome.equity,
            trades: outcome.trades, label: request.label ?? null, compat: request.compat,
          })
        : null;
      for (const w of outcome.warnings) io.err(`warning: ${w}`);
      if (values.json) {
        io.out(JSON.stringify({
          warnings: outcome.warnings,
          runId: saved?.id ?? null,
          strategy: outcome.strategy.name,
          params: outcome.params,
          broker: outcome.broker,
          data: { source: outcome.dataSource, bars: outcome.candles.length, from: outcome.candles.time[0], to: outcome.candles.time[outcome.candles.length - 1] },
          stats: outcome.stats,
          trades: outcome.trades,
          magnifier: outcome.magnifier,
          equity: { time: Array.from(outcome.candles.time), value: Array.from(outcome.equity) },
        }));
        return 0;
      }
      printReport(io, outcome.strategy.name, outcome.params, outcome.dataSource, outcome.candles.length,
        outcome.candles.time[0], outcome.candles.time[outcome.candles.length - 1], outcome.stats, elapsed, saved?.id ?? null);
      if (values.magnifier) printMagnifier(io, outcome.magnifier);
      if (values.trades) printTrades(io, outcome.trades);
      return 0;
    } finally {
      db.close();
    }
  },
};

function printReport(
  io: CliIo, strategy: string, params: Record<string, unknown>, source: string, bars: number,
  from: number, to: number, stats: StatsRecord, elapsedMs: number, runId: number | null,
): void {
  const p = Object.entries(params).map(([k, v]) => `${k}=${String(v)}`).join(' ');
  io.out(`${strategy} ${p}\n${source}: ${bars.toLocaleString('en-US')} bars, ${isoMinute(from)} → ${isoMinute(to)} UTC\n`);
  io.out(formatStatsTable(stats));
  io.out(`\nfinished in ${Math.round(elapsedMs)} ms (loading included) · ${runId === null ? 'not saved' : `saved as run #${runId} (cryptota runs show ${runId})`}`);
}

function printMagnifier(io: CliIo, m: BacktestOutcome['magnifier']): void {
  const counts = `${m.resolvedTakeProfitFirst} take-profit first, ${m.resolvedStopFirst} stop-loss first, ${m.unresolvedAdverse} left to the adverse rule`;
  io.out(`\nmagnifier: ${m.source === null ? 'no 1m bars in range' : `1m bars from ${m.source}`}; same-bar stop-loss/take-profit: ${counts}`);
}

function printTrades(io: CliIo, trades: readonly TradeRecord[]): void {
  io.out('\n  #  side   entry (UTC)        entry px      exit (UTC)         exit px       size          PnL       ret%  reason');
  trades.forEach((t, i) => {
    io.out(
      `${String(i + 1).padStart(3)}  ${t.side.padEnd(5)}  ${isoMinute(t.entryTime)}  ${t.entryPrice.toFixed(2).padStart(10)}    ${isoMinute(t.exitTime)}  ${t.exitPrice.toFixed(2).padStart(10)}  ${t.size.toPrecision(6).padStart(10)}  ${t.pnl.toFixed(2).padStart(11)}  ${(t.returnPct * 100).toFixed(2).padStart(7)}  ${t.exitReason}`,
    );
  });
}
