/**
 * The streaming candle chart of the Live view. One uPlot per instrument, created once;
 * bars live in a CandleWindow (preallocated columns, forming candle replaced in place),
 * seeded from `live.bars` and then fed by `live.candle` events. Updates only mark the
 * chart dirty; one requestAnimationFrame per frame calls setData without rescanning
 * (scales set from the window's own range), uPlot's streaming pattern. The candles are
 * drawn by the backtest chart's candlesPlugin, reading the window's views at draw time.
 */
import { useEffect, useRef, useState } from 'react';
import uPlot from 'uplot';
import { followBoxSize, plotSize } from './plotSizing';
import 'uplot/dist/uPlot.min.css';
import type { LiveCandleEvent, SignalEvent } from '../../../shared/apiTypes';
import { api } from '../api/client';
import { CandleWindow } from '../live/streamWindow';
import { instrumentOf } from '../live/liveTracking';
import { candlesPlugin } from './candlesPlugin';
import { signalMarkersPlugin } from './signalMarkersPlugin';
import { axis, fmtPrice } from './theme';
import { timeAxis } from './timeAxis';
import { useSettings } from '../store/settingsStore';
import { barGrid, isInterval } from '../../../shared/market/interval';

/** Bars kept and drawn: enough context for a session, small enough to redraw every frame. */
export const LIVE_WINDOW_BARS = 500;
/** uPlot cursor sync key of the Live view's charts. */
export const LIVE_SYNC_KEY = 'live';
/** Feed updates held while the seed request is in flight (older ones are in the seed anyway). */
const MAX_PENDING = 5000;

export interface LiveChartStatus {
  bars: number;
  lastClose: number;
  lastTime: number;
  /** The last bar is still forming (an unclosed candle). */
  forming: boolean;
  loading: boolean;
  error: string | null;
  /** The x scale drawn (epoch seconds), for charts that line up with this one; NaN when empty. */
  xMin: number;
  xMax: number;
}

interface Props {
  instrument: string;
  /** Fills to mark (already filtered to this instrument's symbol and the chosen session). */
  signals: readonly SignalEvent[];
  onStatus: (s: LiveChartStatus) => void;
}

const hidden = { paths: () => null, points: { show: false } } as const;

/** A paper session's fills are drawn as signal markers, not as a backtest's trades. */
const NO_TRADES: readonly never[] = [];

export function LiveCandleChart({ instrument, signals, onStatus }: Props) {
  const box = useRef<HTMLDivElement>(null);
  const signalsRef = useRef(signals);
  const statusRef = useRef(onStatus);
  const redrawRef = useRef<() => void>(() => {});
  const [empty, setEmpty] = useState(true);
  const tz = useSettings((s) => s.timeZone);
  statusRef.current = onStatus;

  useEffect(() => {
    signalsRef.current = signals;
    redrawRef.current();
  }, [signals]);

  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const step = intervalSeconds(instrument);
    const win = new CandleWindow(LIVE_WINDOW_BARS, `live:${instrument}`);
    let seeded = false;
    let closed = false;
    let error: string | null = null;
    const pending: LiveCandleEvent[] = [];

    const time = timeAxis(tz);
    const opts: uPlot.Options = {
      ...plotSize(el, 120),
      tzDate: time.tzDate,
      series: [
        time.xSeries,
        { label: 'O', ...hidden, value: (_u, v) => fmtPrice(v) },
        { label: 'H', ...hidden, value: (_u, v) => fmtPrice(v) },
        { label: 'L', ...hidden, value: (_u, v) => fmtPrice(v) },
        { label: 'C', ...hidden, value: (_u, v) => fmtPrice(v) },
      ],
      // Fixed scales, set from the window on every frame: no data rescan by uPlot.
      scales: { x: { time: true, auto: false }, y: { auto: false } },
      axes: [axis({ values: time.values }), axis({ side: 1, size: 70, values: (_u, ticks) => ticks.map((t) => fmtPrice(t)) })],
      cursor: { drag: { x: false, y: false }, sync: { key: LIVE_SYNC_KEY } },
      legend: { show: true, live: true },
      plugins: [candlesPlugin(win.chartCandles(), () => NO_TRADES), signalMarkersPlugin(() => win.chartCandles(), () => signalsRef.current)],
    };
    const c0 = win.chartCandles();
    const plot = new uPlot(opts, [c0.x, c0.open, c0.high, c0.low, c0.close], el);

    let frame = 0;
    let drawnVersion = -1;
    const draw = () => {
      frame = 0;
      const c = win.chartCandles();
      const n = c.x.length;
      const xMin = n > 0 ? c.x[0] - step * 0.75 : NaN;
      const xMax = n > 0 ? c.x[n - 1] + step * 1.75 : NaN;
      plot.batch(() => {
        plot.setData([c.x, c.open, c.high, c.low, c.close], false);
        if (n > 0) {
          plot.setScale('x', { min: xMin, max: xMax });
          const [lo, hi] = win.priceRange();
          const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.005 || 1;
          plot.setScale('y', { min: lo - pad, max: hi + pad });
        }
      });
      if (drawnVersion !== win.version || !seeded) {
        drawnVersion = win.version;
        setEmpty(n === 0);
        statusRef.current({
          bars: n, lastClose: win.lastClose, lastTime: n > 0 ? c.x[n - 1] * 1000 : NaN,
          forming: n > 0 && !win.lastClosed, loading: !seeded, error, xMin, xMax,
        });
      }
    };
    const request = () => {
      if (!frame && !closed) frame = requestAnimationFrame(draw);
    };
    redrawRef.current = request;

    const off = api.on('live.candle', (c) => {
      if (instrumentOf(c) !== instrument) return;
      if (!seeded) {
        if (pending.length < MAX_PENDING) pending.push(c);
        return;
      }
      if (win.apply(c)) request();
    });
    const finishSeed = () => {
      for (const c of pending) win.apply(c);
      pending.length = 0;
      seeded = true;
      request();
    };
    api
      .call('live.bars', { instrument, limit: LIVE_WINDOW_BARS })
      .then((bars) => {
        if (closed) return;
        win.seed(bars);
        finishSeed();
      })
      .catch((e: unknown) => {
        if (closed) return;
        error = `history not loaded: ${e instanceof Error ? e.message : String(e)}`;
        finishSeed();
      });
    request();

    const stopResizing = followBoxSize(plot, el, 120);
    return () => {
      closed = true;
      off();
      cancelAnimationFrame(frame);
      stopResizing();
      redrawRef.current = () => {};
      plot.destroy();
    };
  }, [instrument, tz]);

  return (
    <div className="live-chart-wrap">
      <div ref={box} className="chart chart-live" data-testid="live-chart" />
      {empty && <p className="live-chart-empty dim">Waiting for {instrument} candles…</p>}
    </div>
  );
}

/** Seconds per bar of "SYMBOL:interval" by the shared interval rule (1m → 60, 1M → 31 days at most); 60 when unknown. */
export function intervalSeconds(instrument: string): number {
  const iv = instrument.slice(instrument.lastIndexOf(':') + 1);
  return isInterval(iv) ? barGrid(iv).maxMs / 1000 : 60;
}

