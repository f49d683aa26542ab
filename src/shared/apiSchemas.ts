/**
 * zod schemas for every method's argument. Both transports validate with these before
 * any handler runs. The `satisfies` clause ties each schema to the contract in ./api.ts:
 * a schema whose output drifts from the declared argument type does not compile.
 */
import { z } from 'zod';
import { parseSymbolInterval, symbolIntervalLabel } from './market/instrument';
import type { ApiArg, ApiMethod } from './api';
import { COMPAT_MODES } from './backtestTypes';
import { RUN_KINDS, RUN_NAME_MAX, RUN_SORT_KEYS, RUN_TAG_MAX, RUN_TAGS_MAX, tagProblem } from './runQuery';
import { SAVED_RESEARCH_KINDS } from './researchTypes';
import { InstrumentError, parseInstrumentSpec } from './market/instrument';

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
    compat: z.enum(COMPAT_MODES).optional(),
  })
  .strict();

const dataRange = {
  data: z.string().min(1).max(1000),
  fromMs: epochMs.optional(),
  toMs: epochMs.optional(),
};

/**
 * An instrument as the live service names it: "SYMBOL:interval" (the candle's symbol and
 * interval on market_data_stream, no exchange prefix), read by the one market rule in
 * src/shared/market/instrument.ts; the symbol is upper-cased.
 */
export const liveInstrumentSchema = z
  .string()
  .max(60)
  .transform((text, ctx) => {
    try {
      return symbolIntervalLabel(parseSymbolInterval(text));
    } catch (e) {
      ctx.addIssue({ code: 'custom', message: (e as Error).message });
      return z.NEVER;
    }
  });

const sessionId = z.string().regex(/^[1-9][0-9]{0,15}$/, 'session id must be a positive integer as a string, e.g. "3"');
const alertOp = z.enum(['crosses_above', 'crosses_below', 'above', 'below']);
const alertCommon = {
  instrument: liveInstrumentSchema,
  cooldownMs: z.number().int().min(0).max(8.64e15).optional(),
  name: z.string().max(200).optional(),
};

/** Alert rules as the live service takes them (mirrors src/main/live/alertRules.ts, which checks again). */
export const alertRuleSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('price'), ...alertCommon, op: alertOp, level: finite }).strict(),
  z
    .object({
      kind: z.literal('indicator'), ...alertCommon, op: alertOp, level: finite,
      indicator: z.string().min(1).max(100), params: z.record(z.string().max(100), finite).optional(),
    })
    .strict(),
  z.object({ kind: z.literal('move'), ...alertCommon, percent: finite.positive(), windowBars: z.number().int().min(1).max(100_000) }).strict(),
  z
    .object({
      kind: z.literal('signal'), ...alertCommon, instrument: liveInstrumentSchema.optional(),
      sessionId: sessionId.optional(), side: z.enum(['buy', 'sell', 'any']).optional(),
    })
    .strict(),
]);

export const newPaperSessionSchema = z
  .object({
    strategy: z.string().min(1).max(1000),
    params: z.record(z.string().max(100), paramValue),
    instruments: z.array(liveInstrumentSchema).min(1, 'a paper session needs at least one instrument (e.g. BTCUSDT:1m)').max(50),
    broker: brokerSettingsSchema,
    name: z.string().min(1).max(200).optional(),
  })
  .strict();

const jobId = z.string().min(1).max(100);
/** backtest.run and backtest.runForChart take the same argument. */
const backtestRunArg = z.object({ jobId, request: backtestRequestSchema }).strict();
const researchExecutor = z.enum(['local', 'kafka']);
const runId = z.number().int().positive();
// A tag's rule is the one of src/shared/runQuery.ts, also used by the CLI and the history.
const runTag = z.string().superRefine((t, ctx) => {
  const problem = tagProblem(t.trim());
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});
const runFilter = {
  query: z.string().max(500).optional(),
  strategy: z.string().min(1).max(1000).optional(),
  tag: z.string().min(1).max(RUN_TAG_MAX).optional(),
  kind: z.enum(RUN_KINDS).optional(),
};

