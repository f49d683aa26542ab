/** How many research workers to start: `--workers`, else $CRYPTOTA_WORKERS, else the cores. */
import { availableParallelism } from 'node:os';

export function workerCountSetting(flag?: string): number {
  const raw = flag ?? process.env.CRYPTOTA_WORKERS;
  if (raw === undefined || raw.trim() === '') return availableParallelism();
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 256) {
    throw new Error(`worker count must be a whole number from 1 to 256 (got "${raw}"${flag === undefined ? ' from CRYPTOTA_WORKERS' : ''})`);
  }
  return n;
}
