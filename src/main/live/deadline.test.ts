import { describe, expect, it } from 'vitest';
import { settleWithin } from './deadline';

describe('settleWithin', () => {
  it('is true for a promise that settles, resolved or rejected', async () => {
    expect(await settleWithin(Promise.resolve(1), 1000)).toBe(true);
    expect(await settleWithin(Promise.reject(new Error('x')), 1000)).toBe(true);
  });

  it('is false for a promise that never settles, once the bound has passed', async () => {
    expect(await settleWithin(new Promise(() => {}), 10)).toBe(false);
  });
});
