import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireAccess } from '~/auth/access.server';
import { reviewedJurisdictionIds } from '~/auth/permissions';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { requestLocale } from '~/i18n/locale.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { reviewQueue } from '~/reporting/review-pages.server';
import { pageMeta } from '~/components/error-page';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('reviewFilings.title')) }];
});

export async function loader({ request }: LoaderFunctionArgs) {
  const actor = await requireAccess(request, (person) => reviewedJurisdictionIds(person).length > 0);
  return { agencies: await reviewQueue(prisma(), actor, requestLocale(request)) };
}

export default function ReviewFilings() {
  const { agencies } = useLoaderData<typeof loader>();
  const { t, date } = useT();
  return (
    <>
      <p>
        <Link to="/review">{t('review.title')}</Link>
      </p>
      <h1>{t('reviewFilings.title')}</h1>
      <p className="lead">{t('reviewFilings.intro')}</p>
      <p>
        <Link to="/review/compliance">{t('reviewCompliance.link')}</Link>
      </p>
      {agencies.length === 0 ? <p>{t('reviewFilings.none')}</p> : null}
      {agencies.map((agency) => (
        <section key={agency.id} aria-labelledby={`agency-${agency.id}`}>
          <h2 id={`agency-${agency.id}`}>{agency.name}</h2>
          <p>
            {t('reviewFilings.record', {
              onTime: agency.compliance.on_time,
              late: agency.compliance.late,
              due: agency.compliance.due,
              overdue: agency.compliance.overdue,
            })}
          </p>
          {agency.rows.length === 0 ? (
            <p>{t('reviewFilings.noReports')}</p>
          ) : (
            <TableRegion labelledBy={`agency-${agency.id}`}>
              <table>
                <thead>
                  <tr>
                    <th scope="col">{t('reviewFilings.col.period')}</th>
                    <th scope="col">{t('reviewFilings.col.revision')}</th>
                    <th scope="col">{t('reviewFilings.col.submitted')}</th>
                    <th scope="col">{t('reviewFilings.col.state')}</th>
                    <th scope="col">{t('reviewFilings.col.open')}</th>
                  </tr>
                </thead>
                <tbody>
                  {agency.rows.map((row) => (
                    <tr key={row.filingId}>
                      <th scope="row">{row.periodLabel}</th>
                      <td>{row.revision}</td>
                      <td>
                        {date(row.submittedOn)} {row.late ? t('reviewFilings.lateMark') : null}
                      </td>
                      <td>{t(`reviewState.${row.state}`)}</td>
                      <td>
                        <Link to={`/review/filings/${row.filingId}`} aria-label={t('reviewFilings.openLabel', { period: row.periodLabel })}>
                          {t('filings.open')}
                        </Link>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableRegion>
          )}
        </section>
      ))}
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
