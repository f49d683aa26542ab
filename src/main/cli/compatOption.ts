/**
 * `--compat <tool>` on `backtest`, `optimize` and `walkforward`: run with that tool's
 * rules where ours differ on purpose (src/main/engine/compat.ts lists them).
 */
import { UsageError } from './command';
import { parseCompatMode, type CompatMode } from '../engine/compat';

export const COMPAT_HELP = `  --compat <tool>        reproduce another tool's numbers exactly: backtesting.py (last trade closed at
                         the last bar's open, sizing marked at the close, full-size opposite orders
                         cancelled unless closed first, Commissions omitted when 0; see README)`;

/** The flag's value, checked; undefined when not given. */
export function compatOption(value: string | undefined): CompatMode | undefined {
  if (value === undefined) return undefined;
  try {
    return parseCompatMode(value, '--compat');
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}
