/**
 * Ctrl-C and SIGTERM for the whole CLI. A command that installs its own handler (serve,
 * paper start, research jobs, sync) gets to stop gracefully, and the frame reports 130
 * once it returns. A command without one would otherwise keep running (a listener
 * disables Node's default "die on SIGINT"), so the frame ends it at once with 130. A
 * second signal always ends the process at once: a graceful stop that hangs is not a trap.
 */
export interface InterruptionWatch {
  /** The first signal received while watching, or null. */
  readonly signal: NodeJS.Signals | null;
  dispose(): void;
}

const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** `exitNow` must end the process (the CLI passes a function that reports and calls process.exit). */
export function watchInterruption(exitNow: (signal: NodeJS.Signals) => void): InterruptionWatch {
  let first: NodeJS.Signals | null = null;
  const onSignal = (signal: NodeJS.Signals): void => {
    const again = first !== null;
    first ??= signal;
    // Our listener is registered first, so the command's own listeners are still counted here.
    const commandHandles = process.listenerCount(signal) > 1;
    if (again || !commandHandles) exitNow(signal);
  };
  for (const s of SIGNALS) process.on(s, onSignal);
  return {
    get signal() {
      return first;
    },
    dispose: () => {
      for (const s of SIGNALS) process.off(s, onSignal);
    },
  };
}
