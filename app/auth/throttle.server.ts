/**
 * Throttling state in PostgreSQL (table sign_in_failure), so any number of app instances behave
 * as one. An attempt is reserved before its password is checked: under advisory locks on its
 * keys, the counted attempts are read, the rules of throttle.ts decide, and the attempt is
 * counted, all in one transaction, so concurrent attempts cannot all slip past the limit.
 */
import crypto from 'node:crypto';
import type { PrismaClient } from '~/db/prisma.server';
import { accountKey, lookBackMs, THROTTLE, throttleDecision, throttleKeys, type ThrottleKey, type ThrottleLimit } from './throttle';

/** The first argument of every advisory lock taken here, apart from other uses of advisory locks. */
const LOCK_CLASS = 0x7468726f; // "thro"

/** A 32-bit lock id for a key (a collision only makes two keys wait for each other). */
const lockId = (key: string) => crypto.createHash('sha256').update(key).digest().readInt32BE(0);

export interface ReservedAttempt {
  keys: ThrottleKey[];
  ids: number[];
}

export type Reservation =
  | { ok: true; attempt: ReservedAttempt }
  | { ok: false; limit: ThrottleLimit; retryAfterSeconds: number };

/**
 * Counts a password check for this account, from this address or known browser (deviceId, from
 * throttle-device.server.ts), if the limits allow it; otherwise says how long to wait. A refused
 * attempt counts nothing, so hammering does not extend the wait.
 */
export async function reserveAttempt(
  db: PrismaClient,
  who: { email: string; ip: string | null; deviceId: string | null },
): Promise<Reservation> {
  const keys = throttleKeys(who.email, who.ip, who.deviceId);
  const reservation = await db.$transaction(
    async (tx) => {
      // Locks in one global order (their ids), so two attempts never wait for each other in a cycle.
      for (const id of [...new Set(keys.map((k) => lockId(k.key)))].sort((a, b) => a - b)) {
        await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_CLASS}::int, ${id}::int)`;
      }
      const now = new Date();
      const attempts = await tx.signInFailure.findMany({
        where: { key: { in: keys.map((k) => k.key) }, createdAt: { gt: new Date(now.getTime() - lookBackMs()) } },
        select: { key: true, createdAt: true },
      });
      const decision = throttleDecision(keys, attempts, now);
      if (!decision.allowed) return { ok: false as const, limit: decision.limit, retryAfterSeconds: decision.retryAfterSeconds };
      const rows = await tx.signInFailure.createManyAndReturn({ data: keys.map((k) => ({ key: k.key, createdAt: now })), select: { id: true } });
      return { ok: true as const, attempt: { keys, ids: rows.map((row) => row.id) } };
    },
    // Waiting for a connection or a lock is normal under a burst; the work inside is a few statements.
    { maxWait: 15_000, timeout: 15_000 },
  );
  await pruneAttempts(db);
  return reservation;
}

/**
 * The password was right: the attempt is taken back, and the failures of this browser (its
 * device cookie, or its address for this account) are forgotten. The account's own failures
 * are forgotten only after a sign-in through its slowing down: a known browser signing in
 * during an attack must not hand the attacker a fresh set of free tries.
 */
export async function attemptSucceeded(db: PrismaClient, attempt: ReservedAttempt) {
  const forget = attempt.keys.filter((k) => k.limit !== 'address').map((k) => k.key);
  await db.signInFailure.deleteMany({ where: { OR: [{ id: { in: attempt.ids } }, { key: { in: forget } }] } });
}

/** The attempt did not fail for its password (e.g. a disabled account): not counted. */
export async function attemptWithdrawn(db: PrismaClient, attempt: ReservedAttempt) {
  await db.signInFailure.deleteMany({ where: { id: { in: attempt.ids } } });
}

/**
 * After a password reset (control of the mailbox proven): the account's slowing down and its
 * per-address limits are lifted. Address-wide limits stay: they concern the network, not the account.
 */
export async function clearAccountFailures(db: PrismaClient, normalizedEmail: string) {
  await db.signInFailure.deleteMany({
    // pairKey(address, email) for any address: "pair:<address> <email>".
    where: { OR: [{ key: accountKey(normalizedEmail) }, { key: { startsWith: 'pair:', endsWith: ` ${normalizedEmail}` } }] },
  });
}

/** Attempts older than any rule looks at are of no use: deleted by age (indexed, so cheap when none are). */
async function pruneAttempts(db: PrismaClient) {
  await db.signInFailure.deleteMany({ where: { createdAt: { lt: new Date(Date.now() - lookBackMs(THROTTLE)) } } });
}
