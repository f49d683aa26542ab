/** The stitched out-of-sample equity of a walk-forward, with each window's start marked by a dashed line. */
import { useMemo } from 'react';
import type uPlot from 'uplot';
import type { WalkForwardWindowResult } from '../../../shared/researchTypes';
import { UPlotChart } from '../charts/UPlotChart';
import { axis, colors, tightRange } from '../charts/theme';
import { timeAxis } from '../charts/timeAxis';
import { useSettings } from '../store/settingsStore';
import type { StitchedEquity } from './researchStore';
import { envelopePaths } from '../charts/envelopePaths';

export function StitchedEquityChart({ stitched, windows }: { stitched: StitchedEquity; windows: readonly WalkForwardWindowResult[] }) {
  const tz = useSettings((s) => s.timeZone);
  const chart = useMemo(() => {
    const time = timeAxis(tz);
    const xs = stitched.time.map((t) => t / 1000);
    const starts = windows.map((w) => ({ at: w.oosFrom / 1000, label: `W${w.index + 1}` }));
    const boundaries: uPlot.Plugin = {
      hooks: {
        draw: [
          (u: uPlot) => {
            const { ctx } = u;
            const { top, height, left, width } = u.bbox;
            const dpr = devicePixelRatio;
            ctx.save();
            ctx.strokeStyle = 'rgba(245,166,35,0.55)';
            ctx.fillStyle = 'rgba(245,166,35,0.9)';
            ctx.lineWidth = dpr;
            ctx.setLineDash([4 * dpr, 4 * dpr]);
            ctx.font = `${Math.round(10 * dpr)}px "Inter", "Segoe UI", system-ui, sans-serif`;
            let lastLabel = -Infinity;
            for (const s of starts) {
              const x = Math.round(u.valToPos(s.at, 'x', true));
              if (x < left || x > left + width) continue;
              ctx.beginPath();
              ctx.moveTo(x, top);
              ctx.lineTo(x, top + height);
              ctx.stroke();
              // Labels only where they do not overlap the previous one.
              if (x - lastLabel > 28 * dpr) {
                ctx.fillText(s.label, x + 3 * dpr, top + 11 * dpr);
                lastLabel = x;
              }
            }
            ctx.restore();
          },
        ],
      },
    };
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      tzDate: time.tzDate,
      series: [
        time.xSeries,
        { label: 'Out-of-sample equity', stroke: colors.equity, width: 1.5, fill: 'rgba(76,154,255,0.10)', points: { show: false }, paths: envelopePaths(), value: (_u, v) => (v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 2 })) },
      ],
      scales: { x: { time: true }, y: { auto: true, range: tightRange } },
      axes: [axis({ values: time.values }), axis({ side: 1, size: 70 })],
      cursor: { drag: { x: true, y: false } },
      plugins: [boundaries],
    };
    return { opts, data: [xs, stitched.equity] as uPlot.AlignedData };
  }, [stitched, windows, tz]);
  return <UPlotChart opts={chart.opts} data={chart.data} className="chart chart-wf" testId="wf-equity" />;
}
