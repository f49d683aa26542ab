/**
 * `cryptota paper start`: creates or resumes paper sessions and runs the live service in
 * the foreground (until Ctrl-C / SIGTERM / `paper shutdown`) or, with --detach, in a
 * background child whose early death is reported. A start that fails leaves no session.
 */
import { parseArgs } from 'node:util';
import { projectRoot } from '../../projectRoot';
import { spawn } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { CliCommand, CliIo } from '../command';
import { EXIT, UsageError } from '../command';
import { isoMinute, numberOption } from '../options';
import { brokerOptionSpec, brokerSettingsFromFlags, BROKER_HELP } from '../brokerOptions';
import { kafkaOptionSpec, kafkaSettingsFrom, KAFKA_HELP } from '../liveOptions';
import type { Db } from '../../data/db';
import { appHome } from '../../appHome';
import { coerceParams, parseKeyValues } from '../../research/paramCoercion';
import { looksLikeFile, resolveStrategy } from '../../research/strategyLoader';
import { brokerConfigFrom } from '../../research/backtestJob';
import { LiveService, createSessionRow } from '../../live/liveService';
import type { LiveStore } from '../../live/liveStore';
import { claimService, releaseService, runningService } from '../../live/serviceLock';
import { resolveBrokers, type KafkaSettings } from '../../live/kafkaSettings';
import { formatPrice, pricePrecision } from '../../live/pricePrecision';
import { instrumentPrecision, sessionId, withLiveStore } from './paperShared';

const HELP = `usage: cryptota paper start --strategy <name|file> --instruments BTCUSDT:1m[,ETHUSDT:1m] [options]
       cryptota paper start [<session> ...]     resume sessions and run every running one

Paper trading on the live Kafka feed (topic market_data_stream). Creates a session (or
resumes the given ones) and runs the live service in the foreground until Ctrl-C,
SIGTERM or \`cryptota paper shutdown\` (exit code 130); with --detach it runs in the
background (log: $CRYPTOTA_HOME/paper.log, each line timestamped). When a service already
runs on this store, \`start\` only records the session and the running service picks it
up within a second. State lives in the local store; a killed service restarts into
exactly the state of the last processed candle.

session options:
  --strategy <name|file> built-in name (see: cryptota strategies) or a .ts/.js strategy file
  --param key=value      strategy parameter, repeatable
  --instruments <list>   SYMBOL:interval[,SYMBOL:interval] — cash is split equally between them
  --name <text>          session name
${BROKER_HELP}

service options:
  --topic <name>         market data topic (default market_data_stream)
  --group <id>           consumer group (default cryptota-<workstation id>)
  --from-beginning       a new consumer group starts at the oldest message (default: newest)
  --dead-letter <topic>  forward malformed messages to this topic
  --session-timeout <ms> consumer group session timeout (default 10000): how long a
                         killed service's partitions stay assigned before a restart gets them
  --detach               run the service in the background
  --json                 print the new session's id as {"sessionId": n}

${KAFKA_HELP}`;

/** How long --detach watches its child for an early death before reporting success. */
const DETACH_WATCH_MS = 30_000;
/** Once the child holds the store, how much longer it must live to count as started. */
const DETACH_SETTLE_MS = 1500;
/** Time the service gets to stop (feed, publisher, checkpoint); the whole stop stays under 5 s. */
const STOP_BUDGET_MS = 3500;
/** After the stop, how long the process may take to end by itself before it is ended. */
const EXIT_GRACE_MS = 500;

