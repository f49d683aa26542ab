import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { repoRoot, runCli, tempHome } from '../support/cli';

describe('cryptota backtest', () => {
  const home = tempHome();

  it('with no arguments runs rsi on the bundled sample and prints a stats table', () => {
    const r = runCli(['backtest'], { CRYPTOTA_HOME: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^rsi period=14 lower=30 upper=70/);
    expect(r.stdout).toContain('sample:BTCUSDT_1h: 66,678 bars');
    for (const stat of ['Return [%]', 'Sharpe Ratio', 'Max. Drawdown [%]', '# Trades', 'Win Rate [%]', 'SQN']) {
      expect(r.stdout).toContain(stat);
    }
    expect(r.stdout).toMatch(/saved as run #1/);
  });

  it('--json prints one object with stats keyed by backtesting.py names, trades and equity', () => {
    const r = runCli(['backtest', '--strategy', 'sma_cross', '--param', 'n1=20', '--param', 'n2=50', '--json', '--no-save'], { CRYPTOTA_HOME: home });
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as { stats: Record<string, unknown>; trades: unknown[]; equity: { time: number[]; value: number[] }; params: Record<string, unknown>; runId: unknown };
    expect(out.runId).toBeNull();
    expect(out.params).toMatchObject({ n1: 20, n2: 50 });
    expect(out.stats['# Trades']).toBe(out.trades.length);
    expect(out.trades.length).toBeGreaterThan(10);
    expect(out.equity.value).toHaveLength(66_678);
    expect(out.equity.value[out.equity.value.length - 1]).toBeCloseTo(out.stats['Equity Final [$]'] as number, 6);
  });

  it('says why a run has no trades when the broker rejected every order', () => {
    const r = runCli(['backtest', '--data', 'sample:BTCUSDT_1m', '--qty-step', '1', '--no-save'], { CRYPTOTA_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: \d+ order\(s\) rejected by the broker; first at bar \d+: buy rejected: insufficient equity for one quantity step \(1\)/);
  });

  it('lists the valid strategies for an unknown one', () => {
    const r = runCli(['backtest', '--strategy', 'nope'], { CRYPTOTA_HOME: home });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/unknown strategy "nope"/);
    for (const name of ['rsi', 'sma_cross', 'ema_cross', 'macd_cross', 'bollinger_reversion', 'donchian_breakout']) expect(r.stderr).toContain(name);
  });

  it('lists the valid parameters for an unknown one', () => {
    const r = runCli(['backtest', '--param', 'periodd=3'], { CRYPTOTA_HOME: home });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/no parameter "periodd"/);
    expect(r.stderr).toMatch(/period \(int/);
    expect(r.stderr).toContain('upper');
  });

  it('names the line of a malformed CSV', () => {
    const file = join(tempHome(), 'bad.csv');
    writeFileSync(file, 'open_time_ms,open,high,low,close,volume\n1000,1,2,0.5,1.5,10\n2000,1.5,2.5,1,2,7\n3000,1,2,0.5,oops,3\n');
    const r = runCli(['backtest', '--data', file], { CRYPTOTA_HOME: home });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('bad.csv:4: close is not a number ("oops")');
  });

  it("reads backtesting.py's date-indexed GOOG.csv and limits the range with --from/--to", () => {
    const r = runCli(['backtest', '--data', 'test/fixtures/oracles/GOOG.csv', '--from', '2005-01-01', '--to', '2005-12-31', '--json', '--no-save'], { CRYPTOTA_HOME: home });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { data: { bars: number; from: number; to: number } };
    expect(out.data.from).toBe(Date.UTC(2005, 0, 3));
    expect(out.data.to).toBe(Date.UTC(2005, 11, 30));
    expect(out.data.bars).toBe(252);
  });

  it('--compat backtesting.py reproduces its GOOG sma_cross 10/20 run: same trades, Equity Final and stats present', () => {
    const oracle = JSON.parse(readFileSync(join(repoRoot, 'test/fixtures/oracles/btpy_goog_sma10_20_c0.json'), 'utf8')) as {
      stats: Record<string, number | string>; trades: { ExitPrice: number }[];
    };
    const args = ['backtest', '--data', 'test/fixtures/oracles/GOOG.csv', '--strategy', 'sma_cross', '--param', 'n1=10', '--param', 'n2=20',
      '--qty-step', '1', '--cash', '10000', '--commission', '0', '--slippage-bps', '0', '--min-notional', '0', '--json', '--no-save'];
    const ours = JSON.parse(runCli(args, { CRYPTOTA_HOME: home }).stdout) as { stats: Record<string, unknown>; trades: { exitPrice: number }[] };
    const r = runCli([...args, '--compat', 'backtesting.py'], { CRYPTOTA_HOME: home });
    expect(r.stderr).toBe('');
    const theirs = JSON.parse(r.stdout) as { stats: Record<string, unknown>; trades: { exitPrice: number }[] };
    expect(theirs.stats['# Trades']).toBe(oracle.stats['# Trades']);
    expect(theirs.trades.at(-1)?.exitPrice).toBe(oracle.trades.at(-1)?.ExitPrice);
    expect(theirs.stats['Equity Final [$]']).toBeCloseTo(oracle.stats['Equity Final [$]'] as number, 6);
    expect(Object.keys(theirs.stats)).toEqual(Object.keys(oracle.stats));
    // Without the switch our own end-of-data rule applies: the last trade exits at the last close.
    expect(ours.trades.at(-1)?.exitPrice).not.toBe(oracle.trades.at(-1)?.ExitPrice);
    expect(ours.stats['Commissions [$]']).toBe(0);
  });

  it('a run saved with --compat backtesting.py says so in runs show (text and --json)', () => {
    const own = tempHome();
    const args = ['backtest', '--data', 'test/fixtures/oracles/GOOG.csv', '--strategy', 'sma_cross', '--param', 'n1=10', '--param', 'n2=20', '--json'];
    const saved = JSON.parse(runCli([...args, '--compat', 'backtesting.py'], { CRYPTOTA_HOME: own }).stdout) as { runId: number };
    const plain = JSON.parse(runCli(args, { CRYPTOTA_HOME: own }).stdout) as { runId: number };
    const shown = runCli(['runs', 'show', String(saved.runId)], { CRYPTOTA_HOME: own });
    expect(shown.code).toBe(0);
    expect(shown.stdout.split('\n')[0]).toMatch(/ · compat backtesting\.py$/);
    expect(JSON.parse(runCli(['runs', 'show', String(saved.runId), '--json'], { CRYPTOTA_HOME: own }).stdout)).toMatchObject({ compat: 'backtesting.py' });
    expect(runCli(['runs', 'show', String(plain.runId)], { CRYPTOTA_HOME: own }).stdout).not.toContain('compat');
  });

  it('--compat names the valid tools for an unknown one', () => {
    const r = runCli(['backtest', '--compat', 'zipline', '--no-save'], { CRYPTOTA_HOME: home });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/--compat must be one of backtesting\.py \(got "zipline"\)/);
  });

  it('--magnifier reads 1m bars of the same instrument, says when none cover the run, and refuses a CSV by name', () => {
    // The bundled 1h sample ends before the 1m one starts: the run says so and keeps the adverse rule.
    const r = runCli(['backtest', '--magnifier', '--no-save'], { CRYPTOTA_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/warning: --magnifier: sample:BTCUSDT_1m has no bars inside the run's range/);
    expect(r.stdout).toMatch(/magnifier: no 1m bars in range; same-bar stop-loss\/take-profit: 0 take-profit first, 0 stop-loss first, \d+ left to the adverse rule/);
    const csv = runCli(['backtest', '--data', 'test/fixtures/oracles/GOOG.csv', '--magnifier', '--no-save'], { CRYPTOTA_HOME: home });
    expect(csv.code).not.toBe(0);
    expect(csv.stderr).toMatch(/--magnifier needs 1m bars of the same instrument.*GOOG\.csv/);
  });

  it('saved runs are listed and compared', () => {
    runCli(['backtest', '--strategy', 'sma_cross'], { CRYPTOTA_HOME: home });
    const ls = runCli(['runs', '--json'], { CRYPTOTA_HOME: home });
    const { runs } = JSON.parse(ls.stdout) as { runs: { id: number; strategy: string; dataHash: string }[] };
    expect(runs.length).toBeGreaterThanOrEqual(2);
    const cmp = runCli(['runs', 'compare', String(runs[0].id), String(runs[1].id)], { CRYPTOTA_HOME: home });
    expect(cmp.code).toBe(0);
    expect(cmp.stdout).toContain('Sharpe Ratio');
  });
});

describe('cryptota output', () => {
  it('stops quietly when the reader closes the pipe early', () => {
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/cryptota.mjs backtest --json --no-save | head -c 10`], {
      cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CRYPTOTA_HOME: tempHome() },
    });
    expect(r.stdout).toHaveLength(10);
    expect(r.stderr).toBe('');
  });
});

describe('cryptota strategies', () => {
  it('lists every built-in with its parameter schema', () => {
    const r = runCli(['strategies', '--json']);
    expect(r.code).toBe(0);
    const { strategies } = JSON.parse(r.stdout) as { strategies: { name: string; params: { name: string; type: string; default: unknown }[] }[] };
    const rsi = strategies.find((s) => s.name === 'rsi');
    expect(rsi?.params.map((p) => p.name)).toEqual(['period', 'lower', 'upper']);
    expect(strategies.map((s) => s.name)).toEqual(expect.arrayContaining(['sma_cross', 'ema_cross', 'macd_cross', 'bollinger_reversion', 'donchian_breakout']));
  });

  it('loads a user strategy file and explains a malformed one', () => {
    const dir = tempHome('cryptota-strats-');
    writeFileSync(join(dir, 'always_long.js'), `export default {
      name: 'always_long', description: 'buys on the first bar and holds',
      params: [{ name: 'fraction', type: 'float', default: 0.5, min: 0.1, max: 1, step: 0.1, description: 'share of equity' }],
      create(params, ctx) { return { onBar() { if (ctx.broker.position.size === 0) ctx.broker.buy({ fraction: params.fraction }); } }; },
    };\n`);
    writeFileSync(join(dir, 'broken.js'), 'export default { name: 42 };\n');
    const ls = runCli(['strategies'], { CRYPTOTA_STRATEGIES: dir });
    expect(ls.stdout).toContain('always_long');
    expect(ls.stderr).toMatch(/broken\.js is malformed/);
    const bt = runCli(['backtest', '--strategy', 'always_long', '--json', '--no-save'], { CRYPTOTA_STRATEGIES: dir });
    expect(bt.code).toBe(0);
    const out = JSON.parse(bt.stdout) as { stats: Record<string, number> };
    expect(out.stats['# Trades']).toBe(1);
    const bad = runCli(['backtest', '--strategy', join(dir, 'broken.js')], { CRYPTOTA_STRATEGIES: dir });
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toMatch(/broken\.js is malformed/);
  });
});
