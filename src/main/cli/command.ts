/** A CLI command: one file per command under ./commands, registered in ./registry.ts. */
export interface CliCommand {
  /** Word(s) typed after `cryptota`, e.g. "backtest" or "cache ls". */
  readonly name: string;
  /** Its one-line summary; the lists show the registry's copy, which a test keeps equal to this one. */
  readonly summary: string;
  /** Full help text printed by `cryptota <name> --help`. */
  readonly help: string;
  /**
   * Returns the exit code (see EXIT). Throwing is fine: the frame (main.ts) turns a
   * UsageError into 2 and anything else into 1, and a Ctrl-C/SIGTERM into 130.
   */
  run(argv: readonly string[], io: CliIo): Promise<number>;
}

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** True when stderr is a terminal (progress bars are drawn only then). */
  readonly interactive: boolean;
}

/** An error whose message is shown to the user as is, without a stack trace. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The exit codes of every command. Interrupted is 128 + SIGINT as a shell reports it,
 * also for SIGTERM, so a script tells "stopped" from "failed" with one test.
 */
export const EXIT = { ok: 0, runtime: 1, usage: 2, interrupted: 130 } as const;
