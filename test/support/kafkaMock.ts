/**
 * Starts librdkafka's mock cluster (a real Kafka-protocol broker over TCP) for tests.
 * The tiny C front end in ./kafka-mock/mock_cluster.c is compiled on demand with gcc
 * against Debian's librdkafka-dev into a cache folder, and rebuilt when its source changes.
 */
import { spawn, execFileSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SOURCE = fileURLToPath(new URL('./kafka-mock/mock_cluster.c', import.meta.url));

export interface KafkaMock {
  /** Comma-separated bootstrap servers, e.g. "127.0.0.1:39025". */
  readonly brokers: string;
  /** Disconnects every broker and refuses connections (simulated outage). */
  down(): Promise<void>;
  /** Accepts connections again. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

/** Path of the compiled mock, building it when missing or stale. */
export function buildKafkaMock(): string {
  const src = readFileSync(SOURCE);
  const hash = createHash('sha256').update(src).digest('hex').slice(0, 16);
  const dir = process.env.CRYPTOTA_TEST_CACHE ?? join(tmpdir(), 'cryptota-test-cache');
  mkdirSync(dir, { recursive: true });
  const bin = join(dir, `kafka-mock-${hash}`);
  if (existsSync(bin)) return bin;
  // Compile to a private name then rename: parallel test files may build at once.
  const tmp = `${bin}.${process.pid}.tmp`;
  try {
    execFileSync('gcc', ['-O2', '-o', tmp, SOURCE, '-lrdkafka'], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const stderr = (e as { stderr?: Buffer }).stderr?.toString() ?? String(e);
    throw new Error(`cannot build the Kafka mock (needs apt packages gcc and librdkafka-dev): ${stderr}`);
  }
  renameSync(tmp, bin);
  return bin;
}

/** Starts a mock cluster with the given topics ("name" or "name:partitions"). */
export async function startKafkaMock(topics: readonly string[], opts: { brokers?: number } = {}): Promise<KafkaMock> {
  const bin = buildKafkaMock();
  const args = [...(opts.brokers ? ['--brokers', String(opts.brokers)] : []), ...topics];
  const child: ChildProcessWithoutNullStreams = spawn(bin, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
  const lines: string[] = [];
  const waiters: Array<(line: string) => void> = [];
  let buf = '';
  child.stdout.on('data', (d: Buffer) => {
    buf += d.toString();
    let nl: number;
    while ((nl = buf.indexOf('\n')) >= 0) {
      const line = buf.slice(0, nl);
      buf = buf.slice(nl + 1);
      const w = waiters.shift();
      if (w) w(line);
      else lines.push(line);
    }
  });
  const nextLine = (): Promise<string> =>
    new Promise((resolve, reject) => {
      const l = lines.shift();
      if (l !== undefined) return resolve(l);
      const onExit = (code: number | null): void => reject(new Error(`Kafka mock exited (${code}): ${stderr}`));
      child.once('exit', onExit);
      waiters.push((line) => { child.off('exit', onExit); resolve(line); });
    });
  const brokers = await nextLine();
  const ready = await nextLine();
  if (ready !== 'ready') throw new Error(`Kafka mock did not start: ${brokers} ${ready} ${stderr}`);
  const command = async (cmd: string): Promise<void> => {
    child.stdin.write(`${cmd}\n`);
    const ack = await nextLine();
    if (ack !== `ok ${cmd}`) throw new Error(`Kafka mock: unexpected reply "${ack}" to ${cmd}`);
  };
  return {
    brokers,
    down: () => command('down'),
    up: () => command('up'),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.stdin.end();
        setTimeout(() => { if (child.exitCode === null) child.kill('SIGKILL'); }, 3000).unref();
      }),
  };
}
