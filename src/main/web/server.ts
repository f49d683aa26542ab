/**
 * The headless server: the built renderer over HTTP and the API over WebSocket at
 * /api, on one port. Used by `cryptota serve`, by `npm start` where Electron is absent,
 * and by the tests.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { WebSocketServer } from 'ws';
import { MAX_CLIENT_FRAME_BYTES } from '../../shared/api';
import type { ApiHandlers } from '../api/handlerTypes';
import { EventHub } from '../api/liveEvents';
import { authorize, isLoopbackHost, newToken, type AuthPolicy } from './auth';
import { serveStatic } from './staticFiles';
import { attachConnection } from './wsConnection';

export interface WebServerOptions {
  readonly handlers: ApiHandlers;
  readonly hub: EventHub;
  /** Folder holding the built renderer (index.html). */
  readonly staticDir: string;
  readonly host: string;
  /** 0 picks a free port. */
  readonly port: number;
  /** Token for non-loopback binds; generated when omitted. Ignored on loopback. */
  readonly token?: string;
}

export interface RunningWebServer {
  /** Base URL to open (with ?token= on non-loopback binds). */
  readonly url: string;
  readonly port: number;
  readonly token: string | null;
  close(): Promise<void>;
}

/** ws closes the socket above this; frames between the soft limit and this get an error reply. */
const HARD_FRAME_LIMIT = MAX_CLIENT_FRAME_BYTES * 4;

export async function startWebServer(opts: WebServerOptions): Promise<RunningWebServer> {
  const loopbackOnly = isLoopbackHost(opts.host);
  const policy: AuthPolicy = { loopbackOnly, token: loopbackOnly ? null : (opts.token ?? newToken()) };
  const wss = new WebSocketServer({ noServer: true, maxPayload: HARD_FRAME_LIMIT });

  const server: Server = createServer((req, res) => {
    const verdict = authorize(req, policy);
    if (!verdict.ok) {
      res.writeHead(verdict.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${verdict.status}: ${verdict.reason}\n`);
      return;
    }
    if (verdict.setCookie) {
      res.writeHead(302, { 'set-cookie': verdict.setCookie, location: verdict.redirectTo ?? '/' }).end();
      return;
    }
    serveStatic(opts.staticDir, req, res);
  });

  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const verdict = authorize(req, policy);
    if (path !== '/api' || !verdict.ok) {
      const status = path !== '/api' ? 404 : verdict.ok ? 200 : verdict.status;
      socket.end(`HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : status === 403 ? 'Forbidden' : 'Not Found'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => attachConnection(ws, opts.handlers, opts.hub));
  });

  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolvePromise();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const hostForUrl = opts.host.includes(':') ? `[${opts.host}]` : opts.host === '0.0.0.0' ? 'localhost' : opts.host;
  const url = `http://${hostForUrl}:${port}/${policy.token ? `?token=${policy.token}` : ''}`;

  return {
    url,
    port,
    token: policy.token,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}
