/** `cryptota alerts add|ls|fired|rm`: alert rules the live service evaluates, and the alerts it raised. */
import { parseArgs } from 'node:util';
import type { CliCommand, CliIo } from '../command';
import { UsageError } from '../command';
import { isoMinute, numberOption } from '../options';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { LiveStore } from '../../live/liveStore';
import { LivePipeline } from '../../live/livePipeline';
import { DEFAULT_TOPICS } from '../../live/kafkaSettings';

const RULES_HELP = `Alert rules are evaluated by the live service on every closed candle (or strategy
signal); a running service picks up a new rule within a second. Rule JSON, one of:
  {"kind":"price","instrument":"BTCUSDT:1m","op":"crosses_above","level":45000,"cooldownMs":600000}
  {"kind":"indicator","instrument":"BTCUSDT:1m","indicator":"rsi","params":{"period":14},"op":"crosses_below","level":30}
  {"kind":"move","instrument":"ETHUSDT:1m","percent":2,"windowBars":15}
  {"kind":"signal","sessionId":"1","side":"any"}
op: crosses_above | crosses_below | above | below. Optional "name" and "cooldownMs" (bar time).`;

/** Runs `f` on the live store of the local store file and closes it. */
async function withStore<T>(f: (store: LiveStore) => T): Promise<T> {
  const db = openDb(defaultDbPath());
  try {
    return f(new LiveStore(db));
  } finally {
    db.close();
  }
}

function parse(argv: readonly string[], withLimit = false): { json: boolean; limit?: string; positionals: string[] } {
  const { values, positionals } = parseArgs({
    args: [...argv], options: { json: { type: 'boolean', default: false }, ...(withLimit ? { limit: { type: 'string' } } : {}) }, strict: true, allowPositionals: true,
  });
  return { json: values.json === true, limit: typeof values.limit === 'string' ? values.limit : undefined, positionals };
}

export const alertsAddCommand: CliCommand = {
  name: 'alerts add',
  summary: 'add an alert rule (JSON)',
  help: `usage: cryptota alerts add '<rule JSON>' [--json]\n\n${RULES_HELP}`,
  async run(argv, io) {
    const { json, positionals } = parse(argv);
    if (positionals.length !== 1) throw new UsageError("alerts add takes one rule as JSON (quote it: '{\"kind\":...}')");
    let raw: unknown;
    try {
      raw = JSON.parse(positionals[0]);
    } catch (e) {
      throw new UsageError(`the rule is not valid JSON: ${(e as Error).message}`);
    }
    const id = await withStore((store) => {
      try {
        return new LivePipeline(store, { ...DEFAULT_TOPICS, market: store.feedTopic() ?? DEFAULT_TOPICS.market }).addAlertRule(raw);
      } catch (e) {
        throw new UsageError((e as Error).message);
      }
    });
    io.out(json ? JSON.stringify({ id }) : `alert rule ${id} added`);
    return 0;
  },
};

export const alertsLsCommand: CliCommand = {
  name: 'alerts ls',
  summary: 'list the alert rules',
  help: `usage: cryptota alerts ls [--json]\n\n${RULES_HELP}`,
  async run(argv, io) {
    const { json } = parse(argv);
    const rules = await withStore((store) => store.alertRules().map((r) => ({ id: r.id, createdAt: r.createdAt, ...(JSON.parse(r.json) as { rule: unknown }) })));
    if (json) io.out(JSON.stringify({ rules }));
    else if (rules.length === 0) io.out('no alert rules');
    else for (const r of rules) io.out(`#${r.id} ${JSON.stringify(r.rule)}`);
    return 0;
  },
};

export const alertsFiredCommand: CliCommand = {
  name: 'alerts fired',
  summary: 'the alerts raised, newest first (rules and the service itself, e.g. feed holes)',
  help: 'usage: cryptota alerts fired [--limit 50] [--json]',
  async run(argv, io: CliIo) {
    const { json, limit } = parse(argv, true);
    const n = Math.floor(numberOption('limit', limit, 50));
    const list = await withStore((store) => store.recentAlerts(n));
    if (json) io.out(JSON.stringify({ alerts: list.map((a) => JSON.parse(a.json) as unknown) }));
    else if (list.length === 0) io.out('no alerts fired yet');
    else for (const a of list) io.out(`${isoMinute(a.time)} ${a.ruleId === null ? 'service' : `rule #${a.ruleId}`}: ${(JSON.parse(a.json) as { message: string }).message}`);
    return 0;
  },
};

export const alertsRmCommand: CliCommand = {
  name: 'alerts rm',
  summary: 'remove an alert rule',
  help: 'usage: cryptota alerts rm <id>',
  async run(argv, io) {
    const { positionals } = parse(argv);
    const id = Number(positionals[0]);
    if (positionals.length !== 1 || !Number.isInteger(id) || id <= 0) throw new UsageError('alerts rm takes a rule id');
    const removed = await withStore((store) => store.deleteAlertRule(id));
    if (!removed) throw new UsageError(`no alert rule ${id}`);
    io.out(`alert rule ${id} removed`);
    return 0;
  },
};
