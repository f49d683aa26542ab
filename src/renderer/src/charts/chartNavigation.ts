/**
 * TradingView-style navigation of a chart pane, every change going through the shared
 * XRangeLink so all panes move together: the wheel zooms time around the cursor, a drag
 * pans, Shift+drag zooms to the box drawn, a double-click shows all data again, and with
 * the plot focused (click it, or Tab to it) + / - zoom, ← / → pan and 0 resets.
 * uPlot's own drag-zoom and double-click are switched off: they would change one pane only.
 */
import type uPlot from 'uplot';
import type { XRangeLink } from './xRangeLink';

/** Zoom per wheel notch (a mouse sends deltaY 100 per notch) and per key press. */
const WHEEL_ZOOM_PER_100 = 1.2;
const KEY_ZOOM = 1.25;
/** Share of the visible range one arrow key press pans. */
const KEY_PAN = 0.1;
/** A Shift+drag narrower than this (CSS px) is a click, not a box. */
const MIN_BOX_PX = 4;

/** Line- and page-mode wheels (Firefox, some mice) reported in pixels. */
function wheelPixels(e: WheelEvent): number {
  return e.deltaMode === 1 ? e.deltaY * 40 : e.deltaMode === 2 ? e.deltaY * 800 : e.deltaY;
}

export function navigationPlugin(link: XRangeLink): uPlot.Plugin {
  let stop: () => void = () => undefined;
  return {
    opts: (_u, opts) => ({
      ...opts,
      cursor: {
        ...opts.cursor,
        drag: { x: false, y: false, setScale: false },
        // Returning null leaves dblclick unbound in uPlot: ours resets every pane instead.
        bind: { ...opts.cursor?.bind, dblclick: () => null },
      },
    }),
    hooks: {
      ready: [
        (u) => {
          link.attach(u);
          stop = listen(u, link);
        },
      ],
      setData: [(u) => link.dataChanged(u)],
      // The time range shown, on the chart's root element: the browser tests and the UI bench read it there.
      setScale: [
        (u, key) => {
          if (key !== 'x') return;
          u.root.dataset.xMin = String(u.scales.x.min);
          u.root.dataset.xMax = String(u.scales.x.max);
        },
      ],
      destroy: [
        (u) => {
          stop();
          link.detach(u);
        },
      ],
    },
  };
}

function listen(u: uPlot, link: XRangeLink): () => void {
  const over = u.over;
  over.tabIndex = 0;
  over.setAttribute('aria-label', 'chart: wheel or +/- to zoom, drag or arrows to pan, Shift+drag to zoom to a box, double-click or 0 to show all');
  const xAt = (clientX: number) => u.posToVal(clientX - over.getBoundingClientRect().left, 'x');

  const onWheel = (e: WheelEvent) => {
    e.preventDefault();
    const px = wheelPixels(e);
    if (px === 0) return;
    const factor = Math.min(4, Math.max(0.25, WHEEL_ZOOM_PER_100 ** (px / 100)));
    link.zoom(factor, xAt(e.clientX));
  };

  let endDrag: (() => void) | null = null;
  const onMouseDown = (e: MouseEvent) => {
    if (e.button !== 0) return;
    over.focus({ preventScroll: true });
    const r0 = link.visible();
    if (!r0) return;
    e.preventDefault();
    const rect = over.getBoundingClientRect();
    const x0 = e.clientX;
    const box = e.shiftKey;
    const onMove = (m: MouseEvent) => {
      if (box) {
        const a = Math.max(0, Math.min(x0, m.clientX) - rect.left), b = Math.min(rect.width, Math.max(x0, m.clientX) - rect.left);
        u.setSelect({ left: a, top: 0, width: Math.max(0, b - a), height: rect.height }, false);
      } else {
        over.style.cursor = 'grabbing';
        const dt = ((x0 - m.clientX) / rect.width) * (r0.max - r0.min);
        link.set({ min: r0.min + dt, max: r0.max + dt });
      }
    };
    const onUp = (m: MouseEvent) => {
      endDrag?.();
      if (box && Math.abs(m.clientX - x0) >= MIN_BOX_PX) {
        const a = Math.max(0, Math.min(x0, m.clientX) - rect.left), b = Math.min(rect.width, Math.max(x0, m.clientX) - rect.left);
        link.set({ min: u.posToVal(a, 'x'), max: u.posToVal(b, 'x') });
      }
    };
    endDrag = () => {
      window.removeEventListener('mousemove', onMove);
      window.removeEventListener('mouseup', onUp);
      over.style.cursor = '';
      if (box) u.setSelect({ left: 0, top: 0, width: 0, height: 0 }, false);
      endDrag = null;
    };
    window.addEventListener('mousemove', onMove);
    window.addEventListener('mouseup', onUp);
  };

  const onDblClick = (e: MouseEvent) => {
    e.preventDefault();
    link.reset();
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const r = link.visible();
    if (!r) return;
    const mid = (r.min + r.max) / 2;
    if (e.key === '+' || e.key === '=') link.zoom(1 / KEY_ZOOM, mid);
    else if (e.key === '-' || e.key === '_') link.zoom(KEY_ZOOM, mid);
    else if (e.key === 'ArrowLeft') link.pan(-(r.max - r.min) * KEY_PAN);
    else if (e.key === 'ArrowRight') link.pan((r.max - r.min) * KEY_PAN);
    else if (e.key === '0') link.reset();
    else return;
    e.preventDefault();
  };

  over.addEventListener('wheel', onWheel, { passive: false });
  over.addEventListener('mousedown', onMouseDown);
  over.addEventListener('dblclick', onDblClick);
  over.addEventListener('keydown', onKey);
  return () => {
    endDrag?.();
    over.removeEventListener('wheel', onWheel);
    over.removeEventListener('mousedown', onMouseDown);
    over.removeEventListener('dblclick', onDblClick);
    over.removeEventListener('keydown', onKey);
  };
}
