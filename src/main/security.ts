/**
 * Hardening of the desktop window: a Content-Security-Policy on every response,
 * no navigation away from the app, no new windows (http/https links open in the
 * user's browser), no permission grants, and IPC accepted only from our own page.
 */
import { app, session, shell, type WebContents, type IpcMainEvent, type IpcMainInvokeEvent } from 'electron';

export const DESKTOP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

export function installSessionPolicy(devServerUrl: string | undefined): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    // The dev server needs its own websocket for hot reload; the packaged app needs none.
    const csp = devServerUrl ? DESKTOP_CSP.replace("connect-src 'self'", "connect-src 'self' ws: http://localhost:*") : DESKTOP_CSP;
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [csp] } });
  });
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback) => callback(permission === 'notifications'));
  app.on('web-contents-created', (_e, contents) => hardenContents(contents));
}

export function hardenContents(contents: WebContents): void {
  contents.on('will-navigate', (e, url) => {
    if (!isAppUrl(url)) e.preventDefault();
  });
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

/** Our page: the bundled file, or the electron-vite dev server during development. */
export function isAppUrl(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return url.startsWith('file://') || (dev !== undefined && url.startsWith(dev));
}

export function isTrustedSender(e: IpcMainEvent | IpcMainInvokeEvent): boolean {
  const url = e.senderFrame?.url ?? '';
  return isAppUrl(url);
}
