import { describe, expect, it } from 'vitest';
import { describeHole, fmtRate, rejectRows, rejectTotal, resumedAt } from './feedReport';

describe('feed report', () => {
  it('lists rejects by reason, most frequent first, each with its last example', () => {
    const example = { detail: 'canonical candle lacks "openTime" or "open_time"; present: symbol, ts', partition: 0, offset: '17', value: '{"symbol":"BTCUSDT","ts":1}', at: 5 };
    const rows = rejectRows({ rejected: { bad_json: 1, missing_field: 3, bad_time: 0 }, rejectExamples: { missing_field: example } });
    expect(rows).toEqual([
      { reason: 'missing_field', count: 3, example },
      { reason: 'bad_json', count: 1, example: null },
    ]);
    expect(rejectTotal({ rejected: { bad_json: 1, missing_field: 3 } })).toBe(4);
  });

  it('names a hole by its offsets, topic and partition', () => {
    expect(describeHole({ topic: 'market_data_stream', partition: 2, fromOffset: '120', toOffset: '1119', missed: 1000, at: 0 }))
      .toBe('offsets 120–1119 of market_data_stream[2]: 1,000 messages never read');
    expect(resumedAt({ toOffset: '9007199254740993' })).toBe('9007199254740994');
    expect(resumedAt({ toOffset: 'x' })).toBeNull();
  });

  it('rounds the rate for reading', () => {
    expect([fmtRate(undefined), fmtRate(0), fmtRate(0.2), fmtRate(9.96), fmtRate(1234.4)]).toEqual(['—', '0', '0.2', '10', '1,234']);
  });
});
