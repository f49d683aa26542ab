import { describe, expect, it } from 'vitest';
import { dayEnd, dayStart, formatTime, zoneLabel } from './time';

describe('time in the chosen zone', () => {
  it('formats UTC in 24-hour form whatever the machine zone', () => {
    expect(formatTime(Date.UTC(2024, 0, 5, 15, 7), 'utc')).toBe('2024-01-05 15:07');
    expect(zoneLabel('utc')).toBe('UTC');
  });

  it('reads a typed day as the zone\'s midnight and its last millisecond', () => {
    expect(dayStart('2024-02-01', 'utc')).toBe(Date.UTC(2024, 1, 1));
    expect(dayEnd('2024-02-01', 'utc')).toBe(Date.UTC(2024, 1, 1, 23, 59, 59, 999));
    expect(dayStart('2024-02-01', 'local')).toBe(new Date(2024, 1, 1).getTime());
    expect(dayStart('02/01/2024', 'utc')).toBeNaN();
  });
});
