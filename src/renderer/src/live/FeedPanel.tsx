/**
 * The feed panel: what the live feed is doing right now, from the `live.feedStatus`
 * events: state and lag, messages per second, duplicates and late bars, rejects by
 * reason with the last example's detail (which field, which keys were present, the
 * message itself on demand), and every hole in the offsets with when it was found.
 */
import type { FeedStatusEvent } from '../../../shared/apiTypes';
import { fmtDateTz, fmtNum } from '../format';
import { describeHole, fmtRate, rejectRows, rejectTotal, resumedAt } from './feedReport';
import './live.css';

export function FeedPanel({ feed }: { feed: FeedStatusEvent | null }) {
  if (!feed) return null;
  const rows = rejectRows(feed);
  const rejected = rejectTotal(feed);
  return (
    <section className="feed-panel" aria-label="Live feed" data-testid="feed-panel">
      <div className="subsection">Feed</div>
      <dl className="feed-figures">
        <div><dt>State</dt><dd className={`feed-${feed.state}`} data-testid="feed-state" title={feed.message ?? ''}>{feed.state}</dd></div>
        <div><dt title="Messages read per second, over the last few seconds">Msg/s</dt><dd data-testid="feed-rate">{fmtRate(feed.messagesPerSec)}</dd></div>
        <div><dt title="Messages behind the newest on the topic">Lag</dt><dd data-testid="feed-lag">{feed.lag === null ? '—' : fmtNum(feed.lag, 0)}</dd></div>
        <div><dt title="Messages read since the service started">Read</dt><dd data-testid="feed-messages">{feed.messages === undefined ? '—' : fmtNum(feed.messages, 0)}</dd></div>
        <div><dt title="Closed candles ignored because their bar was already applied">Duplicates</dt><dd data-testid="feed-duplicates">{fmtNum(feed.duplicates ?? 0, 0)}</dd></div>
        <div><dt title="Closed candles older than a bar already applied">Late</dt><dd data-testid="feed-late">{fmtNum(feed.outOfOrder ?? 0, 0)}</dd></div>
        <div><dt title="Malformed messages skipped">Rejected</dt><dd className={rejected > 0 ? 'neg' : ''} data-testid="feed-rejected">{fmtNum(rejected, 0)}</dd></div>
      </dl>
      {feed.message && feed.state !== 'live' && <p className="feed-message" role="status" data-testid="feed-message">{feed.message}</p>}
      {rows.length > 0 && (
        <ul className="feed-rejects" aria-label="Rejected messages by reason" data-testid="feed-rejects">
          {rows.map((r) => (
            <li key={r.reason} data-testid={`feed-reject-${r.reason}`}>
              <div className="feed-reject-head">
                <code>{r.reason}</code>
                <span data-testid="feed-reject-count">×{fmtNum(r.count, 0)}</span>
              </div>
              {r.example && (
                <>
                  <div className="feed-reject-detail" data-testid="feed-reject-detail">{r.example.detail}</div>
                  <div className="dim small">last at offset {r.example.offset} (partition {r.example.partition}) · {fmtDateTz(r.example.at)}</div>
                  {r.example.value !== null && (
                    <details className="feed-reject-value">
                      <summary className="dim small">message</summary>
                      <pre data-testid="feed-reject-value">{r.example.value}</pre>
                    </details>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {feed.holes.length > 0 && (
        <ul className="feed-holes" aria-label="Holes in the offsets" data-testid="feed-holes">
          {feed.holes.map((h) => (
            <li key={`${h.topic}:${h.partition}:${h.fromOffset}`} role="status">
              <span className="warn">Hole</span> {describeHole(h)}
              <div className="dim small">found {fmtDateTz(h.at)}{resumedAt(h) ? `; trading went on from offset ${resumedAt(h)}` : ''}</div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
