/**
 * zod schemas for every method's argument. Both transports validate with these before
 * any handler runs. The `satisfies` clause ties each schema to the contract in ./api.ts:
 * a schema whose output drifts from the declared argument type does not compile.
 */
import { z } from 'zod';
import type { ApiArg, ApiMethod } from './api';

const finite = z.number().finite();
const epochMs = z.number().int().min(0).max(8.64e15);
const empty = z.object({}).strict();

const paramValue = z.union([finite, z.boolean(), z.string().max(200)]);

export const brokerSettingsSchema = z
  .object({
    cash: finite.positive().optional(),
    commission: finite.min(0).lt(1).optional(),
    slippageBps: finite.min(0).optional(),
    qtyStep: finite.positive().optional(),
    minNotional: finite.min(0).optional(),
    tradeOnClose: z.boolean().optional(),
  })
  .strict();

export const backtestRequestSchema = z
  .object({
    data: z.string().min(1).max(1000),
    strategy: z.string().min(1).max(1000),
    params: z.record(z.string().max(100), paramValue),
    broker: brokerSettingsSchema,
    fromMs: epochMs.optional(),
    toMs: epochMs.optional(),
    label: z.string().max(200).optional(),
  })
  .strict();

const dataRange = {
  data: z.string().min(1).max(1000),
  fromMs: epochMs.optional(),
  toMs: epochMs.optional(),
};

const jobId = z.string().min(1).max(100);
const runId = z.number().int().positive();

type ArgSchemas = { [K in ApiMethod]: z.ZodType<ApiArg<K>> };

export const apiArgSchemas = {
  'app.info': empty,
  'strategies.list': empty,
  'data.sources': empty,
  'data.candles': z.object(dataRange).strict(),
  'indicators.catalog': empty,
  'indicators.compute': z
    .object({ ...dataRange, name: z.string().min(1).max(100), params: z.record(z.string().max(100), finite) })
    .strict(),
  'backtest.run': z.object({ jobId, request: backtestRequestSchema }).strict(),
  'backtest.cancel': z.object({ jobId }).strict(),
  'runs.list': z
    .object({ limit: z.number().int().min(1).max(10_000).optional(), offset: z.number().int().min(0).optional() })
    .strict(),
  'runs.get': z.object({ id: runId }).strict(),
  'runs.delete': z.object({ id: runId }).strict(),
  'live.status': empty,
  'live.alerts': z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict(),
} satisfies ArgSchemas;

/** Formats zod issues as "path: message" lines for an 'invalid-argument' error. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(argument)'}: ${i.message}`);
}
