/**
 * The agency dashboard's CSV files, built from agencyDashboard()'s output. Plain TypeScript.
 *
 * figures.csv is long ("tidy"): one row per period × metric, with the same columns for every
 * agency, so files of several agencies can be stacked, and each row says whether its value was
 * reported, not reported (empty value, never 0), returned to the agency by a reviewer (empty
 * value: the report does not count) or certified as "nothing to report". The periods
 * are those the page's tables show (agency-figures.ts: shownPeriods).
 * breakdowns.csv: one row per breakdown cell, summed over every counted report; a hidden cell
 * has an empty value and status "suppressed", never its count. compliance.csv: one row
 * per expected period. A report's revisions.csv: one row per revision × figure (breakdown cells
 * suppressed within each revision, as on its page).
 *
 * Headers are stable English machine keys, or Spanish with ?lang=es (as the agreements CSV);
 * values stay codes, with a label column in the file's language beside each code.
 */
import { reportPath } from '~/paths';
import type { AgencyReport } from '~/dashboards/agency-report';
import type { AgencyDashboard } from '~/dashboards/dashboard-types';
import { percent } from '~/dashboards/figures';
import { translator, type Locale, type MessageKey } from '~/i18n/i18n';
import { periodLabel } from '~/reporting/period-label';
import { complianceReportPath, reportedSpan, shownPeriods } from './agency-figures';

type Cell = string | number | null;

export const FIGURE_COLUMNS = [
  'agency',
  'period',
  'period_start',
  'period_end',
  'period_label',
  'metric',
  'metric_label',
  'unit',
  'value',
  'status',
  'revision',
  'amended',
  'report_url',
] as const;

export const BREAKDOWN_COLUMNS = [
  'agency',
  'first_period',
  'last_period',
  'group',
  'group_label',
  'cell',
  'cell_label',
  'value',
  'status',
  'percent_of_group',
  'group_total',
  'reports',
  'suppression_threshold',
] as const;

export const COMPLIANCE_COLUMNS = [
  'agency',
  'requirement',
  'period',
  'period_start',
  'period_end',
  'period_label',
  'due_on',
  'status',
  'status_label',
  'partial_period',
  'latest_revision',
  'last_filed_at',
  'report_url',
] as const;

export const REVISION_COLUMNS = [
  'agency',
  'period',
  'revision',
  'revision_status',
  'certified_at',
  'certified_name',
  'certified_title',
  'amendment_reason',
  'metric',
  'metric_label',
  'unit',
  'value',
  'status',
] as const;

/** The sum of traffic and misdemeanor charges, as its own row of breakdowns.csv. */
export const LOW_LEVEL_CELL = 'transferred_by_charge.traffic_or_misdemeanor';

export interface CsvTable {
  header: string[];
  rows: Cell[][];
}

function header(columns: readonly string[], locale: Locale): string[] {
  const t = translator(locale);
  return columns.map((column) => t(`agencyDownloads.column.${column}` as MessageKey));
}

/** Row objects in column order. */
function table<C extends string>(columns: readonly C[], locale: Locale, rows: Record<C, Cell>[]): CsvTable {
  return { header: header(columns, locale), rows: rows.map((row) => columns.map((column) => row[column])) };
}

const yesNo = (value: boolean) => (value ? 'yes' : 'no');

export function figuresCsv(dashboard: AgencyDashboard, locale: Locale, origin: string): CsvTable {
  const t = translator(locale);
  const slug = dashboard.agency.slug;
  // Labels once per metric and per period, not once per cell: a long history has thousands of
  // rows, and naming a month (Intl) was most of the time it took to write them.
  const metricLabels = dashboard.metrics.map((metric) => t(`metric.${metric.key}.label` as MessageKey));
  // A period whose newest revision a reviewer returned has no counted figures: it reads
  // `returned`, not `not_reported` (the agency did report; the report does not count yet).
  const returned = new Set(dashboard.compliance.periods.filter((entry) => entry.status === 'returned').map((entry) => entry.key));
  const rows = shownPeriods(dashboard.periods).flatMap((period) => {
    const label = periodLabel(period.start, period.end, locale);
    const reportUrl = period.report ? `${origin}${reportPath(slug, period.report.filingId)}` : null;
    return dashboard.metrics.map((metric, i) => {
      const value = period.values[metric.key] ?? null;
      const status = value !== null ? 'reported' : period.report?.nothingToReport ? 'nothing_to_report' : returned.has(period.key) ? 'returned' : 'not_reported';
      return {
        agency: slug,
        period: period.key,
        period_start: period.start,
        period_end: period.end,
        period_label: label,
        metric: metric.key,
        metric_label: metricLabels[i],
        unit: metric.unit,
        value,
        status,
        revision: period.report?.revisionNumber ?? null,
        amended: period.report ? yesNo(period.report.amended) : null,
        report_url: reportUrl,
      };
    });
  });
  return table(FIGURE_COLUMNS, locale, rows);
}

