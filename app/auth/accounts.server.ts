/**
 * The database work behind the account pages: accepting an invitation, changing and resetting
 * a password, asking for a reset, and what a reviewer sees and invites to. Routes validate the
 * form, call these and render.
 */
import type { Db, PrismaClient } from '~/db/prisma.server';
import type { Role } from '~/generated/prisma/enums';
import type { Message } from '~/i18n/message';
import { hashPassword, normalizeEmail, passwordIssue, verifyPassword } from './credentials.server';
import { recordSecurityEvent, type RequestInfo } from './events.server';
import { consumeLink, createInvitation, createPasswordReset, findUsableLink, type CreatedLink } from './invitations.server';
import type { Actor } from './permissions';
import { endAllSessions, sha256, startSession } from './session.server';
import { trustedDevice } from './throttle-device.server';
import { attemptSucceeded, clearAccountFailures, reserveAttempt } from './throttle.server';

// ---------------------------------------------------------------------------------------------
// New passwords

/** Words a password must not be built from: the email (and its parts) and the person's name. */
export function personalWords(email: string, name = ''): string[] {
  const parts = [email, name, ...email.split('@')[0].split(/[^\p{L}\p{N}]+/u), ...name.split(/\s+/)];
  return [...new Set(parts.map((p) => p.trim()).filter((p) => p.length >= 3))];
}

/** What is wrong with a new password and its confirmation, keyed by field ("password", "confirm"). */
export async function newPasswordErrors(password: string, confirm: string, personal: string[]) {
  const errors: { password?: Message; confirm?: Message } = {};
  const problem: Message | null = password ? await passwordIssue(password, personal) : { key: 'password.required' };
  if (problem) errors.password = problem;
  else if (!confirm) errors.confirm = { key: 'password.confirmRequired' };
  else if (confirm !== password) errors.confirm = { key: 'password.mismatch' };
  return errors;
}

/** A session for someone who just proved who they are by a link or a password. */
async function beginSession(db: PrismaClient, userId: number, request: Request, info: RequestInfo) {
  const setCookie = await startSession(db, userId, request, info.ip);
  await db.user.update({ where: { id: userId }, data: { lastSignInAt: new Date() } });
  return setCookie;
}

/** Once the password changed, reset links already sent must not work any more. */
async function retireResetLinks(db: Db, email: string) {
  await db.invitation.updateMany({ where: { kind: 'PASSWORD_RESET', email, usedAt: null }, data: { usedAt: new Date() } });
}

// ---------------------------------------------------------------------------------------------
// One-time links

type UsableLink = NonNullable<Awaited<ReturnType<typeof findUsableLink>>>;
export type LinkGone = 'used' | 'expired' | 'unknown';
export type LinkLookup = { state: 'usable'; link: UsableLink } | { state: 'gone'; reason: LinkGone };

/** The usable link for a token, or why there is none (so the page can say what to do). */
export async function lookUpLink(db: Db, token: string, kind: 'INVITE' | 'PASSWORD_RESET'): Promise<LinkLookup> {
  const link = await findUsableLink(db, token, kind);
  if (link) return { state: 'usable', link };
  const row = await db.invitation.findUnique({ where: { tokenHash: sha256(token) }, select: { kind: true, usedAt: true } });
  if (!row || row.kind !== kind) return { state: 'gone', reason: 'unknown' };
  return { state: 'gone', reason: row.usedAt ? 'used' : 'expired' };
}

/** 404 for a link that never existed, 410 for one that did. */
export const goneStatus = (reason: LinkGone) => (reason === 'unknown' ? 404 : 410);

// ---------------------------------------------------------------------------------------------
// Invitations

/** What the invitee's account looks like: none yet, created without a password, ready, or disabled. */
export type InviteeAccount = 'new' | 'unfinished' | 'existing' | 'disabled';

export interface InvitationOffer {
  linkId: number;
  email: string;
  role: Role | null;
  placeName: string | null;
  agencyName: string | null;
  account: InviteeAccount;
  /** The name already on file, to prefill. */
  name: string;
}

