import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { requireAccess } from '~/auth/access.server';
import { isOperator } from '~/auth/permissions';
import { pageMeta } from '~/components/error-page';
import { TableRegion } from '~/components/table-region';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { jobsOverview } from '~/mail/jobs.server';

export const meta: MetaFunction = pageMeta(({ matches }) => {
  const t = metaTranslator(matches);
  return [{ title: pageTitle(t, t('adminJobs.title')) }];
});

/** Operators: the last runs of the background jobs (reminders, mail delivery) and the mail queued or given up. */
export async function loader({ request }: LoaderFunctionArgs) {
  await requireAccess(request, isOperator);
  return jobsOverview(prisma());
}

type Overview = ReturnType<typeof useLoaderData<typeof loader>>;

/** Times as stored (UTC, ISO): operators compare them with server logs. */
const when = (iso: string | null) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$/, ' UTC') : '');

/** The mail given up and the mail still queued. */
function MailTables({ failed, queued, queuedCount }: Pick<Overview, 'failed' | 'queued' | 'queuedCount'>) {
  const { t } = useT();
  return (
    <>
      <section aria-labelledby="failed-mail">
        <h2 id="failed-mail">{t('adminJobs.failedMail')}</h2>
        {failed.length ? (
          <TableRegion labelledBy="failed-mail">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('adminJobs.when')}</th>
                  <th scope="col">{t('adminJobs.kind')}</th>
                  <th scope="col">{t('adminJobs.to')}</th>
                  <th scope="col">{t('adminJobs.subject')}</th>
                  <th scope="col">{t('adminJobs.attempts')}</th>
                  <th scope="col">{t('adminJobs.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {failed.map((mail) => (
                  <tr key={mail.id}>
                    <td>{when(mail.failedAt)}</td>
                    <td>{mail.kind}</td>
                    <td>{mail.toAddress}</td>
                    <th scope="row">{mail.subject}</th>
                    <td>{mail.attempts}</td>
                    <td>{mail.lastError}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t('adminJobs.noFailedMail')}</p>
        )}
      </section>

      <section aria-labelledby="queued-mail">
        <h2 id="queued-mail">{t('adminJobs.queuedMail', { count: queuedCount })}</h2>
        {queued.length ? (
          <TableRegion labelledBy="queued-mail">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('adminJobs.when')}</th>
                  <th scope="col">{t('adminJobs.kind')}</th>
                  <th scope="col">{t('adminJobs.to')}</th>
                  <th scope="col">{t('adminJobs.subject')}</th>
                  <th scope="col">{t('adminJobs.attempts')}</th>
                  <th scope="col">{t('adminJobs.nextAttempt')}</th>
                  <th scope="col">{t('adminJobs.lastError')}</th>
                </tr>
              </thead>
              <tbody>
                {queued.map((mail) => (
                  <tr key={mail.id}>
                    <td>{when(mail.createdAt)}</td>
                    <td>{mail.kind}</td>
                    <td>{mail.toAddress}</td>
                    <th scope="row">{mail.subject}</th>
                    <td>{mail.attempts}</td>
                    <td>{when(mail.nextAttemptAt)}</td>
                    <td>{mail.lastError}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t('adminJobs.noQueuedMail')}</p>
        )}
      </section>
    </>
  );
}

export default function AdminJobs() {
  const { smtpConfigured, runs, failed, queued, queuedCount } = useLoaderData<typeof loader>();
  const { t } = useT();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin">{t('admin.home.title')}</Link>
      </p>
      <h1>{t('adminJobs.title')}</h1>
      <p>{t('adminJobs.intro')}</p>
      {smtpConfigured ? null : (
        <p className="alert" role="status">
          {t('adminJobs.noSmtp')}
        </p>
      )}

      <section aria-labelledby="runs">
        <h2 id="runs">{t('adminJobs.runs')}</h2>
        {runs.length ? (
          <TableRegion labelledBy="runs">
            <table>
              <thead>
                <tr>
                  <th scope="col">{t('adminJobs.job')}</th>
                  <th scope="col">{t('adminJobs.started')}</th>
                  <th scope="col">{t('adminJobs.finished')}</th>
                  <th scope="col">{t('adminJobs.trigger')}</th>
                  <th scope="col">{t('adminJobs.outcome')}</th>
                  <th scope="col">{t('adminJobs.detail')}</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id} data-outcome={run.outcome}>
                    <th scope="row">{run.job}</th>
                    <td>{when(run.startedAt)}</td>
                    <td>{when(run.finishedAt)}</td>
                    <td>{run.trigger}</td>
                    <td>{run.outcome}</td>
                    <td>
                      {run.detail}
                      {run.error ? <div className="muted">{run.error}</div> : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableRegion>
        ) : (
          <p>{t('adminJobs.noRuns')}</p>
        )}
      </section>

      <MailTables failed={failed} queued={queued} queuedCount={queuedCount} />
    </>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
