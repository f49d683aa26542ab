/** Text renderings of research results shared by `optimize`, `walkforward` and `research`. */
import type { OptimizationCell, Heatmap } from '../../shared/researchTypes';

export function paramText(p: Readonly<Record<string, unknown>>): string {
  return Object.entries(p).map(([k, v]) => `${k}=${String(v)}`).join(' ');
}

/** The best `k` cells as a table: rank, the varying parameters, objective and main stats. */
export function topTable(cells: readonly OptimizationCell[], axes: readonly string[], objective: string, k: number): string {
  const ranked = cells
    .filter((c) => c.objective !== null)
    .sort((a, b) => (b.objective as number) - (a.objective as number) || a.index - b.index)
    .slice(0, k);
  const cols = ['Return [%]', 'Sharpe Ratio', 'Max. Drawdown [%]', '# Trades', 'Win Rate [%]'] as const;
  const header = ['rank', ...axes, 'objective', ...cols];
  const rows = ranked.map((c, i) => [
    String(i + 1), ...axes.map((a) => String(c.params[a])), num(c.objective), ...cols.map((key) => num(c.stats?.[key] ?? null, key === '# Trades')),
  ]);
  return [`top ${ranked.length} by ${objective}`, ...alignRight([header, ...rows])].join('\n');
}

/** The objective over two parameters as a grid of numbers (y down, x across). */
export function heatmapText(h: Heatmap): string {
  const header = [`${h.y.name} \\ ${h.x.name}`, ...h.x.values.map(String)];
  const rows = h.y.values.map((yv, yi) => [String(yv), ...h.z[yi].map((v) => num(v))]);
  return [`objective (${h.fold} over the other parameters)`, ...alignRight([header, ...rows])].join('\n');
}

export function num(v: number | null | undefined, integer = false): string {
  if (v === null || v === undefined || !Number.isFinite(v)) return 'n/a';
  return integer ? String(v) : v.toFixed(2);
}

function alignRight(table: string[][]): string[] {
  const widths = table[0].map((_, j) => Math.max(...table.map((r) => r[j].length)));
  return table.map((r) => r.map((v, j) => v.padStart(widths[j])).join('  '));
}
