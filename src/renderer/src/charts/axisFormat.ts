/** Tick labels for value axes. */

/**
 * Percent labels with as many decimals as the tick spacing needs, so a zoomed axis
 * (ticks 0.2 % apart) never prints the same label twice ("-1%", "-1%").
 */
export function pctTicks(ticks: readonly number[]): string[] {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  let decimals = 0;
  // The fewest decimals that write the step exactly (0.2 → 1, 0.025 → 3).
  while (decimals < 6 && step > 0 && Math.abs(step * 10 ** decimals - Math.round(step * 10 ** decimals)) > 1e-6) decimals++;
  return ticks.map((v) => {
    const s = v.toFixed(decimals);
    return `${/^-0(\.0*)?$/.test(s) ? s.slice(1) : s}%`;
  });
}
