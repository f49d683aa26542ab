/** Where the workstation keeps its local store when no Electron user-data folder is given. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export function appHome(): string {
  return process.env.CRYPTOTA_HOME ?? join(homedir(), '.cryptota');
}

export function defaultDbPath(): string {
  return process.env.CRYPTOTA_DB ?? join(appHome(), 'workstation.sqlite');
}

/** Folder scanned for user strategy files (.ts / .js). */
export function strategiesDir(): string {
  return process.env.CRYPTOTA_STRATEGIES ?? join(appHome(), 'strategies');
}