export async function invitationOffer(db: Db, token: string): Promise<{ state: 'usable'; offer: InvitationOffer } | { state: 'gone'; reason: LinkGone }> {
  const found = await lookUpLink(db, token, 'INVITE');
  if (found.state === 'gone') return found;
  const { link } = found;
  const user = await db.user.findUnique({ where: { email: normalizeEmail(link.email) }, select: { name: true, passwordHash: true, disabledAt: true } });
  const account: InviteeAccount = !user ? 'new' : user.disabledAt ? 'disabled' : user.passwordHash ? 'existing' : 'unfinished';
  return {
    state: 'usable',
    offer: {
      linkId: link.id,
      email: link.email,
      role: link.role,
      placeName: link.jurisdiction?.name ?? null,
      agencyName: link.agency?.name ?? null,
      account,
      name: user?.name ?? '',
    },
  };
}

export type AcceptOutcome =
  /** The account got its password: the person is signed in. */
  | { outcome: 'signed-in'; userId: number; setCookie: string }
  /** The account already had a password, which stays: the person signs in as usual. */
  | { outcome: 'role-added'; userId: number }
  | { outcome: 'used' }
  | { outcome: 'disabled' };

/**
 * Accepts an invitation: uses up the link, creates the account or gives it its password
 * (never replacing one that exists), and grants the role, all or nothing.
 * `account` is null only when the invitee already has a password.
 */
export async function acceptInvitation(
  db: PrismaClient,
  request: Request,
  linkId: number,
  account: { name: string; passwordHash: string } | null,
  info: RequestInfo,
): Promise<AcceptOutcome> {
  type Accepted = { outcome: 'signed-in' | 'role-added'; userId: number } | { outcome: 'used' | 'disabled' };
  const result = await db.$transaction(async (tx): Promise<Accepted> => {
    const link = await tx.invitation.findUniqueOrThrow({ where: { id: linkId } });
    const email = normalizeEmail(link.email);
    const existing = await tx.user.findUnique({ where: { email } });
    // Checked before the link is used, so an operator can re-enable the account and the link still works.
    if (existing?.disabledAt) return { outcome: 'disabled' };
    if (!(await consumeLink(tx, link.id))) return { outcome: 'used' };

    const now = new Date();
    let userId: number;
    let passwordSet = false;
    if (existing?.passwordHash) {
      userId = existing.id;
    } else {
      // Unreachable through the page (it asks for a password whenever none exists); rolls back the link's use.
      if (!account) throw new Error('An invitee without a password must choose one.');
      const fields = { name: account.name, passwordHash: account.passwordHash, passwordChangedAt: now };
      userId = existing
        ? (await tx.user.update({ where: { id: existing.id }, data: fields })).id
        : (await tx.user.create({ data: { email, ...fields } })).id;
      passwordSet = true;
    }

    const grant = link.role ? { role: link.role, jurisdictionId: link.jurisdictionId, agencyId: link.agencyId } : null;
    // The unique index treats NULLs as equal, so an identical grant is skipped, not duplicated.
    const granted = grant ? (await tx.roleAssignment.createMany({ data: [{ userId, ...grant }], skipDuplicates: true })).count === 1 : false;

    await recordSecurityEvent(tx, {
      kind: 'invitation_accepted',
      actorUserId: userId,
      email,
      detail: { invitationId: link.id, accountCreated: !existing, passwordSet, ...(grant && !granted ? { roleAlreadyHeld: true } : {}) },
      ...info,
    });
    if (grant && granted) {
      await recordSecurityEvent(tx, {
        kind: 'role_granted',
        actorUserId: link.createdById,
        subjectUserId: userId,
        email,
        detail: { ...grant, invitationId: link.id },
        ...info,
      });
    }
    return { outcome: passwordSet ? 'signed-in' : 'role-added', userId };
  });

  if (result.outcome !== 'signed-in') return result as AcceptOutcome;
  return { outcome: 'signed-in', userId: result.userId, setCookie: await beginSession(db, result.userId, request, info) };
}

