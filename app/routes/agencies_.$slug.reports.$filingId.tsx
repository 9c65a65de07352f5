/**
 * A report's public revision history. Not nested in the agency page (agencies_): it is a page
 * of its own, reached from the dashboard's amended marks and reporting record.
 */
import type { ReactNode } from 'react';
import { TableRegion } from '~/components/table-region';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { HiddenCount, HiddenCountNote } from '~/components/agency-dashboard';
import { Figure, useFigureText } from '~/components/figures';
import { prisma } from '~/db/prisma.server';
import { metaTranslator, pageTitle, useT } from '~/i18n/use-t';
import { newYorkDate } from '~/reporting/calendar';
import { agencyReport } from '~/dashboards/agency-report.server';
import { filingIdParam } from '~/open-data/agency-downloads.server';
import { periodLabel } from '~/reporting/period-label';
import { parseSlug } from '~/utils/route-params';
import { pageMeta } from '~/components/error-page';

export async function loader({ params }: LoaderFunctionArgs) {
  const id = filingIdParam(params.filingId);
  const slug = parseSlug(params.slug);
  const report = id === null || slug === null ? null : await agencyReport(prisma(), slug, id);
  if (!report) throw new Response('Not found', { status: 404 });
  return { report };
}

export const meta: MetaFunction<typeof loader> = pageMeta(({ data, matches }) => {
  const t = metaTranslator(matches);
  const locale = (matches.find((match) => match?.id === 'root')?.data as { locale?: 'en' | 'es' } | undefined)?.locale ?? 'en';
  if (!data) return [{ title: pageTitle(t, t('error.notFound')) }];
  const period = periodLabel(data.report.period.start, data.report.period.end, locale);
  return [{ title: pageTitle(t, t('agencyReport.pageTitle', { agency: data.report.agency.name, period })) }];
});

// Text and plain-HTML forms: nothing for JavaScript to do, so the page ships none (root.tsx).
export const handle = { hydrate: false };

