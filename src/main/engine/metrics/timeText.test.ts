import { describe, expect, it } from 'vitest';
import { ceilToUnit, dataPeriodMs, isoTime, MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, resolutionMs, timedeltaText } from './timeText';

describe('pandas-style time text', () => {
  it('prints timestamps as Timestamp.isoformat does, microseconds only when present', () => {
    expect(isoTime(Date.UTC(2004, 7, 19))).toBe('2004-08-19T00:00:00');
    expect(isoTime(Date.UTC(2025, 0, 2, 3, 4, 5, 250))).toBe('2025-01-02T03:04:05.250000');
  });

  it('prints durations as str(pd.Timedelta): days, then HH:MM:SS, microseconds only when present', () => {
    expect(timedeltaText(3116 * MS_PER_DAY)).toBe('3116 days 00:00:00');
    expect(timedeltaText(0)).toBe('0 days 00:00:00');
    expect(timedeltaText(MS_PER_DAY + 4 * MS_PER_HOUR + 30 * MS_PER_MINUTE + 7_500)).toBe('1 days 04:30:07.500000');
    expect(timedeltaText(NaN)).toBeNull();
    expect(() => timedeltaText(-1)).toThrow(RangeError);
  });
});

describe('bar period and rounding', () => {
  it('takes the median spacing of the last 100 bars, so a few gaps do not change it', () => {
    const time = Array.from({ length: 300 }, (_, i) => i * MS_PER_HOUR + (i > 250 ? 5 * MS_PER_HOUR : 0));
    expect(dataPeriodMs(time)).toBe(MS_PER_HOUR);
    expect(dataPeriodMs([0, 10, 30, 60])).toBe(20);
    expect(dataPeriodMs([5])).toBeNaN();
  });

  it('rounds up to the coarsest unit dividing the period, as Timedelta.ceil(resolution_string)', () => {
    expect(resolutionMs(MS_PER_DAY)).toBe(MS_PER_DAY);
    expect(resolutionMs(4 * MS_PER_HOUR)).toBe(MS_PER_HOUR);
    expect(resolutionMs(90 * MS_PER_MINUTE)).toBe(MS_PER_MINUTE);
    expect(ceilToUnit(151.2 * MS_PER_DAY, MS_PER_DAY)).toBe(152 * MS_PER_DAY);
    expect(ceilToUnit(152 * MS_PER_DAY, MS_PER_DAY)).toBe(152 * MS_PER_DAY);
    expect(ceilToUnit(61 * MS_PER_MINUTE, MS_PER_HOUR)).toBe(2 * MS_PER_HOUR);
    expect(ceilToUnit(NaN, MS_PER_HOUR)).toBeNaN();
  });
});
