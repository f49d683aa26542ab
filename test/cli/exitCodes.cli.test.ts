/**
 * One exit-code convention for every command, enforced by the CLI frame: 0 success,
 * 1 runtime failure, 2 usage error, 130 interrupted (Ctrl-C or SIGTERM). With --json a
 * failure is one line on stdout: { "ok": false, "kind", "message" }.
 */
import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../support/cli';
import { startCli } from './cliProcess';

interface Failure { ok: boolean; kind: string; message: string }

/** The whole of stdout must be exactly one failure object. */
function failureLine(stdout: string): Failure {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  const f = JSON.parse(lines[0]) as Failure;
  expect(Object.keys(f).sort()).toEqual(['kind', 'message', 'ok']);
  expect(f.ok).toBe(false);
  return f;
}

/** A TCP server that accepts connections and never answers: a command talking to it waits forever. */
async function silentServer(): Promise<{ port: number; connected: Promise<void>; close(): void }> {
  const sockets: Socket[] = [];
  let onConnect = (): void => undefined;
  const connected = new Promise<void>((res) => { onConnect = res; });
  const server: Server = createServer((s) => { sockets.push(s); onConnect(); });
  await new Promise<void>((res) => server.listen(0, '127.0.0.1', res));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return { port: address.port, connected, close: () => { for (const s of sockets) s.destroy(); server.close(); } };
}

describe('usage errors exit 2', () => {
  it('an unknown option', () => {
    const r = runCli(['backtest', '--nope']);
    expect(r.stderr).toContain("cryptota backtest: unknown option '--nope'");
    expect(r.code).toBe(2);
  });

  it('an unknown command, with --json as one failure line', () => {
    const r = runCli(['nope', '--json']);
    expect(r.code).toBe(2);
    const f = failureLine(r.stdout);
    expect(f.kind).toBe('usage');
    expect(f.message).toContain('unknown command "nope --json"');
  });

  it('a bad option value, with --json as one failure line', () => {
    const r = runCli(['backtest', '--json', '--from', 'yesterday']);
    expect(r.code).toBe(2);
    const f = failureLine(r.stdout);
    expect(f.kind).toBe('usage');
    expect(f.message).toContain('--from must be a date');
    expect(r.stderr).toContain('cryptota backtest: --from must be a date');
  });
});

describe('runtime failures exit 1', () => {
  it('a missing data file, with --json as one failure line', () => {
    const r = runCli(['backtest', '--json', '--no-save', '--data', '/nonexistent/bars.csv']);
    expect(r.code).toBe(1);
    const f = failureLine(r.stdout);
    expect(f.kind).toBe('runtime');
    expect(f.message).toContain('/nonexistent/bars.csv');
  });

  it("a data source's own kind, with --json as one failure line", async () => {
    const closed = await silentServer();
    closed.close();
    const r = runCli(['sources', 'test', '--json', '--host', '127.0.0.1', '--port', String(closed.port)]);
    expect(r.code).toBe(1);
    const f = failureLine(r.stdout);
    expect(f.kind).toBe('unreachable');
    expect(f.message).toContain(String(closed.port));
  });
});

describe('interrupted commands exit 130', () => {
  const servers: Array<{ close(): void }> = [];
  afterAll(() => { for (const s of servers) s.close(); });

  it('SIGTERM to a command without its own stop logic, with --json as one failure line', async () => {
    const upstream = await silentServer();
    servers.push(upstream);
    const cli = startCli(['sources', 'test', '--json', '--host', '127.0.0.1', '--port', String(upstream.port)]);
    await upstream.connected;
    cli.child.kill('SIGTERM');
    const end = await cli.ended;
    expect(end).toEqual({ code: 130, signal: null });
    const f = failureLine(cli.stdout());
    expect(f.kind).toBe('interrupted');
    expect(f.message).toContain('SIGTERM');
  });

  it('Ctrl-C to a command that stops gracefully (serve)', async () => {
    const cli = startCli(['serve', '--port', '0']);
    await cli.waitFor(/serving at http/, 50_000);
    cli.child.kill('SIGINT');
    const end = await cli.ended;
    expect(end).toEqual({ code: 130, signal: null });
  });
});
