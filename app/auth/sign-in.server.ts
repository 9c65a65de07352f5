/**
 * Checking a person's email and password, with throttling and a record of every attempt.
 */
import { z } from 'zod';
import { prisma } from '~/db/prisma.server';
import { hashPassword, normalizeEmail, verifyPassword } from './credentials.server';
import { recordSecurityEvent, tallySecurityEvent, type RequestInfo } from './events.server';
import { startSession } from './session.server';
import type { ThrottleLimit } from './throttle';
import { deviceCookie, trustedDevice } from './throttle-device.server';
import { attemptSucceeded, attemptWithdrawn, reserveAttempt } from './throttle.server';

/** The sign-in form: messages are message keys (parseForm). */
export const SignInForm = z.object({
  email: z.string({ error: 'signIn.emailRequired' }).trim().min(1, 'signIn.emailRequired').max(320, 'signIn.emailRequired'),
  password: z.string({ error: 'signIn.passwordRequired' }).min(1, 'signIn.passwordRequired').max(1024, 'signIn.passwordRequired'),
  redirectTo: z.string().optional(),
});

export type SignInResult =
  | { ok: true; userId: number; setCookies: string[] }
  | { ok: false; reason: 'failed' | 'disabled' }
  | { ok: false; reason: 'blocked'; limit: ThrottleLimit; retryAfterSeconds: number };

// Verified against when no account matches, so a wrong email costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

/**
 * Signs a person in. The attempt is counted (throttle.server.ts) before the password is
 * checked, and a refused one checks nothing. A success starts a session and gives the browser
 * a device cookie for the account, so it gets in during an attack on the account.
 */
export async function signIn(request: Request, email: string, password: string, info: RequestInfo): Promise<SignInResult> {
  const db = prisma();
  const normalized = normalizeEmail(email);
  const user = await db.user.findUnique({ where: { email: normalized } });
  const deviceId = user ? await trustedDevice(db, request, user.id) : null;
  const reservation = await reserveAttempt(db, { email: normalized, ip: info.ip, deviceId });
  if (!reservation.ok) {
    // Anyone can cause these without knowing anything: counted per address, not logged one by one.
    await tallySecurityEvent(db, { kind: 'sign_in_blocked', email: normalized, ...info });
    return { ok: false, reason: 'blocked', limit: reservation.limit, retryAfterSeconds: reservation.retryAfterSeconds };
  }
  const passwordHash = user?.passwordHash ?? (await (decoyHash ??= hashPassword('no account has this password')));
  const valid = (await verifyPassword(passwordHash, password)) && Boolean(user?.passwordHash);
  if (!user) {
    await tallySecurityEvent(db, { kind: 'sign_in_failed', email: normalized, ...info });
    return { ok: false, reason: 'failed' };
  }
  if (!valid) {
    await recordSecurityEvent(db, {
      kind: 'sign_in_failed',
      subjectUserId: user.id,
      email: normalized,
      ...(deviceId ? { detail: { knownBrowser: true } } : {}),
      ...info,
    });
    return { ok: false, reason: 'failed' };
  }
  if (user.disabledAt) {
    await attemptWithdrawn(db, reservation.attempt);
    await recordSecurityEvent(db, { kind: 'sign_in_failed', subjectUserId: user.id, email: normalized, detail: { reason: 'disabled' }, ...info });
    return { ok: false, reason: 'disabled' };
  }
  await attemptSucceeded(db, reservation.attempt);
  const setCookie = await startSession(db, user.id, request, info.ip);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordSecurityEvent(db, { kind: 'sign_in', actorUserId: user.id, email: normalized, ...info });
  // The session cookie first: callers that read one cookie read that one.
  return { ok: true, userId: user.id, setCookies: [setCookie, await deviceCookie(db, request, user.id)] };
}
