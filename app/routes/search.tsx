import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AgencyCard } from '~/components/registry';
import { SearchForm } from '~/components/search-form';
import { activeCount, TownAnswer, TownCounties } from '~/components/town';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/paths';
import { placeQuery, zipInQuery } from '~/registry/names';
import { searchPlaces } from '~/registry/registry-queries.server';
import { searchQuery } from '~/registry/search-query.server';

export const meta: MetaFunction = ({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('search.pageTitle')) }];
};

// Text and plain-HTML forms: nothing for JavaScript to do, so the page ships none (root.tsx).
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const query = searchQuery(new URL(request.url).searchParams.get('q'));
  const zip = zipInQuery(query);
  const tooShort = !zip && placeQuery(query).length < 2;
  return { query, zip, tooShort, matches: tooShort ? [] : await searchPlaces(prisma(), query) };
}

export default function Search() {
  const { query, zip, tooShort, matches } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <h1>{query ? t('search.title', { query }) : t('search.titleEmpty')}</h1>
      <SearchForm defaultValue={query} />
      {query && tooShort ? <p role="status">{t('search.tooShort')}</p> : null}
      {query && !tooShort && matches.length === 0 ? (
        <p role="status">
          {t('search.noneAny', { query })} <Link to="/places/nc">{t('nav.counties')}</Link>
        </p>
      ) : null}
      {zip && matches.length ? <h2 className="visually-hidden">{t('search.zipTitle', { zip })}</h2> : null}
      {matches.map(({ place, counties, agencies, reaching }) => {
        const id = `r-${place.stateCode}-${place.slug}`;
        return (
          <section key={placePath(place)} className="result" aria-labelledby={id}>
            <h2 id={id}>
              <Link to={placePath(place)}>
                {place.name}, {place.stateCode}
              </Link>
            </h2>
            {place.kind === 'MUNICIPALITY' ? (
              <>
                <TownCounties placeType={place.placeType} counties={counties} />
                <TownAnswer place={place.name} own={agencies} reaching={reaching} />
              </>
            ) : (
              <p className={activeCount(agencies) ? 'answer answer-yes' : 'answer answer-no'}>
                {activeCount(agencies) ? t('search.yes', { place: place.name }) : t('search.no', { place: place.name })}
              </p>
            )}
            {[...agencies, ...reaching].map((agency) => (
              <AgencyCard key={agency.slug} agency={agency} />
            ))}
          </section>
        );
      })}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
