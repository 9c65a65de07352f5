import { describe, expect, it } from 'vitest';
import { RECENT_PERIODS, recentPeriods, wantsAllPeriods } from './period-window';

describe('recentPeriods', () => {
  const periods = Array.from({ length: 40 }, (_, i) => i);

  it('keeps the most recent periods, oldest first, and says how many there are', () => {
    expect(recentPeriods(periods, false)).toEqual({ periods: periods.slice(40 - RECENT_PERIODS), window: { shown: RECENT_PERIODS, total: 40, all: false } });
  });

  it('keeps every period when asked, or when there are few', () => {
    expect(recentPeriods(periods, true).periods).toHaveLength(40);
    expect(recentPeriods([1, 2, 3], false)).toEqual({ periods: [1, 2, 3], window: { shown: 3, total: 3, all: false } });
  });

  it('reads ?periods=all and nothing else', () => {
    expect(wantsAllPeriods('http://x/places/nc/gaston-county?periods=all')).toBe(true);
    expect(wantsAllPeriods('http://x/places/nc/gaston-county?periods=ALL')).toBe(false);
    expect(wantsAllPeriods('http://x/places/nc/gaston-county')).toBe(false);
  });
});
