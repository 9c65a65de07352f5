import { describe, expect, it } from 'vitest';
import { accountDelayMs, accountSlowdown, addressBucket, THROTTLE, throttleDecision, throttleKeys, windowLimit } from './throttle';

const now = new Date('2026-01-10T12:00:00Z');
const minutesAgo = (...minutes: number[]) => minutes.map((m) => new Date(now.getTime() - m * 60_000));
const secondsAgo = (...seconds: number[]) => seconds.map((s) => new Date(now.getTime() - s * 1000));

describe('hard limits (an address, an account from one address, a device cookie)', () => {
  it('let nine attempts through and refuse the tenth until the oldest leaves the window', () => {
    expect(windowLimit(minutesAgo(1, 2, 3, 4, 5, 6, 7, 8, 9), now, 10, THROTTLE.windowMs).allowed).toBe(true);
    const refused = windowLimit(minutesAgo(1, 2, 3, 4, 5, 6, 7, 8, 9, 10), now, 10, THROTTLE.windowMs);
    expect(refused.allowed).toBe(false);
    // The oldest of the ten, 10 minutes ago, leaves the 15-minute window in 5 minutes.
    expect(refused.retryAfterSeconds).toBe(5 * 60);
  });

  it('forget attempts older than the window, so nobody is locked out for good', () => {
    expect(windowLimit(minutesAgo(16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26), now, 10, THROTTLE.windowMs).allowed).toBe(true);
    expect(windowLimit(minutesAgo(1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 30), now, 10, THROTTLE.windowMs).allowed).toBe(true);
  });
});

describe('the account alone is slowed down, never locked', () => {
  it('lets the first five failures through, then waits 30 seconds, doubling up to 15 minutes', () => {
    expect([0, 4, 5, 6, 7, 8, 9, 10, 50].map((n) => accountDelayMs(n) / 1000)).toEqual([0, 0, 30, 60, 120, 240, 480, 900, 900]);
  });

  it('counts the wait from the latest failure', () => {
    const five = secondsAgo(100, 90, 80, 70, 20);
    expect(accountSlowdown(five, now)).toEqual({ allowed: false, retryAfterSeconds: 10 });
    expect(accountSlowdown(secondsAgo(100, 90, 80, 70, 31), now).allowed).toBe(true);
    expect(accountSlowdown(secondsAgo(100, 90, 80, 70), now).allowed).toBe(true);
  });

  it('never waits more than the cap after the latest failure, however many failures', () => {
    const many = Array.from({ length: 200 }, (_, i) => new Date(now.getTime() - (i + 1) * 60_000));
    const verdict = accountSlowdown(many, now);
    expect(verdict.allowed).toBe(false);
    expect(verdict.retryAfterSeconds).toBe(14 * 60);
    expect(accountSlowdown(many, new Date(now.getTime() + 14 * 60_000)).allowed).toBe(true);
  });

  it('forgets failures older than a day', () => {
    const old = Array.from({ length: 50 }, (_, i) => new Date(now.getTime() - 25 * 3600_000 - i * 1000));
    expect(accountSlowdown(old, now).allowed).toBe(true);
  });
});

describe('which limits an attempt counts against', () => {
  it('an unknown browser: the account, the address and the account from the address', () => {
    expect(throttleKeys('a@example.org', '198.51.100.7', null)).toEqual([
      { limit: 'account', key: 'account:a@example.org' },
      { limit: 'address', key: 'ip:198.51.100.7' },
      { limit: 'pair', key: 'pair:198.51.100.7 a@example.org' },
    ]);
    expect(throttleKeys('a@example.org', null, null)).toEqual([{ limit: 'account', key: 'account:a@example.org' }]);
  });

  it('a browser with a device cookie for the account: that cookie alone, whatever the address', () => {
    expect(throttleKeys('a@example.org', '198.51.100.7', 'abc')).toEqual([{ limit: 'device', key: 'device:abc' }]);
  });

  it('counts an IPv6 client by its /64 network, and an IPv4-mapped address as IPv4', () => {
    expect(addressBucket('2001:db8:aa:bb:1:2:3:4')).toBe('2001:db8:aa:bb::/64');
    expect(addressBucket('2001:DB8:AA:BB::99')).toBe('2001:db8:aa:bb::/64');
    expect(addressBucket('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('2001:0db8:0000:0000::1')).toBe('2001:db8:0:0::/64');
    expect(addressBucket('::ffff:198.51.100.7')).toBe('198.51.100.7');
    expect(addressBucket('198.51.100.7')).toBe('198.51.100.7');
    expect(addressBucket(null)).toBeNull();
  });
});

describe('the decision over all keys', () => {
  const keys = throttleKeys('a@example.org', '198.51.100.7', null);
  const at = (key: string, dates: Date[]) => dates.map((createdAt) => ({ key, createdAt }));

  it('allows an attempt when no limit is reached', () => {
    expect(throttleDecision(keys, at('account:a@example.org', minutesAgo(1, 2, 3)), now)).toEqual({ allowed: true });
  });

  it('reports the limit that refused, and the longest wait when several do', () => {
    const addressFull = at('ip:198.51.100.7', minutesAgo(1, 2, 3, 4, 5, 6, 7, 8, 9, 10));
    expect(throttleDecision(keys, addressFull, now)).toEqual({ allowed: false, limit: 'address', retryAfterSeconds: 5 * 60 });
    const slowed = at('account:a@example.org', secondsAgo(50, 40, 30, 20, 10));
    expect(throttleDecision(keys, slowed, now)).toEqual({ allowed: false, limit: 'account', retryAfterSeconds: 20 });
    expect(throttleDecision(keys, [...slowed, ...addressFull], now)).toMatchObject({ limit: 'address' });
  });

  it('ignores attempts of other keys: other accounts, other addresses', () => {
    const others = [...at('account:b@example.org', minutesAgo(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1)), ...at('ip:198.51.100.8', minutesAgo(1, 1, 1, 1, 1, 1, 1, 1, 1, 1))];
    expect(throttleDecision(keys, others, now)).toEqual({ allowed: true });
  });

  it('a known browser is refused only by its own limit, not by an attack on the account', () => {
    const device = throttleKeys('a@example.org', '198.51.100.7', 'abc');
    const attack = at('account:a@example.org', secondsAgo(5, 4, 3, 2, 1, 1, 1, 1));
    expect(throttleDecision(device, attack, now)).toEqual({ allowed: true });
    expect(throttleDecision(device, at('device:abc', minutesAgo(1, 2, 3, 4, 5, 6, 7, 8, 9, 10)), now)).toMatchObject({ allowed: false, limit: 'device' });
  });
});