export default function AgencyReportPage() {
  const { report } = useLoaderData<typeof loader>();
  const { t, date, locale } = useT();
  const { period, metricLabel } = useFigureText();
  const label = period(report.period.start, report.period.end);
  const base = `/api/v1/agencies/${report.agency.slug}/reports/${report.filingId}`;
  const revisionHeader = (
    <tr>
      <th scope="col">{t('agencyReport.figure')}</th>
      {report.revisions.map((revision) => (
        <th scope="col" key={revision.number} className="number">
          {t('agencyReport.revisionColumn', { number: revision.number })}
        </th>
      ))}
    </tr>
  );
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/agencies/${report.agency.slug}`}>{report.agency.name}</Link>
      </p>
      <h1>{t('agencyReport.title', { agency: report.agency.name, period: label })}</h1>
      <p>
        {t('agencyReport.requirement', {
          requirement: report.requirement.title,
          policy: report.requirement.policyTitle,
          statute: report.requirement.statute,
          adoptedBy: report.requirement.adoptedBy,
          date: date(newYorkDate(report.dueAt)),
        })}
      </p>
      <p>{report.countedRevision !== null ? t('agencyReport.counted', { number: report.countedRevision }) : t('agencyReport.noneCounted')}</p>
      {report.amendmentAwaitingReview !== null && report.countedRevision !== null ? (
        <p className="notice" data-testid="amendment-awaiting-review">
          {t('agencyReport.awaitingAmendment', { number: report.amendmentAwaitingReview, counted: report.countedRevision })}
        </p>
      ) : null}
      {report.amendmentsAfterAcceptance !== null ? (
        <p data-testid="amendments-after-acceptance">
          {report.amendmentsAfterAcceptance === 0
            ? t('agencyReport.noAmendmentAfterAcceptance')
            : t('agencyReport.amendmentsAfterAcceptance', { count: report.amendmentsAfterAcceptance })}
        </p>
      ) : null}
      <p>{t('agencyReport.intro')}</p>

      <RevisionsTable report={report} />

      <h2 id="figures-title">{t('agencyReport.figures')}</h2>
      {report.revisions
        .filter((revision) => revision.nothingToReport)
        .map((revision) => (
          <p key={revision.number}>{t('agencyReport.nothingToReport', { number: revision.number })}</p>
        ))}
      <p>{t('figure.notReportedNote')}</p>
      <TableRegion labelledBy="figures-title">
        <table>
          <thead>{revisionHeader}</thead>
          <tbody>
            {report.metrics.map((metric) => (
              <tr key={metric.key}>
                <th scope="row">{metricLabel(metric.key)}</th>
                {report.revisions.map((revision) => (
                  <td key={revision.number} className="number">
                    <Figure value={revision.figures[metric.key] ?? null} unit={metric.unit} />
                    {revision.changed.includes(metric.key) ? <span className="agency-changed"> ({t('agencyReport.changed')})</span> : null}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>

      {report.groups.length > 0 ? (
        <>
          <h2>{t('agencyReport.breakdowns')}</h2>
          <HiddenCountNote threshold={report.threshold} />
          {report.groups.map((groupId) => (
            <BreakdownGroup key={groupId} report={report} groupId={groupId} revisionHeader={revisionHeader} />
          ))}
        </>
      ) : null}

      <ul className="agency-downloads">
        <li>
          <a href={`${base}/revisions.csv${locale === 'es' ? '?lang=es' : ''}`}>{t('agencyReport.download.csv')}</a>
        </li>
        <li>
          <a href={base}>{t('agencyReport.download.json')}</a>
        </li>
      </ul>
    </>
  );
}

type Report = ReturnType<typeof useLoaderData<typeof loader>>['report'];

/** Each submitted revision: its state, who certified it and when, and why it was amended. */
function RevisionsTable({ report }: { report: Report }) {
  const { t, date } = useT();
  return (
    <>
      <h2 id="revisions-title">{t('agencyReport.revisions')}</h2>
      <TableRegion labelledBy="revisions-title">
        <table>
          <thead>
            <tr>
              <th scope="col">{t('agencyReport.revision')}</th>
              <th scope="col">{t('agencyReport.state')}</th>
              <th scope="col">{t('agencyReport.certifiedOn')}</th>
              <th scope="col">{t('agencyReport.certifiedBy')}</th>
              <th scope="col">{t('agencyReport.reason')}</th>
            </tr>
          </thead>
          <tbody>
            {report.revisions.map((revision) => (
              <tr key={revision.number}>
                <th scope="row">{revision.number}</th>
                <td>{t(`agencyReport.state.${revision.state}`)}</td>
                <td>{date(newYorkDate(revision.certifiedAt))}</td>
                <td>{t('agencyReport.certifiedByValue', { name: revision.certifiedName, title: revision.certifiedTitle })}</td>
                <td>{revision.amendmentReason ?? t('agencyReport.firstSubmission')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
    </>
  );
}

/** One breakdown (transfers by sex, by age…) across the report's revisions, small counts hidden. */
function BreakdownGroup({ report, groupId, revisionHeader }: { report: Report; groupId: string; revisionHeader: ReactNode }) {
  const { t } = useT();
  const { metricLabel, breakdownHeading } = useFigureText();
  const heading = breakdownHeading(groupId);
  const groups = report.revisions.map((revision) => revision.breakdowns.find((group) => group.id === groupId) ?? null);
  const cellKeys = groups.find((group) => group !== null)!.cells.map((cell) => cell.key);
  return (
    <section aria-labelledby={`${groupId}-title`}>
      <h3 id={`${groupId}-title`}>{heading}</h3>
      <TableRegion labelledBy={`${groupId}-title`}>
        <table>
          <thead>{revisionHeader}</thead>
          <tbody>
            {cellKeys.map((key) => (
              <tr key={key}>
                <th scope="row">{metricLabel(key)}</th>
                {groups.map((group, index) => {
                  const cell = group?.cells.find((candidate) => candidate.key === key);
                  return (
                    <td key={report.revisions[index].number} className="number">
                      {cell?.suppressed ? <HiddenCount /> : <Figure value={cell?.value ?? null} unit="COUNT" />}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('agencyReport.total')}</th>
              {groups.map((group, index) => (
                <td key={report.revisions[index].number} className="number">
                  <Figure value={group?.total ?? null} unit="COUNT" />
                </td>
              ))}
            </tr>
          </tfoot>
        </table>
      </TableRegion>
    </section>
  );
}

export { ErrorPage as ErrorBoundary } from '~/components/error-page';
