/**
 * The backtest form's one validation, used by every way of submitting it (Run button,
 * Ctrl+Enter). It reuses the rules that already exist rather than restating them: the
 * API's request schema (src/shared/apiSchemas.ts) and the engine's parameter check
 * (src/main/engine/params.ts, pure). Errors are keyed by form field and worded in the
 * form's terms (percent for the fee, the field's own label), so they can sit next to it.
 */
import type { z } from 'zod';
import { backtestRequestSchema } from '../../../shared/apiSchemas';
import type { BacktestRequest } from '../../../shared/backtestTypes';
import type { StrategyInfo } from '../../../shared/apiTypes';
import { ParamError, resolveParams } from '../../../main/engine/params';
import type { FormState } from './appStore';

/** A form field: a key of the form, or `param:<name>` for a strategy parameter. */
export type FormField = Exclude<keyof FormState, 'params'> | `param:${string}`;
export type FieldErrors = Partial<Record<FormField, string>>;

/** Where each request path comes from in the form, and the factor from the form's unit to the request's. */
const REQUEST_FIELDS: Record<string, { field: FormField; scale?: number; unit?: string }> = {
  data: { field: 'data' },
  strategy: { field: 'strategy' },
  'broker.cash': { field: 'cash' },
  'broker.commission': { field: 'commissionPct', scale: 0.01, unit: ' %' },
  'broker.slippageBps': { field: 'slippageBps' },
  'broker.qtyStep': { field: 'qtyStep' },
  'broker.minNotional': { field: 'minNotional' },
  fromMs: { field: 'from' },
  toMs: { field: 'to' },
};

export function validateForm(f: FormState, req: BacktestRequest, strategy: StrategyInfo | undefined): FieldErrors {
  const errors: FieldErrors = {};
  const put = (field: FormField, msg: string) => {
    errors[field] ??= msg;
  };
  if (f.from && !Number.isFinite(req.fromMs)) put('from', 'not a date');
  if (f.to && !Number.isFinite(req.toMs)) put('to', 'not a date');
  if (req.fromMs !== undefined && req.toMs !== undefined && req.fromMs > req.toMs) put('to', 'must be on or after From');
  const parsed = backtestRequestSchema.safeParse(req);
  if (!parsed.success) for (const issue of parsed.error.issues) put(fieldOfPath(issue.path), describeIssue(issue));
  if (strategy) {
    try {
      resolveParams(strategy.name, strategy.params, f.params);
    } catch (e) {
      if (!(e instanceof ParamError)) throw e;
      put(`param:${e.param}`, paramMessage(e));
    }
  }
  return errors;
}

/**
 * Field errors from a refused request's "path: message" issue lines (the API's
 * invalid-argument error); lines that name no form field are returned as `rest`.
 */
export function fieldErrorsFromIssues(issues: readonly string[]): { errors: FieldErrors; rest: string[] } {
  const errors: FieldErrors = {};
  const rest: string[] = [];
  for (const line of issues) {
    const m = /^(?:request\.)?([\w.]+): (.*)$/.exec(line);
    const field = m ? fieldOfPath(m[1].split('.')) : null;
    if (m && field) errors[field] ??= m[2];
    else rest.push(line);
  }
  return { errors, rest };
}

function fieldOfPath(path: readonly PropertyKey[]): FormField {
  const key = path.map(String).join('.');
  if (path[0] === 'params' && path.length > 1) return `param:${String(path[1])}`;
  return REQUEST_FIELDS[key]?.field ?? 'data';
}

/** The issue in the form's words and units ("must be at least 0 %"), never zod's path or jargon. */
function describeIssue(issue: z.core.$ZodIssue): string {
  const spec = REQUEST_FIELDS[issue.path.map(String).join('.')];
  const scale = spec?.scale ?? 1;
  const unit = spec?.unit ?? '';
  const num = (v: number | bigint) => `${Number((Number(v) / scale).toPrecision(10))}${unit}`;
  switch (issue.code) {
    case 'too_small':
      return issue.inclusive ? `must be at least ${num(issue.minimum)}` : `must be more than ${num(issue.minimum)}`;
    case 'too_big':
      return issue.inclusive ? `must be at most ${num(issue.maximum)}` : `must be below ${num(issue.maximum)}`;
    case 'invalid_type':
      return 'enter a number';
    default:
      return issue.message;
  }
}

/** "must be >= 2 (got number 0)" out of the engine's "sma_cross.n1 must be >= 2 (got number 0); expected …". */
function paramMessage(e: ParamError): string {
  const prefix = `${e.strategy}.${e.param} `;
  const text = e.message.startsWith(prefix) ? e.message.slice(prefix.length) : e.message;
  return text.replace(/\(got (?:number|string|boolean) ([^)]*)\)/, '(got $1)').split('; expected')[0];
}
