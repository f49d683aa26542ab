/**
 * Entry of the `cryptota` command line, and the frame every command runs in: it finds
 * the command, and owns the exit codes (0 ok, 1 runtime, 2 usage, 130 interrupted) and
 * the --json failure line, so no command has to repeat them.
 */
import type { CliIo } from './command';
import { EXIT, UsageError } from './command';
import { failureFromCode, failureFromError, failureLine, interrupted, type Failure } from './failure';
import { watchInterruption } from './interruption';
import { commands, type CommandEntry } from './registry';

export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const json = wantsJson(argv);
  const seen = watchIo(io);
  // With --json a failure ends stdout with one parseable line (unless the command already answered there).
  const report = (f: Failure): number => {
    if (json && !seen.wroteOut) io.out(failureLine(f));
    return f.code;
  };
  const watch = watchInterruption((signal) => {
    io.err(`\ncryptota: interrupted by ${signal}`);
    process.exit(report(interrupted(signal)));
  });
  try {
    const code = await dispatch(argv, seen.io);
    if (watch.signal) return report(interrupted(watch.signal));
    if (code === EXIT.ok) return code;
    return report(failureFromCode(code, seen.lastErr ?? `exit code ${code}`));
  } catch (e) {
    if (watch.signal) return report(interrupted(watch.signal));
    const cause = e instanceof CommandError ? e.cause : e;
    const f = failureFromError(cause);
    const where = e instanceof CommandError && e.command !== null ? `cryptota ${e.command}` : 'cryptota';
    io.err(`${where}: ${f.message}${e instanceof CommandError && e.detail ? `\n\n${e.detail}` : ''}`);
    if (process.env.CRYPTOTA_DEBUG && f.kind !== 'usage' && cause instanceof Error) io.err(cause.stack ?? '');
    return report(f);
  } finally {
    watch.dispose();
  }
}

/** Finds the command for argv and runs it; what it throws is wrapped with the command's name. */
async function dispatch(argv: readonly string[], io: CliIo): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.out(globalHelp());
    return EXIT.ok;
  }
  // Longest match first, so "cache ls" wins over a hypothetical "cache".
  const sorted = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  const entry = sorted.find((c) => c.name.split(' ').every((w, i) => argv[i] === w));
  if (!entry) {
    // A command group typed alone (`cryptota cache`, `cryptota sources`) or with an
    // unknown subcommand: list the group's subcommands rather than every command.
    const group = commands.filter((c) => c.name.split(' ').length > 1 && c.name.split(' ')[0] === argv[0]);
    if (group.length > 0) {
      if (argv[1] === '--help' || argv[1] === '-h') {
        io.out(commandList(group));
        return EXIT.ok;
      }
      // `cryptota cache --json` has options but no subcommand.
      const sub = argv.length > 1 && !argv[1].startsWith('-') ? `unknown subcommand "${argv[1]}"` : 'missing subcommand';
      throw new CommandError(argv[0], new UsageError(sub), commandList(group));
    }
    throw new CommandError(null, new UsageError(`unknown command "${argv.join(' ')}"`), globalHelp());
  }
  // Only the command asked for is loaded (and its dependencies with it).
  const cmd = await entry.load();
  const rest = argv.slice(entry.name.split(' ').length);
  if (rest.includes('--help') || rest.includes('-h')) {
    io.out(cmd.help);
    return EXIT.ok;
  }
  try {
    return await cmd.run(rest, io);
  } catch (e) {
    throw new CommandError(cmd.name, e);
  }
}

/** A failure with the command it happened in (null: no command matched) and text to show after the message. */
class CommandError extends Error {
  constructor(
    readonly command: string | null,
    override readonly cause: unknown,
    readonly detail?: string,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** --json anywhere among the options (not after a `--` that ends them). */
function wantsJson(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  return (end === -1 ? argv : argv.slice(0, end)).includes('--json');
}

/** Wraps io to know whether the command wrote to stdout, and its last stderr message. */
function watchIo(io: CliIo): { io: CliIo; readonly wroteOut: boolean; readonly lastErr: string | undefined } {
  let wroteOut = false;
  let lastErr: string | undefined;
  return {
    io: {
      out: (t) => {
        wroteOut = true;
        io.out(t);
      },
      err: (t) => {
        // A multi-line message leads with the line that says what went wrong.
        const first = t.trim().split('\n')[0];
        if (first) lastErr = first;
        io.err(t);
      },
      interactive: io.interactive,
    },
    get wroteOut() {
      return wroteOut;
    },
    get lastErr() {
      return lastErr;
    },
  };
}

function commandList(list: readonly CommandEntry[]): string {
  const width = Math.max(...list.map((c) => c.name.length));
  return ['commands:', ...list.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`)].join('\n');
}

function globalHelp(): string {
  return [
    'cryptota — CryptoTA Workstation command line',
    '',
    'usage: cryptota <command> [options]   (cryptota <command> --help for details)',
    '',
    commandList(commands),
    '',
    'exit codes: 0 ok, 1 failed, 2 usage error, 130 interrupted (Ctrl-C, SIGTERM).',
    'With --json a failure prints one line on stdout: {"ok":false,"kind":...,"message":...}.',
    'Data and saved runs live in the local store: $CRYPTOTA_HOME (default ~/.cryptota).',
  ].join('\n');
}

function processIo(): CliIo {
  return {
    out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
    err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
    interactive: Boolean(process.stderr.isTTY),
  };
}
