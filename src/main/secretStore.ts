/**
 * Where the passwords a user types into the app are kept, behind one interface:
 *  - in the desktop app, encrypted with the OS keychain (Electron safeStorage, ./secrets.ts);
 *  - elsewhere (`cryptota serve`, headless), a JSON file only its owner can read (0600,
 *    like ~/.pgpass), refused when its permissions are wider.
 * The API can store or clear a password and tell whether one is stored, never read it
 * back. A stored password is handed to the services through the environment variable
 * they already read (PGPASSWORD, KAFKA_SASL_PASSWORD); a variable set by the user wins.
 */
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync, renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { appHome } from './appHome';

export const SECRET_NAMES = ['postgres.password', 'kafka.password'] as const;
export type SecretName = (typeof SECRET_NAMES)[number];

/** The environment variable each secret is handed to the services through. */
export const SECRET_ENV: Readonly<Record<SecretName, string>> = {
  'postgres.password': 'PGPASSWORD',
  'kafka.password': 'KAFKA_SASL_PASSWORD',
};

export interface SecretStore {
  /** 'safeStorage' (OS keychain) or 'file' (owner-only file). */
  readonly kind: 'safeStorage' | 'file';
  /** False when nothing can be stored safely (e.g. no OS keychain): the user is asked again instead. */
  available(): boolean;
  get(name: SecretName): string | null;
  /** Stores (or with null clears) a secret; false when it could not be stored safely. */
  set(name: SecretName, value: string | null): boolean;
}

export class FileSecrets implements SecretStore {
  readonly kind = 'file' as const;

  constructor(readonly file: string = join(appHome(), 'secrets.json')) {}


  available(): boolean {
    return process.platform !== 'win32';
  }

  get(name: SecretName): string | null {
    return this.read()[name] ?? null;
  }

  set(name: SecretName, value: string | null): boolean {
    if (!this.available()) return false;
    const all = this.read();
    if (value === null) delete all[name];
    else all[name] = value;
    mkdirSync(dirname(this.file), { recursive: true, mode: 0o700 });
    // Written to a private temp file and renamed: the secret never sits in a readable file.
    const tmp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(tmp, JSON.stringify(all), { mode: 0o600 });
    chmodSync(tmp, 0o600);
    renameSync(tmp, this.file);
    return true;
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    const mode = statSync(this.file).mode & 0o777;
    if (mode & 0o077) {
      throw new Error(`${this.file} is readable by other users (mode ${mode.toString(8)}); run chmod 600 on it or delete it`);
    }
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as unknown;
      return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, string>) : {};
    } catch {
      return {};
    }
  }
}

/** Hands stored secrets to the services through their environment variables, unless the user set those. */
export function applySecretsToEnv(store: SecretStore, env: NodeJS.ProcessEnv = process.env): void {
  for (const name of SECRET_NAMES) {
    const variable = SECRET_ENV[name];
    if (env[variable] !== undefined) continue;
    const value = store.get(name);
    if (value !== null) env[variable] = value;
  }
}
