/** `cache:EXCHANGE:SYMBOL:INTERVAL` specs: read from the local SQLite cache. */
import type { LoadSpecOptions, LoadedCandles } from './dataSpec';

export async function loadCachedSpec(spec: string, _opts: LoadSpecOptions): Promise<LoadedCandles> {
  // Interim: the cache reader lands in the next commit of issue 3.
  throw new Error(`"${spec}": reading from the local cache is not available yet`);
}
