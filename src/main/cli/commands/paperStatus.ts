/** `cryptota paper status [<session> ...]`: the service, the feed and each session, from the store. */
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { isoMinute } from '../options';
import { runningService } from '../../live/serviceLock';
import { DEFAULT_TOPICS } from '../../live/kafkaSettings';
import type { PortfolioSnapshot } from '../../live/paperSession';
import { formatPrice } from '../../live/pricePrecision';
import { fmtMoney, instrumentPrecision, sessionId, withLiveStore } from './paperShared';

export const paperStatusCommand: CliCommand = {
  name: 'paper status',
  summary: 'the live service, the feed and each paper session (cash, equity, positions)',
  help: `usage: cryptota paper status [<session> ...] [--topic <name>] [--json]

Reads the local store, so it works whether or not the live service runs: whether a
service holds this store, its feed state, rejected and duplicate messages, and per
session its bars, trades, cash, equity, open positions and any feed holes it crossed.
--topic defaults to the topic the service reads.`,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv], options: { json: { type: 'boolean', default: false }, topic: { type: 'string' } }, strict: true, allowPositionals: true,
    });
    const ids = positionals.map(sessionId);
    return withLiveStore((db, store) => {
      const sessions = store.sessions().filter((s) => ids.length === 0 || ids.includes(s.id));
      if (ids.length > 0 && sessions.length === 0) throw new UsageError(`no paper session ${ids.join(', ')}`);
      const owner = runningService(db);
      const report = sessions.map((s) => {
        const p = store.portfolio(s.id);
        return { ...s, portfolio: p ? (JSON.parse(p.json) as PortfolioSnapshot) : null, trades: store.trades(s.id).length, feedHoles: store.sessionHoles(s.id) };
      });
      const topic = values.topic ?? store.feedTopic() ?? DEFAULT_TOPICS.market;
      const offsets = Object.fromEntries([...store.offsets(topic)].map(([p, o]) => [p, o.toString()]));
      const feed = { topic, offsets, rejected: store.rejectCounts(), ...store.ignoredCounts() };
      const fs = owner ? store.feedState() : null;
      const feedState = fs && fs.pid === owner?.pid ? fs : null;
      if (values.json) {
        io.out(JSON.stringify({ service: owner, feedState, sessions: report, feed }));
        return 0;
      }
      io.out(owner ? `live service: running (pid ${owner.pid}, since ${isoMinute(owner.startedAt)} UTC)` : 'live service: not running (start it with `cryptota paper start`)');
      if (feedState) io.out(`feed: ${feedState.state} since ${isoMinute(feedState.at)} UTC${feedState.message ? ` (${feedState.message})` : ''}`);
      const rej = Object.entries(feed.rejected);
      io.out(`feed: ${rej.length ? `rejected ${rej.map(([r, n]) => `${r}=${n}`).join(' ')}` : 'no rejected messages'}; duplicates ${feed.duplicates}, out of order ${feed.outOfOrder}`);
      if (report.length === 0) io.out('no paper sessions yet');
      for (const s of report) {
        const p = s.portfolio;
        io.out(`#${s.id} ${s.status.padEnd(7)} ${s.name} · ${s.strategy} ${JSON.stringify(s.params)}`);
        io.out(`    bars ${p?.bars ?? 0}  trades ${s.trades}  cash ${fmtMoney(p?.cash ?? s.broker.cash)}  equity ${fmtMoney(p?.equity ?? s.broker.cash)}${p?.time ? `  last bar ${isoMinute(p.time)}` : ''}`);
        for (const h of s.feedHoles) io.out(`    feed hole ${isoMinute(h.at)} UTC: ${h.missed} message(s) (${h.topic}[${h.partition}] offsets ${h.fromOffset}..${h.toOffset}) left the broker unread; the session's bars jump over them`);
        for (const pos of p?.positions ?? []) {
          if (pos.size === 0) continue;
          const d = instrumentPrecision(store, pos.instrument);
          io.out(`    ${pos.instrument} ${pos.size > 0 ? 'long' : 'short'} ${Math.abs(pos.size)} @ ${formatPrice(pos.entryPrice, d)} (mark ${formatPrice(pos.markPrice, d)}, unrealized ${fmtMoney(pos.unrealizedPnl)})`);
        }
      }
      return 0;
    });
  },
};
