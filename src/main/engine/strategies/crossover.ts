/**
 * backtesting.py's `crossover(a, b)`: a was below b on the previous bar and is above it
 * now. Strict on both sides, so touching is not crossing; NaN (warm-up) never crosses.
 */
export function crossedAbove(prevA: number, prevB: number, a: number, b: number): boolean {
  return prevA < prevB && a > b;
}
