/**
 * Every CLI command, one line each, sorted by name: its words, the one-line summary the
 * command lists show, and how to load it. Commands load on demand, so `cryptota --help`
 * or one command never pays for the others' dependencies (kafkajs, pg, ws, zod, SQLite).
 */
import type { CliCommand } from './command';

export interface CommandEntry {
  /** Word(s) typed after `cryptota`, e.g. "backtest" or "cache ls". */
  readonly name: string;
  readonly summary: string;
  load(): Promise<CliCommand>;
}

export const commands: readonly CommandEntry[] = [
  { name: 'alerts add', summary: 'add an alert rule (JSON)', load: async () => (await import('./commands/alerts')).alertsAddCommand },
  { name: 'alerts fired', summary: 'the alerts raised, newest first (rules and the service itself, e.g. feed holes)', load: async () => (await import('./commands/alerts')).alertsFiredCommand },
  { name: 'alerts ls', summary: 'list the alert rules', load: async () => (await import('./commands/alerts')).alertsLsCommand },
  { name: 'alerts rm', summary: 'remove an alert rule', load: async () => (await import('./commands/alerts')).alertsRmCommand },
  { name: 'backtest', summary: 'run a strategy over candles and print backtesting.py-style stats', load: async () => (await import('./commands/backtest')).backtestCommand },
  { name: 'cache gaps', summary: 'list missing bars inside and between the cached ranges', load: async () => (await import('./commands/cacheGaps')).cacheGapsCommand },
  { name: 'cache ls', summary: 'list cached instruments, ranges and bar counts', load: async () => (await import('./commands/cacheLs')).cacheLsCommand },
  { name: 'cache rm', summary: 'delete an instrument or a time range from the local cache', load: async () => (await import('./commands/cacheRm')).cacheRmCommand },
  { name: 'feed replay', summary: 'replay stored candles into Kafka in the upstream formats', load: async () => (await import('./commands/feedReplay')).feedReplayCommand },
  { name: 'feed status', summary: 'feed counters: offsets, rejects with their last example, duplicates, holes', load: async () => (await import('./commands/feedStatus')).feedStatusCommand },
  { name: 'import', summary: 'import a Binance / open_time_ms / backtesting.py CSV into the local cache', load: async () => (await import('./commands/import')).importCommand },
  { name: 'lookahead', summary: 'check a strategy for look-ahead bias: do its decisions change when later bars are removed?', load: async () => (await import('./commands/lookahead')).lookaheadCommand },
  { name: 'montecarlo', summary: 'Monte Carlo over a saved run\'s trades: percentiles of return and drawdown', load: async () => (await import('./commands/montecarlo')).montecarloCommand },
  { name: 'optimize', summary: 'search a parameter grid on all cores, save the best runs, judge overfitting', load: async () => (await import('./commands/optimize')).optimizeCommand },
  { name: 'paper pause', summary: 'pause paper sessions (positions are kept, bars are not traded)', load: async () => (await import('./commands/paperSessionState')).paperPauseCommand },
  { name: 'paper resume', summary: 'resume paused paper sessions', load: async () => (await import('./commands/paperSessionState')).paperResumeCommand },
  { name: 'paper shutdown', summary: 'stop the running live service (sessions keep their state and status)', load: async () => (await import('./commands/paperShutdown')).paperShutdownCommand },
  { name: 'paper start', summary: 'create or resume paper sessions and run the live service (foreground or --detach)', load: async () => (await import('./commands/paperStart')).paperStartCommand },
  { name: 'paper status', summary: 'the live service, the feed and each paper session (cash, equity, positions)', load: async () => (await import('./commands/paperStatus')).paperStatusCommand },
  { name: 'paper stop', summary: 'stop paper sessions for good (their state stays readable)', load: async () => (await import('./commands/paperSessionState')).paperStopCommand },
  { name: 'paper verify', summary: 'replay a paper session through the backtester: trades must be identical', load: async () => (await import('./commands/paperVerify')).paperVerifyCommand },
  { name: 'research', summary: 'list, show, heatmap and delete saved optimizations, walk-forward analyses, Monte Carlo and look-ahead checks', load: async () => (await import('./commands/research')).researchCommand },
  { name: 'runs', summary: 'list, search, show, compare, rename, tag and delete saved runs', load: async () => (await import('./commands/runs')).runsCommand },
  { name: 'serve', summary: 'serve the app and its API to a browser (headless workstation)', load: async () => (await import('./commands/serve')).serveCommand },
  { name: 'sources ls', summary: 'list the kline tables in the TimescaleDB source', load: async () => (await import('./commands/sourcesLs')).sourcesLsCommand },
  { name: 'sources test', summary: 'check the TimescaleDB connection and that kline tables exist', load: async () => (await import('./commands/sourcesTest')).sourcesTestCommand },
  { name: 'strategies', summary: 'list strategies and their parameters', load: async () => (await import('./commands/strategies')).strategiesCommand },
  { name: 'sync', summary: 'fetch missing bars from TimescaleDB into the local cache (resumable)', load: async () => (await import('./commands/sync')).syncCommand },
  { name: 'walkforward', summary: 'optimize in-sample, trade out-of-sample, window after window; stitched equity and efficiency', load: async () => (await import('./commands/walkforward')).walkforwardCommand },
  { name: 'worker', summary: 'headless research worker: run optimization tasks from a Kafka consumer group', load: async () => (await import('./commands/worker')).workerCommand },
];
