import { describe, expect, it } from 'vitest';
import { decodeCell, encodeCell, parseResult, parseTask } from './clusterProtocol';
import { materializeStrategy, sha256, StrategyRefused } from './strategyShipping';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

describe('cluster records', () => {
  it('carries a cell bit for bit through JSON, per-period returns (NaN, -0, subnormals) included', () => {
    const returns = new Float64Array([0.01, -0.02, Number.NaN, -0, 5e-324, 1 / 3]);
    const cell = { index: 7, summary: null, rejectedOrders: 2, periodReturns: returns };
    const back = decodeCell(JSON.parse(JSON.stringify(encodeCell(cell))));
    expect(back.index).toBe(7);
    expect(back.rejectedOrders).toBe(2);
    expect(new Uint8Array(back.periodReturns?.buffer ?? new ArrayBuffer(0))).toEqual(new Uint8Array(returns.buffer));
  });

  it('names what is wrong in a malformed record instead of throwing a parse trace', () => {
    expect(() => parseTask(Buffer.from('{not json'))).toThrow(/task record is not JSON/);
    expect(() => parseTask(Buffer.from(JSON.stringify({ type: 'grid', jobId: 'j' })))).toThrow(/malformed task record: taskId/);
    expect(() => parseResult(null)).toThrow(/empty result record/);
  });

  it('runs user code only when allowed, and only when its source matches its hash', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cryptota-code-'));
    const source = 'export default {};\n';
    const ref = { kind: 'source' as const, name: 'mine', ext: '.ts' as const, source, hash: sha256(source) };
    expect(() => materializeStrategy(ref, false, dir)).toThrow(StrategyRefused);
    expect(() => materializeStrategy(ref, false, dir)).toThrow(/--allow-user-code/);
    expect(() => materializeStrategy({ ...ref, source: 'export default { evil: 1 };\n' }, true, dir)).toThrow(/does not match its hash/);
    const file = materializeStrategy(ref, true, dir);
    expect(readFileSync(file, 'utf8')).toBe(source);
    expect(materializeStrategy({ kind: 'name', name: 'sma_cross' }, false, dir)).toBe('sma_cross');
  });
});