export function breakdownsCsv(dashboard: AgencyDashboard, locale: Locale): CsvTable {
  const t = translator(locale);
  const { groups, lowLevelCharges, threshold } = dashboard.breakdowns;
  const span = reportedSpan(dashboard.periods);
  const common = { agency: dashboard.agency.slug, first_period: span?.first.key ?? null, last_period: span?.last.key ?? null, suppression_threshold: threshold };
  const rows: Record<(typeof BREAKDOWN_COLUMNS)[number], Cell>[] = [];
  for (const group of groups) {
    const base = { ...common, group: group.id, group_label: t(`breakdown.${group.id}` as MessageKey), group_total: group.total, reports: group.periodsReported };
    for (const cell of group.cells) {
      rows.push({
        ...base,
        cell: cell.key,
        cell_label: t(`metric.${cell.key}.label` as MessageKey),
        // A hidden cell gives neither its count nor its share.
        value: cell.suppressed ? null : cell.value,
        status: cell.suppressed ? 'suppressed' : 'reported',
        percent_of_group: cell.suppressed || cell.value === null ? null : percent(Number(cell.value), Number(group.total)),
      });
    }
    if (group.id === 'transferred_by_charge') {
      rows.push({
        ...base,
        cell: LOW_LEVEL_CELL,
        cell_label: t('agencyDownloads.lowLevelCharges'),
        value: lowLevelCharges.people,
        status: lowLevelCharges.reason ?? 'reported',
        percent_of_group: lowLevelCharges.percent,
      });
    }
  }
  return table(BREAKDOWN_COLUMNS, locale, rows);
}

export function complianceCsv(dashboard: AgencyDashboard, locale: Locale, origin: string): CsvTable {
  const t = translator(locale);
  const slug = dashboard.agency.slug;
  const rows = dashboard.compliance.periods.map((entry) => {
    const path = complianceReportPath(slug, entry);
    return {
      agency: slug,
      requirement: entry.requirementId,
      period: entry.key,
      period_start: entry.start,
      period_end: entry.end,
      period_label: periodLabel(entry.start, entry.end, locale),
      due_on: entry.dueOn,
      status: entry.status,
      status_label: t(`agencyDashboard.status.${entry.status}` as MessageKey),
      partial_period: yesNo(entry.partial),
      latest_revision: entry.latestRevision,
      last_filed_at: entry.lastFiledAt,
      report_url: path ? `${origin}${path}` : null,
    };
  });
  return table(COMPLIANCE_COLUMNS, locale, rows);
}

export function reportCsv(report: AgencyReport, locale: Locale): CsvTable {
  const t = translator(locale);
  const rows = report.revisions.flatMap((revision) => {
    const base = {
      agency: report.agency.slug,
      period: report.period.key,
      revision: revision.number,
      revision_status: revision.state,
      certified_at: revision.certifiedAt,
      certified_name: revision.certifiedName,
      certified_title: revision.certifiedTitle,
      amendment_reason: revision.amendmentReason,
    };
    const figures = report.metrics.map((metric) => {
      const value = revision.figures[metric.key];
      return {
        ...base,
        metric: metric.key,
        metric_label: t(`metric.${metric.key}.label` as MessageKey),
        unit: metric.unit,
        value,
        status: value !== null ? 'reported' : revision.nothingToReport ? 'nothing_to_report' : 'not_reported',
      };
    });
    const cells = revision.breakdowns.flatMap((group) =>
      group.cells.map((cell) => ({
        ...base,
        metric: cell.key,
        metric_label: t(`metric.${cell.key}.label` as MessageKey),
        unit: 'COUNT',
        value: cell.suppressed ? null : cell.value,
        status: cell.suppressed ? 'suppressed' : 'reported',
      })),
    );
    return [...figures, ...cells];
  });
  return table(REVISION_COLUMNS, locale, rows);
}

export type AgencyCsvKind = 'figures' | 'breakdowns' | 'compliance' | 'revisions';

/** The file's name in its language, e.g. 287g-nc-gaston-county-sheriffs-office-figures.csv. */
export function agencyCsvFileName(kind: AgencyCsvKind, agencySlug: string, locale: Locale, periodKey = ''): string {
  return `${translator(locale)(`agencyDownloads.fileName.${kind}`, { agency: agencySlug, period: periodKey })}.csv`;
}
