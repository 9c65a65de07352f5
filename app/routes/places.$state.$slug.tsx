import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { CountyDashboardSections } from '~/components/county-dashboard';
import { AgencyCard } from '~/components/registry';
import { TownAnswer, TownCounties } from '~/components/town';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { countyPageData } from '~/dashboards/county-dashboard.server';
import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import { recentPeriods, wantsAllPeriods } from '~/dashboards/period-window';
import { PeriodWindowNote } from '~/components/period-window';

import { comparePath, countyApiPath, countyFeedPath, placePath } from '~/paths';
import { placeDetail } from '~/registry/registry-queries.server';
import { slugParam } from '~/utils/route-params';
import { pageMeta } from '~/components/error-page';
import { PreapprovalFlags } from '~/components/preapproval-flags';
import { flagsOfPlace, type FlagView } from '~/preapproval/flags.server';
import { policiesOfPlace } from '~/policies/pages.server';
import { AdoptedPolicies } from '~/components/adopted-policies';
import { FollowByEmail } from '~/components/follow-by-email';

/** No client app: plain HTML and links; a county's charts by the series chart script (a town has none). */
export const handle = { hydrate: false, charts: (data: unknown) => ((data as { dashboard?: unknown } | undefined)?.dashboard ? 'series' : null) };

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const stateCode = slugParam(params.state).toUpperCase();
  const slug = slugParam(params.slug);
  const all = wantsAllPeriods(request.url);
  const db = prisma();
  // A county's dashboard (null for a town: towns show their registry entries only).
  const [place, dashboard, flags, policies] = await cachedByDataVersion(
    db,
    `place:${stateCode}:${slug}`,
    (reader) => Promise.all([placeDetail(reader, stateCode, slug), countyPageData(reader, stateCode, slug), flagsOfPlace(reader, stateCode, slug), policiesOfPlace(reader, stateCode, slug)]),
    context.publicDataVersion,
  );
  if (!place || place.kind === 'STATE') throw new Response('Not found', { status: 404 });
  if (place.kind !== 'COUNTY' || !dashboard) return { place, dashboard: null, periodWindow: null, flags, policies };
  const { periods, window: periodWindow } = recentPeriods(dashboard.periods, all);
  return { place, dashboard: { ...dashboard, periods }, periodWindow, flags, policies };
}

export const meta: MetaFunction<typeof loader> = pageMeta(({ data, matches }) => {
  const t = metaTranslator(matches);
  const place = data ? `${data.place.name}, ${data.place.stateCode}` : null;
  return [
    { title: pageTitle(t, place ? t('place.pageTitle', { place }) : t('error.notFound')) },
    // Feed readers find the county's Atom feed from the page.
    ...(data?.place.kind === 'COUNTY'
      ? [{ tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: countyFeedPath(data.place.stateCode, data.place.slug), title: t('feed.title', { place: place! }) }]
      : []),
  ];
});

export default function PlacePage() {
  const { place, dashboard, periodWindow, flags, policies } = useLoaderData<typeof loader>();
  const { t, number } = useT();
  if (place.kind === 'MUNICIPALITY') return <TownPage place={place} flags={flags} policies={policies} />;
  const all = [...place.agencies, ...place.towns.flatMap((town) => town.agencies)];
  const active = all.flatMap((agency) => agency.agreements).filter((a) => a.status === 'ACTIVE').length;
  return (
    <>
      <h1>
        {place.name}, {place.stateCode}
      </h1>
      <p className={active ? 'answer answer-yes' : 'answer answer-no'}>
        {active ? t('place.summaryYes', { place: place.name, count: number(active) }) : t('place.summaryNo', { place: place.name })}
      </p>

      <PreapprovalFlags flags={flags} />
      <AdoptedPolicies policies={policies} />

      <section aria-labelledby="agencies">
        <h2 id="agencies">{t('place.agencies')}</h2>
        {place.agencies.length ? (
          place.agencies.map((agency) => <AgencyCard key={agency.slug} agency={agency} />)
        ) : (
          <p>{t('place.noAgencies', { place: place.name })}</p>
        )}
      </section>

      {place.kind === 'COUNTY' ? (
        <section aria-labelledby="towns">
          <h2 id="towns">{t('place.towns')}</h2>
          {place.towns.length ? (
            place.towns.map((town) => (
              <div key={town.slug}>
                <h3>
                  <Link to={placePath(town)}>{town.name}</Link>
                </h3>
                {town.agencies.map((agency) => (
                  <AgencyCard key={agency.slug} agency={agency} headingLevel={3} />
                ))}
              </div>
            ))
          ) : (
            <p>{t('place.noTowns', { place: place.name })}</p>
          )}
        </section>
      ) : null}

      <FollowByEmail place={followKey(place)} />

      {periodWindow ? <PeriodWindowNote periods={periodWindow} /> : null}
      {dashboard ? (
        <CountyDashboardSections
          data={dashboard}
          links={{
            json: countyApiPath(place.stateCode, place.slug),
            figuresCsv: `${countyApiPath(place.stateCode, place.slug)}/figures.csv`,
            complianceCsv: `${countyApiPath(place.stateCode, place.slug)}/compliance.csv`,
            feed: countyFeedPath(place.stateCode, place.slug),
            compare: (metric) => comparePath(metric),
          }}
        />
      ) : null}
    </>
  );
}

/** The place as the "Follow by email" form names it ("nc/gaston-county"). */
const followKey = (place: { name: string; stateCode: string; slug: string }) => ({ label: `${place.name}, ${place.stateCode}`, key: `${place.stateCode.toLowerCase()}/${place.slug}` });

/** A town's page: its own agencies, and the county and state agreements that reach its residents. */
function TownPage({ place, flags, policies }: { place: ReturnType<typeof useLoaderData<typeof loader>>['place']; flags: FlagView[]; policies: { id: number; title: string; adoptedOn: string }[] }) {
  const { t, number } = useT();
  return (
    <>
      <h1>
        {place.name}, {place.stateCode}
      </h1>
      <TownCounties placeType={place.placeType} counties={place.counties} />
      {place.population !== null ? <p className="muted">{t('town.population', { count: number(place.population) })}</p> : null}
      <TownAnswer place={place.name} own={place.agencies} reaching={place.reaching} />
      <PreapprovalFlags flags={flags} />
      <AdoptedPolicies policies={policies} />

      <section aria-labelledby="own">
        <h2 id="own">{t('town.ownTitle', { place: place.name })}</h2>
        {place.agencies.some((agency) => agency.agreements.length) ? (
          place.agencies.map((agency) => <AgencyCard key={agency.slug} agency={agency} />)
        ) : (
          <p>{t('town.ownNone', { place: place.name })}</p>
        )}
      </section>

      <section aria-labelledby="reach">
        <h2 id="reach">{t('town.reachTitle', { place: place.name })}</h2>
        <p>{t('town.reachIntro', { place: place.name })}</p>
        {place.reaching.length ? (
          place.reaching.map((agency) => <AgencyCard key={agency.slug} agency={agency} />)
        ) : (
          <p>{t('town.reachNone', { place: place.name })}</p>
        )}
      </section>

      <FollowByEmail place={followKey(place)} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
