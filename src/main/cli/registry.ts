/** Every CLI command, one line each. Keep the list sorted by name. */
import type { CliCommand } from './command';
import { alertsAddCommand, alertsFiredCommand, alertsLsCommand, alertsRmCommand } from './commands/alerts';
import { backtestCommand } from './commands/backtest';
import { cacheGapsCommand } from './commands/cacheGaps';
import { cacheLsCommand } from './commands/cacheLs';
import { cacheRmCommand } from './commands/cacheRm';
import { feedReplayCommand } from './commands/feedReplay';
import { feedStatusCommand } from './commands/feedStatus';
import { importCommand } from './commands/import';
import { lookaheadCommand } from './commands/lookahead';
import { montecarloCommand } from './commands/montecarlo';
import { optimizeCommand } from './commands/optimize';
import { paperPauseCommand, paperResumeCommand, paperStopCommand } from './commands/paperSessionState';
import { paperShutdownCommand } from './commands/paperShutdown';
import { paperStartCommand } from './commands/paperStart';
import { paperStatusCommand } from './commands/paperStatus';
import { paperVerifyCommand } from './commands/paperVerify';
import { researchCommand } from './commands/research';
import { runsCommand } from './commands/runs';
import { serveCommand } from './commands/serve';
import { sourcesLsCommand } from './commands/sourcesLs';
import { sourcesTestCommand } from './commands/sourcesTest';
import { strategiesCommand } from './commands/strategies';
import { syncCommand } from './commands/sync';
import { walkforwardCommand } from './commands/walkforward';
import { workerCommand } from './commands/worker';

export const commands: readonly CliCommand[] = [
  alertsAddCommand,
  alertsFiredCommand,
  alertsLsCommand,
  alertsRmCommand,
  backtestCommand,
  cacheGapsCommand,
  cacheLsCommand,
  cacheRmCommand,
  feedReplayCommand,
  feedStatusCommand,
  importCommand,
  lookaheadCommand,
  montecarloCommand,
  optimizeCommand,
  paperPauseCommand,
  paperResumeCommand,
  paperShutdownCommand,
  paperStartCommand,
  paperStatusCommand,
  paperStopCommand,
  paperVerifyCommand,
  researchCommand,
  runsCommand,
  serveCommand,
  sourcesLsCommand,
  sourcesTestCommand,
  strategiesCommand,
  syncCommand,
  walkforwardCommand,
  workerCommand,
];
