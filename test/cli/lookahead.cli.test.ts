import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, runCli, tempHome } from '../support/cli';

const range = ['--from', '2024-06-01', '--cuts', '6'];

describe('cryptota lookahead', () => {
  const home = tempHome();

  it('passes a built-in strategy with exit 0', () => {
    const r = runCli(['lookahead', '--strategy', 'sma_cross', '--param', 'n1=5', ...range], { CRYPTOTA_HOME: home });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^lookahead sma_cross n1=5 n2=20/);
    expect(r.stdout).toMatch(/\d+ runs \(the full range twice, \d+ cut short\)/);
    expect(r.stdout).toMatch(/no look-ahead found: the [\d,]+ decisions of the full run are unchanged in \d+ runs cut short/);

    // Saved: research show prints the same report again.
    const saved = /\n\nsaved as research #(\d+) \(cryptota research show \d+\)\n$/.exec(r.stdout);
    expect(saved).not.toBeNull();
    const shown = runCli(['research', 'show', String(saved?.[1])], { CRYPTOTA_HOME: home });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toBe(`lookahead #${saved?.[1]} · sma_cross · sample:BTCUSDT_1h · done\n${r.stdout.slice(0, saved?.index)}\n`);
  });

  it('catches a strategy that peeks at the next bar: exit 1 and one JSON object listing the changed decisions', () => {
    const file = join(repoRoot, 'test/fixtures/strategies/peeking.ts');
    const r = runCli(['lookahead', '--strategy', file, ...range, '--json'], { CRYPTOTA_HOME: home });
    expect(r.code).toBe(1);
    const lines = r.stdout.trim().split('\n');
    expect(lines).toHaveLength(1);
    const out = JSON.parse(lines[0]) as {
      researchId: number; clean: boolean; deterministic: boolean; changedBars: number; meaning: string; cuts: { bar: number; time: number }[];
      changes: { bar: number; time: number; cutBar: number; full: string[]; truncated: string[] }[];
    };
    expect(out.clean).toBe(false);
    expect(out.deterministic).toBe(true);
    expect(out.changedBars).toBeGreaterThan(0);
    expect(out.changes.length).toBe(out.changedBars);
    expect(out.changes[0]).toMatchObject({ bar: out.changes[0].cutBar - 1, truncated: [] });
    expect(out.changes[0].full[0]).toMatch(/^(buy|close)$/);
    expect(out.meaning).toMatch(/^look-ahead: decisions change at/);
    // The saved report is the one printed.
    const shown = JSON.parse(runCli(['research', 'show', String(out.researchId), '--json'], { CRYPTOTA_HOME: home }).stdout) as { job: { kind: string }; request: { cuts: number }; result: unknown };
    expect(shown.job.kind).toBe('lookahead');
    expect(shown.request.cuts).toBe(6);
    const { researchId: _id, ...record } = out;
    expect(shown.result).toEqual(record);
  });

  it('refuses a bad --cuts with exit 2 naming the option', () => {
    const r = runCli(['lookahead', '--cuts', 'many'], { CRYPTOTA_HOME: home });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--cuts must be a whole number/);
  });
});
