/** Candles + volume + trade markers + price-pane indicator overlays; RSI-like indicators in a pane below. */
import { useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import type { TradeRecord } from '../../../shared/backtestTypes';
import type { IndicatorSeries } from '../../../shared/apiTypes';
import type { ChartCandles } from './chartData';
import { toSeries } from './chartData';
import { candlesPlugin } from './candlesPlugin';
import { OhlcIndex } from './ohlcIndex';
import { logPriceSplits, priceRange } from './priceScale';
import { navigationPlugin } from './chartNavigation';
import { crosshairLabelsPlugin } from './crosshairLabels';
import { runXRange } from './xRangeLink';
import { axis, colors, fmtPrice, PANE_PADDING } from './theme';
import { UPlotChart } from './UPlotChart';
import { timeAxis } from './timeAxis';
import { formatTime } from '../time';
import { useSettings, type TimeZoneSetting } from '../store/settingsStore';

export const SYNC_KEY = 'run';

interface Props {
  candles: ChartCandles;
  trades: readonly TradeRecord[];
  overlays: readonly IndicatorSeries[];
}

/**
 * O/H/L/C ride along for the legend only: no path, and auto: false so uPlot does not scan
 * a million values of each for the y range on every frame (priceRange reads the index).
 */
const hidden = { paths: () => null, points: { show: false }, auto: false } as const;

export function PriceChart({ candles, trades, overlays }: Props) {
  const priceOverlays = overlays.filter((o) => o.pane === 'price');
  const paneOverlays = overlays.filter((o) => o.pane === 'separate');
  const tz = useSettings((s) => s.timeZone);
  const [log, setLog] = useState(false);
  const index = useMemo(() => new OhlcIndex(candles), [candles]);
  // Read by the candle plugin at every draw: another run on these candles redraws the plot
  // with its trades instead of building a new one.
  const tradesRef = useRef(trades);
  tradesRef.current = trades;

  const { opts, data } = useMemo(() => {
    const time = timeAxis(tz);
    const series: uPlot.Series[] = [
      time.xSeries,
      { label: 'O', ...hidden, value: (_u, v) => fmtPrice(v) },
      { label: 'H', ...hidden, value: (_u, v) => fmtPrice(v) },
      { label: 'L', ...hidden, value: (_u, v) => fmtPrice(v) },
      { label: 'C', ...hidden, value: (_u, v) => fmtPrice(v) },
    ];
    const data: (Float64Array | (number | null)[])[] = [candles.x, candles.open, candles.high, candles.low, candles.close];
    let k = 0;
    for (const o of priceOverlays) {
      for (const [out, values] of Object.entries(o.outputs)) {
        series.push({
          label: `${o.name}(${Object.values(o.params).join(',')})${out === o.name || Object.keys(o.outputs).length === 1 ? '' : `.${out}`}`,
          stroke: colors.overlays[k++ % colors.overlays.length],
          width: 1.25,
          points: { show: false },
          value: (_u, v) => fmtPrice(v),
        });
        data.push(toSeries(values));
      }
    }
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      series,
      padding: PANE_PADDING,
      scales: { x: { time: true }, y: { auto: true, distr: log ? 3 : 1, range: priceRange(index, log) } },
      tzDate: time.tzDate,
      axes: [
        axis({ values: time.values }),
        axis({ side: 1, size: 70, values: (_u, ticks) => ticks.map((t) => fmtPrice(t)), ...(log ? { splits: logPriceSplits } : {}) }),
      ],
      cursor: { sync: { key: SYNC_KEY } },
      legend: { show: true, live: true },
      plugins: [
        candlesPlugin(candles, () => tradesRef.current, index),
        navigationPlugin(runXRange),
        crosshairLabelsPlugin({ value: fmtPrice, time: (v) => formatTime(v * 1000, tz) }),
      ],
    };
    return { opts, data: data as uPlot.AlignedData };
  }, [candles, overlays, tz, log, index]);

  return (
    <div className="price-stack">
      <button
        type="button"
        className={log ? 'chart-scale-toggle active' : 'chart-scale-toggle'}
        aria-pressed={log}
        title="Logarithmic price scale"
        data-testid="log-scale"
        onClick={() => setLog((v) => !v)}
      >
        log
      </button>
      <UPlotChart opts={opts} data={data} redrawKey={trades} className="chart chart-price" testId="price-chart" />
      {paneOverlays.map((o) => (
        <IndicatorPane key={`${o.name}-${JSON.stringify(o.params)}`} candles={candles} series={o} tz={tz} />
      ))}
    </div>
  );
}

function IndicatorPane({ candles, series, tz }: { candles: ChartCandles; series: IndicatorSeries; tz: TimeZoneSetting }) {
  const { opts, data } = useMemo(() => {
    const time = timeAxis(tz);
    const s: uPlot.Series[] = [time.xSeries];
    const d: (Float64Array | (number | null)[])[] = [candles.x];
    let k = 2;
    for (const [out, values] of Object.entries(series.outputs)) {
      s.push({ label: `${series.name}(${Object.values(series.params).join(',')})${Object.keys(series.outputs).length > 1 ? `.${out}` : ''}`, stroke: colors.overlays[k++ % colors.overlays.length], width: 1.25, points: { show: false } });
      d.push(toSeries(values));
    }
    const opts: Omit<uPlot.Options, 'width' | 'height'> = {
      series: s,
      padding: PANE_PADDING,
      tzDate: time.tzDate,
      scales: { x: { time: true } },
      axes: [axis({ show: false }), axis({ side: 1, size: 70 })],
      cursor: { sync: { key: SYNC_KEY } },
      legend: { show: true },
      plugins: [navigationPlugin(runXRange), crosshairLabelsPlugin({ value: fmtPrice })],
    };
    return { opts, data: d as uPlot.AlignedData };
  }, [candles, series, tz]);
  return <UPlotChart opts={opts} data={data} className="chart chart-pane" testId={`pane-${series.name}`} />;
}
