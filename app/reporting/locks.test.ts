import { describe, expect, it } from 'vitest';
import { filingWindow, lockedAt } from './locks';

describe('lockedAt', () => {
  it('locks at midnight in New York on the day after due + lock days, in EST and EDT', () => {
    expect(lockedAt('2025-01-31', 0)).toBe('2025-02-01T05:00:00.000Z');
    expect(lockedAt('2025-07-30', 10)).toBe('2025-08-10T04:00:00.000Z');
  });

  it('counts calendar days across the spring change (EST due date, EDT lock)', () => {
    // Due 2025-03-01 (EST); 2025-03-09 has 23 hours; the lock is still New York midnight.
    expect(lockedAt('2025-03-01', 10)).toBe('2025-03-12T04:00:00.000Z');
  });

  it('counts calendar days across the autumn change (EDT due date, EST lock)', () => {
    // 2025-11-02 has 25 hours.
    expect(lockedAt('2025-10-31', 3)).toBe('2025-11-04T05:00:00.000Z');
  });

  it('refuses a negative or fractional number of days', () => {
    expect(() => lockedAt('2025-03-01', -1)).toThrow();
    expect(() => lockedAt('2025-03-01', 1.5)).toThrow();
  });
});

describe('filingWindow', () => {
  const base = { dueOn: '2025-03-01', lockDays: 10 as number | null, extendedUntil: null as string | null };

  it('is open up to the last millisecond before the lock, across the spring change', () => {
    expect(filingWindow({ ...base, now: '2025-03-11T23:59:59.999-04:00' })).toEqual({ open: true });
    expect(filingWindow({ ...base, now: '2025-03-12T00:00:00.000-04:00' })).toEqual({ open: false, lockedOn: '2025-03-12' });
    // 03:59 UTC on 03-12 is still 03-11 in New York (EDT), an hour that would be 03-12 in EST.
    expect(filingWindow({ ...base, now: '2025-03-12T03:59:59.999Z' }).open).toBe(true);
  });

  it('never locks without lock days', () => {
    expect(filingWindow({ ...base, lockDays: null, now: '2030-01-01T00:00:00Z' })).toEqual({ open: true });
  });

  it("lets the extension's date govern, later or earlier than the lock", () => {
    const late = '2025-04-20T12:00:00-04:00';
    expect(filingWindow({ ...base, now: late }).open).toBe(false);
    expect(filingWindow({ ...base, extendedUntil: '2025-04-20', now: late })).toEqual({ open: true });
    expect(filingWindow({ ...base, extendedUntil: '2025-04-20', now: '2025-04-21T00:00:00-04:00' })).toEqual({ open: false, lockedOn: '2025-04-21' });
    expect(filingWindow({ ...base, lockDays: null, extendedUntil: '2025-03-05', now: '2025-03-06T09:00:00-05:00' })).toEqual({ open: false, lockedOn: '2025-03-06' });
  });
});
