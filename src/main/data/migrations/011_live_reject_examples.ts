/**
 * The last rejected message per reason (JSON: detail, partition, offset, value excerpt,
 * time), so `feed status` and the app show what to change without reading logs.
 */
export const liveRejectExamplesSchemaV11 = `
ALTER TABLE live_reject_counts ADD COLUMN last_example TEXT;
`;
