import { describe, expect, it } from 'vitest';
import { throttleDecision } from './throttle';

const now = new Date('2026-01-10T12:00:00Z');
const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(now.getTime() - m * 60_000));

describe('sign-in throttling', () => {
  it('lets nine failures through and blocks the tenth', () => {
    expect(throttleDecision(minutesAgo(1, 2, 3, 4, 5, 6, 7, 8, 9), now).blocked).toBe(false);
    const blocked = throttleDecision(minutesAgo(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), now);
    expect(blocked.blocked).toBe(true);
    // The oldest of the ten, 10 minutes ago, leaves the 15-minute window in 5 minutes.
    expect(blocked.retryAfterSeconds).toBe(5 * 60);
  });

  it('forgets failures older than the window, so nobody is locked out for good', () => {
    expect(throttleDecision(minutesAgo(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26), now).blocked).toBe(false);
    expect(throttleDecision(minutesAgo(1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 30), now).blocked).toBe(false);
  });
});
