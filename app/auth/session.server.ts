/**
 * Sessions live in the database (table session), so they can be revoked, expire, and are
 * shared by every app instance. The cookie holds a random token; the table only its SHA-256.
 */
import crypto from 'node:crypto';
import { parse, serialize } from 'cookie';
import { prisma, type Db } from '~/db/prisma.server';
import type { Actor } from './permissions';

export const SESSION_COOKIE = 'portal_session';
export const SESSION_LIFETIME_MS = 14 * 24 * 60 * 60 * 1000;
/** lastSeenAt is refreshed at most this often, to spare a write per request. */
const SEEN_RESOLUTION_MS = 5 * 60 * 1000;

export const sha256 = (value: string) => crypto.createHash('sha256').update(value).digest('hex');
export const newToken = () => crypto.randomBytes(32).toString('base64url');

/**
 * Cookies are Secure whenever the portal is reached over HTTPS, as in production (behind a
 * proxy, set TRUST_PROXY so the forwarded protocol counts). Not NODE_ENV: the server bundle
 * has it fixed to "production" at build time, and a plain-HTTP local install must still work.
 */
export function secure(request: Request) {
  return process.env.SESSION_COOKIE_SECURE === '1' || new URL(request.url).protocol === 'https:';
}

export function sessionCookie(request: Request, token: string, expires: Date) {
  return serialize(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/', expires });
}

export function clearedSessionCookie(request: Request) {
  return serialize(SESSION_COOKIE, '', { httpOnly: true, sameSite: 'lax', secure: secure(request), path: '/', maxAge: 0 });
}

function sessionToken(request: Request): string | null {
  const header = request.headers.get('cookie');
  return header ? (parse(header)[SESSION_COOKIE] ?? null) : null;
}

/**
 * Starts a session for a user who just proved who they are. Any session the browser already
 * had is revoked, so a session id planted before sign-in is worthless after it.
 */
export async function startSession(db: Db, userId: number, request: Request, ip: string | null) {
  const previous = sessionToken(request);
  if (previous) {
    await db.session.updateMany({ where: { tokenHash: sha256(previous), revokedAt: null }, data: { revokedAt: new Date() } });
  }
  const token = newToken();
  const expiresAt = new Date(Date.now() + SESSION_LIFETIME_MS);
  await db.session.create({
    data: { tokenHash: sha256(token), userId, expiresAt, ip, userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null },
  });
  return sessionCookie(request, token, expiresAt);
}

const actors = new WeakMap<Request, Promise<(Actor & { sessionId: number }) | null>>();

/** The signed-in person making this request, or null. */
export function getActor(request: Request): Promise<(Actor & { sessionId: number }) | null> {
  let found = actors.get(request);
  if (!found) {
    found = loadActor(prisma(), request);
    actors.set(request, found);
  }
  return found;
}

async function loadActor(db: Db, request: Request) {
  const token = sessionToken(request);
  if (!token) return null;
  const session = await db.session.findUnique({
    where: { tokenHash: sha256(token) },
    include: { user: { include: { roles: { select: { role: true, jurisdictionId: true, agencyId: true } } } } },
  });
  const now = new Date();
  if (
    !session ||
    session.revokedAt ||
    session.expiresAt <= now ||
    session.createdAt < session.user.sessionsValidAfter ||
    session.user.disabledAt
  ) {
    return null;
  }
  if (now.getTime() - session.lastSeenAt.getTime() > SEEN_RESOLUTION_MS) {
    await db.session.update({ where: { id: session.id }, data: { lastSeenAt: now } });
  }
  const { user } = session;
  return { sessionId: session.id, userId: user.id, email: user.email, name: user.name, grants: user.roles };
}

/** Ends this browser's session. */
export async function endSession(db: Db, request: Request) {
  const token = sessionToken(request);
  if (token) await db.session.updateMany({ where: { tokenHash: sha256(token), revokedAt: null }, data: { revokedAt: new Date() } });
  return clearedSessionCookie(request);
}

/** Ends every session of a user, in every browser: after a password change, or on request. */
export async function endAllSessions(db: Db, userId: number) {
  const now = new Date();
  await db.user.update({ where: { id: userId }, data: { sessionsValidAfter: now } });
  await db.session.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: now } });
}
