/** Progress → ETA from the average rate since the job started (stable enough for one pass). */
export function estimateEtaMs(startedAt: number, now: number, done: number, total: number): number | null {
  if (done <= 0 || total <= 0 || done > total) return null;
  const elapsed = now - startedAt;
  if (elapsed < 50) return null;
  return Math.max(0, Math.round((elapsed / done) * (total - done)));
}
