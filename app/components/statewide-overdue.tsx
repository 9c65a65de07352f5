/**
 * The statewide page's list of overdue and declined reports (issue 15, point 6): the most
 * overdue first, bounded, with the whole list as CSV. Server-rendered table only; the status
 * words are the agency pages' own.
 */
import { Link } from '@remix-run/react';
import type { OverdueShare } from '~/dashboards/statewide-overdue.server';
import type { MessageKey } from '~/i18n/i18n';
import { useT } from '~/i18n/use-t';
import { agencyPath } from '~/paths';
import { periodLabel } from '~/reporting/period-label';
import { TableRegion } from '~/components/table-region';

export const overdueCsvPath = (stateCode: string, locale: 'en' | 'es') => `/api/v1/places/${stateCode.toLowerCase()}/overdue.csv${locale === 'es' ? '?lang=es' : ''}`;

export function OverdueReports({ stateCode, data }: { stateCode: string; data: OverdueShare }) {
  const { t, date, number, locale } = useT();
  const csv = overdueCsvPath(stateCode, locale);
  if (data.total === 0) return <p>{t('statewide.overdue.none')}</p>;
  const days = (count: number) => t(count === 1 ? 'statewide.overdue.days.one' : 'statewide.overdue.days.other', { count: number(count) });
  return (
    <>
      <p>{t('statewide.overdue.intro')}</p>
      <TableRegion labelledBy="overdue-caption">
        <table className="statewide-overdue">
          <caption id="overdue-caption">
            {data.more > 0
              ? t('statewide.overdue.captionSome', { shown: number(data.reports.length), total: number(data.total) })
              : t('statewide.overdue.caption', { count: number(data.total) })}
          </caption>
          <thead>
            <tr>
              <th scope="col">{t('statewide.overdue.agency')}</th>
              <th scope="col">{t('statewide.overdue.policy')}</th>
              <th scope="col">{t('statewide.overdue.period')}</th>
              <th scope="col">{t('statewide.overdue.status')}</th>
              <th scope="col">{t('statewide.overdue.late')}</th>
            </tr>
          </thead>
          <tbody>
            {data.reports.map((report) => (
              <tr key={`${report.requirement.id}/${report.period.key}`}>
                <th scope="row">
                  <Link to={agencyPath(report.agency)}>{report.agency.name}</Link>
                </th>
                <td>
                  {report.requirement.policyTitle}
                  <span className="statewide-reason">{report.requirement.title}</span>
                </td>
                <td>{periodLabel(report.period.start, report.period.end, locale)}</td>
                <td>{t(`agencyDashboard.status.${report.status}` as MessageKey)}</td>
                <td>
                  {report.status === 'declined' && report.declinedOn !== null
                    ? t('statewide.overdue.declinedOn', { date: date(report.declinedOn) })
                    : report.daysLate !== null
                      ? days(report.daysLate)
                      : '—'}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableRegion>
      {data.more > 0 ? <p>{t(data.more === 1 ? 'statewide.overdue.more.one' : 'statewide.overdue.more.other', { count: number(data.more) })}</p> : null}
      <p className="statewide-download">
        <a href={csv}>{t('statewide.overdue.download')}</a>
      </p>
    </>
  );
}
