/**
 * research.* through the real WebSocket transport against the real services (a SQLite
 * file, the warm worker pool, the bundled sample): progress events carry the caller's
 * jobId, results are stored and read back, cancel works, bad input is a user error.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHeadless, type Headless } from '../../src/main/web/headless';
import type { OptimizeRequest, ResearchProgress } from '../../src/shared/researchTypes';
import { WsTestClient } from './wsTestClient';

let app: Headless;
let client: WsTestClient;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'cryptota-research-api-'));
  const staticDir = join(dir, 'static');
  mkdirSync(staticDir);
  writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>t</title>');
  app = await startHeadless({ dbPath: join(dir, 'store.sqlite'), strategiesDir: join(dir, 'strategies'), host: '127.0.0.1', port: 0, staticDir });
  client = await WsTestClient.open(`ws://127.0.0.1:${app.server.port}/api`);
});

afterAll(async () => {
  client?.close();
  await app?.close();
});

const request: OptimizeRequest = {
  data: 'sample:BTCUSDT_1h', fromMs: Date.UTC(2022, 0, 1), toMs: Date.UTC(2022, 11, 31, 23), strategy: 'sma_cross',
  space: { n1: '5:20:5', n2: '30:90:30' }, constraints: ['n1 < n2'], broker: { commission: 0.001 }, topK: 2,
};

const { topK: _topK, ...withoutTopK } = request;

describe('research API over WebSocket', () => {
  it('runs an optimization with progress for its jobId, stores it, and serves its cells and heatmap', async () => {
    const done = await client.call('research.optimize', { jobId: 'opt-1', request });
    const progress = client.frames
      .filter((f) => f.type === 'event' && f.topic === 'research.progress')
      .map((f) => (f as { payload: ResearchProgress }).payload);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.jobId === 'opt-1')).toBe(true);
    expect(progress[progress.length - 1]).toMatchObject({ phase: 'done', done: 12, total: 12 });

    expect(done.summary.evaluated).toBe(12);
    expect(done.summary.top).toHaveLength(2);
    const listed = await client.call('research.list', {});
    expect(listed[0]).toMatchObject({ id: done.researchId, kind: 'optimize', status: 'done', strategy: 'sma_cross' });
    const got = await client.call('research.get', { id: done.researchId });
    expect(got.request).toEqual(request);
    expect(got.result).toEqual(done.summary);

    const page = await client.call('research.cells', { id: done.researchId, byObjective: true, limit: 3 });
    expect(page.total).toBe(12);
    expect(page.cells[0].objective).toBe(done.summary.best?.objective);
    const heat = await client.call('research.heatmap', { id: done.researchId, x: 'n1', y: 'n2' });
    expect(heat.x.values).toEqual([5, 10, 15, 20]);
    expect(heat.y.values).toEqual([30, 60, 90]);
    const best = await client.call('runs.get', { id: done.summary.best?.runId as number });
    expect(best.stats['Return [%]']).toBe(done.summary.best?.objective);

    const bad = await client.raw('research.heatmap', { id: done.researchId, x: 'n1', y: 'nope' });
    expect(bad.type === 'error' && bad.error.kind).toBe('invalid-argument');
    expect(await client.call('research.delete', { id: done.researchId })).toEqual({ deleted: true });
    const gone = await client.raw('research.get', { id: done.researchId });
    expect(gone.type === 'error' && gone.error.kind).toBe('not-found');
  });

  it('runs a Monte Carlo over a saved run\'s trades, reproducible by seed', async () => {
    const done = await client.call('research.optimize', { jobId: 'opt-mc', request });
    const runId = done.summary.best?.runId as number;
    const { researchId: idA, ...a } = await client.call('research.montecarlo', { runId, runs: 500, seed: 3 });
    const { researchId: idB, ...b } = await client.call('research.montecarlo', { runId, runs: 500, seed: 3 });
    expect(a).toEqual(b);
    // Each is saved as a research job, listed by kind and read back whole.
    expect(idB).toBeGreaterThan(idA);
    const saved = await client.call('research.get', { id: idB });
    expect(saved.job).toMatchObject({ id: idB, kind: 'montecarlo', status: 'done' });
    expect(saved.request).toEqual({ runId, runs: 500, seed: 3, mode: 'resample', percentiles: [5, 25, 50, 75, 95] });
    expect(saved.result).toMatchObject(b);
    expect((await client.call('research.list', { kind: 'montecarlo' })).map((j) => j.id)).toEqual([idB, idA]);
    expect(a.runs).toBe(500);
    expect(a.finalReturnPct.p5).toBeLessThanOrEqual(a.finalReturnPct.p50);
    expect(a.finalReturnPct.p50).toBeLessThanOrEqual(a.finalReturnPct.p95);
    expect(a.bands.step[0]).toBe(0);
    expect(a.meaning.length).toBeGreaterThan(10);
    const missing = await client.raw('research.montecarlo', { runId: 999_999 });
    expect(missing.type === 'error' && missing.error.kind).toBe('not-found');
  });

  it('runs a walk-forward analysis', async () => {
    const wf = await client.call('research.walkforward', {
      jobId: 'wf-1', request: { ...withoutTopK, inSample: '2000', outOfSample: '2000' },
    });
    expect(wf.summary.windows.length).toBeGreaterThan(1);
    expect(typeof wf.summary.stitched['Return [%]']).toBe('number');
    const run = await client.call('runs.get', { id: wf.summary.runId });
    expect(run.kind).toBe('walkforward');
  });

  it('cancels a running optimization, whose call then fails as cancelled', async () => {
    const pending = client.raw('research.optimize', {
      jobId: 'opt-cancel', request: { ...request, fromMs: undefined, toMs: undefined, space: { n1: '2:60:2', n2: '61:300:10' }, constraints: [] },
    });
    await client.next((f) => f.type === 'event' && (f.payload as ResearchProgress).jobId === 'opt-cancel' && (f.payload as ResearchProgress).done > 0);
    expect(await client.call('research.cancel', { jobId: 'opt-cancel' })).toEqual({ cancelled: true });
    const f = await pending;
    expect(f.type === 'error' && f.error.kind).toBe('cancelled');
    const jobs = await client.call('research.list', { kind: 'optimize' });
    expect(jobs[0].status).toBe('cancelled');
  });

  it('reports a bad space as the user\'s error, naming the parameter', async () => {
    const f = await client.raw('research.optimize', { jobId: 'opt-bad', request: { ...request, space: { n1: '0:5' } } });
    expect(f.type === 'error' && f.error.kind).toBe('invalid-argument');
    expect(f.type === 'error' && f.error.message).toMatch(/n1=0:5: 0 is below n1's minimum 1/);
  });
});
