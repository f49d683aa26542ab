/**
 * Naming, tagging and finding saved runs in a real SQLite store: the history's search
 * reads names, strategies, parameters ("n1=10"), tags and data; filters and sort run
 * in SQL so a long history (an optimization saves many runs) is paged, not loaded.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb } from '../data/db';
import { RunStore, type NewRun } from './runStore';

const db = openDb(join(mkdtempSync(join(tmpdir(), 'cryptota-runsearch-')), 'store.sqlite'));
const store = new RunStore(db);
afterAll(() => db.close());

function run(extra: Partial<NewRun>): NewRun {
  return {
    kind: 'backtest', strategy: 'sma_cross', params: { n1: 10, n2: 20 }, broker: { cash: 10_000 },
    dataSource: 'sample:BTCUSDT_1h', data: { from: 0, to: 3_600_000, bars: 2, hash: 'h' }, stats: { 'Return [%]': 1, 'Sharpe Ratio': 0.5, 'Max. Drawdown [%]': -3, '# Trades': 4 },
    equity: new Float64Array([10_000, 10_100]), trades: [], ...extra,
  };
}

let a: number, b: number, c: number, d: number;
beforeAll(() => {
  a = store.save(run({})).id;
  b = store.save(run({ strategy: 'rsi', params: { period: 14, oversold: 30 }, dataSource: 'sample:ETHUSDT_1m', stats: { 'Return [%]': 7, 'Sharpe Ratio': 1.2, '# Trades': 9 } })).id;
  c = store.save(run({ kind: 'optimize', params: { n1: 5, n2: 60 }, label: 'optimize #1 rank 1', stats: { 'Return [%]': -2, '# Trades': 30 } })).id;
  // A stat stored as null (a degenerate Sharpe): sorts last whichever way.
  d = store.save(run({ kind: 'walkforward', params: { n1: 100, n2: 200 }, stats: { 'Return [%]': 3, 'Sharpe Ratio': null } })).id;
});

describe('naming and tagging a run', () => {
  it('renames a run, and an empty name clears it', () => {
    expect(store.update(a, { name: '  baseline  ' })).toMatchObject({ id: a, label: 'baseline' });
    expect(store.summary(a)?.label).toBe('baseline');
    expect(store.update(c, { name: '' })?.label).toBeNull();
    expect(store.update(c, { name: 'optimize #1 rank 1' })?.label).toBe('optimize #1 rank 1');
  });

  it('replaces the tags (trimmed, without duplicates, sorted) and keeps the name when only tags change', () => {
    expect(store.update(a, { tags: ['keep', ' btc ', 'keep'] })).toMatchObject({ label: 'baseline', tags: ['btc', 'keep'] });
    expect(store.update(b, { tags: ['eth', 'keep'] })?.tags).toEqual(['eth', 'keep']);
    expect(store.get(a)?.tags).toEqual(['btc', 'keep']);
    expect(store.summary(d)?.tags).toEqual([]);
    expect(store.tags()).toEqual([{ tag: 'keep', runs: 2 }, { tag: 'btc', runs: 1 }, { tag: 'eth', runs: 1 }]);
  });

  it('refuses a tag with a space or too long a name, naming it, and changes nothing', () => {
    expect(() => store.update(a, { tags: ['two words'] })).toThrow(/tag "two words" may hold only/);
    expect(() => store.update(a, { name: 'x'.repeat(121) })).toThrow(/at most 120 characters/);
    expect(store.summary(a)).toMatchObject({ label: 'baseline', tags: ['btc', 'keep'] });
  });

  it('says null for a run that does not exist', () => {
    expect(store.update(999_999, { name: 'x' })).toBeNull();
  });

  it('deleting a run takes its tags with it', () => {
    const e = store.save(run({})).id;
    store.update(e, { tags: ['gone'] });
    store.delete(e);
    expect(store.tags().some((t) => t.tag === 'gone')).toBe(false);
  });
});

describe('finding runs', () => {
  const ids = (q: Parameters<RunStore['search']>[0]) => store.search(q).map((r) => r.id);

  it('finds by name, strategy, parameter as shown, tag, data and #id; every word must match', () => {
    expect(ids({ query: 'baseline' })).toEqual([a]);
    expect(ids({ query: 'rsi' })).toEqual([b]);
    expect(ids({ query: 'n1=5' })).toEqual([c]);
    expect(ids({ query: 'oversold=30' })).toEqual([b]);
    expect(ids({ query: 'ETHUSDT' })).toEqual([b]);
    expect(ids({ query: 'eth' })).toEqual([b]);
    expect(ids({ query: 'keep sma' })).toEqual([a]);
    expect(ids({ query: `#${d}` })).toEqual([d]);
    // LIKE's wildcards typed by the user are plain characters.
    expect(ids({ query: '%' })).toEqual([]);
  });

  it('filters by strategy, tag and kind, and counts what matches', () => {
    expect(ids({ strategy: 'sma_cross' })).toEqual([d, c, a]);
    expect(ids({ tag: 'keep' })).toEqual([b, a]);
    expect(ids({ kind: 'optimize' })).toEqual([c]);
    expect(ids({ kind: 'walkforward', strategy: 'sma_cross' })).toEqual([d]);
    expect(store.count({ strategy: 'sma_cross' })).toBe(3);
    expect(store.count({ tag: 'keep', query: 'rsi' })).toBe(1);
    expect(store.count()).toBe(4);
  });

  it('sorts by a stat either way with runs lacking it last, and pages', () => {
    expect(ids({ sort: 'return', dir: 'desc' })).toEqual([b, d, a, c]);
    expect(ids({ sort: 'return', dir: 'asc' })).toEqual([c, a, d, b]);
    // c has no Sharpe at all, d a null one: both after the runs that have it.
    expect(ids({ sort: 'sharpe', dir: 'asc' })).toEqual([a, b, d, c]);
    expect(ids({ sort: 'sharpe', dir: 'desc' })).toEqual([b, a, d, c]);
    expect(ids({ sort: 'trades', dir: 'desc' })).toEqual([c, b, a, d]);
    expect(ids({ sort: 'name', dir: 'asc' }).slice(-2)).toEqual([a, c]);
    expect(ids({ sort: 'return', dir: 'desc', limit: 2, offset: 1 })).toEqual([d, a]);
  });
});
