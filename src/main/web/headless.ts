/**
 * The whole headless workstation in one call: services over the local store, the
 * handler map, live events, and the web server in front of them.
 */
import { createApiHandlers } from '../api';
import { createServices, type CreateServicesOptions } from '../api/createServices';
import { EventHub, bridgeLiveEvents } from '../api/liveEvents';
import type { ApiServices } from '../api/services';
import { startWebServer, type RunningWebServer } from './server';

export interface HeadlessOptions extends CreateServicesOptions {
  readonly host: string;
  readonly port: number;
  readonly staticDir: string;
  readonly token?: string;
}

export interface Headless {
  readonly server: RunningWebServer;
  readonly services: ApiServices;
  close(): Promise<void>;
}

export async function startHeadless(opts: HeadlessOptions): Promise<Headless> {
  const services = await createServices(opts);
  const hub = new EventHub();
  const unbridge = bridgeLiveEvents(services, hub);
  let server: RunningWebServer;
  try {
    server = await startWebServer({ handlers: createApiHandlers(services), hub, staticDir: opts.staticDir, host: opts.host, port: opts.port, token: opts.token });
  } catch (e) {
    unbridge();
    await services.close();
    throw e;
  }
  return {
    server,
    services,
    close: async () => {
      await server.close();
      unbridge();
      await services.close();
    },
  };
}
