/**
 * A paper session's equity: its stored per-bar history (`live.sessions.equity`), then
 * `live.portfolio` events as they arrive, drawn from the session's preallocated
 * SeriesWindow (src/renderer/src/live/liveTracking.ts). Events only mark the chart dirty;
 * one requestAnimationFrame redraws with fixed scales. The time axis follows the candle
 * chart's (`xRange`), so fills and equity line up bar for bar.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import { followBoxSize, plotSize } from './plotSizing';
import 'uplot/dist/uPlot.min.css';
import { equityWindow, onEquity, seedEquity } from '../live/liveTracking';
import { axis, colors } from './theme';
import { timeAxis } from './timeAxis';
import { useSettings } from '../store/settingsStore';

interface Props {
  sessionId: string;
  /** The candle chart's x range (epoch seconds); null = fit the equity points. */
  xRange: readonly [number, number] | null;
  /** uPlot cursor sync key shared with the candle chart. */
  syncKey: string;
}

export function LiveEquityChart({ sessionId, xRange, syncKey }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const rangeRef = useRef(xRange);
  const redrawRef = useRef<() => void>(() => {});
  const [error, setError] = useState<string | null>(null);
  const tz = useSettings((s) => s.timeZone);
  useEffect(() => {
    rangeRef.current = xRange;
    redrawRef.current();
  }, [xRange]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const win = equityWindow(sessionId);
    const [x0, y0] = win.rows.views();
    const time = timeAxis(tz);
    const plot = new uPlot(
      {
        ...plotSize(el),
        tzDate: time.tzDate,
        series: [
          time.xSeries,
          { label: 'Equity', stroke: colors.equity, width: 1.5, fill: 'rgba(76,154,255,0.10)', points: { show: false }, value: (_u, v) => (v === null ? '—' : v.toLocaleString('en-US', { maximumFractionDigits: 2 })) },
        ],
        scales: { x: { time: true, auto: false }, y: { auto: false } },
        axes: [axis({ values: time.values }), axis({ side: 1, size: 70 })],
        cursor: { drag: { x: false, y: false }, sync: { key: syncKey } },
        legend: { show: true, live: true },
      },
      [x0, y0],
      el,
    );
    let frame = 0;
    const draw = () => {
      frame = 0;
      const [x, y] = win.rows.views();
      const n = x.length;
      plot.batch(() => {
        plot.setData([x, y], false);
        if (n > 0) {
          const span = n > 1 ? x[n - 1] - x[0] : 60;
          const [xMin, xMax] = rangeRef.current ?? [x[0] - span * 0.01, x[n - 1] + span * 0.02];
          plot.setScale('x', { min: xMin, max: xMax });
          const [lo, hi] = visibleRange(x, y, xMin, xMax) ?? win.valueRange();
          const pad = (hi - lo) * 0.08 || Math.abs(hi) * 0.001 || 1;
          plot.setScale('y', { min: lo - pad, max: hi + pad });
        }
      });
    };
    const request = () => {
      if (!frame) frame = requestAnimationFrame(draw);
    };
    const off = onEquity((id) => {
      if (id === sessionId) request();
    });
    redrawRef.current = request;
    let closed = false;
    seedEquity(sessionId).catch((e: unknown) => {
      if (!closed) setError(`equity history not loaded: ${e instanceof Error ? e.message : String(e)}`);
    });
    request();
    const stopResizing = followBoxSize(plot, el);
    return () => {
      closed = true;
      redrawRef.current = () => {};
      off();
      cancelAnimationFrame(frame);
      stopResizing();
      plot.destroy();
    };
  }, [sessionId, syncKey, tz]);
  return (
    <>
      {error && <p className="live-error" role="alert">{error}</p>}
      <div ref={box} className="chart chart-live-equity" data-testid="live-equity-chart" />
    </>
  );
}

/** Lowest and highest value with x in [xMin, xMax]; null when no point is in range. */
function visibleRange(x: Float64Array, y: Float64Array, xMin: number, xMax: number): [number, number] | null {
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < x.length; i++) {
    if (x[i] < xMin || x[i] > xMax) continue;
    if (y[i] < lo) lo = y[i];
    if (y[i] > hi) hi = y[i];
  }
  return lo <= hi ? [lo, hi] : null;
}

