import { chmodSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySecretsToEnv, FileSecrets } from './secretStore';

describe('FileSecrets (an owner-only file where no OS keychain is at hand)', () => {
  it('stores and clears a password in a file only its owner can read', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'sub', 'secrets.json');
    const s = new FileSecrets(file);
    expect(s.set('postgres.password', 'p@ss')).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(s.get('postgres.password')).toBe('p@ss');
    expect(s.get('kafka.password')).toBeNull();
    s.set('postgres.password', null);
    expect(s.get('postgres.password')).toBeNull();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({});
  });

  it('refuses a secrets file other users can read, saying how to fix it', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json');
    const s = new FileSecrets(file);
    s.set('kafka.password', 'k');
    chmodSync(file, 0o644);
    expect(() => s.get('kafka.password')).toThrow(/readable by other users \(mode 644\).*chmod 600/);
  });

  it('hands stored passwords to the variables the services read, unless the user set them', () => {
    const s = new FileSecrets(join(mkdtempSync(join(tmpdir(), 'secrets-')), 'secrets.json'));
    s.set('postgres.password', 'stored-pg');
    s.set('kafka.password', 'stored-kafka');
    const env: NodeJS.ProcessEnv = { KAFKA_SASL_PASSWORD: 'from-user' };
    applySecretsToEnv(s, env);
    expect(env.PGPASSWORD).toBe('stored-pg');
    expect(env.KAFKA_SASL_PASSWORD).toBe('from-user');
  });
});