export const paperStartCommand: CliCommand = {
  name: 'paper start',
  summary: 'create or resume paper sessions and run the live service (foreground or --detach)',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv],
      options: {
        ...kafkaOptionSpec,
        ...brokerOptionSpec,
        strategy: { type: 'string' },
        param: { type: 'string', multiple: true, default: [] },
        instruments: { type: 'string' },
        name: { type: 'string' },
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
    const ids = positionals.map(sessionId);
    // Service options are checked before anything is written, so a bad one leaves no session.
    const settings = kafkaSettingsFrom(values);
    const sessionTimeoutMs = values['session-timeout'] === undefined ? undefined : numberOption('session-timeout', values['session-timeout'], 10_000);
    return withLiveStore(async (db, store) => {
      for (const id of ids) if (!store.session(id)) throw new UsageError(`no paper session ${id}`);
      const owner = runningService(db);
      // Without a running service this process must reach Kafka: refuse before creating anything.
      if (!owner) resolveBrokers(settings);
      let created: number | null = null;
      if (values.strategy) {
        if (!values.instruments) throw new UsageError('--instruments is required with --strategy (e.g. --instruments BTCUSDT:1m)');
        created = await createSession(store, values.strategy, values.param ?? [], values.instruments, values.name, brokerConfigFrom(brokerSettingsFromFlags(values)));
        io.out(values.json ? JSON.stringify({ sessionId: created }) : `paper session ${created} created (${values.strategy} on ${values.instruments})`);
      } else if (ids.length === 0 && store.sessions().every((s) => s.status !== 'running')) {
        throw new UsageError('nothing to run: give --strategy and --instruments for a new session, or the id of a session to resume');
      }
      for (const id of ids) store.setStatus(id, 'running');
      if (owner) {
        io.out(`the live service already runs on this store (pid ${owner.pid}); it picks the session up within a second`);
        return EXIT.ok;
      }
      try {
        if (values.detach) return await detach(db, argv, settings, io);
        return await runForeground(db, io, {
          settings, topic: values.topic, group: values.group, fromBeginning: values['from-beginning'] ?? false, deadLetter: values['dead-letter'], sessionTimeoutMs,
        });
      } catch (e) {
        // A start that never ran must not leave its new session behind.
        if (created !== null && !runningService(db)) store.deleteSession(created);
        throw e;
      }
    });
  },
};

