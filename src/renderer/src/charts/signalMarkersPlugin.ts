/**
 * Paper-session fills on the live candle chart: ▲ under the bar for a buy, ▼ over the
 * bar for a sell (at the fill's bar when it is in the window), and a dashed line at the
 * last price so the forming candle's level reads at a glance. Reads its inputs through
 * getters at draw time, so the streaming chart never rebuilds the plugin.
 */
import type uPlot from 'uplot';
import type { SignalEvent } from '../../../shared/apiTypes';
import type { ChartCandles } from './chartData';
import { colors } from './theme';

export function signalMarkersPlugin(candles: () => ChartCandles, signals: () => readonly SignalEvent[]): uPlot.Plugin {
  return {
    hooks: {
      draw: [
        (u: uPlot) => {
          const c = candles();
          const n = c.x.length;
          if (n === 0) return;
          const { ctx } = u;
          const { left, top, width, height } = u.bbox;
          ctx.save();
          ctx.beginPath();
          ctx.rect(left, top, width, height);
          ctx.clip();
          drawLastPrice(u, c.close[n - 1], c.close[n - 1] >= c.open[n - 1]);
          const s = 5 * devicePixelRatio;
          for (const sig of signals()) {
            const x = sig.time / 1000;
            if (x < c.x[0] || x > c.x[n - 1]) continue;
            const i = lowerBound(c.x, x);
            const onBar = i < n && c.x[i] === x;
            const buy = sig.side === 'buy';
            const px = u.valToPos(x, 'x', true);
            const ref = onBar ? (buy ? c.low[i] : c.high[i]) : sig.price;
            const py = u.valToPos(ref, 'y', true) + (buy ? s * 1.8 : -s * 1.8);
            ctx.fillStyle = buy ? colors.up : colors.down;
            ctx.strokeStyle = '#0d1117';
            ctx.lineWidth = devicePixelRatio;
            ctx.beginPath();
            ctx.moveTo(px, buy ? py - s : py + s);
            ctx.lineTo(px - s, buy ? py + s * 0.8 : py - s * 0.8);
            ctx.lineTo(px + s, buy ? py + s * 0.8 : py - s * 0.8);
            ctx.closePath();
            ctx.fill();
            ctx.stroke();
          }
          ctx.restore();
        },
      ],
    },
  };
}

function drawLastPrice(u: uPlot, price: number, up: boolean): void {
  const { ctx } = u;
  const y = Math.round(u.valToPos(price, 'y', true)) + 0.5;
  ctx.strokeStyle = up ? colors.up : colors.down;
  ctx.globalAlpha = 0.7;
  ctx.lineWidth = devicePixelRatio;
  ctx.setLineDash([3 * devicePixelRatio, 3 * devicePixelRatio]);
  ctx.beginPath();
  ctx.moveTo(u.bbox.left, y);
  ctx.lineTo(u.bbox.left + u.bbox.width, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.globalAlpha = 1;
}

function lowerBound(xs: Float64Array, v: number): number {
  let lo = 0, hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
