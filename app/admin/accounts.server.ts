/**
 * Accounts as operators manage them: the list, invitations, one account's roles, disabling,
 * password resets and ending sessions. Each change is written in one transaction with its
 * security event, so the record never misses a change nor shows one that did not happen.
 */
import { z } from 'zod';
import { revokeTokensOfCreator } from '~/auth/api-tokens.server';
import { normalizeEmail } from '~/auth/credentials.server';
import { recordSecurityEvent, type RequestInfo } from '~/auth/events.server';
import { createInvitation, createPasswordReset, type CreatedLink } from '~/auth/invitations.server';
import { grantShapeError, type Grant, type Role } from '~/auth/permissions';
import { endAllSessions } from '~/auth/session.server';
import type { Db, PrismaClient } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import type { MessageKey } from '~/i18n/i18n';
import { idField, parseWith, type FormParse } from '~/utils/forms.server';
import { formatDateTime } from './format.server';

export const ROLES = ['OPERATOR', 'REVIEWER', 'FILER', 'HEAD'] as const satisfies readonly Role[];

// Invitation and reset links are mailed inside their transaction (so a link exists only with
// its security event); leave time for a slow mail server.
const MAILING_TRANSACTION = { timeout: 30_000, maxWait: 10_000 };

export type Outcome = { ok: true } | { ok: false; error: MessageKey };

export interface GrantOptions {
  /** North Carolina's counties and towns, for reviewers. */
  places: { id: number; label: string }[];
  /** Agencies with at least one agreement, North Carolina's first, for filers and heads. */
  agencies: { id: number; label: string; stateCode: string }[];
}

export async function grantOptions(db: Db): Promise<GrantOptions> {
  const [places, agencies] = await Promise.all([
    db.jurisdiction.findMany({
      where: { stateCode: 'NC', kind: { in: ['COUNTY', 'MUNICIPALITY'] } },
      select: { id: true, name: true, kind: true, parent: { select: { name: true, kind: true } } },
      orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    }),
    db.agency.findMany({
      where: { agreements: { some: {} } },
      select: { id: true, name: true, stateCode: true },
      orderBy: [{ stateCode: 'asc' }, { name: 'asc' }],
    }),
  ]);
  const nc = agencies.filter((a) => a.stateCode === 'NC');
  const others = agencies.filter((a) => a.stateCode !== 'NC');
  return {
    places: places.map((p) => ({ id: p.id, label: p.kind === 'MUNICIPALITY' && p.parent?.kind === 'COUNTY' ? `${p.name} (${p.parent.name})` : p.name })),
    agencies: [...nc, ...others].map((a) => ({ id: a.id, stateCode: a.stateCode, label: a.stateCode === 'NC' ? a.name : `${a.name} (${a.stateCode})` })),
  };
}

/** A select's id, empty for none; anything else wrong with it reads as `error`. */
const optionalId = (error: MessageKey) =>
  z.preprocess((value) => (value === '' || value == null ? null : value), idField(error).nullable());

/** Where a grant of each role that grantShapeError refuses says what is missing. */
const SHAPE_ERRORS: Record<Role, [field: string, message: MessageKey]> = {
  OPERATOR: ['role', 'grant.shape.operator'],
  REVIEWER: ['jurisdictionId', 'grant.shape.reviewer'],
  FILER: ['agencyId', 'grant.shape.agency'],
  HEAD: ['agencyId', 'grant.shape.agency'],
};

/** A grant, and the label of its place or agency (null for a role over the whole portal). */
export interface ParsedGrant {
  grant: Grant;
  label: string | null;
}

/**
 * Role and place from a form. Without JavaScript both selects are on the page, so only the one
 * that fits the role is read; grantShapeError then says whether something is missing.
 */
function grantForm(options: GrantOptions) {
  return z
    .object({ role: z.enum(ROLES, 'admin.grant.roleRequired'), jurisdictionId: optionalId('admin.grant.placeUnknown'), agencyId: optionalId('admin.grant.agencyUnknown') })
    .transform(({ role, jurisdictionId, agencyId }, ctx): ParsedGrant => {
      const refuse = (field: string, message: MessageKey) => {
        ctx.addIssue({ code: 'custom', path: [field], message });
        return z.NEVER;
      };
      const grant: Grant = {
        role,
        jurisdictionId: role === 'REVIEWER' ? jurisdictionId : null,
        agencyId: role === 'FILER' || role === 'HEAD' ? agencyId : null,
      };
      if (grantShapeError(grant)) return refuse(...SHAPE_ERRORS[role]);
      if (grant.jurisdictionId !== null) {
        const place = options.places.find((p) => p.id === grant.jurisdictionId);
        return place ? { grant, label: place.label } : refuse('jurisdictionId', 'admin.grant.placeUnknown');
      }
      if (grant.agencyId !== null) {
        const agency = options.agencies.find((a) => a.id === grant.agencyId);
        return agency ? { grant, label: agency.label } : refuse('agencyId', 'admin.grant.agencyUnknown');
      }
      return { grant, label: null };
    });
}

