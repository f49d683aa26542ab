import { parseArgs } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UsageError } from './command';
import { failureFromCode, failureFromError, failureLine, interrupted } from './failure';
import { SourceError } from '../data/timescale/sourceErrors';

function parseArgsError(args: string[]): unknown {
  try {
    parseArgs({ args, options: { data: { type: 'string' } }, strict: true });
  } catch (e) {
    return e;
  }
  throw new Error('parseArgs accepted the arguments');
}

describe('a failure sorted for exit code and --json', () => {
  it('a UsageError is usage, exit 2', () => {
    expect(failureFromError(new UsageError('--to must be after --from'))).toEqual({ kind: 'usage', message: '--to must be after --from', code: 2 });
  });

  it("parseArgs' refusals are usage, in the lower-case style of the other messages", () => {
    expect(failureFromError(parseArgsError(['--nope']))).toEqual({ kind: 'usage', message: "unknown option '--nope'", code: 2 });
    expect(failureFromError(parseArgsError(['--data']))).toMatchObject({ kind: 'usage', code: 2 });
    expect(failureFromError(parseArgsError(['stray']))).toMatchObject({ kind: 'usage', code: 2 });
  });

  it("an error that sorts itself keeps its kind, exit 1; anything else is runtime", () => {
    expect(failureFromError(new SourceError('auth_failed', 'password authentication failed'))).toEqual({ kind: 'auth_failed', message: 'password authentication failed', code: 1 });
    expect(failureFromError(new Error('disk full'))).toEqual({ kind: 'runtime', message: 'disk full', code: 1 });
    expect(failureFromError('thrown string')).toEqual({ kind: 'runtime', message: 'thrown string', code: 1 });
  });

  it('a returned code keeps its meaning', () => {
    expect(failureFromCode(2, 'missing subcommand').kind).toBe('usage');
    expect(failureFromCode(130, 'cancelled').kind).toBe('interrupted');
    expect(failureFromCode(1, 'no').kind).toBe('runtime');
    expect(interrupted('SIGTERM')).toEqual({ kind: 'interrupted', message: 'interrupted by SIGTERM', code: 130 });
  });

  it('the --json line has exactly ok, kind and message', () => {
    expect(JSON.parse(failureLine(failureFromError(new Error('x'))))).toEqual({ ok: false, kind: 'runtime', message: 'x' });
  });
});
