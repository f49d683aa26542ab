/** `cryptota paper shutdown`: stops the live service that runs on this store, wherever it was started. */
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { runningService } from '../../live/serviceLock';
import { withLiveStore } from './paperShared';

/** The service stops within 5 s; this leaves room for a busy machine. */
const WAIT_MS = 15_000;

export const paperShutdownCommand: CliCommand = {
  name: 'paper shutdown',
  summary: 'stop the running live service (sessions keep their state and status)',
  help: `usage: cryptota paper shutdown

Asks the live service that holds this store (foreground or --detach; for the desktop
app this quits it) to stop,
as Ctrl-C would, and waits until it has released the store. Sessions are not changed:
the next \`cryptota paper start\` runs the running ones again.`,
  async run(argv, io) {
    parseArgs({ args: [...argv], options: {}, strict: true, allowPositionals: false });
    return withLiveStore(async (db) => {
      const owner = runningService(db);
      if (!owner) {
        io.out('no live service is running on this store');
        return 0;
      }
      if (owner.pid <= 0) throw new Error('a live service holds this store but has not recorded its pid yet; try again in a second');
      process.kill(owner.pid, 'SIGTERM');
      const end = Date.now() + WAIT_MS;
      while (runningService(db)) {
        if (Date.now() > end) throw new Error(`the live service (pid ${owner.pid}) did not stop within ${WAIT_MS / 1000} s; end it with: kill -9 ${owner.pid}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      io.out(`live service (pid ${owner.pid}) stopped`);
      return 0;
    });
  },
};
