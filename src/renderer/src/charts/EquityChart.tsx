/** Equity curve and its drawdown (percent below the running peak), cursor-synced with the price chart. */
import { useMemo, useRef } from 'react';
import type uPlot from 'uplot';
import { drawdownPct } from './chartData';
import { envelopePaths } from './envelopePaths';
import { axis, colors, fmtPrice, PANE_PADDING, tightRange } from './theme';
import { UPlotChart } from './UPlotChart';
import { SYNC_KEY } from './PriceChart';
import { timeAxis } from './timeAxis';
import { pctTicks } from './axisFormat';
import { useSettings } from '../store/settingsStore';
import { navigationPlugin } from './chartNavigation';
import { crosshairLabelsPlugin } from './crosshairLabels';
import { runXRange } from './xRangeLink';
import { formatTime } from '../time';

interface Props {
  x: Float64Array;
  equity: Float64Array;
}

export function EquityChart({ x, equity }: Props) {
  // A view, not a copy: the run's equity arrives as its own Float64Array.
  const eq = useMemo(() => (equity.length <= x.length ? equity : equity.subarray(0, x.length)), [equity, x]);
  const xs = useMemo(() => x.subarray(0, eq.length), [x, eq]);
  const tz = useSettings((s) => s.timeZone);
  // Options by time zone only: another run's curve is new data for the same plots.
  const equityOpts = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => {
    const time = timeAxis(tz);
    return {
      padding: PANE_PADDING,
      tzDate: time.tzDate,
      series: [
        time.xSeries,
        { label: 'Equity', stroke: colors.equity, width: 1.5, fill: 'rgba(76,154,255,0.10)', points: { show: false }, paths: envelopePaths(), value: (_u, v) => (v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 2 })) },
      ],
      scales: { x: { time: true }, y: { auto: true, range: tightRange } },
      axes: [axis({ show: false }), axis({ side: 1, size: 70 })],
      cursor: { sync: { key: SYNC_KEY } },
      plugins: [navigationPlugin(runXRange), crosshairLabelsPlugin({ value: fmtPrice })],
    };
  }, [tz]);
  const ddOpts = useMemo((): Omit<uPlot.Options, 'width' | 'height'> => {
    const time = timeAxis(tz);
    return {
      padding: PANE_PADDING,
      tzDate: time.tzDate,
      series: [
        time.xSeries,
        { label: 'Drawdown %', stroke: colors.drawdown, width: 1, fill: 'rgba(239,83,80,0.18)', points: { show: false }, paths: envelopePaths(), value: (_u, v) => (v === null ? '—' : `${v.toFixed(2)}%`) },
      ],
      scales: { x: { time: true } },
      axes: [axis({ values: time.values }), axis({ side: 1, size: 70, values: (_u, t) => pctTicks(t) })],
      cursor: { sync: { key: SYNC_KEY } },
      plugins: [navigationPlugin(runXRange), crosshairLabelsPlugin({ value: (v) => `${v.toFixed(2)}%`, time: (v) => formatTime(v * 1000, tz) })],
    };
  }, [tz]);
  const equityData = useMemo(() => [xs, eq] as uPlot.AlignedData, [xs, eq]);
  // Two drawdown buffers taken in turn, each run writing into the one the plot is not
  // showing: writing a fresh 1 MB array cost 4 ms on the 1m sample (its pages are new to the
  // process), a reused one 0.2 ms.
  const ddBuffers = useRef({ buffers: [new Float64Array(0), new Float64Array(0)], next: 0 });
  const ddData = useMemo(() => {
    const b = ddBuffers.current;
    const k = b.next;
    b.next = 1 - k;
    if (b.buffers[k].length < eq.length) b.buffers[k] = new Float64Array(eq.length);
    return [xs, drawdownPct(eq, b.buffers[k])] as uPlot.AlignedData;
  }, [xs, eq]);
  return (
    <div className="equity-stack">
      <UPlotChart opts={equityOpts} data={equityData} className="chart chart-equity" testId="equity-chart" />
      <UPlotChart opts={ddOpts} data={ddData} className="chart chart-dd" testId="drawdown-chart" />
    </div>
  );
}
