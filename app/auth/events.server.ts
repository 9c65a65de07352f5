import type { Db } from '~/db/prisma.server';

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

export function requestInfo(request: Request, clientIp?: string | null): RequestInfo {
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
