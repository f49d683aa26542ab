import { parseArgs } from 'node:util';
import { spawn } from 'node:child_process';
import { openSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { isoMinute, numberOption } from '../options';
import { kafkaOptionSpec, kafkaSettingsFrom, KAFKA_HELP } from '../liveOptions';
import { openDb, type Db } from '../../data/db';
import { appHome, defaultDbPath } from '../../appHome';
import { projectRoot } from '../../projectRoot';
import { coerceParams, parseKeyValues } from '../../research/paramCoercion';
import { looksLikeFile, resolveStrategy } from '../../research/strategyLoader';
import { brokerConfigFrom } from '../../research/backtestJob';
import { LiveService, createSessionRow } from '../../live/liveService';
import { LiveStore } from '../../live/liveStore';
import { verifySession } from '../../live/paperVerify';
import { claimService, releaseService, runningService } from '../../live/serviceLock';
import type { PortfolioSnapshot } from '../../live/paperSession';
import { DEFAULT_TOPICS, resolveBrokers } from '../../live/kafkaSettings';
import { EXIT_INTERRUPTED } from '../researchSession';

const HELP = `usage: cryptota paper start --strategy <name|file> --instruments BTCUSDT:1m[,ETHUSDT:1m] [options]
       cryptota paper start [<session> ...]     resume sessions and run every running one
       cryptota paper status [<session>] [--json]
       cryptota paper pause|resume|stop <session>
       cryptota paper verify <session> [--json]

Paper trading on the live Kafka feed (topic market_data_stream). \`start\` creates a
session (or resumes the given ones) and runs the live service in the foreground until
Ctrl-C / SIGTERM; with --detach it runs in the background (log: $CRYPTOTA_HOME/paper.log).
When a service already runs on this store, \`start\` only records the session and the
running service picks it up within a second. State lives in the local store; a killed
service restarts into exactly the state of the last processed candle.

session options:
  --strategy <name|file> built-in name (see: cryptota strategies) or a .ts/.js strategy file
  --param key=value      strategy parameter, repeatable
  --instruments <list>   SYMBOL:interval[,SYMBOL:interval] — cash is split equally between them
  --name <text>          session name
  --cash <n>             starting cash (default 10000)
  --commission <f>       fraction of notional per fill (default 0.001)
  --slippage-bps <n>     adverse slippage, basis points (default 0)
  --qty-step <n>         quantity increment (default 1e-8)
  --min-notional <n>     smallest order notional (default 0)
  --trade-on-close       fill market orders at the signal bar's close

service options:
  --topic <name>         market data topic (default market_data_stream)
  --group <id>           consumer group (default cryptota-<workstation id>)
  --from-beginning       a new consumer group starts at the oldest message (default: newest)
  --dead-letter <topic>  forward malformed messages to this topic
  --session-timeout <ms> consumer group session timeout (default 10000): how long a
                         killed service's partitions stay assigned before a restart gets them
  --detach               run the service in the background
  --json                 machine-readable output (status, verify, start's session id)

${KAFKA_HELP}`;

export const paperCommand: CliCommand = {
  name: 'paper',
  summary: 'paper trading on the live feed: start, status, pause, resume, stop, verify',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        ...kafkaOptionSpec,
        strategy: { type: 'string' },
        param: { type: 'string', multiple: true, default: [] },
        instruments: { type: 'string' },
        name: { type: 'string' },
        cash: { type: 'string' },
        commission: { type: 'string' },
        'slippage-bps': { type: 'string' },
        'qty-step': { type: 'string' },
        'min-notional': { type: 'string' },
        'trade-on-close': { type: 'boolean', default: false },
        topic: { type: 'string' },
        group: { type: 'string' },
        'from-beginning': { type: 'boolean', default: false },
        'dead-letter': { type: 'string' },
        'session-timeout': { type: 'string' },
        detach: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
    const [sub, ...rest] = positionals;
    const ids = rest.map(sessionId);
    const db = openDb(defaultDbPath());
    const store = new LiveStore(db);
    try {
      switch (sub) {
        case 'start': {
          let created: number | null = null;
          if (values.strategy) {
            if (!values.instruments) throw new UsageError('--instruments is required with --strategy (e.g. --instruments BTCUSDT:1m)');
            const definition = await resolveStrategy(values.strategy);
            let raw: Record<string, string>;
            try {
              raw = parseKeyValues(values.param ?? []);
            } catch (e) {
              throw new UsageError((e as Error).message);
            }
            const broker = brokerConfigFrom({
              cash: numberOption('cash', values.cash, 10_000), commission: numberOption('commission', values.commission, 0.001),
              slippageBps: numberOption('slippage-bps', values['slippage-bps'], 0), qtyStep: numberOption('qty-step', values['qty-step'], 1e-8),
              minNotional: numberOption('min-notional', values['min-notional'], 0), tradeOnClose: values['trade-on-close'] ?? false,
            });
            created = createSessionRow(store, definition, {
              // A strategy file is stored by absolute path so a restart from another folder finds it.
              name: values.name, strategy: looksLikeFile(values.strategy) ? resolve(values.strategy) : values.strategy, params: coerceParams(definition.name, definition.params, raw),
              instruments: values.instruments.split(','), broker,
            });
            io.out(values.json ? JSON.stringify({ sessionId: created }) : `paper session ${created} created (${values.strategy} on ${values.instruments})`);
          } else if (ids.length === 0 && store.sessions().every((s) => s.status !== 'running')) {
            throw new UsageError('nothing to run: give --strategy and --instruments for a new session, or the id of a session to resume');
          }
          for (const id of ids) store.setStatus(id, 'running');
          const owner = runningService(db);
          if (owner) {
            io.out(`the live service already runs on this store (pid ${owner.pid}); it picks the session up within a second`);
            return 0;
          }
          if (values.detach) return detach(argv, io);
          const settings = kafkaSettingsFrom(values);
          return await runForeground(db, io, {
            settings, topic: values.topic, group: values.group, fromBeginning: values['from-beginning'] ?? false, deadLetter: values['dead-letter'],
            sessionTimeoutMs: values['session-timeout'] === undefined ? undefined : numberOption('session-timeout', values['session-timeout'], 10_000),
          });
        }
        case 'status': {
          const sessions = store.sessions().filter((s) => ids.length === 0 || ids.includes(s.id));
          if (ids.length > 0 && sessions.length === 0) throw new UsageError(`no paper session ${ids.join(', ')}`);
          const owner = runningService(db);
          const report = sessions.map((s) => {
            const p = store.portfolio(s.id);
            return { ...s, portfolio: p ? (JSON.parse(p.json) as PortfolioSnapshot) : null, trades: store.trades(s.id).length, feedHoles: store.sessionHoles(s.id) };
          });
          const feed = { offsets: Object.fromEntries(store.offsets(values.topic ?? DEFAULT_TOPICS.market)), rejected: store.rejectCounts() };
          const fs = owner ? store.feedState() : null;
          const feedState = fs && fs.pid === owner?.pid ? fs : null;
          if (values.json) {
            io.out(JSON.stringify({ service: owner, feedState, sessions: report, feed: { offsets: mapStrings(feed.offsets), rejected: feed.rejected } }));
            return 0;
          }
          io.out(owner ? `live service: running (pid ${owner.pid}, since ${isoMinute(owner.startedAt)} UTC)` : 'live service: not running (start it with `cryptota paper start`)');
          if (feedState) io.out(`feed: ${feedState.state} since ${isoMinute(feedState.at)} UTC${feedState.message ? ` (${feedState.message})` : ''}`);
          const rej = Object.entries(feed.rejected);
          io.out(`feed: ${rej.length ? `rejected ${rej.map(([r, n]) => `${r}=${n}`).join(' ')}` : 'no rejected messages'}`);
          if (report.length === 0) io.out('no paper sessions yet');
          for (const s of report) {
            const p = s.portfolio;
            io.out(`#${s.id} ${s.status.padEnd(7)} ${s.name} · ${s.strategy} ${JSON.stringify(s.params)}`);
            io.out(`    bars ${p?.bars ?? 0}  trades ${s.trades}  cash ${fmt(p?.cash ?? s.broker.cash)}  equity ${fmt(p?.equity ?? s.broker.cash)}${p?.time ? `  last bar ${isoMinute(p.time)}` : ''}`);
            for (const h of s.feedHoles) io.out(`    feed hole ${isoMinute(h.at)} UTC: ${h.missed} message(s) (${h.topic}[${h.partition}] offsets ${h.fromOffset}..${h.toOffset}) left the broker unread; the session's bars jump over them`);
            for (const pos of p?.positions ?? []) {
              if (pos.size !== 0) io.out(`    ${pos.instrument} ${pos.size > 0 ? 'long' : 'short'} ${Math.abs(pos.size)} @ ${pos.entryPrice} (mark ${pos.markPrice}, unrealized ${fmt(pos.unrealizedPnl)})`);
            }
          }
          return 0;
        }
        case 'pause':
        case 'resume':
        case 'stop': {
          if (ids.length === 0) throw new UsageError(`paper ${sub} needs a session id`);
          for (const id of ids) store.setStatus(id, sub === 'pause' ? 'paused' : sub === 'resume' ? 'running' : 'stopped');
          io.out(`session ${ids.join(', ')}: ${sub === 'pause' ? 'paused' : sub === 'resume' ? 'running' : 'stopped'}${runningService(db) ? '' : ' (no live service is running)'}`);
          return 0;
        }
        case 'verify': {
          if (ids.length !== 1) throw new UsageError('paper verify takes one session id');
          const row = store.session(ids[0]);
          if (!row) throw new UsageError(`no paper session ${ids[0]}`);
          const report = verifySession(store, ids[0], await resolveStrategy(row.strategy));
          if (values.json) io.out(JSON.stringify(report));
          else {
            for (const v of report.instruments) {
              io.out(`${v.instrument}: ${v.bars} bars, paper ${v.paperTrades} closed trades, backtest ${v.backtestTrades} — ${v.differences.length === 0 ? 'identical' : `${v.differences.length} difference(s)`}`);
              for (const d of v.differences.slice(0, 20)) io.out(`    ${d}`);
            }
            io.out(report.identical ? 'parity: the backtester reproduces every trade of this session' : 'parity: DIFFERENT');
          }
          return report.identical ? 0 : 1;
        }
        default:
          throw new UsageError(`unknown subcommand "${sub ?? ''}"; use start, status, pause, resume, stop or verify`);
      }
    } finally {
      db.close();
    }
  },
};

