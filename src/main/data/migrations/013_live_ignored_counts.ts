/**
 * Closed candles the feed ignored because their bar was already applied: `duplicate`
 * (same open time again, e.g. an at-least-once upstream retrying) or `out_of_order` (an
 * older bar after a newer one). Not errors, but a user should see how many there were.
 */
export const liveIgnoredCountsSchemaV13 = `
CREATE TABLE live_ignored_counts (
  reason TEXT PRIMARY KEY CHECK (reason IN ('duplicate', 'out_of_order')),
  count  INTEGER NOT NULL
);
`;