async function createSession(
  store: LiveStore, strategy: string, params: readonly string[], instruments: string, name: string | undefined, broker: ReturnType<typeof brokerConfigFrom>,
): Promise<number> {
  const definition = await resolveStrategy(strategy);
  try {
    const raw = parseKeyValues(params);
    return createSessionRow(store, definition, {
      // A strategy file is stored by absolute path so a restart from another folder finds it.
      name, strategy: looksLikeFile(strategy) ? resolve(strategy) : strategy, params: coerceParams(definition.name, definition.params, raw),
      instruments: instruments.split(','), broker,
    });
  } catch (e) {
    // Parameters, instruments and broker settings are the user's input.
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

interface ForegroundOptions {
  settings: KafkaSettings;
  topic?: string;
  group?: string;
  fromBeginning: boolean;
  deadLetter?: string;
  sessionTimeoutMs?: number;
}

async function runForeground(db: Db, plainIo: CliIo, o: ForegroundOptions): Promise<number> {
  // Service lines are a log (often paper.log): each starts with its UTC time.
  const io: CliIo = { out: (t) => plainIo.out(stamp(t)), err: (t) => plainIo.err(stamp(t)), interactive: plainIo.interactive };
  const other = claimService(db);
  if (other) {
    io.out(`the live service already runs on this store (pid ${other.pid})`);
    return EXIT.ok;
  }
  const service = new LiveService({
    db, kafka: o.settings, fromBeginning: o.fromBeginning, groupId: o.group, sessionTimeoutMs: o.sessionTimeoutMs,
    topics: { ...(o.topic ? { market: o.topic } : {}), ...(o.deadLetter ? { deadLetter: o.deadLetter } : {}) },
    resolveStrategy, log: (l) => io.err(l),
  });
  const precision = new Map<string, number | null>();
  for (const s of service.store.sessions()) for (const inst of s.instruments) precision.set(inst.split(':')[0], instrumentPrecision(service.store, inst));
  let lastState = '';
  service.subscribe('feedStatus', (s) => {
    // Lag changes every batch; the log shows state changes only.
    if (s.state === lastState) return;
    lastState = s.state;
    io.err(`feed: ${s.state}${s.lag ? ` (lag ${s.lag})` : ''}${s.message ? `: ${s.message}` : ''}`);
  });
  service.subscribe('candle', (c) => {
    const seen = pricePrecision([c]);
    if (seen > (precision.get(c.symbol) ?? 0)) precision.set(c.symbol, seen);
  });
  service.subscribe('signal', (s) => io.out(`${isoMinute(s.time)} session ${s.sessionId} ${s.side.toUpperCase()} ${s.size} ${s.symbol} @ ${formatPrice(s.price, precision.get(s.symbol) ?? null)} (${s.reason})`));
  service.subscribe('alert', (a) => io.out(`${isoMinute(a.time)} ALERT ${a.message}`));
  const stopped = new Promise<string>((res) => {
    process.once('SIGINT', () => res('SIGINT'));
    process.once('SIGTERM', () => res('SIGTERM'));
  });
  io.err(`live service starting (pid ${process.pid}, brokers ${resolveBrokers(o.settings).join(',')})`);
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
    return EXIT.interrupted;
  } finally {
    await service.stop(STOP_BUDGET_MS);
    releaseService(db);
    // kafkajs may still hold sockets and retry timers of connections abandoned above;
    // they must not keep a stopped service alive. The store is closed and consistent by
    // the time this fires (the caller closes it right after), so a hard exit loses nothing.
    setTimeout(() => process.exit(process.exitCode ?? EXIT.interrupted), EXIT_GRACE_MS).unref();
  }
}

function stamp(text: string): string {
  const at = new Date().toISOString();
  return text.split('\n').map((l) => `${at} ${l}`).join('\n');
}

/**
 * Starts the service in a background child and watches it: a child that exits before it
 * holds the store (or right after) is reported with the end of its log, as a failure.
 */
async function detach(db: Db, argv: readonly string[], settings: KafkaSettings, io: CliIo): Promise<number> {
  // Found from the package root: this module runs from src/main/cli/commands and bundled flat into out/main.
  const cli = join(projectRoot(), 'bin', 'cryptota.mjs');
  // The child re-runs `paper start` with the same service options but no session options.
  const args = [cli, 'paper', 'start', ...passThrough(argv)];
  const logPath = join(appHome(), 'paper.log');
  const log = openSync(logPath, 'a');
  // The SASL password travels in the environment, never on a command line others can read.
  const env = { ...process.env, ...(settings.sasl ? { KAFKA_SASL_PASSWORD: settings.sasl.password } : {}) };
  const child = spawn(process.execPath, args, { detached: true, stdio: ['ignore', log, log], env });
  let exitCode: number | null | undefined;
  child.once('exit', (code, signal) => { exitCode = code ?? (signal ? 128 : 1); });
  const logStart = safeSize(logPath);
  const end = Date.now() + DETACH_WATCH_MS;
  let heldSince: number | null = null;
  while (exitCode === undefined && Date.now() < end) {
    if (heldSince === null && runningService(db)?.pid === child.pid) heldSince = Date.now();
    if (heldSince !== null && Date.now() - heldSince >= DETACH_SETTLE_MS) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  if (exitCode !== undefined) {
    const tail = readFileSync(logPath, 'utf8').slice(logStart).trim().split('\n').slice(-10).join('\n');
    throw new Error(`the live service exited at once (code ${exitCode}); its log ${logPath} ends with:\n${tail}`);
  }
  child.unref();
  io.out(`live service started in the background (pid ${child.pid}); log: ${logPath}${heldSince === null ? ' (not yet confirmed: check `cryptota paper status`)' : ''}`);
  return EXIT.ok;
}

function safeSize(path: string): number {
  try {
    return readFileSync(path).length;
  } catch {
    return 0;
  }
}

/** Keeps the service and Kafka options of a `paper start` command line (never the password). */
function passThrough(argv: readonly string[]): string[] {
  const keep = new Set(['--brokers', '--topic', '--group', '--dead-letter', '--session-timeout', '--sasl-mechanism', '--sasl-username']);
  const drop = new Set(['--sasl-password']);
  const flags = new Set(['--from-beginning', '--ssl']);
  const out: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const [name] = a.split('=');
    if (keep.has(name) || drop.has(name)) {
      if (keep.has(name)) out.push(a);
      if (!a.includes('=') && i + 1 < argv.length) {
        i++;
        if (keep.has(name)) out.push(argv[i]);
      }
    } else if (flags.has(a)) out.push(a);
  }
  return out;
}
