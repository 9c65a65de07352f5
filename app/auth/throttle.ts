/**
 * Throttling of failed sign-ins: after MAX failures within the window, for an account or from
 * an address, further tries are refused until the oldest of those failures leaves the window.
 * Nobody is locked out for good: waiting (or a password reset) always lets the rightful user in.
 */
export const THROTTLE = { maxFailures: 10, windowMs: 15 * 60 * 1000 };

export interface ThrottleDecision {
  blocked: boolean;
  retryAfterSeconds: number;
}

/** failures: the times of recent failures for one key, in any order. */
export function throttleDecision(failures: Date[], now: Date, policy = THROTTLE): ThrottleDecision {
  const recent = failures
    .map((at) => at.getTime())
    .filter((at) => at > now.getTime() - policy.windowMs)
    .sort((a, b) => b - a);
  if (recent.length < policy.maxFailures) return { blocked: false, retryAfterSeconds: 0 };
  // Unblocked when the max-th most recent failure is older than the window.
  const pivot = recent[policy.maxFailures - 1];
  return { blocked: true, retryAfterSeconds: Math.max(1, Math.ceil((pivot + policy.windowMs - now.getTime()) / 1000)) };
}

export const accountKey = (normalizedEmail: string) => `account:${normalizedEmail}`;
export const addressKey = (ip: string) => `ip:${ip}`;
