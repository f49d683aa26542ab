import { describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../support/cli';

describe('cryptota montecarlo', () => {
  const home = tempHome();
  const saved = runCli(['backtest', '--strategy', 'sma_cross', '--from', '2024-01-01', '--json'], { CRYPTOTA_HOME: home });
  const runId = String((JSON.parse(saved.stdout) as { runId: number }).runId);

  it('prints the same figures for the same seed as one JSON object', () => {
    const args = ['montecarlo', '--run', runId, '--runs', '500', '--seed', '3', '--json'];
    const a = runCli(args, { CRYPTOTA_HOME: home });
    const b = runCli(args, { CRYPTOTA_HOME: home });
    expect(a.code).toBe(0);
    expect(a.stdout.trim().split('\n')).toHaveLength(1);
    type Out = { researchId?: number; runId: number; runs: number; mode: string; trades: number; finalReturnPct: Record<string, number>; maxDrawdownPct: Record<string, number>; bands: Record<string, number[]>; meaning: string; elapsedMs?: number };
    const x = JSON.parse(a.stdout) as Out;
    const y = JSON.parse(b.stdout) as Out;
    // Each call is saved as its own research job.
    expect(y.researchId).toBeGreaterThan(x.researchId ?? Infinity);
    delete x.elapsedMs;
    delete y.elapsedMs;
    delete x.researchId;
    delete y.researchId;
    expect(y).toEqual(x);
    expect(x).toMatchObject({ runId: Number(runId), runs: 500, mode: 'resample' });
    expect(x.trades).toBeGreaterThan(10);
    expect(Object.keys(x.finalReturnPct)).toEqual(['p5', 'p25', 'p50', 'p75', 'p95']);
    expect(x.finalReturnPct.p5).toBeLessThanOrEqual(x.finalReturnPct.p95);
    expect(x.bands.step[0]).toBe(0);
    expect(x.bands.p50).toHaveLength(x.bands.step.length);
    expect(x.meaning).toMatch(/^Over 500 resampled sequences of the [\d,]+ trades/);
  });

  it('prints a percentile table next to the backtest\'s own order, and the meaning', () => {
    const r = runCli(['montecarlo', '--run', runId, '--runs', '200', '--mode', 'shuffle', '--percentiles', '10,50,90'], { CRYPTOTA_HOME: home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Monte Carlo of run #\d+: sma_cross n1=10 n2=20/);
    expect(r.stdout).toMatch(/\s+p10\s+p50\s+p90\s+backtest\n/);
    expect(r.stdout).toMatch(/Return \[%\]\s+-?\d+\.\d\d/);
    expect(r.stdout).toMatch(/Max\. Drawdown \[%\]\s+-?\d+\.\d\d/);
    expect(r.stdout).toMatch(/Shuffling the order of the [\d,]+ trades 200 times leaves the final return at/);
  });

  it('saves the simulation: research show prints the same figures again, research ls lists it', () => {
    const r = runCli(['montecarlo', '--run', runId, '--runs', '300', '--seed', '9'], { CRYPTOTA_HOME: home });
    expect(r.code).toBe(0);
    const saved = /\nsaved as research #(\d+) \(cryptota research show (\d+)\)\n$/.exec(r.stdout);
    expect(saved?.[1]).toBe(saved?.[2]);
    const id = Number(saved?.[1]);

    const shown = runCli(['research', 'show', String(id)], { CRYPTOTA_HOME: home });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toMatch(new RegExp(`^montecarlo #${id} · sma_cross · sample:BTCUSDT_1h · done\\nof run #${runId}\\n`));
    // The table and its meaning, as first printed (the first line names the run; the time is not kept).
    const figures = (text: string): string => text.slice(text.indexOf('\n', text.indexOf('sequences · seed')) + 1, text.indexOf('\nsaved as') < 0 ? undefined : text.indexOf('\nsaved as'));
    expect(figures(shown.stdout).trim()).toBe(figures(r.stdout).trim());
    expect(shown.stdout).toMatch(/300 resampled sequences · seed 9\n/);

    const json = JSON.parse(runCli(['research', 'show', String(id), '--json'], { CRYPTOTA_HOME: home }).stdout) as { job: { kind: string }; request: unknown; result: { runs: number } };
    expect(json.job.kind).toBe('montecarlo');
    expect(json.request).toEqual({ runId: Number(runId), runs: 300, seed: 9, mode: 'resample', percentiles: [5, 25, 50, 75, 95] });
    expect(json.result.runs).toBe(300);
    const listed = JSON.parse(runCli(['research', 'ls', '--json'], { CRYPTOTA_HOME: home }).stdout) as { jobs: { id: number; kind: string }[] };
    expect(listed.jobs).toContainEqual(expect.objectContaining({ id, kind: 'montecarlo' }));
  });

  it('names a missing --run (exit 2) and an unknown run (exit 1)', () => {
    expect(runCli(['montecarlo'], { CRYPTOTA_HOME: home })).toMatchObject({ code: 2, stderr: expect.stringMatching(/--run <id> is required/) });
    expect(runCli(['montecarlo', '--run', '999'], { CRYPTOTA_HOME: home })).toMatchObject({ code: 1, stderr: expect.stringMatching(/no saved run #999/) });
  });

  it('names a bad percentile (exit 2)', () => {
    expect(runCli(['montecarlo', '--run', runId, '--percentiles', '5,150'], { CRYPTOTA_HOME: home })).toMatchObject({ code: 2, stderr: expect.stringMatching(/150 is not a percentile/) });
  });
});
