/** Every CLI command, one line each. Keep the list sorted by name. */
import type { CliCommand } from './command';
import { alertsCommand } from './commands/alerts';
import { backtestCommand } from './commands/backtest';
import { cacheGapsCommand } from './commands/cacheGaps';
import { cacheLsCommand } from './commands/cacheLs';
import { cacheRmCommand } from './commands/cacheRm';
import { feedCommand } from './commands/feed';
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
  alertsCommand,
  backtestCommand,
  cacheGapsCommand,
  cacheLsCommand,
  cacheRmCommand,
  feedCommand,
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