export function parseGrant(form: FormData, options: GrantOptions): FormParse<ParsedGrant> {
  return parseWith(grantForm(options), form);
}

// Normalised as accounts are keyed, so the invitation matches the account it creates or extends.
const InviteForm = z.object({
  email: z.string('admin.invite.emailInvalid').max(320, 'admin.invite.emailInvalid').transform(normalizeEmail).pipe(z.email('admin.invite.emailInvalid')),
});

/** The email and the grant of an invitation; both are checked, so every problem shows at once. */
export function parseInvite(form: FormData, options: GrantOptions): FormParse<ParsedGrant & { email: string }> {
  const email = parseWith(InviteForm, form);
  const grant = parseGrant(form, options);
  if (!email.ok) return { ...email, errors: { ...email.errors, ...(grant.ok ? {} : grant.errors) } };
  if (!grant.ok) return grant;
  return { ok: true, data: { email: email.data.email, ...grant.data } };
}

const roleSelect = {
  id: true,
  role: true,
  jurisdiction: { select: { name: true } },
  agency: { select: { name: true, stateCode: true } },
} satisfies Prisma.RoleAssignmentSelect;

type RoleRow = Prisma.RoleAssignmentGetPayload<{ select: typeof roleSelect }>;

function roleView(row: RoleRow) {
  const place = row.jurisdiction?.name ?? (row.agency ? (row.agency.stateCode === 'NC' ? row.agency.name : `${row.agency.name} (${row.agency.stateCode})`) : null);
  return { id: row.id, role: row.role, place };
}

export async function listAccounts(db: Db) {
  const users = await db.user.findMany({
    select: { id: true, name: true, email: true, lastSignInAt: true, disabledAt: true, roles: { select: roleSelect, orderBy: { role: 'asc' } } },
    orderBy: [{ name: 'asc' }, { email: 'asc' }],
  });
  return users.map((user) => ({
    id: user.id,
    name: user.name,
    email: user.email,
    roles: user.roles.map(roleView),
    lastSignIn: formatDateTime(user.lastSignInAt),
    disabled: formatDateTime(user.disabledAt),
  }));
}

/** Invitations sent and not yet accepted, newest first. */
export async function openInvitations(db: Db) {
  const rows = await db.invitation.findMany({
    where: { kind: 'INVITE', usedAt: null, expiresAt: { gt: new Date() } },
    select: { id: true, email: true, role: true, createdAt: true, expiresAt: true, jurisdiction: { select: { name: true } }, agency: { select: { name: true } } },
    orderBy: { createdAt: 'desc' },
  });
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    role: row.role,
    place: row.jurisdiction?.name ?? row.agency?.name ?? null,
    sent: formatDateTime(row.createdAt),
    expires: formatDateTime(row.expiresAt),
  }));
}

export async function accountDetail(db: Db, userId: number) {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: {
      id: true,
      name: true,
      email: true,
      createdAt: true,
      lastSignInAt: true,
      disabledAt: true,
      passwordHash: true,
      roles: { select: roleSelect, orderBy: { role: 'asc' } },
    },
  });
  if (!user) return null;
  const activeSessions = await db.session.count({ where: { userId, revokedAt: null, expiresAt: { gt: new Date() } } });
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    hasPassword: user.passwordHash !== null,
    created: formatDateTime(user.createdAt),
    lastSignIn: formatDateTime(user.lastSignInAt),
    disabled: formatDateTime(user.disabledAt),
    roles: user.roles.map(roleView),
    activeSessions,
  };
}

interface ByOperator {
  actorId: number;
  info: RequestInfo;
}

/** Invites someone to a role; the link is also mailed when the portal can send mail. */
export async function inviteAccount(
  prisma: PrismaClient,
  request: Request,
  invite: ByOperator & { email: string; grant: Grant; placeLabel: string },
): Promise<CreatedLink> {
  const { email, grant, actorId, info } = invite;
  return prisma.$transaction(async (tx) => {
    const link = await createInvitation(tx, request, { email, ...grant, createdById: actorId, placeLabel: invite.placeLabel });
    await recordSecurityEvent(tx, {
      kind: 'invitation_created',
      actorUserId: actorId,
      email,
      detail: { invitationId: link.id, ...grant, delivery: link.delivery },
      ...info,
    });
    return link;
  }, MAILING_TRANSACTION);
}

