/**
 * Atom feeds of what changes in public: submitted reports, amendments and registry changes
 * (agreements listed, changed or ended in ICE's lists), statewide or for one county (agencies
 * based in it or in its towns). Newest first, the latest 50.
 */
import type { Db } from '~/db/prisma.server';
import type { Translate } from '~/i18n/i18n';
import type { Locale } from '~/i18n/i18n';
import { dateOnly } from '~/reporting/filing-checks';
import { periodLabel } from '~/reporting/period-label';
import { agencyPath } from '~/registry/paths';
import { atomXml, type AtomEntry } from './atom';

const LIMIT = 50;
const TAG = 'tag:oversight-portal,2025';

export interface FeedScope {
  stateCode: string;
  /** The county's jurisdiction id, or null for the whole state. */
  countyId: number | null;
}

/** Agencies the feed covers, as a Prisma filter. */
function agencyWhere(scope: FeedScope) {
  return {
    stateCode: scope.stateCode,
    ...(scope.countyId === null ? {} : { OR: [{ jurisdictionId: scope.countyId }, { jurisdiction: { parentId: scope.countyId } }] }),
  };
}

export async function feedEntries(db: Db, scope: FeedScope, origin: string, t: Translate, locale: Locale): Promise<AtomEntry[]> {
  const [revisions, events] = await Promise.all([
    db.filingRevision.findMany({
      where: { filing: { agency: agencyWhere(scope) } },
      orderBy: [{ certifiedAt: 'desc' }, { id: 'desc' }],
      take: LIMIT,
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
      take: LIMIT,
      select: {
        id: true,
        kind: true,
        toStatus: true,
        effectiveOn: true,
        agreement: { select: { model: true, agency: { select: { name: true, slug: true, stateCode: true } } } },
      },
    }),
  ]);
  const entries: AtomEntry[] = [
    ...revisions.map((revision) => {
      const agency = revision.filing.agency;
      const period = periodLabel(dateOnly(revision.filing.periodStart), dateOnly(revision.filing.periodEnd), locale);
      const amended = revision.number > 1;
      return {
        id: `${TAG}:filing-revision/${revision.id}`,
        title: t(amended ? 'feed.entry.amended' : 'feed.entry.submitted', { agency: agency.name, period, number: revision.number }),
        updated: revision.certifiedAt.toISOString(),
        link: `${origin}${agencyPath(agency)}`,
        summary: amended
          ? t('feed.summary.amended', { reason: revision.amendmentReason ?? '' })
          : t(revision.nothingToReport ? 'feed.summary.nothing' : 'feed.summary.submitted'),
      };
    }),
    ...events.map((event) => {
      const agency = event.agreement.agency;
      return {
        id: `${TAG}:agreement-event/${event.id}`,
        title: t(`feed.entry.${event.kind}`, { agency: agency.name, model: t(`model.${event.agreement.model}`) }),
        updated: event.effectiveOn.toISOString(),
        link: `${origin}${agencyPath(agency)}`,
        summary: t('feed.summary.registry', { status: t(`status.${event.toStatus}`), date: dateOnly(event.effectiveOn) }),
      };
    }),
  ];
  return entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? 1 : -1)).slice(0, LIMIT);
}

export async function feedXml(
  db: Db,
  input: { scope: FeedScope; placeName: string; origin: string; self: string; alternate: string; t: Translate; locale: Locale; demo: boolean },
): Promise<string> {
  const { t } = input;
  const entries = await feedEntries(db, input.scope, input.origin, t, input.locale);
  const title = t('feed.title', { place: input.placeName }) + (input.demo ? ` ${t('feed.demo')}` : '');
  return atomXml({
    id: `${TAG}:feed/${input.scope.stateCode.toLowerCase()}${input.scope.countyId === null ? '' : `/${input.scope.countyId}`}`,
    title,
    self: input.self,
    alternate: input.alternate,
    // An empty feed still needs a date: the start of the registry's history will do.
    updated: entries[0]?.updated ?? '2025-01-01T00:00:00.000Z',
    author: t('site.name'),
    lang: input.locale,
    entries,
  });
}
