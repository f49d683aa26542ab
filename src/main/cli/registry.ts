/** Every CLI command, one line each. Keep the list sorted by name. */
import type { CliCommand } from './command';
import { alertsCommand } from './commands/alerts';
import { backtestCommand } from './commands/backtest';
import { feedCommand } from './commands/feed';
import { paperCommand } from './commands/paper';
import { runsCommand } from './commands/runs';
import { serveCommand } from './commands/serve';
import { strategiesCommand } from './commands/strategies';

export const commands: readonly CliCommand[] = [
  alertsCommand,
  backtestCommand,
  feedCommand,
  paperCommand,
  runsCommand,
  serveCommand,
  strategiesCommand,
];
