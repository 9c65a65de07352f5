/**
 * Checking a person's email and password, with throttling and a record of every attempt.
 */
import { z } from 'zod';
import { prisma } from '~/db/prisma.server';
import { hashPassword, normalizeEmail, verifyPassword } from './credentials.server';
import { recordSecurityEvent, type RequestInfo } from './events.server';
import { startSession } from './session.server';
import { clearAccountFailures, recordSignInFailure, signInThrottle } from './throttle.server';

/** The sign-in form: messages are message keys (parseForm). */
export const SignInForm = z.object({
  email: z.string({ error: 'signIn.emailRequired' }).trim().min(1, 'signIn.emailRequired').max(320, 'signIn.emailRequired'),
  password: z.string({ error: 'signIn.passwordRequired' }).min(1, 'signIn.passwordRequired').max(1024, 'signIn.passwordRequired'),
  redirectTo: z.string().optional(),
});

export type SignInResult =
  | { ok: true; userId: number; setCookie: string }
  | { ok: false; reason: 'failed' | 'disabled' }
  | { ok: false; reason: 'blocked'; retryAfterSeconds: number };

// Verified against when no account matches, so a wrong email costs as much time as a wrong password.
let decoyHash: Promise<string> | undefined;

export async function signIn(request: Request, email: string, password: string, info: RequestInfo): Promise<SignInResult> {
  const db = prisma();
  const normalized = normalizeEmail(email);
  const throttle = await signInThrottle(db, normalized, info.ip);
  if (throttle.blocked) {
    await recordSecurityEvent(db, { kind: 'sign_in_blocked', email: normalized, ...info });
    return { ok: false, reason: 'blocked', retryAfterSeconds: throttle.retryAfterSeconds };
  }
  const user = await db.user.findUnique({ where: { email: normalized } });
  const passwordHash = user?.passwordHash ?? (await (decoyHash ??= hashPassword('no account has this password')));
  const valid = (await verifyPassword(passwordHash, password)) && Boolean(user?.passwordHash);
  if (!user || !valid) {
    await recordSignInFailure(db, normalized, info.ip);
    await recordSecurityEvent(db, { kind: 'sign_in_failed', subjectUserId: user?.id ?? null, email: normalized, ...info });
    return { ok: false, reason: 'failed' };
  }
  if (user.disabledAt) {
    await recordSecurityEvent(db, { kind: 'sign_in_failed', subjectUserId: user.id, email: normalized, detail: { reason: 'disabled' }, ...info });
    return { ok: false, reason: 'disabled' };
  }
  await clearAccountFailures(db, normalized);
  const setCookie = await startSession(db, user.id, request, info.ip);
  await db.user.update({ where: { id: user.id }, data: { lastSignInAt: new Date() } });
  await recordSecurityEvent(db, { kind: 'sign_in', actorUserId: user.id, email: normalized, ...info });
  return { ok: true, userId: user.id, setCookie };
}
