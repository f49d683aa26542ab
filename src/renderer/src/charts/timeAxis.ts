/**
 * The time axis of every chart in the chosen zone, in 24-hour form: uPlot's tzDate (UTC
 * or the browser's zone), tick labels, and the legend's time with the zone's label.
 */
import uPlot from 'uplot';
import type { TimeZoneSetting } from '../store/settingsStore';
import { formatTime, zoneLabel } from '../time';

/** Tick labels per tick spacing: [spacing s, label, then the extra line when the year/month/day/hour/minute/second changes, mode]. */
const TICKS_24H: uPlot.Axis.Values = [
  [3600 * 24 * 365, '{YYYY}', null, null, null, null, null, null, 1],
  [3600 * 24 * 28, '{MMM}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600 * 24, '{MM}-{DD}', '\n{YYYY}', null, null, null, null, null, 1],
  [3600, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MM}-{DD}', null, null, null, 1],
  [60, '{HH}:{mm}', '\n{YYYY}-{MM}-{DD}', null, '\n{MM}-{DD}', null, null, null, 1],
  [1, ':{ss}', '\n{YYYY}-{MM}-{DD} {HH}:{mm}', null, '\n{MM}-{DD} {HH}:{mm}', null, '\n{HH}:{mm}', null, 1],
];

export interface TimeAxis {
  tzDate: (ts: number) => Date;
  /** uPlot's x series (index 0): the legend shows "yyyy-mm-dd hh:mm ZONE". */
  xSeries: uPlot.Series;
  /** Tick labels for the x axis. */
  values: uPlot.Axis.Values;
}

export function timeAxis(tz: TimeZoneSetting): TimeAxis {
  const label = zoneLabel(tz);
  return {
    tzDate: tz === 'utc' ? (ts) => uPlot.tzDate(new Date(ts * 1e3), 'Etc/UTC') : (ts) => new Date(ts * 1e3),
    xSeries: { label: 'Time', value: (_u, v) => (v === null ? '—' : `${formatTime(v * 1000, tz)} ${label}`) },
    values: TICKS_24H,
  };
}
