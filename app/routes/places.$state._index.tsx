import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { placePath } from '~/paths';
import { countyList } from '~/registry/registry-queries.server';
import { slugParam } from '~/utils/route-params';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('counties.pageTitle')) }];
});

// Text and plain-HTML forms: nothing for JavaScript to do, so the page ships none (root.tsx).
export const handle = { hydrate: false };

export async function loader({ params }: LoaderFunctionArgs) {
  const counties = await countyList(prisma(), slugParam(params.state).toUpperCase());
  if (counties.length === 0) throw new Response('Not found', { status: 404 });
  return { counties };
}

export default function Counties() {
  const { counties } = useLoaderData<typeof loader>();
  const { t, number } = useT();
  return (
    <>
      <h1>{t('counties.title')}</h1>
      <p>{t('counties.intro')}</p>
      <TableRegion labelledBy="counties-caption">
        <table>
          <caption id="counties-caption" className="visually-hidden">{t('counties.title')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('table.place')}</th>
              <th scope="col">{t('table.status')}</th>
            </tr>
          </thead>
          <tbody>
            {counties.map((county) => (
              <tr key={county.slug}>
                <th scope="row">
                  <Link to={placePath(county)}>{county.name}</Link>
                </th>
                <td>
                  {county.active ? `${t('counties.yes')} (${number(county.active)})` : county.pending ? t('counties.pending') : t('counties.no')}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
