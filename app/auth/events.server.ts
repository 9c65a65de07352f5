import type { Db } from '~/db/prisma.server';
import { addressBucket } from './throttle';

/** Kinds of security event; the table is append-only (a trigger refuses UPDATE and DELETE). */
export type SecurityEventKind =
  | 'sign_in'
  | 'sign_in_failed'
  | 'sign_in_blocked'
  | 'sign_out'
  | 'sign_out_everywhere'
  | 'password_changed'
  | 'password_reset_requested'
  | 'invitation_created'
  | 'invitation_accepted'
  | 'role_granted'
  | 'role_revoked'
  | 'account_disabled'
  | 'account_enabled'
  | 'api_token_created'
  | 'api_token_revoked'
  | 'api_token_refused';

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export function requestInfo(request: { headers: Pick<Headers, 'get'> }, clientIp?: string | null): RequestInfo {
  return { ip: clientIp ?? null, userAgent: request.headers.get('user-agent')?.slice(0, 300) ?? null };
}

export async function recordSecurityEvent(
  db: Db,
  event: {
    kind: SecurityEventKind;
    actorUserId?: number | null;
    subjectUserId?: number | null;
    email?: string | null;
    detail?: Record<string, unknown>;
  } & Partial<RequestInfo>,
) {
  await db.securityEvent.create({
    data: {
      kind: event.kind,
      actorUserId: event.actorUserId ?? null,
      subjectUserId: event.subjectUserId ?? null,
      email: event.email ?? null,
      detail: (event.detail ?? {}) as object,
      ip: event.ip ?? null,
      userAgent: event.userAgent ?? null,
    },
  });
}

/**
 * Refusals anyone can cause without proving who they are: counted, not logged one by one
 * (security_event is append-only, so a row per bogus request would let anonymous traffic
 * grow it without bound). One row per kind, source address and hour.
 */
export type TalliedEventKind = 'api_token_refused' | 'sign_in_blocked' | 'sign_in_failed';

/** How long counts are kept; older hours are deleted when a new hour starts. */
const TALLY_RETENTION_DAYS = 90;

export async function tallySecurityEvent(db: Db, event: { kind: TalliedEventKind; email?: string | null } & Partial<RequestInfo>) {
  const source = addressBucket(event.ip ?? null) ?? 'unknown';
  // Columns are UTC timestamps without a zone, as Prisma writes them. One statement,
  // so concurrent refusals from one source add up instead of racing.
  const rows = await db.$queryRaw<{ inserted: boolean }[]>`
    INSERT INTO security_event_tally (kind, source, window_start, count, first_at, last_at, last_email, last_user_agent)
    VALUES (${event.kind}, ${source}, date_trunc('hour', now() AT TIME ZONE 'UTC'), 1, now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', ${event.email?.slice(0, 320) ?? null}, ${event.userAgent ?? null})
    ON CONFLICT (kind, source, window_start) DO UPDATE
      SET count = security_event_tally.count + 1,
          last_at = excluded.last_at,
          last_email = coalesce(excluded.last_email, security_event_tally.last_email),
          last_user_agent = coalesce(excluded.last_user_agent, security_event_tally.last_user_agent)
    RETURNING (xmax = 0) AS inserted`;
  if (rows[0]?.inserted) {
    await db.$executeRaw`DELETE FROM security_event_tally WHERE last_at < (now() AT TIME ZONE 'UTC') - make_interval(days => ${TALLY_RETENTION_DAYS}::int)`;
  }
}
