/**
 * What the Atom feeds list: the latest submitted reports, amendments and registry events of a
 * state, or of one county (agencies based in it or in its towns), newest first. open-data/feeds
 * turns them into Atom in the reader's language.
 */
import type { Db } from '~/db/prisma.server';
import { agenciesOfCounty } from './county-agencies.server';

export const FEED_LIMIT = 50;

export interface FeedScope {
  stateCode: string;
  /** The county's jurisdiction id, or null for the whole state. */
  countyId: number | null;
}

/** Agencies the feed covers, as a Prisma filter. */
function agencyWhere(scope: FeedScope) {
  return {
    stateCode: scope.stateCode,
    ...(scope.countyId === null ? {} : agenciesOfCounty(scope.countyId)),
  };
}

export async function feedChanges(db: Db, scope: FeedScope) {
  const [revisions, events] = await Promise.all([
    db.filingRevision.findMany({
      where: { filing: { agency: agencyWhere(scope) } },
      orderBy: [{ certifiedAt: 'desc' }, { id: 'desc' }],
      take: FEED_LIMIT,
      select: {
        id: true,
        number: true,
        certifiedAt: true,
        amendmentReason: true,
        nothingToReport: true,
        filing: { select: { periodStart: true, periodEnd: true, agency: { select: { name: true, slug: true, stateCode: true } } } },
      },
    }),
    db.agreementEvent.findMany({
      where: { agreement: { agency: agencyWhere(scope) } },
      orderBy: [{ effectiveOn: 'desc' }, { id: 'desc' }],
      take: FEED_LIMIT,
      select: {
        id: true,
        kind: true,
        toStatus: true,
        effectiveOn: true,
        agreement: { select: { model: true, agency: { select: { name: true, slug: true, stateCode: true } } } },
      },
    }),
  ]);
  return { revisions, events };
}

export type FeedChanges = Awaited<ReturnType<typeof feedChanges>>;

/** The state (and county) a feed's address names, or null when there is none. */
export async function feedPlace(db: Db, stateCode: string, countySlug: string | null) {
  const state = await db.jurisdiction.findFirst({ where: { kind: 'STATE', stateCode }, select: { name: true } });
  if (!state) return null;
  const county = countySlug
    ? await db.jurisdiction.findFirst({ where: { kind: 'COUNTY', stateCode, slug: countySlug }, select: { id: true, name: true, slug: true, stateCode: true } })
    : null;
  if (countySlug && !county) return null;
  return { state, county };
}
