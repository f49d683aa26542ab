/**
 * What a failed command reports: its exit code, and with --json the single stdout line
 * `{"ok":false,"kind","message"}` a script can parse without reading stderr.
 */
import { EXIT, UsageError } from './command';

/**
 * "usage" (exit 2), "interrupted" (130), a domain error's own kind such as a data
 * source's "unreachable" or "auth_failed" (1), else "runtime" (1).
 */
export type FailureKind = 'usage' | 'runtime' | 'interrupted' | (string & {});

export interface Failure {
  readonly kind: FailureKind;
  readonly message: string;
  readonly code: number;
}

export function failureFromError(e: unknown): Failure {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof UsageError) return { kind: 'usage', message, code: EXIT.usage };
  // parseArgs writes sentences ("Unknown option '--nope'"); ours are lower-case clauses after "cryptota <command>:".
  if (isParseArgsError(e)) return { kind: 'usage', message: message.charAt(0).toLowerCase() + message.slice(1), code: EXIT.usage };
  return { kind: domainKind(e) ?? 'runtime', message, code: EXIT.runtime };
}

/** A command that returned a failing code without throwing: its kind follows from the code. */
export function failureFromCode(code: number, message: string): Failure {
  const kind = code === EXIT.usage ? 'usage' : code === EXIT.interrupted ? 'interrupted' : 'runtime';
  return { kind, message, code };
}

export function interrupted(signal: NodeJS.Signals): Failure {
  return { kind: 'interrupted', message: `interrupted by ${signal}`, code: EXIT.interrupted };
}

export function failureLine(f: Failure): string {
  return JSON.stringify({ ok: false, kind: f.kind, message: f.message });
}

/** node:util parseArgs refusing the command line (unknown option, missing value, stray argument). */
function isParseArgsError(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_');
}

/** Errors that already sort themselves for the user (e.g. SourceError) carry a string `kind`. */
function domainKind(e: unknown): string | undefined {
  if (!(e instanceof Error)) return undefined;
  const kind = (e as Error & { kind?: unknown }).kind;
  return typeof kind === 'string' && /^[a-z][a-z_]*$/.test(kind) ? kind : undefined;
}
