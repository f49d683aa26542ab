/** Every CLI command, one line each. Keep the list sorted by name. */
import type { CliCommand } from './command';
import { backtestCommand } from './commands/backtest';
import { runsCommand } from './commands/runs';
import { serveCommand } from './commands/serve';
import { strategiesCommand } from './commands/strategies';

export const commands: readonly CliCommand[] = [
  backtestCommand,
  runsCommand,
  serveCommand,
  strategiesCommand,
];
