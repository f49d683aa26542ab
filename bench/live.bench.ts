/**
 * Live path benchmark, each figure with a baseline measured in the same run:
 *  1. Throughput (candles/s) of feed → strategy → broker → SQLite → publish: Binance
 *     kline messages, 2,000 per batch, through LiveService.handleBatch — decode and
 *     validate, dedupe, a paper session (sma_cross) and a price alert, one SQLite
 *     transaction per batch (file store, WAL), then the outbox sent to a real
 *     Kafka-protocol broker (librdkafka's mock cluster). Baseline: decoding and validating
 *     the same messages and nothing else.                       target >= 50,000 candles/s
 *     Also reported: the rate per CPU-second of this process (steadier than wall time on
 *     a shared machine) and the GC time.
 *  2. Latency (ms) from message receipt to the published signal at 1,000 candles/s: a
 *     producer in another process sends 1,000 candles/s to the broker, the service consumes them with
 *     kafkajs and a fast strategy that trades often; per batch that produced a signal,
 *     from the batch reaching the handler to the broker acknowledging the signal, split
 *     into receipt → SQLite commit and commit → acknowledged. Event-loop delay and GC
 *     pauses during the run are reported alongside.
 *     Baseline: a bare producer.send of one message to the same broker, paced like the
 *     signals (every 5 ms) while the same 1,000 candles/s load runs (no service); and,
 *     for reference, back to back on an idle broker.       target p99 < 5 ms
 *
 * The machine is shared: the load average (1 min) is printed with each phase.
 *
 *   npm run bench:live            table
 *   npm run bench:live -- --json  table, then one JSON object on the last line
 *
 * Data: the bundled real BTCUSDT 1m sample, repeated with shifted times.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { startKafkaMock, type KafkaMock } from '../test/support/kafkaMock';
import { loadSample } from '../src/main/data/candleFiles';
import { openDb } from '../src/main/data/db';
import { defaultBrokerConfig } from '../src/main/engine/brokerTypes';
import { getStrategy } from '../src/main/engine/strategies/registry';
import { decodeCandleMessage, encodeBinance, type LiveCandle } from '../src/main/live/candleMessage';
import { LiveService } from '../src/main/live/liveService';
import { createKafka } from '../src/main/live/kafkaSettings';
import type { RawMessage } from '../src/main/live/kafkaFeed';
import { figure, log, report, type Figure, type TableFormat } from './support/report';

const CANDLES = 200_000;
const BATCH = 2000;
const RATE = 1000;
const LATENCY_SECONDS = 8;

type Unit = 'candles/s' | 'ms';
/** Table columns: two decimals for ms, whole candles/s. */
const TABLE: TableFormat<Unit> = { width: 20, fmt: (unit, v) => (unit === 'ms' ? `${v.toFixed(2)} ms` : `${Math.round(v).toLocaleString('en-US')} candles/s`) };

/** A full GC (bench only: the service never forces one). */
function collectGarbage(): void {
  setFlagsFromString('--expose-gc');
  (runInNewContext('gc') as () => void)();
}

/** 1-minute load average, read when a phase starts (the machine is shared). */
function loadAverage(): number {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return NaN;
  }
}

/** GC pauses (ms) observed from now until stop(). */
function watchGc(): { stop: () => { count: number; totalMs: number; maxMs: number } } {
  const pauses: number[] = [];
  const obs = new PerformanceObserver((list) => { for (const e of list.getEntries()) pauses.push(e.duration); });
  obs.observe({ entryTypes: ['gc'] });
  return {
    stop: () => {
      obs.disconnect();
      return { count: pauses.length, totalMs: pauses.reduce((a, b) => a + b, 0), maxMs: pauses.length ? Math.max(...pauses) : 0 };
    },
  };
}

