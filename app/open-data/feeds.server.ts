/**
 * Atom feeds of what changes in public: submitted reports, amendments and registry changes
 * (agreements listed, changed or ended in ICE's lists), statewide or for one county (agencies
 * based in it or in its towns). Newest first, the latest 50.
 */
import { FEED_LIMIT, type FeedChanges, type FeedScope } from '~/dashboards/feed-entries.server';
import type { Translate } from '~/i18n/i18n';
import type { Locale } from '~/i18n/i18n';
import { dateOnly } from '~/reporting/calendar';
import { periodLabel } from '~/reporting/period-label';
import { agencyPath } from '~/paths';
import { atomXml, type AtomEntry } from './atom';

const TAG = 'tag:oversight-portal,2025';

/** Feed entries, newest first, from what changed (dashboards/feed-entries.server.ts). */
export function feedEntries({ revisions, events }: FeedChanges, origin: string, t: Translate, locale: Locale): AtomEntry[] {
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
  return entries.sort((a, b) => (a.updated < b.updated ? 1 : a.updated > b.updated ? -1 : a.id < b.id ? 1 : -1)).slice(0, FEED_LIMIT);
}

export function feedXml(
  changes: FeedChanges,
  input: { scope: FeedScope; placeName: string; origin: string; self: string; alternate: string; t: Translate; locale: Locale; demo: boolean },
): string {
  const { t } = input;
  const entries = feedEntries(changes, input.origin, t, input.locale);
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
