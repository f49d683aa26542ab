/**
 * Every worker-thread entry of the app, in one place: electron.vite.config.ts builds
 * each as its own file next to the main bundle, and spawnWorker starts them by name
 * (from the TypeScript source under tsx, or from the built .js). A worker added here
 * is built and startable; one missing here is neither — no second list to forget.
 *
 * Plain data only: the build configuration imports this file before anything is built.
 */
export const workerEntries = {
  /** The research pool's persistent worker: data sets shared, tasks by id. */
  poolWorker: 'src/main/research/pool/poolWorker.ts',
} as const;

export type WorkerEntryName = keyof typeof workerEntries;
