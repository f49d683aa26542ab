/**
 * Axis labels at the crosshair, as on TradingView: the value under the cursor on the
 * right (price) axis and, for panes that show the time axis, the time on the bottom one.
 * Two absolutely placed divs in uPlot's over layer, moved on every cursor change.
 */
import uPlot from 'uplot';

export interface CrosshairLabelFormat {
  /** The y value under the cursor as the axis writes it. */
  value(v: number): string;
  /** The time (epoch seconds) under the cursor; omit on panes whose time axis is hidden. */
  time?: (v: number) => string;
}

export function crosshairLabelsPlugin(fmt: CrosshairLabelFormat): uPlot.Plugin {
  let yLabel: HTMLDivElement | null = null;
  let xLabel: HTMLDivElement | null = null;
  return {
    hooks: {
      init: [
        (u) => {
          yLabel = label(u, 'xhair-label xhair-y', 'crosshair-price');
          if (fmt.time) xLabel = label(u, 'xhair-label xhair-x', 'crosshair-time');
        },
      ],
      setCursor: [
        (u) => {
          const { left, top } = u.cursor;
          // The plot area's size from uPlot's own box (device pixels), not the over layer's
          // clientWidth: reading that forced a layout inside every chart's first draw.
          const w = u.bbox.width / uPlot.pxRatio, h = u.bbox.height / uPlot.pxRatio;
          const onPlot = left != null && top != null && left >= 0 && top >= 0 && left <= w && top <= h;
          if (yLabel) {
            yLabel.style.display = onPlot ? '' : 'none';
            if (onPlot) {
              yLabel.textContent = fmt.value(u.posToVal(top, 'y'));
              yLabel.style.transform = `translate(${w}px, ${top}px) translateY(-50%)`;
            }
          }
          // The time label follows the synced cursor too, so it shows when another pane is hovered.
          const onTime = left != null && left >= 0 && left <= w;
          if (xLabel && fmt.time) {
            xLabel.style.display = onTime ? '' : 'none';
            if (onTime) {
              // The bar under the cursor, as the legend shows it (the raw position falls between bars).
              const idx = u.cursor.idx;
              xLabel.textContent = fmt.time(idx != null ? u.data[0][idx] : u.posToVal(left, 'x'));
              xLabel.style.transform = `translate(${left}px, ${h}px) translateX(-50%)`;
            }
          }
        },
      ],
    },
  };
}

function label(u: uPlot, className: string, testId: string): HTMLDivElement {
  const el = document.createElement('div');
  el.className = className;
  el.dataset.testid = testId;
  el.style.display = 'none';
  u.over.appendChild(el);
  return el;
}
