/**
 * Compatibility switches: run the engine with another tool's choices where ours differ
 * on purpose, so a user moving from that tool reproduces its numbers exactly.
 *
 * 'backtesting.py' (0.6.6) flips every documented deliberate difference (README,
 * "Checked against backtesting.py"):
 * 1. a trade still open after the last bar closes at that bar's OPEN (simulate.ts, via
 *    EndOfDataMode 'backtesting.py'), not at its close;
 * 2. sizing values open trades at the bar's CLOSE (look-ahead, as backtesting.py's
 *    margin_available) instead of at the fill price, and an order the margin does not
 *    cover is cancelled instead of shrunk (simBroker.ts);
 * 3. an equity-sized order against an open position is sized from the margin left with
 *    that position still open — nothing when fully invested, so the order is cancelled —
 *    and then nets against it, instead of reversing the position (simBroker.ts);
 * 4. "Commissions [$]" is left out of the statistics when nothing was paid (metrics.ts);
 * 5. a drawdown only on the very last bar puts the drawdown fraction into the two
 *    drawdown-duration fields, as backtesting.py does (metrics.ts).
 */
import { COMPAT_MODES, type CompatMode } from '../../shared/backtestTypes';

export { COMPAT_MODES, type CompatMode };

/** Reads a compatibility mode from user input (CLI flag, API field); `name` is what the error calls it. */
export function parseCompatMode(value: unknown, name = 'compat'): CompatMode {
  const mode = COMPAT_MODES.find((m) => m === value);
  if (mode === undefined) {
    throw new RangeError(`${name} must be one of ${COMPAT_MODES.join(', ')} (got ${JSON.stringify(value)})`);
  }
  return mode;
}