const optimizeFields = {
  data: z.string().min(1).max(1000),
  fromMs: epochMs.optional(),
  toMs: epochMs.optional(),
  strategy: z.string().min(1).max(1000),
  space: z.record(z.string().max(100), z.string().min(1).max(10_000)),
  constraints: z.array(z.string().min(1).max(500)).max(20).optional(),
  objective: z.string().max(500).optional(),
  method: z.enum(['grid', 'random']).optional(),
  samples: z.number().int().min(1).max(1_000_000).optional(),
  seed: z.number().int().min(0).max(2 ** 31).optional(),
  minTrades: z.number().int().min(0).max(1_000_000).optional(),
  broker: brokerSettingsSchema,
  label: z.string().max(200).optional(),
  compat: z.enum(COMPAT_MODES).optional(),
};

export const optimizeRequestSchema = z
  .object({ ...optimizeFields, topK: z.number().int().min(0).max(50).optional(), magnifier: z.boolean().optional() })
  .strict();

export const walkForwardRequestSchema = z
  .object({
    ...optimizeFields,
    mode: z.enum(['rolling', 'anchored']).optional(),
    inSample: z.string().min(1).max(20),
    outOfSample: z.string().min(1).max(20),
  })
  .strict();

/** A cached or upstream instrument, "exchange:SYMBOL:interval" (checked by the one instrument parser). */
const cacheInstrumentSchema = z
  .string()
  .max(100)
  .superRefine((text, ctx) => {
    try {
      parseInstrumentSpec(text);
    } catch (e) {
      if (!(e instanceof InstrumentError)) throw e;
      ctx.addIssue({ code: 'custom', message: e.message });
    }
  });

const timescaleConnectionSchema = z
  .object({
    host: z.string().trim().min(1).max(255).optional(),
    port: z.number().int().min(1).max(65535).optional(),
    database: z.string().trim().min(1).max(63).optional(),
    user: z.string().trim().min(1).max(63).optional(),
    ssl: z.enum(['off', 'on', 'no-verify', 'prefer', 'allow']).optional(),
  })
  .strict();

const kafkaConnectionSchema = z
  .object({
    brokers: z.string().trim().max(1000).optional(),
    ssl: z.boolean().optional(),
    saslUsername: z.string().trim().max(200).optional(),
    saslMechanism: z.enum(['plain', 'scram-sha-256', 'scram-sha-512']).optional(),
  })
  .strict();

const researchId = z.number().int().positive();
const paging = { limit: z.number().int().min(1).max(100_000).optional(), offset: z.number().int().min(0).optional() };

type ArgSchemas = { [K in ApiMethod]: z.ZodType<ApiArg<K>> };

