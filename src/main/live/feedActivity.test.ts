import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FeedActivity } from './feedActivity';

describe('feed activity', () => {
  beforeEach(() => vi.useFakeTimers({ now: 1_000_000 }));
  afterEach(() => vi.useRealTimers());

  it('counts messages and reads their rate over the window', () => {
    const a = new FeedActivity({ report: () => {}, windowSec: 5 });
    a.add(100);
    vi.advanceTimersByTime(1000);
    a.add(150);
    expect(a.messages).toBe(250);
    expect(a.rate()).toBe(50);
  });

  it('reports once per interval after batches, then until the rate is back to 0', () => {
    const report = vi.fn();
    const a = new FeedActivity({ report, reportMs: 500, windowSec: 2 });
    a.add(1);
    a.add(1);
    a.add(1);
    expect(report).not.toHaveBeenCalled();
    vi.advanceTimersByTime(500);
    expect(report).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(10_000);
    const reports = report.mock.calls.length;
    expect(a.rate()).toBe(0);
    vi.advanceTimersByTime(10_000);
    expect(report).toHaveBeenCalledTimes(reports);
  });

  it('stops reporting when closed', () => {
    const report = vi.fn();
    const a = new FeedActivity({ report });
    a.add(5);
    a.close();
    vi.advanceTimersByTime(10_000);
    expect(report).not.toHaveBeenCalled();
  });
});
