/**
 * The new user's path through the CLI against a real broker: a background paper session,
 * the replay producer, status, verify, stop — and clear errors for bad input.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../support/cli';
import { startKafkaMock, type KafkaMock } from '../support/kafkaMock';
import { LIVE_TOPICS, waitFor } from './liveHarness';

let mock: KafkaMock;
const home = tempHome('cryptota-paper-cli-');
let servicePid: number | null = null;

beforeAll(async () => {
  mock = await startKafkaMock(LIVE_TOPICS);
});

afterAll(async () => {
  if (servicePid) {
    try { process.kill(servicePid, 'SIGTERM'); } catch { /* already gone */ }
  }
  await mock?.stop();
});

interface StatusJson {
  service: { pid: number } | null;
  sessions: Array<{ id: number; status: string; portfolio: { bars: number; equity: number } | null; trades: number }>;
}

describe('cryptota paper / feed', () => {
  it('runs a background session on replayed candles, reports it and verifies parity', async () => {
    const env = { CRYPTOTA_HOME: home, KAFKA_BROKERS: mock.brokers };
    const start = runCli(['paper', 'start', '--strategy', 'ema_cross', '--param', 'n1=5', '--param', 'n2=13', '--instruments', 'BTCUSDT:1m', '--cash', '5000', '--from-beginning', '--detach'], env);
    expect(start.stderr).toBe('');
    expect(start.stdout).toMatch(/paper session 1 created/);
    expect(start.stdout).toMatch(/background \(pid \d+\)/);
    const replay = runCli(['feed', 'replay', '--data', 'sample:BTCUSDT_1m', '--limit', '1500', '--speed', 'max', '--format', 'binance-wrapped', '--json'], env);
    expect(replay.code).toBe(0);
    expect(JSON.parse(replay.stdout)).toMatchObject({ sent: 1500, symbol: 'BTCUSDT', interval: '1m' });
    let status: StatusJson | null = null;
    await waitFor('the session to apply 1,500 bars', () => {
      status = JSON.parse(runCli(['paper', 'status', '--json'], env).stdout) as StatusJson;
      servicePid = status.service?.pid ?? servicePid;
      return status.sessions[0]?.portfolio?.bars === 1500;
    }, 90_000);
    const s = (status as unknown as StatusJson).sessions[0];
    expect(s).toMatchObject({ id: 1, status: 'running' });
    expect(s.trades).toBeGreaterThan(10);
    const text = runCli(['paper', 'status'], env).stdout;
    expect(text).toMatch(/live service: running/);
    expect(text).toMatch(/feed: (live|lagging) since/);
    expect(text).toMatch(/#1 running .*ema_cross/);
    const verify = runCli(['paper', 'verify', '1'], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(new RegExp(`BTCUSDT:1m: 1500 bars, paper ${s.trades} closed trades, backtest ${s.trades} — identical`));
    expect(runCli(['paper', 'stop', '1'], env).stdout).toMatch(/session 1: stopped/);
    await waitFor('stopped in status', () => (JSON.parse(runCli(['paper', 'status', '--json'], env).stdout) as StatusJson).sessions[0].status === 'stopped');
  }, 240_000);

  it('explains bad input instead of failing obscurely', () => {
    const env = { CRYPTOTA_HOME: tempHome(), KAFKA_BROKERS: mock.brokers };
    const badParam = runCli(['paper', 'start', '--strategy', 'sma_cross', '--param', 'n1=abc', '--instruments', 'BTCUSDT:1m'], env);
    expect(badParam.code).not.toBe(0);
    expect(badParam.stderr).toMatch(/n1 must be a number/);
    const badInst = runCli(['paper', 'start', '--strategy', 'sma_cross', '--instruments', 'BTCUSDT'], env);
    expect(badInst.stderr).toMatch(/instrument "BTCUSDT" must look like BTCUSDT:1m \(SYMBOL:interval\)/);
    expect(runCli(['paper', 'verify', '99'], env).stderr).toMatch(/no paper session 99/);
    expect(runCli(['feed', 'replay', '--data', 'sample', '--format', 'xml'], env).stderr).toMatch(/--format must be canonical, binance or binance-wrapped/);
    expect(runCli(['feed', 'replay', '--data', 'sample', '--speed', 'fast'], env).stderr).toMatch(/speed must look like 60x/);
    expect(runCli(['alerts', 'add', '{"kind":"price","instrument":"BTCUSDT:1m","op":"near","level":1}'], env).stderr).toMatch(/invalid alert rule: op/);
    const noBrokers = runCli(['feed', 'replay', '--data', 'sample'], { CRYPTOTA_HOME: env.CRYPTOTA_HOME, KAFKA_BROKERS: '' });
    expect(noBrokers.stderr).toMatch(/no Kafka brokers/);
  }, 180_000);
});
