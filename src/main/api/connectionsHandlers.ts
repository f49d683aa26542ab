/** settings.connections.* and settings.kafkaTest: connection settings (no passwords) and the Kafka test. */
import type { ConnectionsApiService } from './services';
import type { DomainHandlers } from './handlerTypes';

export function connectionsHandlers(service: ConnectionsApiService): DomainHandlers<'settings.connections.get' | 'settings.connections.set' | 'settings.kafkaTest'> {
  return {
    'settings.connections.get': () => service.get(),
    'settings.connections.set': ({ timescale, kafka }) => service.set({ timescale, kafka }),
    'settings.kafkaTest': ({ connection }) => service.kafkaTest(connection),
  };
}
