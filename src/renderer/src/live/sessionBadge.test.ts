import { describe, expect, it } from 'vitest';
import type { FeedStatusEvent } from '../../../shared/apiTypes';
import { sessionBadge } from './sessionBadge';

const feed = (state: FeedStatusEvent['state'], message: string | null = null): FeedStatusEvent => ({ state, lag: null, rejected: {}, rejectExamples: {}, holes: [], message, at: 0 });

describe('sessionBadge', () => {
  it('does not call a session running while its feed is down, and says why', () => {
    expect(sessionBadge('running', feed('down', 'broker 127.0.0.1:9092 unreachable'))).toEqual({ label: 'running · feed down', tone: 'stalled', reason: 'broker 127.0.0.1:9092 unreachable' });
  });

  it('shows the plain state when the feed works or the session is not running', () => {
    expect(sessionBadge('running', feed('live')).label).toBe('running');
    expect(sessionBadge('running', feed('lagging')).tone).toBe('running');
    expect(sessionBadge('paused', feed('down')).label).toBe('paused');
  });
});
