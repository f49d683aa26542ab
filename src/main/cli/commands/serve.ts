import { parseArgs } from 'node:util';
import type { CliCommand } from '../command';
import { UsageError } from '../command';
import { numberOption } from '../options';
import { defaultDbPath, strategiesDir } from '../../appHome';
import { startHeadless } from '../../web/headless';
import { ensureRendererBuilt } from '../../web/rendererBuild';
import { openBrowser } from '../../web/openBrowser';

const HELP = `usage: cryptota serve [--port 5173] [--host 127.0.0.1] [--token T] [--open]

Serves the workstation to a browser: the app at http://HOST:PORT/ and its API over
a WebSocket on the same port. Same services and local store as the desktop app.

  --port N     port to listen on (default 5173; 0 picks a free one)
  --host H     address to bind (default 127.0.0.1). Any non-loopback address
               (e.g. 0.0.0.0) requires a token: the URL printed at start carries
               it once, the browser then keeps it in an HttpOnly cookie.
  --token T    use this token instead of a random one (non-loopback binds only)
  --open       open the app in the default browser

Stop with Ctrl+C. Store: $CRYPTOTA_DB or $CRYPTOTA_HOME/workstation.sqlite.`;

export const serveCommand: CliCommand = {
  name: 'serve',
  summary: 'serve the app and its API to a browser (headless workstation)',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        port: { type: 'string', default: '5173' },
        host: { type: 'string', default: '127.0.0.1' },
        token: { type: 'string' },
        open: { type: 'boolean', default: false },
      },
      strict: true,
    });
    const port = numberOption('port', values.port, 5173);
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port must be an integer in 0..65535 (got "${values.port}")`);
    if (values.token !== undefined && values.token.length < 16) throw new UsageError('--token must be at least 16 characters');
    const staticDir = ensureRendererBuilt((l) => io.err(l));
    const app = await startHeadless({
      dbPath: defaultDbPath(),
      strategiesDir: strategiesDir(),
      host: values.host,
      port,
      staticDir,
      token: values.token,
    });
    io.out(`CryptoTA Workstation serving at ${app.server.url}`);
    if (app.server.token) io.out(`non-loopback bind: the token is in that URL; open it once, the browser keeps a cookie.`);
    io.out(`store: ${app.services.dbPath} · Ctrl+C to stop`);
    if (values.open) openBrowser(app.server.url);
    await new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    });
    await app.close();
    return 0;
  },
};
