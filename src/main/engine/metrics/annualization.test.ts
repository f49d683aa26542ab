import { describe, expect, it } from 'vitest';
import { geometricMean, inferAnnualization, periodReturns } from './annualization';
import { MS_PER_DAY, MS_PER_HOUR } from './timeText';

const MONDAY = Date.UTC(2024, 0, 1);

describe('inferAnnualization', () => {
  it('counts 365 days a year for 24/7 data and 252 for weekday-only data', () => {
    const allDays = Array.from({ length: 30 }, (_, i) => MONDAY + i * MS_PER_DAY);
    const weekdays = allDays.filter((t) => ![0, 6].includes(new Date(t).getUTCDay()));
    expect(inferAnnualization(allDays)).toMatchObject({ bucket: 'D', periodsPerYear: 365, haveWeekends: true });
    expect(inferAnnualization(weekdays)).toMatchObject({ bucket: 'D', periodsPerYear: 252, haveWeekends: false });
  });

  it('uses 52 weekly, 12 monthly and 1 yearly periods for bars that long', () => {
    const weekly = Array.from({ length: 20 }, (_, i) => MONDAY + i * 7 * MS_PER_DAY);
    const monthly = Array.from({ length: 24 }, (_, i) => Date.UTC(2020, i, 1));
    const yearly = Array.from({ length: 5 }, (_, i) => Date.UTC(2019 + i * 2, 0, 1)); // 2019, 2021, ...: 731-day gaps
    expect(inferAnnualization(weekly)).toMatchObject({ freqDays: 7, bucket: 'W', periodsPerYear: 52 });
    expect(inferAnnualization(monthly)).toMatchObject({ freqDays: 31, bucket: 'ME', periodsPerYear: 12 });
    expect(inferAnnualization(Array.from({ length: 4 }, (_, i) => Date.UTC(2021, 0, 1) + i * 365 * MS_PER_DAY))).toMatchObject({ bucket: 'YE', periodsPerYear: 1 });
    // Two-year spacing is none of backtesting.py's cases: it falls back to daily rules.
    expect(inferAnnualization(yearly).bucket).toBe('D');
  });
});

describe('periodReturns', () => {
  it('compares the last equity of each calendar day with the previous day, skipping days without bars', () => {
    const time = [0, 6, 23, 24, 30, 72].map((h) => MONDAY + h * MS_PER_HOUR); // Mon x3, Tue x2, Thu
    const equity = [100, 105, 110, 90, 121, 133.1];
    const r = periodReturns(time, equity, 'D');
    expect(r).toHaveLength(2);
    expect(r[0]).toBeCloseTo(0.1, 12);
    expect(r[1]).toBeCloseTo(0.1, 12);
  });

  it('groups weeks Monday to Sunday', () => {
    const sunday = MONDAY + 6 * MS_PER_DAY;
    const r = periodReturns([MONDAY, sunday, sunday + MS_PER_DAY], [100, 200, 220], 'W');
    expect(r).toHaveLength(1);
    expect(r[0]).toBeCloseTo(0.1, 12);
  });
});

describe('geometricMean', () => {
  it('is the per-period compound rate, 0 after a total loss and NaN with nothing to average', () => {
    expect(geometricMean([0.1, 0.1])).toBeCloseTo(0.1, 12);
    expect(geometricMean([1, -0.5])).toBeCloseTo(0, 12);
    expect(geometricMean([0.2, -1])).toBe(0);
    expect(geometricMean([])).toBeNaN();
  });
});
