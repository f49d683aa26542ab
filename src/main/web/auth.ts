/**
 * Who may use the web server. Loopback binds are open to the local user; any other
 * bind requires a token printed at start: passed once as `?token=`, then kept in an
 * HttpOnly cookie. Host and Origin are checked on every request so that a web page
 * the user happens to visit can neither rebind DNS onto the server nor open its
 * WebSocket from another origin.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';

export const TOKEN_COOKIE = 'cryptota_token';

export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

export function sameToken(a: string | undefined | null, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

export function tokenCookie(token: string, secure: boolean): string {
  return `${TOKEN_COOKIE}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
}

export type AuthVerdict =
  | { ok: true; setCookie?: string; redirectTo?: string }
  | { ok: false; status: 401 | 403; reason: string };

export interface AuthPolicy {
  /** null when the server is bound to loopback and needs no token. */
  readonly token: string | null;
  readonly loopbackOnly: boolean;
}

/** Decides one HTTP request or WebSocket upgrade. */
export function authorize(req: IncomingMessage, policy: AuthPolicy): AuthVerdict {
  const host = req.headers.host ?? '';
  const hostname = hostnameOf(host);
  // DNS rebinding: on a loopback bind, only loopback names may address the server.
  if (policy.loopbackOnly && !isLoopbackHost(hostname)) {
    return { ok: false, status: 403, reason: `host "${host}" not allowed` };
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== 'null') {
    let originHost = '';
    try {
      originHost = new URL(origin).host;
    } catch {
      return { ok: false, status: 403, reason: 'bad origin' };
    }
    if (originHost.toLowerCase() !== host.toLowerCase()) return { ok: false, status: 403, reason: `cross-origin request from ${origin}` };
  } else if (origin === 'null') {
    return { ok: false, status: 403, reason: 'opaque origin' };
  }
  if (policy.token === null) return { ok: true };
  if (sameToken(readCookie(req, TOKEN_COOKIE), policy.token)) return { ok: true };
  const url = new URL(req.url ?? '/', 'http://x');
  const given = url.searchParams.get('token');
  if (sameToken(given, policy.token)) {
    url.searchParams.delete('token');
    // Drop the token from the address bar (and history) once the cookie holds it.
    return { ok: true, setCookie: tokenCookie(policy.token, false), redirectTo: url.pathname + url.search };
  }
  return { ok: false, status: 401, reason: 'token required: open the URL printed by `cryptota serve`' };
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1);
  const colon = host.lastIndexOf(':');
  return colon >= 0 ? host.slice(0, colon) : host;
}
