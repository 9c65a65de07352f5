/**
 * The statewide list of overdue and declined reports as CSV rows (GET
 * /api/v1/places/:state/overdue.csv): the same rows as the statewide page's table, all of them.
 * Stable English snake_case columns (open-data/columns.ts), values the API's codes beside a label
 * in the file's language. Plain TypeScript: no Remix, no Prisma.
 */
import { translator, type Locale, type MessageKey } from '~/i18n/i18n';
import { agencyPath } from '~/paths';
import { periodLabel } from '~/reporting/period-label';

export const OVERDUE_COLUMNS = [
  'agency',
  'agency_name',
  'requirement',
  'requirement_title',
  'policy',
  'period',
  'period_start',
  'period_end',
  'period_label',
  'due_on',
  'status',
  'status_label',
  'days_late',
  'declined_on',
  'agency_url',
] as const;

interface OverdueInput {
  agency: { slug: string; name: string };
  requirement: { id: number; title: string; policyTitle: string };
  period: { key: string; start: string; end: string };
  dueOn: string;
  status: 'overdue' | 'declined';
  daysLate: number | null;
  declinedOn: string | null;
}

export function overdueRows(reports: readonly OverdueInput[], locale: Locale, origin: string): (string | number | null)[][] {
  const t = translator(locale);
  return reports.map((report) => [
    report.agency.slug,
    report.agency.name,
    report.requirement.id,
    report.requirement.title,
    report.requirement.policyTitle,
    report.period.key,
    report.period.start,
    report.period.end,
    periodLabel(report.period.start, report.period.end, locale),
    report.dueOn,
    report.status,
    t(`agencyDashboard.status.${report.status}` as MessageKey),
    report.daysLate,
    report.declinedOn,
    `${origin}${agencyPath(report.agency)}`,
  ]);
}
