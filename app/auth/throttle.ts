/**
 * Throttling of password checks (sign-in, and the current password on the account page), as
 * plain rules; throttle.server.ts keeps the attempts in PostgreSQL and applies these rules
 * atomically. Keyed so that an attacker cannot lock the rightful person out (OWASP's
 * "Blocking Brute Force Attacks" and device-cookie patterns):
 *
 * - From a browser without a device cookie for the account, three hard limits per window: the
 *   address (any account), the account from that address, and the account alone, which is
 *   never locked but slowed: after a few failures from anywhere, each further check waits a
 *   delay that doubles with every failure, counted from the last password check (refused tries
 *   do not extend it).
 * - A browser holding a device cookie for the account (it signed in with it before) skips all
 *   of that and has its own hard limit instead, so an attack on the account or from the same
 *   network does not keep its owner out.
 *
 * An attempt is counted when it is let through, before the password is checked; a success
 * takes it back. Nobody is locked out for good: waiting, a known browser, or a password reset
 * always lets the rightful person in.
 */
export const THROTTLE = {
  windowMs: 15 * 60 * 1000,
  /** Hard limits within the window. */
  addressMax: 10,
  pairMax: 10,
  deviceMax: 10,
  /** The account alone: failures counted over a day, the first few free, then doubling delays. */
  accountWindowMs: 24 * 60 * 60 * 1000,
  accountFree: 5,
  accountBaseDelayMs: 30 * 1000,
  accountMaxDelayMs: 15 * 60 * 1000,
};
export type ThrottlePolicy = typeof THROTTLE;

/** Which limit refused an attempt ('account' is the slowing down, the others are hard limits). */
export type ThrottleLimit = 'address' | 'pair' | 'account' | 'device';

export interface ThrottleKey {
  limit: ThrottleLimit;
  key: string;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; limit: ThrottleLimit; retryAfterSeconds: number };

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/**
 * An address as counted: IPv4 as is; IPv6 by its /64 network, since one subscriber usually has
 * a whole /64 and could otherwise try from a fresh address every time.
 */
export function addressBucket(ip: string | null): string | null {
  if (!ip) return null;
  const address = ip.trim().toLowerCase().replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1];
  if (!address.includes(':')) return address;
  const [head, tail = ''] = address.split('::');
  const headParts = head ? head.split(':') : [];
  const tailParts = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...headParts, ...Array<string>(Math.max(0, 8 - headParts.length - tailParts.length)).fill('0'), ...tailParts]
    : headParts;
  return `${groups
    .slice(0, 4)
    .map((group) => group.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

export const accountKey = (normalizedEmail: string) => `account:${normalizedEmail}`;
// The address comes first: it has no spaces, so "pair:<address> <email>" is unambiguous.
const pairKey = (address: string, normalizedEmail: string) => `pair:${address} ${normalizedEmail}`;

/** The keys an attempt counts against: a known browser's own, or those of an unknown browser. */
export function throttleKeys(normalizedEmail: string, ip: string | null, deviceId: string | null): ThrottleKey[] {
  if (deviceId) return [{ limit: 'device', key: `device:${deviceId}` }];
  const address = addressBucket(ip);
  return [
    { limit: 'account', key: accountKey(normalizedEmail) },
    ...(address
      ? [
          { limit: 'address' as const, key: `ip:${address}` },
          { limit: 'pair' as const, key: pairKey(address, normalizedEmail) },
        ]
      : []),
  ];
}

/** A hard limit: refused while `max` attempts are within the window, until the oldest of them leaves it. */
export function windowLimit(attempts: Date[], now: Date, max: number, windowMs: number): { allowed: boolean; retryAfterSeconds: number } {
  const recent = attempts
    .map((at) => at.getTime())
    .filter((at) => at > now.getTime() - windowMs)
    .sort((a, b) => b - a);
  if (recent.length < max) return { allowed: true, retryAfterSeconds: 0 };
  return { allowed: false, retryAfterSeconds: seconds(recent[max - 1] + windowMs - now.getTime()) };
}

/** The wait after `failures` failures of the account alone: none for the first few, then doubling, capped. */
export function accountDelayMs(failures: number, policy: ThrottlePolicy = THROTTLE): number {
  if (failures < policy.accountFree) return 0;
  // Past about 30 doublings the cap has long been reached; avoid Infinity arithmetic.
  const exponent = Math.min(failures - policy.accountFree, 30);
  return Math.min(policy.accountMaxDelayMs, policy.accountBaseDelayMs * 2 ** exponent);
}

/** The slowing down of an account: refused until the delay after its latest failure has passed. */
export function accountSlowdown(attempts: Date[], now: Date, policy: ThrottlePolicy = THROTTLE): { allowed: boolean; retryAfterSeconds: number } {
  const recent = attempts.map((at) => at.getTime()).filter((at) => at > now.getTime() - policy.accountWindowMs);
  const delay = accountDelayMs(recent.length, policy);
  if (delay === 0) return { allowed: true, retryAfterSeconds: 0 };
  const readyAt = Math.max(...recent) + delay;
  return readyAt <= now.getTime() ? { allowed: true, retryAfterSeconds: 0 } : { allowed: false, retryAfterSeconds: seconds(readyAt - now.getTime()) };
}

/** The longest time back any rule looks, for reading the attempts that matter. */
export const lookBackMs = (policy: ThrottlePolicy = THROTTLE) => Math.max(policy.windowMs, policy.accountWindowMs);

/**
 * Whether an attempt may go ahead, given the counted attempts of each of its keys. When several
 * limits refuse it, the one that lasts longest is reported.
 */
export function throttleDecision(
  keys: ThrottleKey[],
  attempts: { key: string; createdAt: Date }[],
  now: Date,
  policy: ThrottlePolicy = THROTTLE,
): ThrottleDecision {
  let refusal: ThrottleDecision = { allowed: true };
  for (const { limit, key } of keys) {
    const times = attempts.filter((attempt) => attempt.key === key).map((attempt) => attempt.createdAt);
    const verdict =
      limit === 'account'
        ? accountSlowdown(times, now, policy)
        : windowLimit(times, now, { address: policy.addressMax, pair: policy.pairMax, device: policy.deviceMax }[limit], policy.windowMs);
    if (!verdict.allowed && (refusal.allowed || verdict.retryAfterSeconds > refusal.retryAfterSeconds)) {
      refusal = { allowed: false, limit, retryAfterSeconds: verdict.retryAfterSeconds };
    }
  }
  return refusal;
}
