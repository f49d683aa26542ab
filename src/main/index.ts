/**
 * Electron entry: the thin shell. It creates the window, hardens it, and wires the
 * same handler map the web server uses onto ipcMain. Every service it starts is
 * reachable without Electron (see src/main/api and src/main/web).
 */
import { app, BrowserWindow, ipcMain, Notification, screen } from 'electron';
import { join } from 'node:path';
import { createApiHandlers, dispatch, type ApiHandlers } from './api';
import { createServices } from './api/createServices';
import { EventHub, bridgeLiveEvents } from './api/liveEvents';
import type { ApiServices } from './api/services';
import type { ApiEvents, ApiTopic } from '../shared/api';
import { apiTopicNames } from '../shared/api';
import { IPC_CALL, IPC_EVENT, IPC_SUB, IPC_UNSUB, type IpcReply } from '../shared/apiIpc';
import { hardenContents, installSessionPolicy, isTrustedSender } from './security';
import { installMenu } from './menu';
import { fitToDisplays, loadWindowState, saveWindowState } from './windowStateFile';
import { SafeSecrets } from './secrets';

const here = import.meta.dirname;
const devUrl = process.env.ELECTRON_RENDERER_URL;
let mainWindow: BrowserWindow | null = null;
let services: ApiServices | null = null;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  void app.whenReady().then(start);
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.on('will-quit', () => void services?.close());
}

async function start(): Promise<void> {
  installSessionPolicy(devUrl);
  installMenu();
  const userData = app.getPath('userData');
  // Bundled sample data: next to the app in development, in extraResources when packaged.
  process.env.CRYPTOTA_RESOURCES ??= app.isPackaged ? join(process.resourcesPath, 'resources') : join(app.getAppPath(), 'resources');
  // Passwords entered in the app are kept encrypted; the services read them from the environment.
  const secrets = new SafeSecrets(join(userData, 'secrets.json'));
  services = await createServices({ dbPath: join(userData, 'workstation.sqlite'), version: app.getVersion(), secrets });
  const hub = new EventHub();
  bridgeLiveEvents(services, hub);
  wireIpc(createApiHandlers(services), hub);
  hub.subscribe('live.alert', (_t, payload) => notifyAlert(payload as ApiEvents['live.alert']));
  createWindow(userData);
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow(userData);
  });
}

function wireIpc(handlers: ApiHandlers, hub: EventHub): void {
  ipcMain.handle(IPC_CALL, async (e, method: unknown, arg: unknown): Promise<IpcReply> => {
    if (!isTrustedSender(e)) return { ok: false, error: { kind: 'bad-message', message: 'untrusted sender' } };
    const sender = e.sender;
    return dispatch(handlers, method, arg, {
      emit: <T extends ApiTopic>(topic: T, payload: ApiEvents[T]) => {
        if (!sender.isDestroyed()) sender.send(IPC_EVENT, topic, payload);
      },
    });
  });
  const subs = new Map<number, Map<string, () => void>>();
  ipcMain.on(IPC_SUB, (e, topic: unknown) => {
    if (!isTrustedSender(e) || typeof topic !== 'string' || !(apiTopicNames as readonly string[]).includes(topic)) return;
    const sender = e.sender;
    let mine = subs.get(sender.id);
    if (!mine) {
      subs.set(sender.id, (mine = new Map()));
      sender.once('destroyed', () => {
        for (const off of subs.get(sender.id)?.values() ?? []) off();
        subs.delete(sender.id);
      });
    }
    if (mine.has(topic)) return;
    mine.set(topic, hub.subscribe(topic as ApiTopic, (t, payload) => {
      if (!sender.isDestroyed()) sender.send(IPC_EVENT, t, payload);
    }));
  });
  ipcMain.on(IPC_UNSUB, (e, topic: unknown) => {
    if (typeof topic !== 'string') return;
    const mine = subs.get(e.sender.id);
    mine?.get(topic)?.();
    mine?.delete(topic);
  });
}

function createWindow(userData: string): void {
  const stateFile = join(userData, 'window-state.json');
  const saved = loadWindowState(stateFile);
  const bounds = fitToDisplays(saved?.bounds ?? null, screen.getAllDisplays().map((d) => d.workArea));
  const win = new BrowserWindow({
    ...bounds,
    minWidth: 900,
    minHeight: 600,
    show: false,
    backgroundColor: '#0d1117',
    title: 'CryptoTA Workstation',
    webPreferences: {
      preload: join(here, '../preload/index.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  mainWindow = win;
  hardenContents(win.webContents);
  if (saved?.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  const remember = () => {
    if (!win.isDestroyed()) saveWindowState(stateFile, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
  };
  win.on('close', remember);
  win.on('closed', () => {
    if (mainWindow === win) mainWindow = null;
  });
  if (devUrl) void win.loadURL(devUrl);
  else void win.loadFile(join(here, '../renderer/index.html'));
}

function notifyAlert(alert: ApiEvents['live.alert']): void {
  if (!Notification.isSupported()) return;
  new Notification({ title: `Alert · ${alert.symbol}`, body: alert.message, silent: false }).show();
}