function messages(n: number): Buffer[] {
  const src = loadSample('BTCUSDT_1m');
  const span = src.time[src.length - 1] - src.time[0] + 60_000;
  const out: Buffer[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const copy = Math.floor(i / src.length), j = i % src.length;
    const c: LiveCandle = { symbol: 'BTCUSDT', interval: '1m', time: src.time[j] + copy * span, open: src.open[j], high: src.high[j], low: src.low[j], close: src.close[j], volume: src.volume[j], closed: true };
    out[i] = Buffer.from(encodeBinance(c));
  }
  return out;
}

function newService(dir: string, name: string, mock: KafkaMock, market: string): { service: LiveService; close: () => void } {
  const db = openDb(join(dir, `${name}.sqlite`));
  const service = new LiveService({
    db, kafka: { brokers: mock.brokers.split(',') }, groupId: name, fromBeginning: true,
    topics: { market }, resolveStrategy: async (s) => getStrategy(s),
  });
  return { service, close: () => db.close() };
}

interface ThroughputRun {
  readonly rate: number;
  /** Candles per CPU-second of this process (user + system). */
  readonly cpuRate: number;
  readonly gcMs: number;
  readonly loadAvg: number;
}

async function throughput(dir: string, mock: KafkaMock, msgs: Buffer[], name: string): Promise<ThroughputRun> {
  const { service, close } = newService(dir, name, mock, 'bench_idle');
  await service.createSession({ strategy: 'sma_cross', params: { n1: 10, n2: 30 }, instruments: ['BTCUSDT:1m'], broker: { ...defaultBrokerConfig, commission: 0.001 } });
  service.addAlertRule({ kind: 'price', instrument: 'BTCUSDT:1m', op: 'crosses_above', level: 100_000, cooldownMs: 3_600_000 });
  await service.start();
  const loadAvg = loadAverage();
  const gc = watchGc();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let i = 0; i < msgs.length; i += BATCH) {
    const slice: RawMessage[] = [];
    for (let k = i; k < Math.min(msgs.length, i + BATCH); k++) slice.push({ partition: 0, offset: String(k), key: null, value: msgs[k] });
    await service.handleBatch({ topic: 'bench_market', partition: 0, messages: slice, receivedAt: performance.now() });
  }
  const secs = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const gcMs = gc.stop().totalMs;
  if (service.pipeline.counters.closed !== msgs.length) throw new Error(`applied ${service.pipeline.counters.closed} of ${msgs.length}`);
  await service.stop();
  close();
  return { rate: msgs.length / secs, cpuRate: msgs.length / ((cpu.user + cpu.system) / 1e6), gcMs, loadAvg };
}

function decodeOnly(msgs: Buffer[]): number {
  const t0 = performance.now();
  let ok = 0;
  for (const m of msgs) if (decodeCandleMessage(m).ok) ok++;
  if (ok !== msgs.length) throw new Error('baseline decode failed');
  return msgs.length / ((performance.now() - t0) / 1000);
}

function quantile(xs: number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))];
}

interface LatencyRun {
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly signals: number;
  readonly commitP50: number;
  readonly commitP99: number;
  readonly publishP50: number;
  readonly publishP99: number;
  readonly eventLoopDelayP99: number;
  readonly eventLoopDelayMax: number;
  readonly gc: { count: number; totalMs: number; maxMs: number };
  readonly loadAvg: number;
}

