/**
 * One rule for whose fault an error is, used wherever errors cross a boundary (worker
 * threads, the API, the CLI): a bug in our code (a TypeError, a broken invariant, a
 * database failure) is 'internal'; anything else thrown on purpose names a problem with
 * what the user asked for (unknown strategy, bad range, missing file) and is shown as
 * the user's to fix. Decided by the error's name, so it survives structured clone and
 * JSON, where a worker's error arrives as a plain Error carrying its original name.
 */
const BUG_NAMES = new Set(['TypeError', 'RangeError', 'ReferenceError', 'SyntaxError', 'EvalError', 'InternalError', 'SqliteError', 'WorkerFailedError']);

export function isUserError(e: unknown): boolean {
  return e instanceof Error && e.name !== 'AbortError' && !BUG_NAMES.has(e.name);
}
