/** Errors a handler throws on purpose; their kind and message reach the client as is. */
import type { ApiErrorKind, ApiErrorPayload } from '../../shared/api';
import { isUserError } from '../errorKinds';

export class ApiFailure extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly issues?: string[],
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

/**
 * Turns anything thrown by a handler into the payload sent to the client. Expected
 * failures (bad input named by a service, cancel) keep their message; the message of
 * an unexpected error is passed on too, because it is what the user needs to fix the
 * input (e.g. "bar 12: high 9 is below max(open, close)"), but never its stack.
 */
export function toErrorPayload(e: unknown): ApiErrorPayload {
  if (e instanceof ApiFailure) return { kind: e.kind, message: e.message, ...(e.issues ? { issues: e.issues } : {}) };
  if (e instanceof Error) {
    if (e.name === 'AbortError') return { kind: 'cancelled', message: e.message || 'cancelled' };
    // The service said what is wrong with the request: the client's to fix.
    if (isUserError(e)) return { kind: 'invalid-argument', message: e.message };
    return { kind: 'internal', message: e.message || e.name };
  }
  return { kind: 'internal', message: String(e) };
}
