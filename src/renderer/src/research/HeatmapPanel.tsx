/** The heatmap with its axis pickers (any two varying parameters) and fold (best or mean of the others). */
import type { OptimizationSummary } from '../../../shared/researchTypes';
import { HeatmapChart } from './HeatmapChart';
import { combinationAt, loadHeatmap, openCombination } from './researchActions';
import { useResearch } from './researchStore';

export function HeatmapPanel({ summary }: { summary: OptimizationSummary }) {
  const heat = useResearch((s) => s.heatmap);
  const axes = summary.axes;
  if (axes.length < 2) {
    return <p className="empty">A heatmap needs two parameters that vary{axes.length === 1 ? `; only ${axes[0].name} does` : ''}.</p>;
  }
  const cur = heat ?? { x: axes[0].name, y: axes[1].name, fold: 'best' as const, data: null, error: null };
  const set = (patch: Partial<Pick<typeof cur, 'x' | 'y' | 'fold'>>) => {
    const next = { x: cur.x, y: cur.y, fold: cur.fold, ...patch };
    // Picking the other axis' parameter swaps the two.
    if (patch.x !== undefined && patch.x === cur.y) next.y = cur.x;
    if (patch.y !== undefined && patch.y === cur.x) next.x = cur.y;
    void loadHeatmap(next);
  };
  const pick = ({ xi, yi }: { xi: number; yi: number }) => {
    const index = cur.data?.index[yi]?.[xi];
    if (index === null || index === undefined) return;
    const combo = combinationAt(index);
    if (combo) void openCombination(combo.strategy, combo.params, combo.runId);
  };
  const folded = axes.length > 2;
  return (
    <div className="heatmap-panel" data-testid="heatmap-panel">
      <div className="heatmap-controls">
        <label className="field field-inline">
          <span>x</span>
          <select value={cur.x} onChange={(e) => set({ x: e.target.value })} data-testid="heatmap-x">
            {axes.map((a) => (
              <option key={a.name} value={a.name}>{a.name}</option>
            ))}
          </select>
        </label>
        <label className="field field-inline">
          <span>y</span>
          <select value={cur.y} onChange={(e) => set({ y: e.target.value })} data-testid="heatmap-y">
            {axes.map((a) => (
              <option key={a.name} value={a.name}>{a.name}</option>
            ))}
          </select>
        </label>
        <label className="field field-inline" title={folded ? 'how the other varying parameters are folded into one cell' : 'only two parameters vary: nothing to fold'}>
          <span>others</span>
          <select value={cur.fold} disabled={!folded} onChange={(e) => set({ fold: e.target.value === 'mean' ? 'mean' : 'best' })} data-testid="heatmap-fold">
            <option value="best">best</option>
            <option value="mean">mean</option>
          </select>
        </label>
      </div>
      {cur.error && <p className="field-error">{cur.error}</p>}
      {cur.data ? <HeatmapChart heat={cur.data} objective={summary.objective} onPick={pick} /> : !cur.error && <p className="empty">loading heatmap…</p>}
    </div>
  );
}
