/**
 * The feed panel's figures as plain data (unit-tested in feedReport.test.ts): rejects
 * by reason, most frequent first, each with its last example; holes as offset ranges;
 * the rate rounded the way a reader wants it. From the `live.feedStatus` event as is.
 */
import type { FeedHole, FeedRejectExample, FeedStatusEvent } from '../../../shared/apiTypes';

export interface RejectRow {
  reason: string;
  count: number;
  example: FeedRejectExample | null;
}

export function rejectRows(feed: Pick<FeedStatusEvent, 'rejected' | 'rejectExamples'>): RejectRow[] {
  return Object.entries(feed.rejected)
    .filter(([, n]) => n > 0)
    .map(([reason, count]) => ({ reason, count, example: feed.rejectExamples[reason] ?? null }))
    .sort((a, b) => b.count - a.count || a.reason.localeCompare(b.reason));
}

export function rejectTotal(feed: Pick<FeedStatusEvent, 'rejected'>): number {
  return Object.values(feed.rejected).reduce((a, b) => a + b, 0);
}

/** "offsets 120–619 of market_data_stream[0]: 500 messages never read". */
export function describeHole(h: FeedHole): string {
  const n = `${h.missed.toLocaleString('en-US')} message${h.missed === 1 ? '' : 's'}`;
  return `offsets ${h.fromOffset}–${h.toOffset} of ${h.topic}[${h.partition}]: ${n} never read`;
}

/** Messages per second: whole numbers from 10 up, one decimal below, "0" when quiet. */
export function fmtRate(perSec: number | undefined): string {
  if (perSec === undefined || !Number.isFinite(perSec)) return '—';
  if (perSec === 0) return '0';
  return perSec >= 9.95 ? Math.round(perSec).toLocaleString('en-US') : perSec.toFixed(1);
}

/** The offset reading went on from after a hole (the one past its last), or null when the offset is not a number. */
export function resumedAt(h: Pick<FeedHole, 'toOffset'>): string | null {
  return /^\d+$/.test(h.toOffset) ? (BigInt(h.toOffset) + 1n).toString() : null;
}
