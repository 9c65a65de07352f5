import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AgencyCard } from '~/components/registry';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/registry/paths';
import { placeDetail } from '~/registry/registry-queries.server';

export async function loader({ params }: LoaderFunctionArgs) {
  const place = await placeDetail(prisma(), (params.state ?? '').toUpperCase(), params.slug ?? '');
  if (!place || place.kind === 'STATE') throw new Response('Not found', { status: 404 });
  return { place };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaTranslator(matches);
  return [
    { title: pageTitle(t, data ? t('place.pageTitle', { place: `${data.place.name}, ${data.place.stateCode}` }) : t('error.notFound')) },
  ];
};

export default function PlacePage() {
  const { place } = useLoaderData<typeof loader>();
  const { t, number } = useT();
  const all = [...place.agencies, ...place.towns.flatMap((town) => town.agencies)];
  const active = all.flatMap((agency) => agency.agreements).filter((a) => a.status === 'ACTIVE').length;
  return (
    <>
      <h1>
        {place.name}, {place.stateCode}
      </h1>
      {place.parent?.kind === 'COUNTY' ? (
        <p>
          {t('place.countyLabel')} <Link to={placePath(place.parent)}>{place.parent.name}</Link>
        </p>
      ) : null}
      <p className={active ? 'answer answer-yes' : 'answer answer-no'}>
        {active ? t('place.summaryYes', { place: place.name, count: number(active) }) : t('place.summaryNo', { place: place.name })}
      </p>

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
    </>
  );
}