interface ForegroundOptions {
  settings: ReturnType<typeof kafkaSettingsFrom>;
  topic?: string;
  group?: string;
  fromBeginning: boolean;
  deadLetter?: string;
  sessionTimeoutMs?: number;
}

async function runForeground(db: Db, io: CliIo, o: ForegroundOptions): Promise<number> {
  const other = claimService(db);
  if (other) {
    io.out(`the live service already runs on this store (pid ${other.pid})`);
    return 0;
  }
  const service = new LiveService({
    db, kafka: o.settings, fromBeginning: o.fromBeginning, groupId: o.group, sessionTimeoutMs: o.sessionTimeoutMs,
    topics: { ...(o.topic ? { market: o.topic } : {}), ...(o.deadLetter ? { deadLetter: o.deadLetter } : {}) },
    resolveStrategy, log: (l) => io.err(l),
  });
  let lastState = '';
  service.subscribe('feedStatus', (s) => {
    // Lag changes every batch; the log shows state changes only.
    if (s.state === lastState) return;
    lastState = s.state;
    io.err(`feed: ${s.state}${s.lag ? ` (lag ${s.lag})` : ''}${s.message ? `: ${s.message}` : ''}`);
  });
  service.subscribe('signal', (s) => io.out(`${isoMinute(s.time)} session ${s.sessionId} ${s.side.toUpperCase()} ${s.size} ${s.symbol} @ ${s.price} (${s.reason})`));
  service.subscribe('alert', (a) => io.out(`${isoMinute(a.time)} ALERT ${a.message}`));
  const stopped = new Promise<string>((res) => {
    process.once('SIGINT', () => res('SIGINT'));
    process.once('SIGTERM', () => res('SIGTERM'));
  });
  io.err(`live service starting (pid ${process.pid}, brokers ${describeBrokers(o.settings)})`);
  try {
    // A stop request wins over a start still waiting for an unreachable broker.
    const started = service.start().then(() => null);
    // Reported through the race below when it fails first; after a stop, nobody waits for it.
    started.catch(() => undefined);
    const early = await Promise.race([started, stopped]);
    if (early === null) {
      const sessions = service.listSessions().filter((s) => s.state === 'running');
      io.out(`live service running (pid ${process.pid}): ${sessions.length} session(s) ${sessions.map((s) => `#${s.id}`).join(' ')}; Ctrl-C to stop`);
    }
    const why = early ?? (await stopped);
    io.err(`${why}: stopping`);
    return EXIT_INTERRUPTED;
  } finally {
    await service.stop(STOP_BUDGET_MS);
    releaseService(db);
    // kafkajs may still hold sockets and retry timers of connections abandoned above;
    // they must not keep a stopped service alive. The store is closed and consistent by
    // the time this fires (the caller closes it right after), so a hard exit loses nothing.
    setTimeout(() => process.exit(process.exitCode ?? EXIT_INTERRUPTED), EXIT_GRACE_MS).unref();
  }
}

/** Time the service gets to stop (feed, publisher, checkpoint); the whole stop stays under 5 s. */
const STOP_BUDGET_MS = 3500;
/** After the stop, how long the process may take to end by itself before it is ended. */
const EXIT_GRACE_MS = 500;

function describeBrokers(settings: ForegroundOptions['settings']): string {
  try {
    return resolveBrokers(settings).join(',');
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

function detach(argv: readonly string[], io: CliIo): number {
  const cli = join(projectRoot(), 'bin', 'cryptota.mjs');
  // The child re-runs `paper start` with the same Kafka options but no session options.
  const args = [cli, 'paper', 'start', ...passThrough(argv)];
  const log = openSync(join(appHome(), 'paper.log'), 'a');
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env: process.env });
  child.unref();
  io.out(`live service started in the background (pid ${child.pid}); log: ${join(appHome(), 'paper.log')}`);
  return 0;
}

/** Keeps the service and Kafka options of a `paper start` command line. */
function passThrough(argv: readonly string[]): string[] {
  const keep = new Set(['--brokers', '--topic', '--group', '--dead-letter', '--session-timeout', '--sasl-mechanism', '--sasl-username', '--sasl-password']);
  const flags = new Set(['--from-beginning', '--ssl']);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name] = a.split('=');
    if (keep.has(name)) {
      out.push(a);
      if (!a.includes('=') && i + 1 < argv.length) out.push(argv[++i]);
    } else if (flags.has(a)) out.push(a);
  }
  return out;
}

function sessionId(s: string): number {
  const n = Number(s);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`session id must be a positive integer (got "${s}")`);
  return n;
}

function mapStrings(m: Record<string, bigint>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v.toString()]));
}

function fmt(x: number): string {
  return x.toLocaleString('en-US', { maximumFractionDigits: 2 });
}