async function latency(dir: string, mock: KafkaMock): Promise<LatencyRun> {
  const { service, close } = newService(dir, 'latency', mock, 'bench_market');
  await service.createSession({ strategy: 'sma_cross', params: { n1: 2, n2: 3 }, instruments: ['BTCUSDT:1m'], broker: { ...defaultBrokerConfig, commission: 0.001 } });
  await service.start();
  while (service.feedStatus.state !== 'live') await new Promise((r) => setTimeout(r, 50));
  const total = RATE * LATENCY_SECONDS;
  const loadAvg = loadAverage();
  const gc = watchGc();
  const eld = monitorEventLoopDelay({ resolution: 1 });
  eld.enable();
  const load = startLoad(mock, 'bench_market', total);
  while (service.pipeline.counters.closed < total) await new Promise((r) => setTimeout(r, 50));
  await load;
  eld.disable();
  const gcStats = gc.stop();
  const trace = service.latencyTrace.slice();
  const lat = trace.map((t) => t.acked - t.received);
  const commit = trace.map((t) => t.committed - t.received);
  const publish = trace.map((t) => t.acked - t.committed);
  await service.stop();
  close();
  return {
    p50: quantile(lat, 0.5), p99: quantile(lat, 0.99), max: Math.max(...lat), signals: lat.length,
    commitP50: quantile(commit, 0.5), commitP99: quantile(commit, 0.99), publishP50: quantile(publish, 0.5), publishP99: quantile(publish, 0.99),
    eventLoopDelayP99: eld.percentile(99) / 1e6, eventLoopDelayMax: eld.max / 1e6, gc: gcStats, loadAvg,
  };
}

/**
 * The load comes from another process, as the upstream service would: its sends must not
 * share the measured event loop. Resolves when it has sent `total` candles.
 */
async function startLoad(mock: KafkaMock, topic: string, total: number): Promise<void> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('../bin/run-ts.mjs', import.meta.url)), fileURLToPath(import.meta.url), '--producer', mock.brokers, topic, String(total)], { stdio: ['ignore', 'inherit', 'inherit'] });
  const code = await new Promise<number | null>((r) => child.once('exit', r));
  if (code !== 0) throw new Error('load producer failed');
}

/** Child-process mode: sends `total` candles to `topic` at RATE per second. */
async function produceLoad(brokers: string, topic: string, total: number): Promise<void> {
  const msgs = messages(total);
  const producer = new Kafka({ clientId: 'bench-load', brokers: brokers.split(','), logLevel: logLevel.NOTHING }).producer();
  await producer.connect();
  const start = performance.now();
  let sent = 0;
  // Paced against the clock, sent as they fall due (every ~5 ms).
  while (sent < total) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * RATE));
    if (due > sent) {
      await producer.send({ topic, messages: msgs.slice(sent, due).map((value) => ({ key: 'BTCUSDT', value })) });
      sent = due;
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  await producer.disconnect();
}

/** A bare producer.send of one message, back to back on an otherwise idle broker. */
async function sendBaseline(mock: KafkaMock, msgs: Buffer[]): Promise<{ p50: number; p99: number }> {
  const producer = kafka(mock).producer();
  await producer.connect();
  const times: number[] = [];
  for (let i = 0; i < 2000; i++) {
    const t0 = performance.now();
    await producer.send({ topic: 'trade_signals', messages: [{ key: 'BTCUSDT', value: msgs[i % msgs.length] }], acks: -1 });
    times.push(performance.now() - t0);
  }
  await producer.disconnect();
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99) };
}

/**
 * A bare producer.send of one message every 5 ms (the signals' pace) while the same
 * 1,000 candles/s load runs through the broker, with no service: what the round trip
 * alone costs under the conditions of the latency run.
 */
async function sendUnderLoad(mock: KafkaMock, msgs: Buffer[]): Promise<{ p50: number; p99: number; loadAvg: number }> {
  const producer = kafka(mock).producer();
  await producer.connect();
  const loadAvg = loadAverage();
  let done = false;
  const load = startLoad(mock, 'bench_load', RATE * LATENCY_SECONDS).finally(() => { done = true; });
  const times: number[] = [];
  for (let i = 0; !done; i++) {
    const t0 = performance.now();
    await producer.send({ topic: 'trade_signals', messages: [{ key: 'BTCUSDT', value: msgs[i % msgs.length] }], acks: -1 });
    times.push(performance.now() - t0);
    await new Promise((r) => setTimeout(r, 5));
  }
  await load;
  await producer.disconnect();
  return { p50: quantile(times, 0.5), p99: quantile(times, 0.99), loadAvg };
}

