/** `cryptota paper pause|resume|stop <session> ...`: changes rows the running service picks up. */
import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import type { SessionStatus } from '../../live/liveStore';
import { runningService } from '../../live/serviceLock';
import { sessionId, withLiveStore } from './paperShared';

function sessionStateCommand(verb: 'pause' | 'resume' | 'stop', status: SessionStatus, summary: string): CliCommand {
  return {
    name: `paper ${verb}`,
    summary,
    help: `usage: cryptota paper ${verb} <session> [<session> ...]

${summary}. The running live service picks the change up within a second; without one
the change applies at the next \`cryptota paper start\`.`,
    async run(argv, io) {
      const { positionals } = parseArgs({ args: [...argv], options: {}, strict: true, allowPositionals: true });
      if (positionals.length === 0) throw new UsageError(`paper ${verb} needs a session id`);
      const ids = positionals.map(sessionId);
      return withLiveStore((db, store) => {
        for (const id of ids) {
          if (!store.session(id)) throw new UsageError(`no paper session ${id}`);
        }
        for (const id of ids) store.setStatus(id, status);
        io.out(`session ${ids.join(', ')}: ${status}${runningService(db) ? '' : ' (no live service is running)'}`);
        return 0;
      });
    },
  };
}

export const paperPauseCommand = sessionStateCommand('pause', 'paused', 'pause paper sessions (positions are kept, bars are not traded)');
export const paperResumeCommand = sessionStateCommand('resume', 'running', 'resume paused paper sessions');
export const paperStopCommand = sessionStateCommand('stop', 'stopped', 'stop paper sessions for good (their state stays readable)');
