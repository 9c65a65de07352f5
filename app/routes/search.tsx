import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { z } from 'zod';
import { AgencyCard } from '~/components/registry';
import { SearchForm } from '~/components/search-form';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/registry/paths';
import { placeQuery } from '~/registry/places';
import { searchPlaces } from '~/registry/registry-queries.server';

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('search.pageTitle')) }];
};

const Query = z.string().trim().max(100).catch('');

export async function loader({ request }: LoaderFunctionArgs) {
  const query = Query.parse(new URL(request.url).searchParams.get('q') ?? '');
  const tooShort = placeQuery(query).length < 2;
  return { query, tooShort, matches: tooShort ? [] : await searchPlaces(prisma(), query) };
}

export default function Search() {
  const { query, tooShort, matches } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{query ? t('search.title', { query }) : t('search.titleEmpty')}</h1>
      <SearchForm defaultValue={query} />
      {query && tooShort ? <p role="status">{t('search.tooShort')}</p> : null}
      {query && !tooShort && matches.length === 0 ? (
        <p role="status">
          {t('search.none', { query })} <Link to="/places/nc">{t('nav.counties')}</Link>
        </p>
      ) : null}
      {matches.map(({ place, county, agencies }) => {
        const hasActive = agencies.some((agency) => agency.agreements.some((a) => a.status === 'ACTIVE'));
        return (
          <section key={placePath(place)} className="result" aria-labelledby={`r-${place.stateCode}-${place.slug}`}>
            <h2 id={`r-${place.stateCode}-${place.slug}`}>
              <Link to={placePath(place)}>
                {place.name}, {place.stateCode}
              </Link>
            </h2>
            {county ? <p className="muted">{t('place.inCounty', { county: county.name })}</p> : null}
            <p className={hasActive ? 'answer answer-yes' : 'answer answer-no'}>
              {hasActive ? t('search.yes', { place: place.name }) : t('search.no', { place: place.name })}
            </p>
            {agencies.map((agency) => (
              <AgencyCard key={agency.slug} agency={agency} />
            ))}
          </section>
        );
      })}
    </>
  );
}
