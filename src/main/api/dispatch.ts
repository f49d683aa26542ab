/**
 * The one entry both transports call: checks the method name, validates the argument
 * with the contract's zod schema, runs the handler and turns failures into an error
 * payload. Nothing a client sends can make it throw.
 */
import type { ApiErrorPayload, ApiMethod } from '../../shared/api';
import { apiMethodNames } from '../../shared/api';
import { apiArgSchemas, formatIssues } from '../../shared/apiSchemas';
import { toErrorPayload } from './errors';
import type { ApiHandlers, CallContext } from './handlerTypes';

export type DispatchOutcome = { ok: true; result: unknown } | { ok: false; error: ApiErrorPayload };

const known = new Set<string>(apiMethodNames);

export function isApiMethod(name: unknown): name is ApiMethod {
  return typeof name === 'string' && known.has(name);
}

export async function dispatch(handlers: ApiHandlers, method: unknown, arg: unknown, ctx: CallContext): Promise<DispatchOutcome> {
  if (!isApiMethod(method)) {
    return { ok: false, error: { kind: 'unknown-method', message: `unknown method ${JSON.stringify(method)}` } };
  }
  const parsed = apiArgSchemas[method].safeParse(arg ?? {});
  if (!parsed.success) {
    const issues = formatIssues(parsed.error);
    return { ok: false, error: { kind: 'invalid-argument', message: `invalid argument for ${method}: ${issues.join('; ')}`, issues } };
  }
  try {
    // The schema map and the handler map are keyed by the same method; TS cannot
    // correlate the two through a union key, hence the one widening cast here.
    const handler = handlers[method] as (a: unknown, c: CallContext) => Promise<unknown>;
    return { ok: true, result: await handler(parsed.data, ctx) };
  } catch (e) {
    return { ok: false, error: toErrorPayload(e) };
  }
}
