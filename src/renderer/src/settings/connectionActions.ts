/** The Settings screen's calls: connection settings, stored passwords, and the two connection tests. */
import { create } from 'zustand';
import { api } from '../api/client';
import { message } from '../store/actions';
import type { SecretName, SecretsStatus } from '../../../shared/apiTypes';
import type { ConnectionSettings, KafkaConnection, KafkaTestResult, SourceTestResult, TimescaleConnection } from '../../../shared/dataManagementTypes';

export type ConnectionKind = 'timescale' | 'kafka';

export interface ConnectionsState {
  saved: ConnectionSettings | null;
  secrets: SecretsStatus | null;
  loadError: string | null;
  busy: Partial<Record<ConnectionKind, 'saving' | 'testing'>>;
  errors: Partial<Record<ConnectionKind, string>>;
  notices: Partial<Record<ConnectionKind, string>>;
  tests: { timescale?: SourceTestResult; kafka?: KafkaTestResult };
}

export const useConnections = create<ConnectionsState>(() => ({ saved: null, secrets: null, loadError: null, busy: {}, errors: {}, notices: {}, tests: {} }));
const get = useConnections.getState;
const set = (patch: Partial<ConnectionsState>) => useConnections.setState(patch);
const place = (kind: ConnectionKind, error: string | null, notice: string | null = null) =>
  set({ errors: { ...get().errors, [kind]: error ?? undefined }, notices: { ...get().notices, [kind]: notice ?? undefined } });

const SECRET: Record<ConnectionKind, SecretName> = { timescale: 'postgres.password', kafka: 'kafka.password' };

export async function loadConnections(): Promise<void> {
  try {
    const [saved, secrets] = await Promise.all([api.call('settings.connections.get', {}), api.call('settings.secrets.status', {})]);
    set({ saved, secrets, loadError: null });
  } catch (e) {
    set({ loadError: message(e) });
  }
}

/** Saves the section and, when one was typed, the password (through the credentials API, never in the settings file). */
export async function saveConnection(kind: ConnectionKind, values: TimescaleConnection | KafkaConnection, password: string): Promise<boolean> {
  set({ busy: { ...get().busy, [kind]: 'saving' } });
  place(kind, null);
  try {
    const saved = await api.call('settings.connections.set', kind === 'timescale' ? { timescale: values as TimescaleConnection } : { kafka: values as KafkaConnection });
    const secrets = password === '' ? get().secrets : await api.call('settings.secrets.set', { name: SECRET[kind], value: password });
    set({ saved, secrets });
    place(kind, null, password === '' ? 'saved' : 'saved, password stored');
    return true;
  } catch (e) {
    place(kind, message(e));
    return false;
  } finally {
    set({ busy: { ...get().busy, [kind]: undefined } });
  }
}

export async function clearPassword(kind: ConnectionKind): Promise<void> {
  place(kind, null);
  try {
    set({ secrets: await api.call('settings.secrets.set', { name: SECRET[kind], value: null }) });
    place(kind, null, 'password cleared');
  } catch (e) {
    place(kind, message(e));
  }
}

/** Tests the values as typed (not yet saved), with the stored password. */
export async function testConnection(kind: ConnectionKind, values: TimescaleConnection | KafkaConnection): Promise<void> {
  set({ busy: { ...get().busy, [kind]: 'testing' }, tests: { ...get().tests, [kind]: undefined } });
  place(kind, null);
  try {
    const result = kind === 'timescale'
      ? await api.call('data.sourceTest', { connection: values as TimescaleConnection })
      : await api.call('settings.kafkaTest', { connection: values as KafkaConnection });
    set({ tests: { ...get().tests, [kind]: result } });
  } catch (e) {
    place(kind, message(e));
  } finally {
    set({ busy: { ...get().busy, [kind]: undefined } });
  }
}
