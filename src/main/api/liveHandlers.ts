/**
 * Live feed, paper sessions and alert rules. The read-only status answers "unavailable"
 * facts when no live service runs; every call that reads or changes sessions or rules
 * fails instead, with kind 'unavailable' and the reason (what to set to get a live feed).
 */
import type { PaperSessionState } from '../../shared/apiTypes';
import type { ApiServices, LiveApiService } from './services';
import type { DomainHandlers } from './handlerTypes';
import { ApiFailure } from './errors';

type LiveMethods =
  | 'live.status'
  | 'live.alerts'
  | 'live.bars'
  | 'live.sessions.list'
  | 'live.sessions.create'
  | 'live.sessions.pause'
  | 'live.sessions.resume'
  | 'live.sessions.stop'
  | 'live.sessions.equity'
  | 'live.sessions.activity'
  | 'live.alertRules.list'
  | 'live.alertRules.add'
  | 'live.alertRules.remove';

export function liveHandlers(services: ApiServices): DomainHandlers<LiveMethods> {
  const reason = (): string => services.liveUnavailableReason ?? 'live service not started';
  const live = (): LiveApiService => {
    if (!services.live) throw new ApiFailure('unavailable', reason());
    return services.live;
  };
  /** Moves a session to `state` and answers with the session as it is now. */
  const transition = async (id: string, state: PaperSessionState) => {
    const service = live();
    const n = Number(id);
    if (!(await service.session(n))) throw new ApiFailure('not-found', `paper session ${id} does not exist`);
    await service.setSessionState(n, state);
    const after = await service.session(n);
    if (!after) throw new ApiFailure('not-found', `paper session ${id} does not exist`);
    return after;
  };
  return {
    'live.status': async () => {
      if (!services.live) return { available: false, reason: reason(), feed: null, sessions: [], portfolios: [] };
      return services.live.status();
    },
    'live.alerts': async ({ limit }) => (services.live ? services.live.alerts(limit ?? 100) : []),
    'live.bars': async ({ instrument, limit }) => live().bars(instrument, limit ?? 500),
    'live.sessions.list': async () => live().sessions(),
    'live.sessions.create': async (spec) => live().createSession(spec),
    'live.sessions.pause': async ({ id }) => transition(id, 'paused'),
    'live.sessions.resume': async ({ id }) => transition(id, 'running'),
    'live.sessions.stop': async ({ id }) => transition(id, 'stopped'),
    'live.sessions.equity': async ({ id, limit }) => {
      const points = await live().sessionEquity(Number(id), limit ?? 2000);
      if (!points) throw new ApiFailure('not-found', `paper session ${id} does not exist`);
      return points;
    },
    'live.sessions.activity': async ({ id, limit }) => {
      const activity = await live().sessionActivity(Number(id), limit ?? 100);
      if (!activity) throw new ApiFailure('not-found', `paper session ${id} does not exist`);
      return activity;
    },
    'live.alertRules.list': async () => live().alertRules(),
    'live.alertRules.add': async ({ rule }) => live().addAlertRule(rule),
    'live.alertRules.remove': async ({ id }) => ({ removed: await live().removeAlertRule(id) }),
  };
}
