/** Monte Carlo equity fan: the 5–95 and 25–75 percentile bands around the median, per trade step. */
import { useMemo, useState } from 'react';
import type uPlot from 'uplot';
import type { MonteCarloSummary } from '../../../shared/researchTypes';
import { UPlotChart } from '../charts/UPlotChart';
import { axis, colors, fmtPrice, tightRange } from '../charts/theme';

const LEVELS = ['p5', 'p25', 'p50', 'p75', 'p95'] as const;

export function FanChart({ mc }: { mc: MonteCarloSummary }) {
  // Resampled paths spread multiplicatively: a log scale keeps the lower bands readable next to a far 95th.
  const [log, setLog] = useState(true);
  const chart = useMemo(() => {
    const step = mc.bands.step ?? mc.bands.p50?.map((_, i) => i) ?? [];
    const data = [step, ...LEVELS.map((k) => mc.bands[k] ?? step.map(() => null))] as uPlot.AlignedData;
    const line = (label: string, width: number, dash?: number[]): uPlot.Series => ({ label, stroke: colors.equity, width, dash, points: { show: false }, value: (_u, v) => fmtPrice(v) });
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      series: [
        { label: 'trade', value: (_u, v) => (v === null ? '—' : String(v)) },
        line('5th', 1, [3, 3]),
        line('25th', 1),
        line('median', 2),
        line('75th', 1),
        line('95th', 1, [3, 3]),
      ],
      // uPlot fills between a series and the one below it: 5–95 light, 25–75 darker.
      bands: [
        { series: [5, 1], fill: 'rgba(76,154,255,0.10)' },
        { series: [4, 2], fill: 'rgba(76,154,255,0.22)' },
      ],
      scales: { x: { time: false }, y: log ? { distr: 3 } : { auto: true, range: tightRange } },
      axes: [axis({ label: 'trades', labelSize: 16 }), axis({ side: 1, size: 70 })],
      cursor: { drag: { x: true, y: false } },
    };
    return { opts, data };
  }, [mc, log]);
  return (
    <>
      <label className="field field-check fan-log">
        <input type="checkbox" checked={log} onChange={(e) => setLog(e.target.checked)} data-testid="mc-log" />
        <span>log scale</span>
      </label>
      <UPlotChart opts={chart.opts} data={chart.data} className="chart chart-fan" testId="montecarlo-fan" />
    </>
  );
}
