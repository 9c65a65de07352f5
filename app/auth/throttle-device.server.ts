/**
 * Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser
 * that signed in to an account gets a long-lived cookie naming that account, signed with a key
 * only the portal knows. With it, the browser's password checks for that account skip the
 * limits an attacker can trigger (the account's slowing down, its address's limit) and count
 * against the cookie alone (throttle.ts).
 *
 * The cookie is "<user id>.<random id>.<HMAC-SHA256 of both>"; the key is generated on first use
 * and kept in the database (portal_secret), so every app instance signs and checks alike and
 * there is nothing to configure.
 */
import crypto from 'node:crypto';
import { parse, serialize } from 'cookie';
import type { PrismaClient } from '~/db/prisma.server';
import { secure } from './session.server';

export const DEVICE_COOKIE = 'portal_device';
/** Chrome keeps a cookie at most 400 days; a year is plenty, and each sign-in renews it. */
const DEVICE_LIFETIME_MS = 365 * 24 * 60 * 60 * 1000;
const SECRET_NAME = 'device_cookie';

const keys = new WeakMap<PrismaClient, Promise<Buffer>>();

function signingKey(db: PrismaClient): Promise<Buffer> {
  let key = keys.get(db);
  if (!key) {
    key = loadKey(db);
    // A failure (database down) must not be remembered.
    key.catch(() => keys.delete(db));
    keys.set(db, key);
  }
  return key;
}

async function loadKey(db: PrismaClient): Promise<Buffer> {
  // Two instances starting together both try; the first insert wins and both read it.
  await db.portalSecret.createMany({ data: [{ name: SECRET_NAME, value: crypto.randomBytes(32) }], skipDuplicates: true });
  const { value } = await db.portalSecret.findUniqueOrThrow({ where: { name: SECRET_NAME } });
  return Buffer.from(value);
}

const sign = (key: Buffer, payload: string) => crypto.createHmac('sha256', key).update(`device:${payload}`).digest('base64url');

/**
 * The id of this request's device cookie when it is genuine and names this account; null
 * otherwise (none, forged, or another account's).
 */
export async function trustedDevice(db: PrismaClient, request: Request, userId: number): Promise<string | null> {
  const header = request.headers.get('cookie');
  const value = header ? parse(header)[DEVICE_COOKIE] : undefined;
  const match = value ? /^(\d{1,10})\.([A-Za-z0-9_-]{22})\.([A-Za-z0-9_-]{43})$/.exec(value) : null;
  if (!match || Number(match[1]) !== userId) return null;
  const expected = Buffer.from(sign(await signingKey(db), `${match[1]}.${match[2]}`));
  const given = Buffer.from(match[3]);
  return given.length === expected.length && crypto.timingSafeEqual(given, expected) ? match[2] : null;
}

/** A fresh device cookie for a browser that just signed in to this account (Set-Cookie value). */
export async function deviceCookie(db: PrismaClient, request: Request, userId: number): Promise<string> {
  const payload = `${userId}.${crypto.randomBytes(16).toString('base64url')}`;
  const value = `${payload}.${sign(await signingKey(db), payload)}`;
  return serialize(DEVICE_COOKIE, value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: secure(request),
    path: '/',
    expires: new Date(Date.now() + DEVICE_LIFETIME_MS),
  });
}
