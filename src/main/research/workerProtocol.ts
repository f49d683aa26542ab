/** How errors cross from a worker thread to the main thread. */
import { isUserError } from '../errorKinds';

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
  /** 'user' errors (bad input) are shown as they are; 'internal' ones are bugs. */
  kind: 'user' | 'internal';
}

export function serializeError(e: unknown): SerializedError {
  const err = e instanceof Error ? e : new Error(String(e));
  return { name: err.name, message: err.message, stack: err.stack, kind: isUserError(err) || err.name === 'AbortError' ? 'user' : 'internal' };
}

export function reviveError(s: SerializedError): Error {
  const e = new Error(s.message);
  e.name = s.name;
  if (s.stack) e.stack = s.stack;
  return e;
}
