/**
 * The contract is enforced by the compiler: each `@ts-expect-error` below marks a
 * drift (handler, schema or client disagreeing with src/shared/api.ts) that must NOT
 * compile. `npm run typecheck` fails if any of them starts compiling. The runtime part
 * checks that the schema map and the method list cover the same methods.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiArg, ApiClient, ApiMethod } from '../../src/shared/api';
import { apiMethodNames } from '../../src/shared/api';
import { apiArgSchemas } from '../../src/shared/apiSchemas';
import type { ApiHandlers, DomainHandlers } from '../../src/main/api/handlerTypes';

describe('API contract', () => {
  it('rejects at compile time a handler whose result or argument drifts', () => {
    // @ts-expect-error runs.get must resolve to a RunDetail, not a number
    const badResult: DomainHandlers<'runs.get'> = { 'runs.get': async () => 42 };
    // @ts-expect-error runs.delete receives { id: number }; reading a field that does not exist is an error
    const badArg: DomainHandlers<'runs.delete'> = { 'runs.delete': async (arg) => ({ deleted: arg.name === 'x' }) };
    // @ts-expect-error a handler map missing a method is not an ApiHandlers
    const missing: ApiHandlers = { 'app.info': async () => ({ name: '', version: '', dbPath: '', platform: '', live: false }) };
    expect([badResult, badArg, missing].length).toBe(3);
  });

  it('rejects at compile time a client call with a wrong argument or result use', async () => {
    const client = null as unknown as ApiClient;
    const typecheckOnly = async () => {
      // @ts-expect-error runs.get takes { id: number }
      await client.call('runs.get', { id: '7' });
      // @ts-expect-error no such method in the contract
      await client.call('system.exec', {});
      const list = await client.call('runs.list', {});
      // @ts-expect-error runs.list resolves to RunSummary[], which has no .equity
      void list[0].equity;
      // @ts-expect-error backtest.progress payloads carry numbers in `done`
      client.on('backtest.progress', (p) => p.done.toUpperCase());
    };
    expect(typeof typecheckOnly).toBe('function');
  });

  it('rejects at compile time a schema whose output drifts from the argument type', () => {
    type Schemas = { [K in ApiMethod]: z.ZodType<ApiArg<K>> };
    // @ts-expect-error the schema says id is a string, the contract says number
    const bad: Pick<Schemas, 'runs.get'> = { 'runs.get': z.object({ id: z.string() }) };
    expect(bad).toBeDefined();
  });

  it('has exactly one argument schema per method', () => {
    expect(Object.keys(apiArgSchemas).sort()).toEqual([...apiMethodNames].sort());
  });
});
