/** Stored connection passwords for the settings screen: status and write, never read back. */
import { SECRET_ENV, SECRET_NAMES, type SecretStore } from '../secretStore';
import type { SecretsStatus } from '../../shared/apiTypes';
import { ApiFailure } from './errors';
import type { SettingsApiService } from './services';

export function settingsApi(store: SecretStore): SettingsApiService {
  const status = (): SecretsStatus => {
    let stored: SecretsStatus['stored'];
    try {
      stored = Object.fromEntries(SECRET_NAMES.map((n) => [n, store.get(n) !== null])) as SecretsStatus['stored'];
    } catch (e) {
      throw new ApiFailure('unavailable', (e as Error).message);
    }
    return { store: store.kind, available: store.available(), stored };
  };
  return {
    secretsStatus: async () => status(),
    setSecret: async (name, value) => {
      if (!store.set(name, value)) {
        throw new ApiFailure('unavailable', `${name} cannot be stored safely here (${store.kind === 'safeStorage' ? 'the OS offers no keychain encryption' : 'no owner-only file on this system'}); set ${SECRET_ENV[name]} instead`);
      }
      // The running services read the variable when they next connect.
      if (value === null) delete process.env[SECRET_ENV[name]];
      else process.env[SECRET_ENV[name]] = value;
      return status();
    },
  };
}
