/**
 * The CLI as users start it after `npm run build`: bundled into out/main, where files
 * found relative to a module (bundled samples, worker entries, bin/) sit at a different
 * depth than in src/main, and where user strategies in TypeScript still load (tsx's
 * loader registered on demand, in the main thread and in the pool's worker threads).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { builtCliState } from '../../bin/cliBuild.mjs';
import { repoRoot, runCli, tempHome } from '../support/cli';

const fromBuild = { CRYPTOTA_CLI_FROM: 'build' };

/** A TypeScript strategy (type annotations, an interface) that node cannot import without a loader. */
const TYPED_STRATEGY = `interface Params { fraction: number }
export default {
  name: 'typed_long', description: 'buys on the first bar and holds',
  params: [{ name: 'fraction', type: 'float', default: 0.5, min: 0.1, max: 1, step: 0.1, description: 'share of equity' }],
  create(params: Params, ctx: { broker: { position: { size: number }; buy(o: { fraction: number }): void } }) {
    return { onBar(): void { if (ctx.broker.position.size === 0) ctx.broker.buy({ fraction: params.fraction }); } };
  },
};
`;

describe('the built CLI (out/main/cli.js)', () => {
  beforeAll(() => {
    // CI builds before testing; locally the sources may be newer than the last build.
    if (builtCliState(repoRoot) === 'fresh') return;
    const r = spawnSync(process.execPath, [join(repoRoot, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: repoRoot, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`electron-vite build failed:\n${r.stderr}`);
  });

  it('backtests the bundled sample (resources found from out/main)', () => {
    const r = runCli(['backtest', '--no-save', '--json'], fromBuild);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { data: { bars: number }; stats: Record<string, number> };
    expect(out.data.bars).toBe(66_678);
    expect(out.stats['# Trades']).toBeGreaterThan(0);
  });

  it('lists the strategies and prints a command help', () => {
    const ls = runCli(['strategies', '--json'], fromBuild);
    expect(ls.code).toBe(0);
    const { strategies } = JSON.parse(ls.stdout) as { strategies: { name: string }[] };
    expect(strategies.map((s) => s.name)).toEqual(expect.arrayContaining(['rsi', 'sma_cross']));
    const help = runCli(['optimize', '--help'], fromBuild);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: cryptota optimize/);
  });

  it('loads a TypeScript user strategy, in the main thread and in pool workers', () => {
    const dir = tempHome('cryptota-ts-strategies-');
    writeFileSync(join(dir, 'typed_long.ts'), TYPED_STRATEGY);
    const env = { ...fromBuild, CRYPTOTA_STRATEGIES: dir };
    const bt = runCli(['backtest', '--strategy', 'typed_long', '--no-save', '--json'], env);
    expect(bt.stderr).toBe('');
    expect(bt.code).toBe(0);
    expect((JSON.parse(bt.stdout) as { stats: Record<string, number> }).stats['# Trades']).toBe(1);
    const opt = runCli(['optimize', '--strategy', 'typed_long', '--param', 'fraction=0.5,1', '--workers', '2', '--top', '1', '--json'], env);
    expect(opt.code).toBe(0);
    const out = JSON.parse(opt.stdout.trim().split('\n').at(-1) ?? '') as { cells: { params: { fraction: number } }[] };
    expect(out.cells.map((c) => c.params.fraction).sort()).toEqual([0.5, 1]);
  });
});
