/**
 * Database and Kafka passwords in the desktop app, encrypted with the OS keychain
 * through Electron's safeStorage and kept in the user-data folder; never written in
 * plain text. Where the OS offers no encryption, nothing is stored (the user is asked
 * again) rather than falling back to plain text. Desktop-only (imports Electron); the
 * same SecretStore interface is served by a file elsewhere (./secretStore.ts).
 */
import { safeStorage } from 'electron';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { SecretName, SecretStore } from './secretStore';

export class SafeSecrets implements SecretStore {
  readonly kind = 'safeStorage' as const;

  constructor(private readonly file: string) {}

  available(): boolean {
    return safeStorage.isEncryptionAvailable();
  }

  get(name: SecretName): string | null {
    const all = this.read();
    const b64 = all[name];
    if (!b64 || !this.available()) return null;
    try {
      return safeStorage.decryptString(Buffer.from(b64, 'base64'));
    } catch {
      return null;
    }
  }

  set(name: SecretName, value: string | null): boolean {
    const all = this.read();
    if (value === null) delete all[name];
    else {
      if (!this.available()) return false;
      all[name] = safeStorage.encryptString(value).toString('base64');
    }
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(this.file, JSON.stringify(all), { mode: 0o600 });
    return true;
  }

  private read(): Record<string, string> {
    if (!existsSync(this.file)) return {};
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as Record<string, string>;
    } catch {
      return {};
    }
  }
}
