/**
 * What a paper session's badge says. A running session only trades while its feed
 * delivers candles, so "running" with the feed down is shown as stalled, with the feed's
 * reason in plain sight rather than only in a tooltip.
 */
import type { FeedStatusEvent, PaperSessionState } from '../../../shared/apiTypes';

export interface SessionBadge {
  label: string;
  /** CSS tone: the session's state, or 'stalled' when running without a working feed. */
  tone: PaperSessionState | 'stalled';
  /** Why it is stalled (the feed's own message), null when it is not. */
  reason: string | null;
}

export function sessionBadge(state: PaperSessionState, feed: FeedStatusEvent | null | undefined): SessionBadge {
  if (state !== 'running' || !feed || feed.state === 'live' || feed.state === 'lagging') return { label: state, tone: state, reason: null };
  const what = feed.state === 'connecting' ? 'waiting for feed' : `feed ${feed.state}`;
  return { label: `running · ${what}`, tone: 'stalled', reason: feed.message ?? `the live feed is ${feed.state}: no candles reach this session` };
}
