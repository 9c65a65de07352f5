/**
 * One-time links: invitations to a role, and password resets. The link carries a random token;
 * the table stores its SHA-256 and an expiry, and marks it used once it served.
 */
import type { Db } from '~/db/prisma.server';
import type { Role } from '~/generated/prisma/enums';
import { normalizeEmail } from './credentials.server';
import { sendMail, type Delivery } from './mailer.server';
import { newToken, sha256 } from './session.server';

export const INVITATION_LIFETIME_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_LIFETIME_MS = 60 * 60 * 1000;

export interface CreatedLink {
  id: number;
  /** The link to pass on; shown once to whoever created it. */
  url: string;
  delivery: Delivery;
}

/** The portal's address for links in mail and feeds: PUBLIC_URL when set, else the request's. */
export function publicOrigin(request: Request) {
  return process.env.PUBLIC_URL ? new URL(process.env.PUBLIC_URL).origin : new URL(request.url).origin;
}

export async function createInvitation(
  db: Db,
  request: Request,
  invite: { email: string; role: Role; jurisdictionId: number | null; agencyId: number | null; createdById: number | null; placeLabel: string },
): Promise<CreatedLink> {
  const token = newToken();
  const email = normalizeEmail(invite.email);
  const row = await db.invitation.create({
    data: {
      kind: 'INVITE',
      tokenHash: sha256(token),
      email,
      role: invite.role,
      jurisdictionId: invite.jurisdictionId,
      agencyId: invite.agencyId,
      createdById: invite.createdById,
      expiresAt: new Date(Date.now() + INVITATION_LIFETIME_MS),
    },
  });
  const url = `${publicOrigin(request)}/invite/${token}`;
  const delivery = await sendMail({
    to: email,
    subject: 'Your invitation to the Oversight Portal',
    text: `You are invited to the Oversight Portal as ${invite.role.toLowerCase()} for ${invite.placeLabel}.\n\nOpen this link within 7 days to set your password:\n${url}\n`,
  });
  return { id: row.id, url, delivery };
}

export async function createPasswordReset(db: Db, request: Request, user: { id: number; email: string }, createdById: number | null): Promise<CreatedLink> {
  const token = newToken();
  const row = await db.invitation.create({
    data: {
      kind: 'PASSWORD_RESET',
      tokenHash: sha256(token),
      email: user.email,
      createdById,
      expiresAt: new Date(Date.now() + RESET_LIFETIME_MS),
    },
  });
  const url = `${publicOrigin(request)}/reset-password/${token}`;
  const delivery = await sendMail({
    to: user.email,
    subject: 'Reset your Oversight Portal password',
    text: `Open this link within an hour to choose a new password:\n${url}\n\nIf you did not ask for this, ignore this message.\n`,
  });
  return { id: row.id, url, delivery };
}

/** The unused, unexpired link of this kind for a token, or null. */
export async function findUsableLink(db: Db, token: string, kind: 'INVITE' | 'PASSWORD_RESET') {
  const row = await db.invitation.findUnique({
    where: { tokenHash: sha256(token) },
    include: { agency: { select: { name: true } }, jurisdiction: { select: { name: true } } },
  });
  if (!row || row.kind !== kind || row.usedAt || row.expiresAt <= new Date()) return null;
  return row;
}

/** Marks a link used; false when another request used it first (so it serves only once). */
export async function consumeLink(db: Db, id: number): Promise<boolean> {
  const { count } = await db.invitation.updateMany({ where: { id, usedAt: null, expiresAt: { gt: new Date() } }, data: { usedAt: new Date() } });
  return count === 1;
}