// ---------------------------------------------------------------------------------------------
// Passwords

export type ChangePasswordResult =
  | { ok: true; setCookie: string }
  | { ok: false; reason: 'wrong-current' | 'same' }
  | { ok: false; reason: 'blocked'; retryAfterSeconds: number };

/**
 * Changes a signed-in person's password after checking the current one (throttled like sign-in,
 * so a stolen session cannot guess it), ends every session, and starts a fresh one here.
 */
export async function changePassword(
  db: PrismaClient,
  request: Request,
  userId: number,
  passwords: { current: string; next: string },
  info: RequestInfo,
): Promise<ChangePasswordResult> {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId } });
  // Counted before the check, like a sign-in, so concurrent guesses cannot pass the limit.
  const reservation = await reserveAttempt(db, { email: user.email, ip: info.ip, deviceId: await trustedDevice(db, request, userId) });
  if (!reservation.ok) return { ok: false, reason: 'blocked', retryAfterSeconds: reservation.retryAfterSeconds };
  if (!user.passwordHash || !(await verifyPassword(user.passwordHash, passwords.current))) {
    await recordSecurityEvent(db, { kind: 'sign_in_failed', subjectUserId: userId, email: user.email, detail: { during: 'password_change' }, ...info });
    return { ok: false, reason: 'wrong-current' };
  }
  await attemptSucceeded(db, reservation.attempt);
  // The current password was just verified, so comparing with it tells whether it would change.
  if (passwords.next === passwords.current) return { ok: false, reason: 'same' };

  const passwordHash = await hashPassword(passwords.next);
  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    await endAllSessions(tx, userId);
    await retireResetLinks(tx, user.email);
    await recordSecurityEvent(tx, { kind: 'password_changed', actorUserId: userId, email: user.email, detail: { via: 'account' }, ...info });
  });
  return { ok: true, setCookie: await beginSession(db, userId, request, info) };
}

export interface ResetOffer {
  linkId: number;
  userId: number;
  email: string;
  name: string;
}

/** The account a reset link is for; a link whose account is gone or disabled counts as unknown. */
export async function resetOffer(db: Db, token: string): Promise<{ state: 'usable'; offer: ResetOffer } | { state: 'gone'; reason: LinkGone }> {
  const found = await lookUpLink(db, token, 'PASSWORD_RESET');
  if (found.state === 'gone') return found;
  const user = await db.user.findUnique({ where: { email: normalizeEmail(found.link.email) } });
  if (!user || user.disabledAt) return { state: 'gone', reason: 'unknown' };
  return { state: 'usable', offer: { linkId: found.link.id, userId: user.id, email: user.email, name: user.name } };
}

/** Sets a new password through a reset link: every old session ends, a fresh one starts here. */
export async function resetPassword(
  db: PrismaClient,
  request: Request,
  offer: ResetOffer,
  passwordHash: string,
  info: RequestInfo,
): Promise<{ ok: true; setCookie: string } | { ok: false; reason: 'used' }> {
  const done = await db.$transaction(async (tx) => {
    if (!(await consumeLink(tx, offer.linkId))) return false;
    await tx.user.update({ where: { id: offer.userId }, data: { passwordHash, passwordChangedAt: new Date() } });
    await endAllSessions(tx, offer.userId);
    await retireResetLinks(tx, offer.email);
    await recordSecurityEvent(tx, { kind: 'password_changed', actorUserId: offer.userId, email: offer.email, detail: { via: 'reset', invitationId: offer.linkId }, ...info });
    return true;
  });
  if (!done) return { ok: false, reason: 'used' };
  // Proving control of the mailbox lifts a lock-out from failed sign-ins ("…or reset your password").
  await clearAccountFailures(db, offer.email);
  return { ok: true, setCookie: await beginSession(db, offer.userId, request, info) };
}

/** More reset requests than this per address and hour are recorded but send nothing (no mailbox flooding). */
export const RESETS_PER_HOUR = 3;

