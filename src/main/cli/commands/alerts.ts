import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { isoMinute, numberOption } from '../options';
import { openDb } from '../../data/db';
import { defaultDbPath } from '../../appHome';
import { LiveStore } from '../../live/liveStore';
import { LivePipeline } from '../../live/livePipeline';
import { DEFAULT_TOPICS } from '../../live/kafkaSettings';

const HELP = `usage: cryptota alerts add '<rule JSON>'
       cryptota alerts ls [--json]
       cryptota alerts fired [--limit 50] [--json]
       cryptota alerts rm <id>

Alert rules evaluated by the live service on every closed candle (or strategy signal).
A running service picks up new rules within a second. Rule JSON, one of:
  {"kind":"price","instrument":"BTCUSDT:1m","op":"crosses_above","level":45000,"cooldownMs":600000}
  {"kind":"indicator","instrument":"BTCUSDT:1m","indicator":"rsi","params":{"period":14},"op":"crosses_below","level":30}
  {"kind":"move","instrument":"ETHUSDT:1m","percent":2,"windowBars":15}
  {"kind":"signal","sessionId":"1","side":"any"}
op: crosses_above | crosses_below | above | below. Optional "name" and "cooldownMs" (bar time).`;

export const alertsCommand: CliCommand = {
  name: 'alerts',
  summary: 'add, list and remove live alert rules; list fired alerts',
  help: HELP,
  async run(argv, io) {
    const { values, positionals } = parseArgs({
      args: [...argv], options: { json: { type: 'boolean', default: false }, limit: { type: 'string' } }, strict: true, allowPositionals: true,
    });
    const [sub = 'ls', ...rest] = positionals;
    const db = openDb(defaultDbPath());
    try {
      const store = new LiveStore(db);
      switch (sub) {
        case 'add': {
          if (rest.length !== 1) throw new UsageError("alerts add takes one rule as JSON (quote it: '{\"kind\":...}')");
          let raw: unknown;
          try {
            raw = JSON.parse(rest[0]);
          } catch (e) {
            throw new UsageError(`the rule is not valid JSON: ${(e as Error).message}`);
          }
          let id: number;
          try {
            id = new LivePipeline(store, { ...DEFAULT_TOPICS, market: DEFAULT_TOPICS.market }).addAlertRule(raw);
          } catch (e) {
            throw new UsageError((e as Error).message);
          }
          io.out(values.json ? JSON.stringify({ id }) : `alert rule ${id} added`);
          return 0;
        }
        case 'ls': {
          const rules = store.alertRules().map((r) => ({ id: r.id, createdAt: r.createdAt, ...(JSON.parse(r.json) as { rule: unknown }) }));
          if (values.json) io.out(JSON.stringify({ rules }));
          else if (rules.length === 0) io.out('no alert rules');
          else for (const r of rules) io.out(`#${r.id} ${JSON.stringify(r.rule)}`);
          return 0;
        }
        case 'fired': {
          const list = store.recentAlerts(Math.floor(numberOption('limit', values.limit, 50)));
          if (values.json) io.out(JSON.stringify({ alerts: list.map((a) => JSON.parse(a.json) as unknown) }));
          else if (list.length === 0) io.out('no alerts fired yet');
          else for (const a of list) io.out(`${isoMinute(a.time)} ${a.ruleId === null ? 'service' : `rule #${a.ruleId}`}: ${(JSON.parse(a.json) as { message: string }).message}`);
          return 0;
        }
        case 'rm': {
          const id = Number(rest[0]);
          if (!Number.isInteger(id) || id <= 0) throw new UsageError('alerts rm takes a rule id');
          if (!store.deleteAlertRule(id)) throw new UsageError(`no alert rule ${id}`);
          io.out(`alert rule ${id} removed`);
          return 0;
        }
        default:
          throw new UsageError(`unknown subcommand "${sub}"; use add, ls, fired or rm`);
      }
    } finally {
      db.close();
    }
  },
};
