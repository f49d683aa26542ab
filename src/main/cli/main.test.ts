import { describe, expect, it } from 'vitest';
import type { CliIo } from './command';
import { main } from './main';

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), interactive: false };
  const code = await main(argv, io);
  return { code, out, err };
}

describe('command groups typed without a subcommand', () => {
  it('`cryptota cache` lists the cache subcommands and exits 2', async () => {
    const r = await cli('cache');
    expect(r.code).toBe(2);
    expect(r.err).toContain('cryptota cache: missing subcommand');
    expect(r.err).toContain('cache ls');
    expect(r.err).toContain('cache gaps');
    expect(r.err).not.toContain('backtest');
  });

  it('`cryptota sources nope` names the unknown subcommand and lists the real ones', async () => {
    const r = await cli('sources', 'nope');
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown subcommand "nope"');
    expect(r.err).toContain('sources test');
    expect(r.err).toContain('sources ls');
  });

  it('`cryptota sources --help` lists them on stdout with exit 0', async () => {
    const r = await cli('sources', '--help');
    expect(r.code).toBe(0);
    expect(r.out).toContain('sources ls');
  });
});

describe('--json failures from the frame', () => {
  it('a missing subcommand is one usage line on stdout, the listing stays on stderr', async () => {
    const r = await cli('cache', '--json');
    expect(r.code).toBe(2);
    expect(r.out.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.out)).toEqual({ ok: false, kind: 'usage', message: 'missing subcommand' });
    expect(r.err).toContain('cache ls');
  });

  it('an unknown option is one usage line naming it', async () => {
    const r = await cli('strategies', '--json', '--bogus');
    expect(r.code).toBe(2);
    expect(JSON.parse(r.out)).toEqual({ ok: false, kind: 'usage', message: "unknown option '--bogus'" });
    expect(r.err).toContain("cryptota strategies: unknown option '--bogus'");
  });

  it('without --json stdout stays empty on failure', async () => {
    const r = await cli('strategies', '--bogus');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
  });
});
