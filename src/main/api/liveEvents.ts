/**
 * Broadcast events (live feed, signals, portfolio, alerts) fan out to every transport
 * client that subscribed to the topic. The live service is bridged in once; each
 * connection or window subscribes with `hub.subscribe`.
 */
import type { ApiEvents, ApiTopic } from '../../shared/api';
import type { ApiServices, LiveApiEvents } from './services';

type Listener = (topic: ApiTopic, payload: unknown) => void;

export class EventHub {
  private readonly listeners = new Map<ApiTopic, Set<Listener>>();

  publish<T extends ApiTopic>(topic: T, payload: ApiEvents[T]): void {
    for (const l of this.listeners.get(topic) ?? []) {
      try {
        l(topic, payload);
      } catch {
        // One broken client must not stop the others from receiving the event.
      }
    }
  }

  subscribe(topic: ApiTopic, listener: Listener): () => void {
    let set = this.listeners.get(topic);
    if (!set) this.listeners.set(topic, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }
}

const bridged: { [E in keyof LiveApiEvents]: ApiTopic } = {
  candle: 'live.candle',
  signal: 'live.signal',
  portfolio: 'live.portfolio',
  alert: 'live.alert',
  feedStatus: 'live.feedStatus',
};

/** Forwards the live service's events into the hub; returns the function that stops it. */
export function bridgeLiveEvents(services: ApiServices, hub: EventHub): () => void {
  const live = services.live;
  if (!live) return () => {};
  const offs = (Object.keys(bridged) as (keyof LiveApiEvents)[]).map((e) =>
    live.subscribe(e, (payload) => hub.publish(bridged[e], payload as ApiEvents[typeof bridged[typeof e]])),
  );
  return () => offs.forEach((off) => off());
}