/**
 * Sends a reset link when the address belongs to an enabled account with a password; does
 * nothing visible otherwise. The outcome goes only to the security log, never to the requester.
 */
export async function requestPasswordReset(db: Db, request: Request, email: string, info: RequestInfo) {
  const normalized = normalizeEmail(email);
  const user = await db.user.findUnique({ where: { email: normalized } });
  let outcome: string;
  if (!user) outcome = 'no_account';
  else if (user.disabledAt) outcome = 'disabled';
  else if (!user.passwordHash) outcome = 'no_password';
  else {
    const recent = await db.invitation.count({
      where: { kind: 'PASSWORD_RESET', email: normalized, createdAt: { gt: new Date(Date.now() - 60 * 60 * 1000) } },
    });
    if (recent >= RESETS_PER_HOUR) outcome = 'too_many';
    else {
      const { delivery } = await createPasswordReset(db, request, user, null);
      outcome = delivery.sent ? 'sent' : `not_sent_${delivery.reason}`;
    }
  }
  await recordSecurityEvent(db, { kind: 'password_reset_requested', subjectUserId: user?.id ?? null, email: normalized, detail: { outcome }, ...info });
}

// ---------------------------------------------------------------------------------------------
// The account page

export async function accountRoles(db: Db, userId: number) {
  return db.roleAssignment.findMany({
    where: { userId },
    orderBy: [{ role: 'asc' }, { id: 'asc' }],
    select: { id: true, role: true, jurisdiction: { select: { name: true } }, agency: { select: { name: true } } },
  });
}

/** Ends every session of the person, including this browser's. */
export async function signOutEverywhere(db: PrismaClient, userId: number, info: RequestInfo) {
  await db.$transaction(async (tx) => {
    await endAllSessions(tx, userId);
    await recordSecurityEvent(tx, { kind: 'sign_out_everywhere', actorUserId: userId, ...info });
  });
}

// ---------------------------------------------------------------------------------------------
// Reviewers

const isoDate = (date: Date | null) => (date ? date.toISOString().slice(0, 10) : null);

/** The places a reviewer reviews, each with the agencies based exactly there and their agreements. */
export async function reviewerPlaces(db: Db, jurisdictionIds: number[]) {
  const places = await db.jurisdiction.findMany({
    where: { id: { in: jurisdictionIds } },
    orderBy: { name: 'asc' },
    select: {
      id: true,
      name: true,
      agencies: {
        orderBy: { name: 'asc' },
        select: {
          id: true,
          name: true,
          slug: true,
          kind: true,
          agreements: { select: { publicId: true, model: true, status: true, signedOn: true }, orderBy: [{ status: 'asc' }, { model: 'asc' }] },
        },
      },
    },
  });
  return places.map((place) => ({
    ...place,
    agencies: place.agencies.map((agency) => ({
      ...agency,
      agreements: agency.agreements.map((a) => ({ ...a, signedOn: isoDate(a.signedOn) })),
    })),
  }));
}

/** The agency an invitation would be for, with where it is based (for canInvite). */
export async function agencyScope(db: Db, agencyId: number) {
  return db.agency.findUnique({ where: { id: agencyId }, select: { id: true, name: true, jurisdictionId: true } });
}

/** Creates an invitation to file for (or head) an agency; the caller has checked canInvite. */
export async function inviteToAgency(
  db: Db,
  request: Request,
  actor: Actor,
  invite: { email: string; role: 'FILER' | 'HEAD'; agency: { id: number; name: string } },
  info: RequestInfo,
): Promise<CreatedLink> {
  const created = await createInvitation(db, request, {
    email: invite.email,
    role: invite.role,
    jurisdictionId: null,
    agencyId: invite.agency.id,
    createdById: actor.userId,
    placeLabel: invite.agency.name,
  });
  await recordSecurityEvent(db, {
    kind: 'invitation_created',
    actorUserId: actor.userId,
    email: normalizeEmail(invite.email),
    detail: { invitationId: created.id, role: invite.role, agencyId: invite.agency.id, delivery: created.delivery },
    ...info,
  });
  return created;
}
