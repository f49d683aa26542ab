import { describe, expect, it } from 'vitest';
import type { RunDetail, TradeRecord } from '../../../shared/backtestTypes';
import { exportName, runJson, tradesCsv } from './runExports';

const trade: TradeRecord = {
  side: 'long', size: 0.5, entryBar: 1, exitBar: 3, entryTime: Date.UTC(2024, 0, 2), exitTime: Date.UTC(2024, 0, 4, 12),
  entryPrice: 100, exitPrice: 110, pnl: 5, returnPct: 0.1, commission: 0.2, exitReason: 'signal', tag: 'a,"b"',
};

describe('run exports', () => {
  it('writes trades as CSV with UTC times, the return in percent and quoted fields', () => {
    expect(tradesCsv([trade]).split('\n')).toEqual([
      'side,size,entry_time_utc,exit_time_utc,entry_price,exit_price,pnl,return_pct,commission,exit_reason,tag',
      'long,0.5,2024-01-02T00:00:00.000Z,2024-01-04T12:00:00.000Z,100,110,5,10,0.2,signal,"a,""b"""',
      '',
    ]);
  });

  it('writes the run as JSON with the equity as an array and without the one-off warnings', () => {
    const run = { id: 3, strategy: 'rsi', equity: new Float64Array([1, 2]), trades: [], warnings: ['x'], tags: ['keep'] } as unknown as RunDetail;
    expect(JSON.parse(runJson(run))).toEqual({ id: 3, strategy: 'rsi', equity: [1, 2], trades: [], tags: ['keep'] });
  });

  it('names the file after the run', () => {
    expect(exportName({ id: 12, strategy: './my strat.ts' }, 'trades', 'csv')).toBe('run-12-._my_strat.ts-trades.csv');
  });
});
