/**
 * The research workers (`cryptota worker` processes) the app sees on the Kafka heartbeat
 * topic, for Settings and the status bar, and where a grid runs.
 */

/** Where an optimization's or a walk-forward's grids run: this machine's pool, or the workers' consumer group. */
export type ResearchExecutor = 'local' | 'kafka';

export interface ResearchWorkerInfo {
  /** host:pid */
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  readonly cores: number;
  /** Tasks it runs at once. */
  readonly threads: number;
  readonly version: string;
  /** Its consumer group. */
  readonly group: string;
  readonly tasksDone: number;
  readonly running: number;
  readonly startedAt: number;
  /** Epoch ms of its last heartbeat. */
  readonly lastSeen: number;
  /** Heard from in the last few seconds and not stopping: it takes tasks now. */
  readonly alive: boolean;
}

export interface ResearchWorkersResult {
  readonly brokers: readonly string[];
  /** Alive first, then by host. */
  readonly workers: readonly ResearchWorkerInfo[];
}
