import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyKafkaSettingsToEnv, kafkaSettingsFor, pgSettingsFor, readConnectionSettings, writeConnectionSettings } from './connectionSettingsFile';

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'cryptota-conn-')), 'sources.json');

describe('connection settings file', () => {
  it('replaces the edited keys and keeps the mapping, timeouts and a hand-written password', () => {
    const file = tempFile();
    writeFileSync(file, JSON.stringify({ timescale: { host: 'old', password: 'pw', statementTimeoutMs: 5 }, mapping: { schemas: ['md'] } }));
    writeConnectionSettings(file, { timescale: { host: 'db.example', port: 6543, ssl: 'prefer' } });
    const json = JSON.parse(readFileSync(file, 'utf8'));
    expect(json).toEqual({ timescale: { password: 'pw', statementTimeoutMs: 5, host: 'db.example', port: 6543, ssl: 'prefer' }, mapping: { schemas: ['md'] } });
    expect(readConnectionSettings(file, {}).timescale).toEqual({ host: 'db.example', port: 6543, ssl: 'prefer' });
  });

  it('lets PG* variables win over the file, and typed values over both', () => {
    const file = tempFile();
    writeConnectionSettings(file, { timescale: { host: 'file-host', user: 'file-user', ssl: 'on' } });
    expect(pgSettingsFor(file, undefined, { PGHOST: 'env-host' })).toMatchObject({ host: 'env-host', user: 'file-user', ssl: true });
    expect(pgSettingsFor(file, { host: 'typed', ssl: 'off' }, { PGHOST: 'env-host' })).toMatchObject({ host: 'typed', ssl: false });
    expect(readConnectionSettings(file, { PGHOST: 'x', KAFKA_BROKERS: '' }).envOverrides).toEqual(['PGHOST']);
  });

  it('hands saved Kafka settings to the live service through its variables unless the user set a broker list', () => {
    const file = tempFile();
    writeConnectionSettings(file, { kafka: { brokers: 'k1:9092,k2:9092', ssl: true, saslUsername: 'me' } });
    const env: NodeJS.ProcessEnv = {};
    applyKafkaSettingsToEnv(file, env);
    expect(env).toEqual({ KAFKA_BROKERS: 'k1:9092,k2:9092', KAFKA_SSL: '1', KAFKA_SASL_USERNAME: 'me', KAFKA_SASL_MECHANISM: 'plain' });
    const own: NodeJS.ProcessEnv = { KAFKA_BROKERS: 'mine:1' };
    applyKafkaSettingsToEnv(file, own);
    expect(own).toEqual({ KAFKA_BROKERS: 'mine:1' });
    expect(kafkaSettingsFor(file, undefined, { KAFKA_SASL_PASSWORD: 'pw' })).toEqual({ brokers: ['k1:9092', 'k2:9092'], ssl: true, sasl: { mechanism: 'plain', username: 'me', password: 'pw' } });
  });

  it('names a bad file and a bad section', () => {
    const file = tempFile();
    writeFileSync(file, '{ nope');
    expect(() => writeConnectionSettings(file, { kafka: {} })).toThrow(/not valid JSON.*fix or delete it/);
    writeFileSync(file, JSON.stringify({ kafka: { ssl: 'yes' } }));
    expect(() => readConnectionSettings(file)).toThrow(/kafka\.ssl/);
  });
});
