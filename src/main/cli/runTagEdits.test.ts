import { describe, expect, it } from 'vitest';
import { applyTagEdits, takeTagEdits } from './runTagEdits';

describe('runs tag +t -t', () => {
  it('takes +tag and -tag words out of argv and leaves the options', () => {
    expect(takeTagEdits(['tag', '3', '+keep', '-draft', '--json'])).toEqual({ add: ['keep'], remove: ['draft'], rest: ['tag', '3', '--json'] });
  });

  it('adds and removes against the current tags, sorted and without duplicates', () => {
    expect(applyTagEdits(['draft', 'btc'], { add: ['keep', 'btc'], remove: ['draft'] })).toEqual(['btc', 'keep']);
  });

  it('refuses a tag the store would refuse, naming it', () => {
    expect(() => takeTagEdits(['tag', '3', '+a,b'])).toThrow(/tag "a,b" may hold only/);
  });
});
