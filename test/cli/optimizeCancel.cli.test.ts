import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../support/cli';
import { startCli } from './cliProcess';

/** Polls `check` (each try runs the CLI, so a few hundred ms apart anyway) until it is true. */
async function until(check: () => boolean, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`not true within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

describe('Ctrl-C on cryptota optimize', () => {
  it('cancels: exit 130, and research show lists the combinations finished before it stopped', async () => {
    const home = tempHome();
    // 99 x 37 = 3,663 combinations on the 1m sample: far longer than the test waits.
    const cli = startCli(['optimize', '--data', 'sample:BTCUSDT_1m', '--param', 'n1=2:100:1', '--param', 'n2=60:240:5', '--workers', '2'], { CRYPTOTA_HOME: home });
    let id = 0;
    await until(() => {
      if (id === 0) {
        const jobs = (JSON.parse(runCli(['research', 'ls', '--json'], { CRYPTOTA_HOME: home }).stdout) as { jobs: { id: number }[] }).jobs;
        id = jobs[0]?.id ?? 0;
      }
      return id > 0 && /^[1-9][\d,]* combination\(s\) finished so far/m.test(runCli(['research', 'show', String(id)], { CRYPTOTA_HOME: home }).stdout);
    });
    cli.child.kill('SIGINT');
    expect(await cli.ended).toEqual({ code: 130, signal: null });
    expect(cli.stderr()).toMatch(/cancelled; finished results were kept/);

    const shown = runCli(['research', 'show', String(id), '--top', '3'], { CRYPTOTA_HOME: home });
    expect(shown.code).toBe(0);
    const kept = /^optimize #\d+ · sma_cross · sample:BTCUSDT_1m · cancelled\n([\d,]+) combination\(s\) finished before it stopped · objective Return \[%\]\n/.exec(shown.stdout);
    expect(kept).not.toBeNull();
    const finished = Number(kept?.[1].replace(/,/g, ''));
    expect(finished).toBeGreaterThan(0);
    expect(finished).toBeLessThan(99 * 37);
    // The best of them, ranked as a finished optimization's table.
    expect(shown.stdout).toMatch(/top 3 by Return \[%\]\nrank\s+n1\s+n2\s+objective/);
    expect(shown.stdout.trim().split('\n').filter((l) => /^\s+[123]\s+\d+\s+\d+\s+-?\d/.test(l))).toHaveLength(Math.min(3, finished));
  }, 120_000);
});
