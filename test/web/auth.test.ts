/**
 * Who may use the web server: loopback binds are open to local pages of the same
 * origin; any other bind needs the token (once in the URL, then an HttpOnly cookie);
 * cross-origin pages and foreign Host names are refused.
 */
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import { WsTestClient } from './wsTestClient';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function get(port: number, path: string, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let dir: string;
let staticDir: string;
let loopback: Headless;
let open: Headless;
const TOKEN = 'test-token-0123456789abcdef';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cryptota-auth-'));
  staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>app</title>');
  loopback = await startHeadless({ dbPath: join(dir, 'a.sqlite'), host: '127.0.0.1', port: 0, staticDir });
  open = await startHeadless({ dbPath: join(dir, 'b.sqlite'), host: '0.0.0.0', port: 0, staticDir, token: TOKEN });
});

afterAll(async () => {
  await loopback?.close();
  await open?.close();
});

describe('loopback bind', () => {
  it('serves the app and the API without a token', async () => {
    const r = await get(loopback.server.port, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-security-policy']).toMatch(/default-src 'self'/);
    expect(loopback.server.token).toBeNull();
    const c = await WsTestClient.open(`ws://127.0.0.1:${loopback.server.port}/api`);
    expect((await c.call('app.info', {})).name).toMatch(/CryptoTA/);
    c.close();
  });

  it('refuses a WebSocket opened by a page of another origin', async () => {
    await expect(WsTestClient.open(`ws://127.0.0.1:${loopback.server.port}/api`, { Origin: 'https://evil.example' })).rejects.toThrow(/HTTP 403/);
  });

  it('refuses a foreign Host name (DNS rebinding)', async () => {
    expect((await get(loopback.server.port, '/', { Host: 'evil.example:80' })).status).toBe(403);
  });

  it('does not serve files outside the renderer folder', async () => {
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    const r = await get(loopback.server.port, '/..%2Fsecret.txt');
    expect(r.body).not.toContain('secret');
    expect([403, 404]).toContain(r.status);
  });
});

describe('non-loopback bind', () => {
  it('prints a URL carrying the token', () => {
    expect(open.server.token).toBe(TOKEN);
    expect(open.server.url).toContain(`?token=${TOKEN}`);
  });

  it('answers 401 to a page request and a WebSocket without the token', async () => {
    const r = await get(open.server.port, '/');
    expect(r.status).toBe(401);
    expect(r.body).not.toContain('<title>app');
    await expect(WsTestClient.open(`ws://127.0.0.1:${open.server.port}/api`)).rejects.toThrow(/HTTP 401/);
    expect((await get(open.server.port, '/?token=wrong-token-0000000000000')).status).toBe(401);
  });

  it('trades the token in the URL for an HttpOnly cookie and drops it from the address', async () => {
    const r = await get(open.server.port, `/?token=${TOKEN}`);
    expect(r.status).toBe(302);
    expect(r.headers.location).toBe('/');
    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toMatch(/cryptota_token=/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const pair = cookie.split(';')[0];
    const page = await get(open.server.port, '/', { Cookie: pair });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app');
    const c = await WsTestClient.open(`ws://127.0.0.1:${open.server.port}/api`, { Cookie: pair });
    expect((await c.call('app.info', {})).name).toMatch(/CryptoTA/);
    c.close();
  });
});
