import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb } from '../data/db';
import { RunStore, type NewRun } from './runStore';

const db = openDb(join(mkdtempSync(join(tmpdir(), 'cryptota-runstore-')), 'store.sqlite'));
const store = new RunStore(db);
afterAll(() => db.close());

function run(extra: Partial<NewRun> = {}): NewRun {
  return {
    kind: 'backtest', strategy: 'sma_cross', params: { n1: 10, n2: 20 }, broker: { cash: 10_000, commission: 0 },
    dataSource: 'test', data: { from: 0, to: 60_000, bars: 2, hash: 'h' }, stats: { 'Return [%]': 1 },
    equity: new Float64Array([10_000, 10_100]), trades: [], ...extra,
  };
}

describe('RunStore and the compat mode', () => {
  it('a run made with compat backtesting.py says so when listed, summarised and read back', () => {
    const saved = store.save(run({ compat: 'backtesting.py' }));
    expect(saved.compat).toBe('backtesting.py');
    expect(store.summary(saved.id)?.compat).toBe('backtesting.py');
    expect(store.get(saved.id)?.compat).toBe('backtesting.py');
    expect(store.list().find((r) => r.id === saved.id)?.compat).toBe('backtesting.py');
    // The mode is not a broker setting: the broker reads back exactly as given.
    expect(store.get(saved.id)?.broker).toEqual({ cash: 10_000, commission: 0 });
  });

  it('a run made with our own rules carries no compat mode', () => {
    const saved = store.save(run());
    expect(store.get(saved.id)).not.toHaveProperty('compat');
    expect(store.get(saved.id)?.broker).toEqual({ cash: 10_000, commission: 0 });
  });
});
