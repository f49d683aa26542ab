/** settings.*: connection passwords (status and write only). */
import type { SettingsApiService } from './services';
import type { DomainHandlers } from './handlerTypes';

export function settingsHandlers(service: SettingsApiService): DomainHandlers<'settings.secrets.status' | 'settings.secrets.set'> {
  return {
    'settings.secrets.status': () => service.secretsStatus(),
    'settings.secrets.set': ({ name, value }) => service.setSecret(name, value),
  };
}
