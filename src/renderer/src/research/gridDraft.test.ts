import { describe, expect, it } from 'vitest';
import type { ParamInfo } from '../../../shared/apiTypes';
import { checkDraft, constraintList, draftFromRequest, initialDraft, spaceOf, type GridDraft } from './gridDraft';

const smaCross: ParamInfo[] = [
  { name: 'n1', type: 'int', default: 10, min: 1, max: 1000, step: 1, description: 'fast' },
  { name: 'n2', type: 'int', default: 20, min: 2, max: 5000, step: 1, description: 'slow' },
  { name: 'long_only', type: 'bool', default: false, description: 'long only' },
];

function draft(patch: Partial<GridDraft> = {}): GridDraft {
  const d = initialDraft(smaCross);
  d.axes.n1 = { ...d.axes.n1, mode: 'range', min: '5', max: '50', step: '5' };
  d.axes.n2 = { ...d.axes.n2, mode: 'range', min: '60', max: '240', step: '20' };
  return { ...d, ...patch };
}

describe('research grid draft', () => {
  it('varies the first two numeric parameters around their default and keeps the rest fixed', () => {
    const d = initialDraft(smaCross);
    expect(spaceOf(smaCross, d)).toEqual({ n1: '5:20:2', n2: '10:40:3', long_only: 'false' });
  });

  it('reads a saved request back into the draft that gives it again', () => {
    const base = initialDraft(smaCross);
    const opt = {
      data: 'sample:BTCUSDT_1m', strategy: 'sma_cross', space: { n1: '5:50:5', n2: '60,120,240', long_only: '*' }, constraints: ['n1 < n2', 'n2 >= 2 * n1'],
      objective: '0.7*sharpe + 0.3*calmar', method: 'random' as const, samples: 40, seed: 7, minTrades: 5, topK: 2, broker: {},
    };
    const d = draftFromRequest(smaCross, opt, base);
    expect(spaceOf(smaCross, d)).toEqual(opt.space);
    expect(d.axes.n1).toMatchObject({ mode: 'range', min: '5', max: '50', step: '5' });
    expect(d.axes.long_only.mode).toBe('all');
    expect(constraintList(d.constraints)).toEqual(opt.constraints);
    expect(d).toMatchObject({ objective: opt.objective, method: 'random', samples: 40, seed: 7, minTrades: 5, topK: 2 });
    // A walk-forward's windows; what a request leaves out is what the optimizer ran with (not
    // what the draft held), a range without a step stays without one.
    const edited = { ...base, minTrades: 9, objective: 'sharpe', method: 'random' as const };
    const wf = draftFromRequest(smaCross, { data: 'sample', strategy: 'sma_cross', space: { n1: '10', n2: '20:80' }, broker: {}, mode: 'anchored', inSample: '30d', outOfSample: '7d' }, edited);
    expect(spaceOf(smaCross, wf)).toEqual({ n1: '10', n2: '20:80', long_only: 'false' });
    expect(wf).toMatchObject({ wfMode: 'anchored', inSample: '30d', outOfSample: '7d', objective: 'Return [%]', method: 'grid', minTrades: 1, topK: base.topK, constraints: '' });
  });

  it('counts the 10x10 grid as the optimizer does, and what a constraint removes', () => {
    expect(checkDraft('sma_cross', smaCross, draft())).toMatchObject({ gridSize: 100, runs: 100, skipped: 0, errors: {} });
    const d = draft({ constraints: 'n2 < 5 * n1' });
    // n2 < 5*n1: for n1=5..50 step 5, count n2 in 60..240 step 20 below 5*n1.
    let expected = 0;
    for (let n1 = 5; n1 <= 50; n1 += 5) for (let n2 = 60; n2 <= 240; n2 += 20) if (n2 < 5 * n1) expected++;
    expect(checkDraft('sma_cross', smaCross, d)).toMatchObject({ gridSize: 100, runs: expected, skipped: 100 - expected });
  });

  it('counts every value of a bool with "all", and a random sample as its size', () => {
    const d = draft();
    d.axes.long_only = { ...d.axes.long_only, mode: 'all' };
    expect(checkDraft('sma_cross', smaCross, d).runs).toBe(200);
    expect(checkDraft('sma_cross', smaCross, { ...d, method: 'random', samples: 30 }).runs).toBe(30);
  });

  it('names the field at fault in the optimizer\'s own words', () => {
    const d = draft({ constraints: 'n1 < n3', objective: 'sharpness' });
    d.axes.n1 = { ...d.axes.n1, min: '0' };
    const check = checkDraft('sma_cross', smaCross, d);
    expect(check.gridSize).toBeNull();
    expect(check.errors.n1).toMatch(/0 is below n1's minimum 1/);
    expect(check.errors.constraints).toMatch(/n3/);
    expect(check.errors.objective).toMatch(/unknown statistic "sharpness"/);
  });

  it('checks walk-forward lengths', () => {
    const check = checkDraft('sma_cross', smaCross, draft({ inSample: '30x', outOfSample: '5d' }), true);
    expect(check.errors.inSample).toMatch(/in-sample must be a bar count/);
    expect(check.errors.outOfSample).toBeUndefined();
  });

  it('refuses a grid beyond the limit unless it is sampled', () => {
    const d = draft();
    d.axes.n1 = { ...d.axes.n1, min: '1', max: '1000', step: '1' };
    d.axes.n2 = { ...d.axes.n2, min: '2', max: '5000', step: '1' };
    expect(checkDraft('sma_cross', smaCross, d).errors.grid).toMatch(/4,999,000 combinations: more than the grid limit/);
    expect(checkDraft('sma_cross', smaCross, { ...d, method: 'random', samples: 500 })).toMatchObject({ runs: 500, errors: {} });
  });
});