export async function grantRole(prisma: PrismaClient, change: ByOperator & { userId: number; grant: Grant }): Promise<Outcome> {
  const { userId, grant, actorId, info } = change;
  try {
    return await prisma.$transaction(async (tx): Promise<Outcome> => {
      // An account that does not exist (an old page, a crafted address) is not found, not a failed insert.
      if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) return { ok: false, error: 'admin.account.notFound' };
      await tx.roleAssignment.create({ data: { userId, ...grant } });
      await recordSecurityEvent(tx, { kind: 'role_granted', actorUserId: actorId, subjectUserId: userId, detail: { ...grant }, ...info });
      return { ok: true };
    });
  } catch (error) {
    // The unique index (NULLS NOT DISTINCT) refuses a second identical grant.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') return { ok: false, error: 'admin.account.alreadyHasRole' };
    throw error;
  }
}

export async function revokeRole(prisma: PrismaClient, change: ByOperator & { userId: number; roleId: number }): Promise<Outcome> {
  const { userId, roleId, actorId, info } = change;
  return prisma.$transaction(async (tx): Promise<Outcome> => {
    const role = await tx.roleAssignment.findFirst({ where: { id: roleId, userId } });
    if (!role) return { ok: false, error: 'admin.account.roleNotFound' };
    // An operator who could drop their own operator role could also leave the portal with none.
    if (role.role === 'OPERATOR' && userId === actorId) return { ok: false, error: 'admin.account.cannotRevokeOwnOperator' };
    await tx.roleAssignment.delete({ where: { id: role.id } });
    await recordSecurityEvent(tx, {
      kind: 'role_revoked',
      actorUserId: actorId,
      subjectUserId: userId,
      detail: { role: role.role, jurisdictionId: role.jurisdictionId, agencyId: role.agencyId },
      ...info,
    });
    // A head's tokens file as certified by them: they end with the role that let them be made.
    if (role.role === 'HEAD' && role.agencyId !== null) {
      await revokeTokensOfCreator(tx, { creatorId: userId, agencyId: role.agencyId, reason: 'role_removed', actorUserId: actorId, ...info });
    }
    return { ok: true };
  });
}

/** Disables (ending every session and revoking every API token at once) or enables an account. */
export async function setDisabled(prisma: PrismaClient, change: ByOperator & { userId: number; disabled: boolean }): Promise<Outcome> {
  const { userId, disabled, actorId, info } = change;
  if (disabled && userId === actorId) return { ok: false, error: 'admin.account.cannotDisableSelf' };
  return prisma.$transaction(async (tx): Promise<Outcome> => {
    const { count } = await tx.user.updateMany({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
    if (count === 0) return { ok: false, error: 'admin.account.notFound' };
    await recordSecurityEvent(tx, { kind: disabled ? 'account_disabled' : 'account_enabled', actorUserId: actorId, subjectUserId: userId, ...info });
    // Enabling again gives back no token: the head makes new ones, seen on the agency's page.
    if (disabled) {
      await endAllSessions(tx, userId);
      await revokeTokensOfCreator(tx, { creatorId: userId, reason: 'creator_disabled', actorUserId: actorId, ...info });
    }
    return { ok: true };
  });
}

export async function signOutEverywhere(prisma: PrismaClient, change: ByOperator & { userId: number }): Promise<Outcome> {
  const { userId, actorId, info } = change;
  return prisma.$transaction(async (tx): Promise<Outcome> => {
    if (!(await tx.user.findUnique({ where: { id: userId }, select: { id: true } }))) return { ok: false, error: 'admin.account.notFound' };
    await endAllSessions(tx, userId);
    await recordSecurityEvent(tx, { kind: 'sign_out_everywhere', actorUserId: actorId, subjectUserId: userId, ...info });
    return { ok: true };
  });
}

/** A password reset link for this account, to pass on (and mailed when the portal can). */
export async function sendPasswordReset(
  prisma: PrismaClient,
  request: Request,
  change: ByOperator & { userId: number },
): Promise<CreatedLink | null> {
  const { userId, actorId, info } = change;
  return prisma.$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, email: true } });
    if (!user) return null;
    const link = await createPasswordReset(tx, request, user, actorId);
    await recordSecurityEvent(tx, {
      kind: 'password_reset_requested',
      actorUserId: actorId,
      subjectUserId: userId,
      email: user.email,
      detail: { invitationId: link.id },
      ...info,
    });
    return link;
  }, MAILING_TRANSACTION);
}
