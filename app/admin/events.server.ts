/**
 * The security event record for operators: newest first, a page at a time, by kind.
 */
import type { SecurityEventKind, TalliedEventKind } from '~/auth/events.server';
import type { Db } from '~/db/prisma.server';
import { formatDateTime } from './format.server';

export const EVENTS_PER_PAGE = 50;

// A record keyed by every kind, so a kind added to SecurityEventKind must be added here too.
const KINDS: Record<SecurityEventKind, true> = {
  sign_in: true,
  sign_in_failed: true,
  sign_in_blocked: true,
  sign_out: true,
  sign_out_everywhere: true,
  password_changed: true,
  password_reset_requested: true,
  invitation_created: true,
  invitation_accepted: true,
  role_granted: true,
  role_revoked: true,
  account_disabled: true,
  account_enabled: true,
  api_token_created: true,
  api_token_revoked: true,
  api_token_refused: true,
};
export const SECURITY_EVENT_KINDS = Object.keys(KINDS) as SecurityEventKind[];

export function isSecurityEventKind(value: string | null): value is SecurityEventKind {
  return value !== null && Object.hasOwn(KINDS, value);
}

/** detail as "key: value" pairs, for a table cell. */
function detailText(detail: unknown): string {
  if (!detail || typeof detail !== 'object') return '';
  return Object.entries(detail as Record<string, unknown>)
    .filter(([, value]) => value !== null && value !== undefined)
    .map(([key, value]) => `${key}: ${typeof value === 'object' ? JSON.stringify(value) : String(value)}`)
    .join(', ');
}

export async function securityEvents(db: Db, query: { page: number; kind: SecurityEventKind | null }) {
  const where = query.kind ? { kind: query.kind } : {};
  const total = await db.securityEvent.count({ where });
  const pages = Math.max(1, Math.ceil(total / EVENTS_PER_PAGE));
  const page = Math.min(Math.max(1, query.page), pages);
  const rows = await db.securityEvent.findMany({
    where,
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    skip: (page - 1) * EVENTS_PER_PAGE,
    take: EVENTS_PER_PAGE,
  });
  // security_event keeps bare user ids (no foreign keys: the record outlives accounts).
  const ids = [...new Set(rows.flatMap((row) => [row.actorUserId, row.subjectUserId]).filter((id): id is number => id !== null))];
  const users = ids.length ? await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, email: true } }) : [];
  const byId = new Map(users.map((user) => [user.id, user]));
  const person = (id: number | null) => (id === null ? null : (byId.get(id) ?? { id, name: null, email: null }));
  return {
    page,
    pages,
    total,
    events: rows.map((row) => ({
      id: row.id,
      at: formatDateTime(row.at),
      kind: row.kind,
      actor: person(row.actorUserId),
      subject: person(row.subjectUserId),
      email: row.email,
      detail: detailText(row.detail),
      ip: row.ip,
      userAgent: row.userAgent,
    })),
  };
}

export const TALLIES_SHOWN = 50;
const TALLIED: Record<TalliedEventKind, true> = { api_token_refused: true, sign_in_blocked: true, sign_in_failed: true };

/**
 * Anonymous refusals, counted per kind, source address and hour (security_event_tally): the
 * latest hours first. With a kind that is never counted this way, none.
 */
export async function securityEventTallies(db: Db, query: { kind: SecurityEventKind | null }) {
  if (query.kind && !Object.hasOwn(TALLIED, query.kind)) return { total: 0, tallies: [] };
  const where = query.kind ? { kind: query.kind } : {};
  const [total, rows] = await Promise.all([
    db.securityEventTally.count({ where }),
    db.securityEventTally.findMany({ where, orderBy: [{ lastAt: 'desc' }, { id: 'desc' }], take: TALLIES_SHOWN }),
  ]);
  return {
    total,
    tallies: rows.map((row) => ({
      id: row.id,
      kind: row.kind,
      source: row.source,
      count: row.count,
      firstAt: formatDateTime(row.firstAt),
      lastAt: formatDateTime(row.lastAt),
      lastEmail: row.lastEmail,
      lastUserAgent: row.lastUserAgent,
    })),
  };
}
