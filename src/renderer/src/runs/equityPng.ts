/**
 * A run's equity curve drawn on its own canvas for the PNG export: the history has no
 * chart of every run on screen, and a picture made apart from the live charts looks
 * the same whatever screen or theme the user is on (white background, for documents).
 */
import type { RunDetail } from '../../../shared/backtestTypes';
import { formatDay } from '../time';

const W = 1200;
const H = 600;
const PAD = { left: 90, right: 30, top: 60, bottom: 50 };

/** x is the bar index (one equity value per bar); the axis names the run's first and last bar. */
export function equityPng(run: RunDetail, title: string): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = W;
  canvas.height = H;
  const g = canvas.getContext('2d');
  if (!g) return Promise.reject(new Error('this browser cannot draw on a canvas'));
  const eq = run.equity;
  const n = eq.length;
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < n; i++) {
    if (eq[i] < lo) lo = eq[i];
    if (eq[i] > hi) hi = eq[i];
  }
  if (!(hi > lo)) [lo, hi] = [lo - 1, hi + 1];
  const x = (i: number) => PAD.left + (i / Math.max(1, n - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => PAD.top + (1 - (v - lo) / (hi - lo)) * (H - PAD.top - PAD.bottom);

  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, W, H);
  g.fillStyle = '#18202c';
  g.font = '600 18px system-ui, sans-serif';
  g.fillText(title, PAD.left, 32);
  g.font = '12px system-ui, sans-serif';
  g.strokeStyle = '#e3e7ee';
  g.lineWidth = 1;
  for (let k = 0; k <= 4; k++) {
    const v = lo + ((hi - lo) * k) / 4;
    g.beginPath();
    g.moveTo(PAD.left, y(v));
    g.lineTo(W - PAD.right, y(v));
    g.stroke();
    g.fillStyle = '#5b6576';
    g.fillText(v.toLocaleString('en-US', { maximumFractionDigits: 0 }), 10, y(v) + 4);
  }
  if (n > 0) {
    g.fillText(`${formatDay(run.dataFrom, 'utc')} UTC`, PAD.left, H - 18);
    const end = `${formatDay(run.dataTo, 'utc')} UTC`;
    g.fillText(end, W - PAD.right - g.measureText(end).width, H - 18);
  }
  // One point per pixel column is all a 1,200 px picture can show; min and max keep the spikes.
  g.strokeStyle = '#1f6fd6';
  g.lineWidth = 1.5;
  g.beginPath();
  const step = Math.max(1, Math.floor(n / (W - PAD.left - PAD.right)));
  for (let i = 0; i < n; i += step) {
    let a = eq[i];
    let b = eq[i];
    for (let j = i + 1; j < Math.min(n, i + step); j++) {
      a = Math.min(a, eq[j]);
      b = Math.max(b, eq[j]);
    }
    const px = x(i);
    if (i === 0) g.moveTo(px, y(eq[0]));
    g.lineTo(px, y(a));
    g.lineTo(px, y(b));
  }
  g.stroke();
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('the chart could not be encoded as PNG'))), 'image/png'));
}
