import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { AgencyCard } from '~/components/registry';
import { SearchForm } from '~/components/search-form';
import { activeCount, TownAnswer, TownCounties } from '~/components/town';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/paths';
import { placeQuery, zipInQuery } from '~/registry/names';
import type { SearchMatch } from '~/registry/registry-queries.server';
import { searchAnswer, searchQuery } from '~/registry/search-query.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('search.pageTitle')) }];
});

// Text and plain-HTML forms: nothing for JavaScript to do, so the page ships none (root.tsx).
export const handle = { hydrate: false };

export async function loader({ request }: LoaderFunctionArgs) {
  const query = searchQuery(new URL(request.url).searchParams.get('q'));
  const zip = zipInQuery(query);
  const tooShort = !zip && placeQuery(query).length < 2;
  const answer = tooShort ? null : await searchAnswer(prisma(), query);
  return { query, zip, tooShort, answer };
}

export default function Search() {
  const { query, zip, tooShort, answer } = useLoaderData<typeof loader>();
  const { t } = useT();
  const main = answer?.main ?? [];
  const elsewhere = answer?.elsewhere ?? [];
  return (
    <>
      <h1>{query ? t('search.title', { query }) : t('search.titleEmpty')}</h1>
      <SearchForm defaultValue={query} />
      {query && tooShort ? <p role="status">{t('search.tooShort')}</p> : null}
      {answer && main.length === 0 && elsewhere.length === 0 ? (
        <p role="status">
          {t('search.noneAny', { query })} <Link to="/places/nc">{t('nav.counties')}</Link>
        </p>
      ) : null}
      {answer && main.length === 0 && elsewhere.length > 0 ? (
        <p role="status">{answer.asked ? t('search.noneAsked', { query, state: answer.stateCode }) : t('search.noneHome', { query })}</p>
      ) : null}
      {answer?.correctedTo ? <p role="status">{t('search.correctedTo', { name: answer.correctedTo })}</p> : null}
      {zip && main.length ? <h2 className="visually-hidden">{t('search.zipTitle', { zip })}</h2> : null}
      {main.map((match) => (
        <Result key={placePath(match.place)} match={match} />
      ))}
      {answer && elsewhere.length ? <Elsewhere asked={answer.asked} places={elsewhere} /> : null}
    </>
  );
}

/** A place in the state asked about, with its answer styled as the answer. */
function Result({ match: { place, counties, agencies, reaching, via } }: { match: SearchMatch }) {
  const { t } = useT();
  const id = `r-${place.stateCode}-${place.slug}`;
  return (
    <section className="result" aria-labelledby={id}>
      <h2 id={id}>
        <Link to={placePath(place)}>
          {place.name}, {place.stateCode}
        </Link>
      </h2>
      {via ? <p className="muted">{t('search.via', { town: via.name })}</p> : null}
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
}

/**
 * Places of the same name in other states: under their own heading, as plain links with a count,
 * never with a "Yes" or "No" styled as the answer (a Charlotte resident is not in Charlotte County, FL).
 */
function Elsewhere({ asked, places }: { asked: boolean; places: SearchMatch[] }) {
  const { t, number } = useT();
  return (
    <section className="result elsewhere" aria-labelledby="search-elsewhere">
      <h2 id="search-elsewhere">{asked ? t('search.outsideAsked') : t('search.outsideHome')}</h2>
      <p className="muted">{asked ? t('search.outsideAskedIntro') : t('search.outsideHomeIntro')}</p>
      <ul>
        {places.map(({ place, agencies }) => (
          <li key={placePath(place)}>
            <Link to={placePath(place)}>
              {place.name}, {place.stateCode}
            </Link>{' '}
            ({t('search.elsewhereActive', { count: number(activeCount(agencies)) })})
          </li>
        ))}
      </ul>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
