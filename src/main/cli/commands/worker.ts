import { parseArgs } from 'node:util';
import { UsageError, type CliCommand } from '../command';
import { KAFKA_HELP, kafkaOptionSpec, kafkaSettingsFrom } from '../liveOptions';
import { appHome, defaultDbPath } from '../../appHome';
import { openDb } from '../../data/db';
import { createKafka } from '../../live/kafkaSettings';
import { workerCountSetting } from '../../research/pool/poolSize';
import { ClusterWorker, defaultCodeDir } from '../../research/cluster/clusterWorker';
import { CLUSTER_TOPICS, DEFAULT_WORKER_GROUP } from '../../research/cluster/clusterProtocol';
import { wholeNumberOption } from '../researchOptions';
import { describeSettings, loadPgSettings, readSourceMapping } from '../../data/timescale/settings';
import type { TimescaleAccess } from '../../research/cluster/taskData';

const HELP = `usage: cryptota worker [options]

A headless research worker: joins a Kafka consumer group on ${CLUSTER_TOPICS.tasks}, runs
each task (a chunk of an optimization grid) on its local worker threads, produces the
result to ${CLUSTER_TOPICS.results} and then commits the task. Start one per machine
(or several), then run \`cryptota optimize --executor kafka\` anywhere. Stops on
SIGTERM / Ctrl-C within 5 s (exit code 130, as every interrupted command); a task it
was running is left uncommitted for another worker.

options:
  --workers <n>          worker threads (default: $CRYPTOTA_WORKERS or the number of cores)
  --group <id>           consumer group (default: ${DEFAULT_WORKER_GROUP})
  --allow-user-code      run user strategies sent as source (otherwise only built-in or
                         installed strategies by name; a task with user code is refused)
  --session-timeout <ms> how long a dead worker keeps its partitions (default 10000)
  --fetch-wait <ms>      longest the broker holds an empty fetch of tasks (default 100); Kafka
                         answers at once when a task arrives, so this only paces idle polling
  --offline              never fetch from TimescaleDB: \`cache:\` data must be in this
                         worker's cache already
${KAFKA_HELP}
  -h, --help             this help

Data: a task names its data by spec and hash; this worker loads it from its own
cache (\`cache:\` specs), the bundled samples or the same file path, and refuses a task
whose bars hash differently. A \`cache:\` range missing from its cache is fetched from
the shared TimescaleDB first, as \`cryptota sync\` would, with this worker's own
connection settings (PGHOST/PGPORT/PGUSER/PGPASSWORD/PGDATABASE/PGSSLMODE over
$CRYPTOTA_HOME/sources.json), and kept in the cache for the next task. Topics: ${Object.values(CLUSTER_TOPICS).join(', ')}.`;

export const workerCommand: CliCommand = {
  name: 'worker',
  summary: 'headless research worker: run optimization tasks from a Kafka consumer group',
  help: HELP,
  async run(argv, io) {
    const { values } = parseArgs({
      args: [...argv],
      options: {
        ...kafkaOptionSpec,
        workers: { type: 'string' },
        group: { type: 'string', default: DEFAULT_WORKER_GROUP },
        'allow-user-code': { type: 'boolean', default: false },
        'session-timeout': { type: 'string' },
        offline: { type: 'boolean', default: false },
        'fetch-wait': { type: 'string' },
        json: { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    let threads: number;
    try {
      threads = workerCountSetting(values.workers);
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const group = values.group.trim();
    if (group === '') throw new UsageError('--group must not be empty');
    const sessionTimeoutMs = wholeNumberOption('session-timeout', values['session-timeout']);
    if (sessionTimeoutMs !== undefined && sessionTimeoutMs < 6000) throw new UsageError(`--session-timeout must be at least 6000 ms (Kafka's minimum; got ${sessionTimeoutMs})`);
    let kafka;
    try {
      kafka = createKafka({ ...kafkaSettingsFrom(values), clientId: 'cryptota-worker' });
    } catch (e) {
      throw new UsageError((e as Error).message);
    }
    const log = values.json
      ? (line: string) => io.out(JSON.stringify({ at: new Date().toISOString(), event: line }))
      : (line: string) => io.out(`${new Date().toISOString()} ${line}`);
    const fetchWaitMs = wholeNumberOption('fetch-wait', values['fetch-wait']);
    if (fetchWaitMs !== undefined && (fetchWaitMs < 1 || fetchWaitMs > 10_000)) throw new UsageError(`--fetch-wait must be 1 to 10000 ms (got ${fetchWaitMs})`);
    let timescale: TimescaleAccess | null = null;
    if (!values.offline) {
      try {
        timescale = { settings: loadPgSettings(), mapping: readSourceMapping() };
      } catch (e) {
        throw new UsageError(`TimescaleDB settings: ${(e as Error).message} (or start with --offline)`);
      }
    }
    const db = openDb(defaultDbPath());
    const worker = new ClusterWorker({
      kafka, group, threads, allowUserCode: values['allow-user-code'], db, timescale, codeDir: defaultCodeDir(appHome()), log, sessionTimeoutMs, fetchWaitMs,
    });
    const stopped = new Promise<void>((resolve) => {
      const onSignal = (): void => {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        // The promise of a clean stop within 5 s: whatever hangs past it is cut short.
        setTimeout(() => {
          io.err('worker: clean stop took too long; exiting');
          process.exit(130);
        }, 4500).unref();
        void worker.stop().finally(resolve);
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
    });
    log(timescale ? `cache: data missing here is fetched from TimescaleDB ${describeSettings(timescale.settings)}` : 'offline: cache: data comes from the local cache only');
    await worker.start();
    await stopped;
    db.close();
    const c = worker.counters;
    log(`tasks done ${c.tasksDone}, cancelled ${c.tasksCancelled}, skipped ${c.tasksSkipped}, refused ${c.tasksRefused}`);
    return 0;
  },
};
