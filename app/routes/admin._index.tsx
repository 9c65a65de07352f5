import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { operatorOverview } from '~/admin/overview.server';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { pageMeta } from '~/components/error-page';
import { mailCounts } from '~/mail/jobs.server';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('admin.home.title')) }];
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  const [overview, mail] = await Promise.all([operatorOverview(prisma()), mailCounts(prisma())]);
  return { overview, mail };
}

export default function OperatorHome() {
  const { overview, mail } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  const never = t('admin.home.never');
  return (
    <>
      <h1>{t('admin.home.title')}</h1>
      <p>{t('admin.home.intro')}</p>
      <ul className="plain">
        <li className="card">
          <h2>
            <Link to="/admin/accounts">{t('admin.accounts.title')}</Link>
          </h2>
          <p>{t('admin.home.accounts', { count: overview.accounts, disabled: overview.disabled, invitations: overview.invitations })}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/places">{t('admin.places.title')}</Link>
          </h2>
          <p>{t('admin.home.places', { counties: overview.counties, towns: overview.towns })}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/agencies">{t('admin.agencies.title')}</Link>
          </h2>
          <p>{t('admin.home.agencies', { count: overview.agencies })}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/imports">{t('admin.imports.title')}</Link>
          </h2>
          <p>
            {t('admin.home.imports', {
              count: overview.imports,
              participating: overview.latestParticipating ? date(overview.latestParticipating) : never,
              pending: overview.latestPending ? date(overview.latestPending) : never,
            })}
          </p>
          {overview.pendingUploads ? <p>{t('admin.home.pendingUploads', { count: overview.pendingUploads })}</p> : null}
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/agreements">{t('admin.recorded.title')}</Link>
          </h2>
          <p>{t('admin.recorded.intro')}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/events">{t('admin.events.title')}</Link>
          </h2>
          <p>{t('admin.home.events', { count: overview.eventsLastDay })}</p>
        </li>
        <li className="card">
          <h2>
            <Link to="/admin/jobs">{t('adminJobs.title')}</Link>
          </h2>
          <p>{t('adminJobs.home', mail)}</p>
        </li>
      </ul>
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
