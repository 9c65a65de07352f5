/**
 * Private calendar feeds of due dates (/calendar/<token>.ics): a filer or head subscribes to
 * the periods they must file in their own calendar app. The link carries a token shown once;
 * only its SHA-256 is stored, like API tokens and sessions. One live link per person: making a
 * new one revokes the old, so a leaked link is cut off by making another.
 */
import { filingAgencyIds, type Actor } from '~/auth/permissions';
import { newToken, sha256 } from '~/auth/session.server';
import type { Db, PrismaClient } from '~/db/prisma.server';
import type { Locale } from '~/i18n/i18n';
import { filingsOverview } from './filing-pages.server';
import { calendar, type AllDayEvent } from './ics';
import { publicOrigin } from '~/auth/invitations.server';

/** Who may have a feed: whoever files for an agency (filer or head), the people /filings is for. */
export const mayHaveCalendarFeed = (actor: Actor | null) => filingAgencyIds(actor).length > 0;


/** When the person's live feed link was made, or null when they have none. */
export async function liveCalendarFeed(db: Db, userId: number): Promise<{ createdAt: Date } | null> {
  return db.calendarFeedToken.findFirst({ where: { userId, revokedAt: null }, select: { createdAt: true } });
}

/** Makes a new feed link (revoking any live one) and returns its full URL, to show once. */
export async function createCalendarFeed(db: PrismaClient, userId: number, request: Request): Promise<string> {
  const token = newToken();
  // One transaction: the partial unique index (one live link per user) holds even when two
  // requests race, the loser failing rather than leaving two live links.
  await db.$transaction(async (tx) => {
    await tx.calendarFeedToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
    await tx.calendarFeedToken.create({ data: { userId, tokenHash: sha256(token) } });
  });
  return `${publicOrigin(request)}/calendar/${token}.ics`;
}

/** Revokes the person's live link; false when there was none. */
export async function revokeCalendarFeed(db: Db, userId: number): Promise<boolean> {
  const { count } = await db.calendarFeedToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}

/**
 * The owner of a live feed token, as an Actor with their current roles, or null. Disabling the
 * person or removing their filing roles ends the feed at once: both are checked on every
 * request (as authenticateApiToken does), whatever made the change.
 */
async function feedOwner(db: Db, token: string): Promise<Actor | null> {
  // Tokens are 256 random bits in base64url: anything else is not one, no query needed.
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const row = await db.calendarFeedToken.findUnique({
    where: { tokenHash: sha256(token) },
    select: { revokedAt: true, user: { select: { id: true, email: true, name: true, disabledAt: true, roles: { select: { role: true, jurisdictionId: true, agencyId: true } } } } },
  });
  if (!row || row.revokedAt || row.user.disabledAt) return null;
  const actor: Actor = { userId: row.user.id, email: row.user.email, name: row.user.name, grants: row.user.roles };
  return mayHaveCalendarFeed(actor) ? actor : null;
}

/**
 * The feed's events: every period /filings lists as due, overdue or returned (its own
 * definitions, not a second one), on its due date.
 */
async function calendarFeedEvents(db: Db, actor: Actor, input: FeedText & { origin: string }, now: Date): Promise<AllDayEvent[]> {
  const { locale, origin } = input;
  const host = new URL(origin).host;
  const agencies = await filingsOverview(db, actor, locale, now);
  return agencies.flatMap((agency) =>
    agency.requirements.flatMap((requirement) =>
      requirement.periods
        .filter((period) => period.status === 'due' || period.status === 'overdue' || period.returned)
        .map((period) => ({
          uid: `due-${period.requirementId}-${period.key}@${host}`,
          date: period.dueOn,
          summary: input.summary(agency.name, period.label),
          url: period.filingId ? `${origin}/filings/${period.filingId}` : `${origin}/filings#period-${period.requirementId}-${period.key}`,
        })),
    ),
  );
}

/** The feed's words, in the reader's language. */
interface FeedText {
  locale: Locale;
  calendarName: string;
  summary: (agency: string, period: string) => string;
}

/** The ICS text of the feed behind `token`, or null (unknown, revoked, or its owner may no longer have one). */
export async function calendarFeedText(
  db: Db,
  request: Request,
  input: FeedText & { token: string },
  now: Date = new Date(),
): Promise<string | null> {
  const actor = await feedOwner(db, input.token);
  if (!actor) return null;
  const events = await calendarFeedEvents(db, actor, { ...input, origin: publicOrigin(request) }, now);
  return calendar({ name: input.calendarName, prodId: '-//Oversight Portal//Due dates//EN', now, events });
}
