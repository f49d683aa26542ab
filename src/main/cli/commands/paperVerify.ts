/** `cryptota paper verify <session>`: the backtester must reproduce every trade of the session. */
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { resolveStrategy } from '../../research/strategyLoader';
import { verifySession } from '../../live/paperVerify';
import { sessionId, withLiveStore } from './paperShared';

export const paperVerifyCommand: CliCommand = {
  name: 'paper verify',
  summary: 'replay a paper session through the backtester: trades must be identical',
  help: `usage: cryptota paper verify <session> [--json]

Replays the bars the session consumed through the backtester with the same strategy,
parameters and broker settings, instrument by instrument, and compares the trades.
Exit code 0 when identical, 1 when not.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({ args: [...argv], options: { json: { type: 'boolean', default: false } }, strict: true, allowPositionals: true });
    if (positionals.length !== 1) throw new UsageError('paper verify takes one session id');
    const id = sessionId(positionals[0]);
    return withLiveStore(async (_db, store) => {
      const row = store.session(id);
      if (!row) throw new UsageError(`no paper session ${id}`);
      const report = verifySession(store, id, await resolveStrategy(row.strategy));
      if (values.json) io.out(JSON.stringify(report));
      else {
        for (const v of report.instruments) {
          io.out(`${v.instrument}: ${v.bars} bars, paper ${v.paperTrades} closed trades, backtest ${v.backtestTrades} — ${v.differences.length === 0 ? 'identical' : `${v.differences.length} difference(s)`}`);
          for (const d of v.differences.slice(0, 20)) io.out(`    ${d}`);
        }
        io.out(report.identical ? 'parity: the backtester reproduces every trade of this session' : 'parity: DIFFERENT');
      }
      return report.identical ? 0 : 1;
    });
  },
};
