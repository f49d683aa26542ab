/**
 * The data commands as a new user runs them, against a real PostgreSQL: test the
 * source, list tables, sync (and again after the server was stopped), import a CSV,
 * list the cache, report gaps, each bad input with its own message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/main/cli/main';
import type { CliIo } from '../../src/main/cli/command';
import { startPostgres, type TestPostgres } from '../support/postgres';
import { loadSample } from '../../src/main/data/candleFiles';
import { instrument } from '../../src/shared/market/instrument';
import { createKlineTable, insertKlines } from '../../src/main/data/timescale/seedTables';

let server: TestPostgres;
let home: string;

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: CliIo = { out: (t) => (out += `${t}\n`), err: (t) => (err += `${t}\n`), interactive: false };
  const code = await main(argv, io);
  return { code, out, err };
}

function lastJson<T>(out: string): T {
  const lines = out.trim().split('\n');
  return JSON.parse(lines[lines.length - 1]) as T;
}

beforeAll(async () => {
  server = await startPostgres();
  await server.createDatabase('market_data');
  const c = await server.connect('market_data');
  try {
    const key = instrument('binance', 'ETHUSDT', '1m');
    await createKlineTable(c, key);
    await insertKlines(c, 'binance_ethusdt_kline_1m', loadSample('ETHUSDT_1m'), 60_000);
  } finally {
    await c.end();
  }
  home = mkdtempSync(join(tmpdir(), 'cryptota-cli-'));
  Object.assign(process.env, { CRYPTOTA_HOME: home, PGHOST: '127.0.0.1', PGPORT: String(server.port), PGUSER: server.user, PGPASSWORD: server.password });
  delete process.env.PGDATABASE;
  delete process.env.CRYPTOTA_DB;
});

afterAll(async () => {
  await server?.destroy();
  if (home) rmSync(home, { recursive: true, force: true });
});

describe('data commands', () => {
  it('sources test connects to market_data by default and counts the tables', async () => {
    const r = await cli('sources', 'test', '--json');
    expect(r.code).toBe(0);
    expect(lastJson<{ ok: boolean; tables: number }>(r.out)).toMatchObject({ ok: true, tables: 1 });
  });

  it('sources test with a wrong password exits 1 and says authentication failed', async () => {
    const r = await cli('sources', 'test', '--password', 'nope');
    expect(r.code).toBe(1);
    expect(r.err).toContain('auth_failed: authentication failed for user');
  });

  it('sources test with a missing database names it', async () => {
    const r = await cli('sources', 'test', '--database', 'marketdata_typo');
    expect(r.code).toBe(1);
    expect(r.err).toContain('database "marketdata_typo" does not exist');
  });

  it('sources ls lists the table with its extent', async () => {
    const r = await cli('sources', 'ls', '--extent');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/binance:ETHUSDT:1m\s+public\.binance_ethusdt_kline_1m\s+timestamptz\s+2025-05-20 00:00 → 2025-08-18 18:27/);
  });

  it('sync fetches a range, then only what is missing after the server came back', async () => {
    const first = await cli('sync', '--symbol', 'ethusdt', '--from', '2025-06-01', '--to', '2025-06-02', '--json');
    expect(first.code).toBe(0);
    expect(lastJson<{ rows: number }>(first.out).rows).toBe(1440);
    await server.stop();
    const down = await cli('sync', '--symbol', 'ETHUSDT', '--from', '2025-06-01', '--to', '2025-06-03', '--retries', '1');
    expect(down.code).toBe(1);
    expect(down.err).toContain('cannot reach PostgreSQL');
    expect(down.err).toContain('retrying in 1 s (attempt 2 of 2)');
    await server.start();
    const second = await cli('sync', '--symbol', 'ETHUSDT', '--from', '2025-06-01', '--to', '2025-06-03', '--json');
    const r = lastJson<{ rows: number; fetched: unknown[]; cachedBars: number; gaps: number }>(second.out);
    expect(r).toMatchObject({ rows: 1440, cachedBars: 2880, gaps: 0 });
    expect(r.fetched).toEqual([{ fromMs: Date.UTC(2025, 5, 2), toMs: Date.UTC(2025, 5, 3) }]);
  });

  it('sync refuses a hostile symbol before connecting', async () => {
    const r = await cli('sync', '--symbol', 'btcusdt; drop table binance_ethusdt_kline_1m');
    expect(r.code).toBe(2);
    expect(r.err).toContain('is not valid');
    const ls = await cli('sources', 'ls', '--json');
    expect(lastJson<{ tables: unknown[] }>(ls.out).tables).toHaveLength(1);
  });

  it('sync of a missing table says what the source has', async () => {
    const r = await cli('sync', '--symbol', 'SOLUSDT');
    expect(r.code).toBe(1);
    expect(r.err).toContain('no kline table for binance:SOLUSDT:1m');
  });

  it('import reads a Binance CSV; cache ls and cache gaps report it', async () => {
    const day = Date.UTC(2024, 0, 1);
    const lines: string[] = [];
    for (let i = 0; i < 60; i++) {
      if (i >= 30 && i < 33) continue; // a three-minute hole
      const t = day + i * 60_000;
      lines.push(`${t * 1000},100,101,99,100.5,${i},${(t + 59_999) * 1000},0,0,0,0,0`);
    }
    const file = join(home, 'SOLUSDT-1m-2024-01-01.csv');
    writeFileSync(file, lines.join('\n'));
    const imp = await cli('import', file, '--symbol', 'SOLUSDT', '--json');
    expect(imp.code).toBe(0);
    expect(lastJson<{ rows: number; timeUnit: string; gaps: number }>(imp.out)).toMatchObject({ rows: 57, timeUnit: 'us', gaps: 1 });
    const ls = lastJson<{ instruments: { spec: string; bars: number }[] }>((await cli('cache', 'ls', '--json')).out);
    expect(ls.instruments.map((i) => [i.spec, i.bars])).toEqual([
      ['cache:binance:ETHUSDT:1m', 2880],
      ['cache:binance:SOLUSDT:1m', 57],
    ]);
    const gaps = await cli('cache', 'gaps', '--symbol', 'SOLUSDT');
    expect(gaps.out).toContain('binance:SOLUSDT:1m: 1 gap(s), 3 missing bar(s)');
    expect(gaps.out).toContain('2024-01-01 00:30 → 2024-01-01 00:33');
  });

  it('import names the line and field of a bad row', async () => {
    const file = join(home, 'bad.csv');
    writeFileSync(file, 'open_time_ms,open,high,low,close,volume\n1704067200000,1,2,0.5,1.5,3\n1704067260000,1,2,0.5,oops,3\n');
    const r = await cli('import', file, '--symbol', 'BADUSDT');
    expect(r.code).toBe(1);
    expect(r.err).toContain('bad.csv:3: close is not a number ("oops")');
  });

  it('cache rm drops a range (cache gaps then shows it as not synced), sync --refresh fetches it again, cache rm drops an instrument', async () => {
    await cli('sync', '--symbol', 'ETHUSDT', '--from', '2025-06-01', '--to', '2025-06-03');
    const rm = await cli('cache', 'rm', 'binance:ETHUSDT:1m', '--from', '2025-06-01T12:00', '--to', '2025-06-01T13:00', '--json');
    expect(rm.code).toBe(0);
    expect(lastJson<{ removedBars: number }>(rm.out).removedBars).toBe(60);
    const gaps = await cli('cache', 'gaps', '--symbol', 'ETHUSDT');
    expect(gaps.out).toContain('2025-06-01 12:00 → 2025-06-01 13:00  60 bar(s)  not synced');
    const refresh = await cli('sync', '--symbol', 'ETHUSDT', '--from', '2025-06-01', '--to', '2025-06-02', '--refresh', '--json');
    expect(lastJson<{ rows: number; cachedBars: number; gaps: number }>(refresh.out)).toMatchObject({ rows: 1440, cachedBars: 2880, gaps: 0 });
    const bad = await cli('cache', 'rm', 'binance:NOPEUSDT:1m');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('binance:NOPEUSDT:1m is not in the cache');
    await cli('sync', '--symbol', 'ETHUSDT', '--interval', '1d', '--from', '2025-06-01', '--to', '2025-06-03');
    const all = await cli('cache', 'rm', 'cache:binance:ETHUSDT:1d');
    expect(all.out).toContain('binance:ETHUSDT:1d: removed 2 bar(s) and its fetched ranges');
    const ls = lastJson<{ instruments: { spec: string }[] }>((await cli('cache', 'ls', '--json')).out);
    expect(ls.instruments.map((i) => i.spec)).not.toContain('cache:binance:ETHUSDT:1d');
  });

  it('calendar months: sync --interval 1M resamples on the server, import reads monthly bars, gaps count months, a backtest runs on them', async () => {
    const sync = await cli('sync', '--symbol', 'ETHUSDT', '--interval', '1M', '--from', '2025-06-01', '--to', '2025-08-01', '--json');
    expect(sync.code).toBe(0);
    expect(lastJson<{ rows: number; method: string }>(sync.out)).toMatchObject({ rows: 2, method: 'date_trunc' });
    // Twelve monthly bars of 2023 without April, the way an exchange export has them.
    const lines = ['open_time_ms,open,high,low,close,volume'];
    for (let m = 0; m < 12; m++) if (m !== 3) lines.push(`${Date.UTC(2023, m, 1)},${100 + m},${110 + m},${90 + m},${105 + m},${1000 + m}`);
    const file = join(home, 'ADAUSDT-1M.csv');
    writeFileSync(file, `${lines.join('\n')}\n`);
    const imp = await cli('import', file, '--symbol', 'ADAUSDT', '--interval', '1M', '--json');
    expect(imp.code).toBe(0);
    expect(lastJson<{ rows: number; gaps: number }>(imp.out)).toMatchObject({ rows: 11, gaps: 1 });
    const gaps = await cli('cache', 'gaps', '--symbol', 'ADAUSDT', '--interval', '1M');
    expect(gaps.out).toContain('binance:ADAUSDT:1M: 1 gap(s), 1 missing bar(s)');
    expect(gaps.out).toContain('2023-04-01 00:00 → 2023-05-01 00:00');
    const bt = await cli('backtest', '--data', 'cache:binance:ADAUSDT:1M', '--strategy', 'sma_cross', '--param', 'n1=2', '--param', 'n2=3', '--json');
    expect(bt.code).toBe(0);
    expect(lastJson<{ stats: Record<string, unknown> }>(bt.out).stats['Duration']).toBe('334 days 00:00:00');
    // A bar that is not on the 1st of a month is refused with its line.
    const off = join(home, 'off-grid-1M.csv');
    writeFileSync(off, `open_time_ms,open,high,low,close,volume\n${Date.UTC(2023, 0, 1)},1,2,0.5,1.5,3\n${Date.UTC(2023, 1, 2)},1,2,0.5,1.5,3\n`);
    const bad = await cli('import', off, '--symbol', 'OFFUSDT', '--interval', '1M');
    expect(bad.code).toBe(1);
    expect(bad.err).toContain('off-grid-1M.csv:3:');
    expect(bad.err).toContain('not on the 1M grid');
  });

  it('--help explains each command', async () => {
    for (const cmd of [['sources', 'test'], ['sources', 'ls'], ['sync'], ['import'], ['cache', 'ls'], ['cache', 'gaps'], ['cache', 'rm']]) {
      const r = await cli(...cmd, '--help');
      expect(r.code).toBe(0);
      expect(r.out).toContain(`usage: cryptota ${cmd.join(' ')}`);
    }
  });
});
