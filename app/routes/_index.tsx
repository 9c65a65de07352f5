import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { SearchForm } from '~/components/search-form';
import { OverdueReports } from '~/components/statewide-overdue';
import { LatestFilings, StatewideDataLinks, StatewideMap, StatewideTimeline, StatewideTotals } from '~/components/statewide';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { statewideWithOverdue } from '~/open-data/statewide-downloads.server';
import { MODELS } from '~/registry/models';
import { pageMeta } from '~/components/error-page';

/** The home page is North Carolina's statewide page. */
const STATE = 'NC';

/** No client app: plain HTML, links and a GET form; the map's chart script draws the charts. */
export const handle = { hydrate: false, charts: 'map' };

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [
    { title: pageTitle(t, t('home.title')) },
    { name: 'description', content: t('home.description') },
    { tagName: 'link', rel: 'alternate', type: 'application/atom+xml', href: `/feeds/${STATE.toLowerCase()}.atom`, title: t('statewide.feedTitle') },
  ];
});

export async function loader({ context }: LoaderFunctionArgs) {
  // With the list of overdue and declined reports (its first rows: the CSV has them all).
  const data = await statewideWithOverdue(prisma(), STATE, context.publicDataVersion);
  if (!data) throw new Response('Not found', { status: 404 });
  return data;
}

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const { t, date, number } = useT();
  return (
    <>
      <h1>{t('home.title')}</h1>
      {/* The search first: on a phone it is what most visitors came for. */}
      <SearchForm />
      <p className="lead">{t('home.intro')}</p>

      <section aria-labelledby="by-model">
        <h2 id="by-model">{t('home.activeCount', { count: number(data.totals.active) })}</h2>
        {data.asOf ? (
          <p className="muted">
            {data.totals.notOnIceList
              ? t('home.asOfWithMoas', { date: date(data.asOf), count: number(data.totals.notOnIceList) })
              : t('home.asOf', { date: date(data.asOf) })}
          </p>
        ) : null}
        <StatewideTotals data={data} />
      </section>

      <section aria-labelledby="map-heading">
        <h2 id="map-heading">{t('statewide.map.heading')}</h2>
        <StatewideMap data={data} />
      </section>

      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">{t('statewide.timeline.heading')}</h2>
        <StatewideTimeline data={data} />
      </section>

      <section aria-labelledby="filings-heading">
        <h2 id="filings-heading">{t('statewide.filings.heading')}</h2>
        <LatestFilings data={data} />
      </section>

      <section aria-labelledby="overdue-heading">
        <h2 id="overdue-heading">{t('statewide.overdue.heading')}</h2>
        <OverdueReports stateCode={data.state.code} data={data.overdue} />
      </section>

      <section aria-labelledby="models">
        <h2 id="models">{t('home.modelsTitle')}</h2>
        <dl className="models">
          {MODELS.map((model) => (
            <div key={model}>
              <dt>{t(`model.${model}`)}</dt>
              <dd>{t(`model.${model}.explain`)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section aria-labelledby="data-heading">
        <h2 id="data-heading">{t('statewide.data.heading')}</h2>
        <StatewideDataLinks data={data} />
      </section>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