/** The service's own client settings (createKafka), so the baseline differs only by the pipeline. */
function kafka(mock: KafkaMock): Kafka {
  return createKafka({ brokers: mock.brokers.split(','), clientId: 'bench' });
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-bench-live-'));
  const mock = await startKafkaMock(['bench_idle', 'bench_market', 'bench_load', 'trade_signals', 'portfolio_updates', 'alerts']);
  const figures: Figure<Unit>[] = [];
  const details: Record<string, unknown> = {};
  try {
    log(`encoding ${CANDLES.toLocaleString('en-US')} Binance kline messages`);
    let msgs = messages(CANDLES);
    const few = msgs.slice(0, 2000);
    log('warm-up');
    await throughput(dir, mock, msgs.slice(0, 20_000), 'warmup');
    decodeOnly(msgs.slice(0, 20_000));
    log('throughput: feed → strategy → broker → SQLite → publish');
    const tp = await throughput(dir, mock, msgs, 'throughput');
    const base = decodeOnly(msgs);
    log(`  load average ${tp.loadAvg}; ${Math.round(tp.cpuRate).toLocaleString('en-US')} candles per CPU-second; GC ${tp.gcMs.toFixed(0)} ms`);
    details.throughput = tp;
    figures.push(figure('feed→strategy→broker→SQLite→publish', 'candles/s', tp.rate, 'decode + validate only (same messages)', base, '>= 50,000 candles/s', (v) => v >= 50_000));
    // The latency run must not pay for the throughput run's garbage (200,000 messages,
    // two services): collect it now, as a long-running service would have long ago.
    msgs = [];
    collectGarbage();
    log(`latency: ${RATE} candles/s for ${LATENCY_SECONDS} s through the broker`);
    const l = await latency(dir, mock);
    log(`  load average ${l.loadAvg}; ${l.signals} batches produced signals; receipt → SQLite commit p50 ${l.commitP50.toFixed(2)} ms, p99 ${l.commitP99.toFixed(2)} ms; commit → acknowledged p50 ${l.publishP50.toFixed(2)} ms, p99 ${l.publishP99.toFixed(2)} ms; max ${l.max.toFixed(2)} ms`);
    log(`  event-loop delay p99 ${l.eventLoopDelayP99.toFixed(2)} ms, max ${l.eventLoopDelayMax.toFixed(2)} ms; GC ${l.gc.count} pauses, ${l.gc.totalMs.toFixed(1)} ms, longest ${l.gc.maxMs.toFixed(2)} ms`);
    details.latency = l;
    log('baseline: bare producer.send under the same load, then back to back on an idle broker');
    const su = await sendUnderLoad(mock, few);
    const sb = await sendBaseline(mock, few);
    log(`  under load (load average ${su.loadAvg}): p50 ${su.p50.toFixed(2)} ms, p99 ${su.p99.toFixed(2)} ms; idle back to back: p50 ${sb.p50.toFixed(2)} ms, p99 ${sb.p99.toFixed(2)} ms`);
    details.sendUnderLoad = su;
    details.sendIdle = sb;
    figures.push(figure('receipt → published signal p50', 'ms', l.p50, 'bare producer.send under the same load p50', su.p50, 'info', () => true));
    figures.push(figure('receipt → published signal p99', 'ms', l.p99, 'bare producer.send under the same load p99', su.p99, 'p99 < 5 ms', (v) => v < 5));
  } finally {
    await mock.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  report(figures, TABLE, { bench: 'live', candles: CANDLES, batch: BATCH, rate: RATE, node: process.version, figures, details });
}

const producerArg = process.argv.indexOf('--producer');
if (producerArg >= 0) await produceLoad(process.argv[producerArg + 1], process.argv[producerArg + 2], Number(process.argv[producerArg + 3]));
else await main();
