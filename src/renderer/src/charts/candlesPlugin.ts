/**
 * Draws candles, volume and trade markers straight from the Float64Array columns in
 * uPlot's draw hook. When the visible range has more bars than the plot has room for,
 * consecutive bars are merged into one candle per few pixels (OhlcBuckets, reused from
 * frame to frame), so a million bars draw as fast as a thousand and still show the true
 * highs and lows; zooming in brings back every bar.
 */
import type uPlot from 'uplot';
import type { TradeRecord } from '../../../shared/backtestTypes';
import type { ChartCandles } from './chartData';
import { OhlcBuckets } from './ohlcBuckets';
import type { OhlcIndex } from './ohlcIndex';
import { colors } from './theme';

/** Narrowest candle (in canvas pixels) before bars are merged. */
const MIN_CANDLE_PX = 4;

/**
 * `index` (for columns that never change, e.g. a run's candles) makes each frame cost
 * O(drawn candles) instead of O(visible bars). `trades` is read at every draw: a host
 * showing another run on the same candles redraws the plot instead of building a new one.
 */
export function candlesPlugin(c: ChartCandles, trades: () => readonly TradeRecord[], index?: OhlcIndex): uPlot.Plugin {
  const buckets = new OhlcBuckets();
  return {
    hooks: {
      // drawClear runs before the series, so indicator lines stay visible over the candles.
      drawClear: [
        (u: uPlot) => {
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          const xMin = u.scales.x.min ?? c.x[0];
          const xMax = u.scales.x.max ?? c.x[c.x.length - 1];
          const i0 = Math.max(0, lowerBound(c.x, xMin));
          const i1 = Math.min(c.x.length - 1, lowerBound(c.x, xMax + 1e-9) - 1);
          if (i1 < i0) return;
          const barPx = width / Math.max(1, i1 - i0 + 1);
          const per = barPx >= MIN_CANDLE_PX ? 1 : Math.ceil(MIN_CANDLE_PX / barPx);
          const bodyW = Math.max(1, Math.min(barPx * per * 0.7, 24 * devicePixelRatio));
          const n = buckets.fill(c, i0, i1, per, index);

          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();

          drawVolume(u, c, buckets, bodyW);

          const wick = Math.max(1, devicePixelRatio), wickOff = Math.max(0.5, devicePixelRatio / 2);
          // Two passes, one colour each: fillStyle is set twice per frame, not per candle.
          for (const up of [true, false]) {
            ctx.fillStyle = up ? colors.up : colors.down;
            for (let k = 0; k < n; k++) {
              const o = buckets.open[k], cl = buckets.close[k];
              if (cl >= o !== up) continue;
              const xc = (u.valToPos(c.x[buckets.from[k]], 'x', true) + u.valToPos(c.x[buckets.to[k]], 'x', true)) / 2;
              const yo = u.valToPos(o, 'y', true);
              const yc = u.valToPos(cl, 'y', true);
              const yh = u.valToPos(buckets.high[k], 'y', true);
              const yl = u.valToPos(buckets.low[k], 'y', true);
              ctx.fillRect(Math.round(xc) - wickOff, yh, wick, yl - yh);
              ctx.fillRect(Math.round(xc - bodyW / 2), Math.min(yo, yc), Math.round(bodyW), Math.max(1, Math.abs(yc - yo)));
            }
          }

          ctx.restore();
        },
      ],
      draw: [
        (u: uPlot) => {
          const { left, top, width, height } = u.bbox;
          u.ctx.save();
          u.ctx.beginPath();
          u.ctx.rect(left, top, width, height);
          u.ctx.clip();
          drawTrades(u, c, trades(), u.scales.x.min ?? c.x[0], u.scales.x.max ?? c.x[c.x.length - 1]);
          u.ctx.restore();
        },
      ],
    },
  };
}