export const apiArgSchemas = {
  'app.info': empty,
  'strategies.list': empty,
  'data.sources': empty,
  'data.candles': z.object(dataRange).strict(),
  'data.sourceTest': z.object({ connection: timescaleConnectionSchema.optional() }).strict(),
  'data.tables': empty,
  'data.coverage': empty,
  'data.sync': z
    .object({
      jobId,
      instrument: cacheInstrumentSchema,
      fromMs: epochMs.optional(),
      toMs: epochMs.optional(),
      refresh: z.boolean().optional(),
      retries: z.number().int().min(0).max(20).optional(),
    })
    .strict()
    .refine((a) => a.fromMs === undefined || a.toMs === undefined || a.toMs > a.fromMs, { message: 'toMs must be after fromMs', path: ['toMs'] }),
  'data.cancel': z.object({ jobId }).strict(),
  'data.cacheRemove': z
    .object({ instrument: cacheInstrumentSchema, fromMs: epochMs.optional(), toMs: epochMs.optional() })
    .strict()
    .refine((a) => a.fromMs === undefined || a.toMs === undefined || a.toMs > a.fromMs, { message: 'toMs must be after fromMs', path: ['toMs'] }),
  'data.import': z
    .object({
      instrument: cacheInstrumentSchema,
      fileName: z.string().min(1).max(500),
      // The WebSocket message limit bounds the text; the handler names the limit in bytes.
      text: z.string().optional(),
      path: z.string().min(1).max(4096).optional(),
    })
    .strict()
    .refine((a) => (a.text === undefined) !== (a.path === undefined), { message: 'give either the file text or its path, not both', path: ['text'] }),
  'indicators.catalog': empty,
  'indicators.compute': z
    .object({ ...dataRange, name: z.string().min(1).max(100), params: z.record(z.string().max(100), finite) })
    .strict(),
  'backtest.run': backtestRunArg,
  'backtest.runForChart': backtestRunArg,
  'backtest.cancel': z.object({ jobId }).strict(),
  'runs.list': z
    .object({
      ...runFilter,
      sort: z.enum(RUN_SORT_KEYS).optional(),
      dir: z.enum(['asc', 'desc']).optional(),
      limit: z.number().int().min(1).max(10_000).optional(),
      offset: z.number().int().min(0).optional(),
    })
    .strict(),
  'runs.count': z.object(runFilter).strict(),
  'runs.tags': empty,
  'runs.get': z.object({ id: runId }).strict(),
  'runs.update': z
    .object({ id: runId, name: z.string().max(RUN_NAME_MAX, `a name has at most ${RUN_NAME_MAX} characters`).optional(), tags: z.array(runTag).max(RUN_TAGS_MAX, `a run has at most ${RUN_TAGS_MAX} tags`).optional() })
    .strict()
    .refine((a) => a.name !== undefined || a.tags !== undefined, { message: 'give a new name or tags', path: ['name'] }),
  'runs.delete': z.object({ id: runId }).strict(),
  'live.status': empty,
  'live.alerts': z.object({ limit: z.number().int().min(1).max(10_000).optional() }).strict(),
  'live.bars': z.object({ instrument: liveInstrumentSchema, limit: z.number().int().min(1).max(10_000).optional() }).strict(),
  'live.sessions.list': empty,
  'live.sessions.create': newPaperSessionSchema,
  'live.sessions.pause': z.object({ id: sessionId }).strict(),
  'live.sessions.resume': z.object({ id: sessionId }).strict(),
  'live.sessions.stop': z.object({ id: sessionId }).strict(),
  'live.sessions.equity': z.object({ id: sessionId, limit: z.number().int().min(1).max(100_000).optional() }).strict(),
  'live.sessions.activity': z.object({ id: sessionId, limit: z.number().int().min(1).max(10_000).optional() }).strict(),
  'live.alertRules.list': empty,
  'live.alertRules.add': z.object({ rule: alertRuleSpecSchema }).strict(),
  'live.alertRules.remove': z.object({ id: z.number().int().positive() }).strict(),
  'research.optimize': z.object({ jobId, request: optimizeRequestSchema, executor: researchExecutor.optional() }).strict(),
  'research.walkforward': z.object({ jobId, request: walkForwardRequestSchema, executor: researchExecutor.optional() }).strict(),
  'research.montecarlo': z
    .object({
      runId,
      runs: z.number().int().min(10).max(100_000).optional(),
      seed: z.number().int().min(0).max(2 ** 31).optional(),
      mode: z.enum(['resample', 'shuffle']).optional(),
    })
    .strict(),
  'research.cancel': z.object({ jobId }).strict(),
  'research.list': z.object({ ...paging, kind: z.enum(SAVED_RESEARCH_KINDS).optional() }).strict(),
  'research.get': z.object({ id: researchId }).strict(),
  'research.cells': z.object({ id: researchId, window: z.number().int().min(0).optional(), ...paging, byObjective: z.boolean().optional() }).strict(),
  'research.heatmap': z
    .object({
      id: researchId,
      window: z.number().int().min(0).optional(),
      x: z.string().min(1).max(100),
      y: z.string().min(1).max(100),
      fold: z.enum(['best', 'mean']).optional(),
      fixed: z.record(z.string().max(100), paramValue).optional(),
    })
    .strict(),
  'research.delete': z.object({ id: researchId }).strict(),
  'research.workers': z.object({}).strict(),
  'settings.secrets.status': empty,
  'settings.secrets.set': z
    .object({ name: z.enum(['postgres.password', 'kafka.password']), value: z.string().min(1).max(1000).nullable() })
    .strict(),
  'settings.connections.get': empty,
  'settings.connections.set': z.object({ timescale: timescaleConnectionSchema.optional(), kafka: kafkaConnectionSchema.optional() }).strict(),
  'settings.kafkaTest': z.object({ connection: kafkaConnectionSchema.optional() }).strict(),
} satisfies ArgSchemas;

/** Formats zod issues as "path: message" lines for an 'invalid-argument' error. */
export function formatIssues(error: z.ZodError): string[] {
  return error.issues.map((i) => `${i.path.length ? i.path.join('.') : '(argument)'}: ${i.message}`);
}
