/**
 * Several runs on one time axis (uPlot.join aligns them), as percent return from each
 * run's start (so runs with different cash compare) or as drawdown below each run's high.
 */
import { useMemo } from 'react';
import uPlot from 'uplot';
import type { RunDetail } from '../../../shared/backtestTypes';
import { axis, colors } from './theme';
import { UPlotChart } from './UPlotChart';
import { timeAxis } from './timeAxis';
import { pctTicks } from './axisFormat';
import { useSettings } from '../store/settingsStore';
import { percentReturn } from '../runs/compareStats';
import { drawdownPct } from './chartData';

export type CompareMeasure = 'return' | 'drawdown';

export function CompareChart({ runs, measure = 'return' }: { runs: readonly { run: RunDetail; time: Float64Array }[]; measure?: CompareMeasure }) {
  const tz = useSettings((s) => s.timeZone);
  const { opts, data } = useMemo(() => {
    const time = timeAxis(tz);
    const toSeries = measure === 'return' ? percentReturn : drawdownPct;
    const tables = runs.map(({ run, time }): uPlot.AlignedData => {
      const n = Math.min(time.length, run.equity.length);
      return [Array.from(time.subarray(0, n)), Array.from(toSeries(run.equity).slice(0, n))];
    });
    const data = tables.length ? uPlot.join(tables) : ([[]] as uPlot.AlignedData);
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      tzDate: time.tzDate,
      series: [
        time.xSeries,
        ...runs.map(({ run }): uPlot.Series => ({
          label: `#${run.id} ${run.label ?? run.strategy}`,
          // By run id, so a run keeps its colour when others are ticked or unticked.
          stroke: runColour(run.id),
          width: 1.5,
          spanGaps: true,
          points: { show: false },
          value: (_u, v) => (v === null ? '—' : `${v.toFixed(2)}%`),
        })),
      ],
      scales: { x: { time: true } },
      axes: [axis({ values: time.values }), axis({ side: 1, size: 60, values: (_u, t) => pctTicks(t) })],
    };
    return { opts, data };
  }, [runs, tz, measure]);
  return <UPlotChart opts={opts} data={data} className="chart chart-compare" testId={measure === 'return' ? 'compare-chart' : 'compare-drawdown-chart'} />;
}

/** A run's line colour in every comparison. */
export function runColour(id: number): string {
  return colors.overlays[id % colors.overlays.length];
}
