/**
 * `cryptota runs rename / tag / ls` on a real store: a name and tags given on the command
 * line are what the app's history shows (same store, same rules), and bad input is a
 * usage error (exit 2) naming it.
 */
import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../support/cli';

describe('cryptota runs rename and tag', () => {
  const home = tempHome('cryptota-runs-labels-');
  const env = { CRYPTOTA_HOME: home };

  it('names and tags a saved run, and ls shows and finds them', { timeout: 240_000 }, () => {
    expect(runCli(['backtest'], env).code).toBe(0);
    expect(runCli(['backtest', '--strategy', 'sma_cross', '--param', 'n1=20', '--param', 'n2=50'], env).code).toBe(0);

    const renamed = runCli(['runs', 'rename', '1', 'rsi', 'baseline'], env);
    expect(renamed.stdout.trim()).toBe('run #1 is now named "rsi baseline"');
    const tagged = runCli(['runs', 'tag', '1', '+keep', '+btc', '--json'], env);
    expect(tagged.code).toBe(0);
    expect(JSON.parse(tagged.stdout)).toMatchObject({ id: 1, label: 'rsi baseline', tags: ['btc', 'keep'] });
    expect(runCli(['runs', 'tag', '1', '-btc'], env).stdout.trim()).toBe('run #1 tags: keep');

    const ls = runCli(['runs', 'ls'], env);
    expect(ls.stdout).toMatch(/^\s+1 .* rsi baseline \[keep\]$/m);
    const found = JSON.parse(runCli(['runs', 'ls', '--search', 'n1=20', '--json'], env).stdout) as { runs: { id: number }[]; total: number };
    expect(found).toMatchObject({ total: 1, runs: [{ id: 2 }] });
    const byTag = JSON.parse(runCli(['runs', 'ls', '--tag', 'keep', '--json'], env).stdout) as { runs: { id: number }[] };
    expect(byTag.runs.map((r) => r.id)).toEqual([1]);
  });

  it('refuses a tag with a space, an unknown run and an unknown kind with exit 2, naming them', { timeout: 120_000 }, () => {
    const spaced = runCli(['runs', 'tag', '1', '+two words'], env);
    expect(spaced.code).toBe(2);
    expect(spaced.stderr).toMatch(/tag "two words" may hold only/);
    const missing = runCli(['runs', 'rename', '99', 'x'], env);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/no run #99/);
    const kind = runCli(['runs', 'ls', '--kind', 'grid'], env);
    expect(kind.code).toBe(2);
    expect(kind.stderr).toMatch(/--kind must be one of backtest, optimize, walkforward \(got "grid"\)/);
  });
});
