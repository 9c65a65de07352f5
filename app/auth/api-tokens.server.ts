/**
 * Agency API tokens: for an agency's own systems to file by machine. A token is shown once
 * when created; only its SHA-256 is stored. Every request that carries one acts for that one
 * agency and nothing else.
 */
import crypto from 'node:crypto';
import type { Db } from '~/db/prisma.server';
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

export function listApiTokens(db: Db, agencyId: number) {
  return db.apiToken.findMany({
    where: { agencyId },
    select: { id: true, name: true, prefix: true, createdAt: true, lastUsedAt: true, revokedAt: true, createdBy: { select: { name: true } } },
    orderBy: [{ revokedAt: { sort: 'desc', nulls: 'first' } }, { createdAt: 'desc' }],
  });
}

export interface TokenPrincipal {
  tokenId: number;
  agency: { id: number; slug: string; name: string; jurisdictionId: number | null };
}

/** The agency a request's bearer token acts for, or null when there is no valid token. */
export async function authenticateApiToken(db: Db, request: Request): Promise<TokenPrincipal | null> {
  const header = request.headers.get('authorization') ?? '';
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match || !match[1].startsWith(TOKEN_PREFIX)) return null;
  const row = await db.apiToken.findUnique({
    where: { tokenHash: sha256(match[1]) },
    select: { id: true, revokedAt: true, agency: { select: { id: true, slug: true, name: true, jurisdictionId: true } } },
  });
  if (!row || row.revokedAt) return null;
  await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } });
  return { tokenId: row.id, agency: row.agency };
}
