/**
 * Agency API tokens: for an agency's own systems to file by machine. A token is shown once
 * when created; only its SHA-256 is stored. Every request that carries one acts for that one
 * agency and nothing else, and only while the head who made it is enabled and still heads
 * the agency: filings it sends are recorded as certified by that person.
 */
import crypto from 'node:crypto';
import type { Db } from '~/db/prisma.server';
import { sqlOf } from '~/db/sql.server';
import { Prisma } from '~/generated/prisma/client';
import { recordSecurityEvent, type RequestInfo } from './events.server';
import { sha256 } from './session.server';

const TOKEN_PREFIX = 'opt_';

export async function createApiToken(db: Db, input: { agencyId: number; name: string; createdById: number }) {
  const token = `${TOKEN_PREFIX}${crypto.randomBytes(32).toString('base64url')}`;
  const row = await db.apiToken.create({
    data: { agencyId: input.agencyId, name: input.name, tokenHash: sha256(token), prefix: token.slice(0, 12), createdById: input.createdById },
  });
  return { id: row.id, token };
}

/** Revokes a token of this agency; false when the id is not one of the agency's live tokens. */
export async function revokeApiToken(db: Db, agencyId: number, tokenId: number): Promise<boolean> {
  const { count } = await db.apiToken.updateMany({ where: { id: tokenId, agencyId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count === 1;
}

/** Why tokens were revoked without their agency's head asking. */
export type CreatorGone = 'creator_disabled' | 'role_removed';

/**
 * Revokes the live tokens a person made (only those for `agencyId` when given: a head losing
 * one agency keeps the tokens of another), recording each. Call it in the transaction that
 * disables the person or removes the role, so the record shows both or neither.
 */
export async function revokeTokensOfCreator(
  db: Db,
  change: { creatorId: number; agencyId?: number; reason: CreatorGone; actorUserId: number } & RequestInfo,
): Promise<number> {
  const { creatorId, agencyId, reason, actorUserId, ...info } = change;
  const revoked = await db.apiToken.updateManyAndReturn({
    where: { createdById: creatorId, revokedAt: null, ...(agencyId === undefined ? {} : { agencyId }) },
    data: { revokedAt: new Date() },
    select: { id: true, agencyId: true },
  });
  for (const token of revoked) {
    await recordSecurityEvent(db, {
      kind: 'api_token_revoked',
      actorUserId,
      subjectUserId: creatorId,
      detail: { agencyId: token.agencyId, tokenId: token.id, reason },
      ...info,
    });
  }
  return revoked.length;
}

export function listApiTokens(db: Db, agencyId: number) {
  return db.apiToken.findMany({
    where: { agencyId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
  });
}

export interface TokenPrincipal {
  tokenId: number;
  /** The head who made the token: whom a filing sent with it is recorded as submitted by. */
  createdById: number;
  agency: { id: number; slug: string; name: string; jurisdictionId: number | null };
}

/**
 * How stale lastUsedAt may be: the token page shows the day, so writing it on every request
 * (a commit each, and an agency's concurrent requests queueing on its token's row) buys nothing.
 */
const LAST_USED_PRECISION_MS = 60_000;

/**
 * The agency a request's bearer token acts for, or null when there is no valid token. A token
 * carries 256 random bits, so its SHA-256 is looked up directly: there is nothing to guess, and
 * no slow password hash is needed.
 *
 * Disabling the creator or removing their role revokes the token (revokeTokensOfCreator); the
 * same conditions are checked here too, so a change made any other way (a script, by hand in
 * the database) cannot leave a token acting for someone who may no longer certify. Kept in the
 * one statement: the API's query budget counts it.
 */
export async function authenticateApiToken(db: Db, request: { headers: Pick<Headers, 'get'> }): Promise<TokenPrincipal | null> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !match[1].startsWith(TOKEN_PREFIX)) return null;
  const sql = sqlOf(db);
  const [row] = await sql.query<{ tokenId: number; createdById: number; lastUsedAt: Date | null; id: number; slug: string; name: string; jurisdictionId: number | null }>(
    Prisma.sql`
    select t.id as "tokenId", t.created_by_id as "createdById", t.last_used_at as "lastUsedAt", a.id, a.slug, a.name, a.jurisdiction_id as "jurisdictionId"
    from api_token t
    join agency a on a.id = t.agency_id
    join app_user u on u.id = t.created_by_id
    where t.token_hash = ${sha256(match[1])} and t.revoked_at is null and u.disabled_at is null
      -- the role canManageApiTokens asks for: head of the token's agency
      and exists (select 1 from role_assignment r where r.user_id = t.created_by_id and r.role = 'HEAD' and r.agency_id = t.agency_id)`,
  );
  if (!row) return null;
  const { tokenId, createdById, lastUsedAt, ...agency } = row;
  const now = new Date();
  if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    await sql.execute(Prisma.sql`update api_token set last_used_at = ${now} where id = ${tokenId}`);
  }
  return { tokenId, createdById, agency };
}
