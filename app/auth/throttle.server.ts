import type { Db } from '~/db/prisma.server';
import { accountKey, addressKey, THROTTLE, throttleDecision, type ThrottleDecision } from './throttle';

/** Whether sign-in is currently refused for this account or from this address (state in the database). */
export async function signInThrottle(db: Db, normalizedEmail: string, ip: string | null): Promise<ThrottleDecision> {
  const keys = [accountKey(normalizedEmail), ...(ip ? [addressKey(ip)] : [])];
  const now = new Date();
  const failures = await db.signInFailure.findMany({
    where: { key: { in: keys }, createdAt: { gt: new Date(now.getTime() - THROTTLE.windowMs) } },
    select: { key: true, createdAt: true },
  });
  const decisions = keys.map((key) => throttleDecision(failures.filter((f) => f.key === key).map((f) => f.createdAt), now));
  const blocked = decisions.filter((d) => d.blocked);
  return blocked.length
    ? { blocked: true, retryAfterSeconds: Math.max(...blocked.map((d) => d.retryAfterSeconds)) }
    : { blocked: false, retryAfterSeconds: 0 };
}

export async function recordSignInFailure(db: Db, normalizedEmail: string, ip: string | null) {
  await db.signInFailure.createMany({
    data: [{ key: accountKey(normalizedEmail) }, ...(ip ? [{ key: addressKey(ip) }] : [])],
  });
}

/** A successful sign-in clears the account's failures (the address's stay until they age out). */
export async function clearAccountFailures(db: Db, normalizedEmail: string) {
  await db.signInFailure.deleteMany({ where: { key: accountKey(normalizedEmail) } });
}