/** Volume bars in the bottom 18 % of the plot, scaled to the tallest visible bucket. */
function drawVolume(u: uPlot, c: ChartCandles, b: OhlcBuckets, bodyW: number): void {
  const { ctx } = u;
  const { top, height } = u.bbox;
  let maxV = 0;
  for (let k = 0; k < b.count; k++) if (b.volume[k] > maxV) maxV = b.volume[k];
  if (maxV <= 0) return;
  const band = height * 0.18;
  ctx.globalAlpha = 0.28;
  for (const up of [true, false]) {
    ctx.fillStyle = up ? colors.up : colors.down;
    for (let k = 0; k < b.count; k++) {
      if (b.close[k] >= b.open[k] !== up) continue;
      const x = (u.valToPos(c.x[b.from[k]], 'x', true) + u.valToPos(c.x[b.to[k]], 'x', true)) / 2;
      const h = (b.volume[k] / maxV) * band;
      ctx.fillRect(Math.round(x - bodyW / 2), top + height - h, Math.round(bodyW), h);
    }
  }
  ctx.globalAlpha = 1;
}

function drawTrades(u: uPlot, c: ChartCandles, trades: readonly TradeRecord[], xMin: number, xMax: number): void {
  const { ctx } = u;
  let visible = 0;
  for (const t of trades) if (t.exitTime / 1000 >= xMin && t.entryTime / 1000 <= xMax) visible++;
  // Crowded view: smaller markers and no connecting lines, so the candles stay readable.
  const crowded = visible > 80;
  const s = (crowded ? 3 : 5) * devicePixelRatio;
  // Markers gathered into one path per colour and drawn with one fill or stroke each:
  // a view of thousands of trades was thousands of separate canvas draws.
  const longEntries = new Path2D(), shortEntries = new Path2D(), winExits = new Path2D(), lossExits = new Path2D();
  for (const t of trades) {
    const xe = t.entryTime / 1000, xx = t.exitTime / 1000;
    if (xx < xMin || xe > xMax) continue;
    const px0 = u.valToPos(xe, 'x', true), py0 = u.valToPos(t.entryPrice, 'y', true);
    const px1 = u.valToPos(xx, 'x', true), py1 = u.valToPos(t.exitPrice, 'y', true);
    const win = t.pnl >= 0;
    if (!crowded) {
      ctx.strokeStyle = win ? 'rgba(38,166,154,0.8)' : 'rgba(239,83,80,0.8)';
      ctx.setLineDash([4 * devicePixelRatio, 3 * devicePixelRatio]);
      ctx.lineWidth = devicePixelRatio;
      ctx.beginPath();
      ctx.moveTo(px0, py0);
      ctx.lineTo(px1, py1);
      ctx.stroke();
      ctx.setLineDash([]);
    }
    // Entry: a triangle pointing the trade's way, below the bar for longs, above for shorts.
    const long = t.side === 'long';
    const idx = Math.min(c.x.length - 1, Math.max(0, t.entryBar));
    const anchor = u.valToPos(long ? c.low[idx] : c.high[idx], 'y', true) + (long ? s * 1.6 : -s * 1.6);
    const entries = long ? longEntries : shortEntries;
    const tip = long ? -s : s, base = long ? s * 0.8 : -s * 0.8;
    entries.moveTo(px0, anchor + tip);
    entries.lineTo(px0 - s, anchor + base);
    entries.lineTo(px0 + s, anchor + base);
    entries.closePath();
    // Exit: a ring at the fill price.
    const exits = win ? winExits : lossExits;
    exits.moveTo(px1 + s * 0.7, py1);
    exits.arc(px1, py1, s * 0.7, 0, Math.PI * 2);
  }
  ctx.fillStyle = colors.up;
  ctx.fill(longEntries);
  ctx.fillStyle = colors.down;
  ctx.fill(shortEntries);
  ctx.lineWidth = 1.5 * devicePixelRatio;
  ctx.strokeStyle = colors.up;
  ctx.stroke(winExits);
  ctx.strokeStyle = colors.down;
  ctx.stroke(lossExits);
}

/** First index whose time is >= v (xs ascending). */
export function lowerBound(xs: Float64Array, v: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
