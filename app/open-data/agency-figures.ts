/**
 * What the agency dashboard page and its downloads show, worked out from agencyDashboard()'s
 * output: which periods the series list, which metrics each section and chart takes, and the
 * numbers behind the summary sentences. Plain TypeScript (types only from the server module),
 * safe in the browser, so the page and the CSV files cannot disagree.
 */
import { reportPath } from '~/paths';
import type { AgencyDashboard, AgencyPeriod, CompliancePeriod, MetricInfo } from '~/dashboards/dashboard-types';
import { LEVEL_METRICS } from '~/dashboards/figures';
import { formatHundredths, toHundredths, type Category } from '~/reporting/metrics';

/** The cost chart: what 287(g) cost, what came back, and what was left for local taxpayers. */
export const COST_CHART_KEYS: readonly string[] = ['gross_cost', 'federal_reimbursement', 'igsa_revenue', 'net_local_cost'];

/** The activity chart: the counts people ask about first (others stay in the table). */
export const ACTIVITY_CHART_KEYS: readonly string[] = [
  'detainers_received',
  'detainers_honored',
  'transfers_to_ice',
  'interviews',
  'warrants_served',
  'task_force_arrests',
];

/**
 * The periods the series show: every period with a counted report, and every expected period
 * whose deadline has passed (shown "not reported"). A period under way or still within its
 * deadline has no figures yet without anyone being late: the compliance record lists it.
 */
export function shownPeriods(periods: readonly AgencyPeriod[]): AgencyPeriod[] {
  return periods.filter((period) => period.report !== null || (period.status !== null && period.status !== 'not_yet_due' && period.status !== 'due'));
}

/** The dashboard's metrics of one category; costs with the chart's four first. */
export function metricsOf(metrics: readonly MetricInfo[], category: Category): MetricInfo[] {
  const inCategory = metrics.filter((metric) => metric.category === category);
  if (category !== 'COST') return inCategory;
  const rank = (key: string) => (COST_CHART_KEYS.includes(key) ? COST_CHART_KEYS.indexOf(key) : COST_CHART_KEYS.length);
  return [...inCategory].sort((a, b) => rank(a.key) - rank(b.key));
}

/** Of these keys, in this order, those the dashboard has and some shown period reported. */
export function chartKeys(keys: readonly string[], metrics: readonly MetricInfo[], periods: readonly AgencyPeriod[]): string[] {
  const known = new Set(metrics.map((metric) => metric.key));
  return keys.filter((key) => known.has(key) && periods.some((period) => period.values[key] !== null && period.values[key] !== undefined));
}

/** A chart's points: null (a gap) where a period was not reported, never zero. */
export function chartValues(periods: readonly AgencyPeriod[], key: string): (number | null)[] {
  return periods.map((period) => {
    const value = period.values[key];
    return value === null || value === undefined ? null : Number(value);
  });
}

export interface MetricTotal {
  /** Exact sum over the periods that reported it; null if none did, or for a level (staff FTE), which does not add up over time. */
  value: string | null;
  periodsReported: number;
}

/** A metric summed exactly (in hundredths) over the periods shown. */
export function totalOf(periods: readonly AgencyPeriod[], metric: Pick<MetricInfo, 'key' | 'unit'>): MetricTotal {
  const reported = periods.map((period) => period.values[metric.key]).filter((value): value is string => value !== null && value !== undefined);
  if (reported.length === 0 || LEVEL_METRICS.has(metric.key)) return { value: null, periodsReported: reported.length };
  const sum = reported.reduce((total, value) => total + toHundredths(value), 0n);
  return { value: formatHundredths(sum, metric.unit), periodsReported: reported.length };
}

export interface SeriesSummary {
  first: AgencyPeriod;
  last: AgencyPeriod;
  /** Periods shown with a counted report. */
  reported: number;
  /** Periods shown without one (deadline passed, nothing counts). */
  notReported: number;
  amended: number;
}

/** The span of the shown periods and how many were reported; null when there is none. */
export function seriesSummary(periods: readonly AgencyPeriod[]): SeriesSummary | null {
  if (periods.length === 0) return null;
  const reported = periods.filter((period) => period.report !== null).length;
  return {
    first: periods[0],
    last: periods[periods.length - 1],
    reported,
    notReported: periods.length - reported,
    amended: periods.filter((period) => period.report?.amended).length,
  };
}

/**
 * The cost totals of the summary sentence, from the dashboard's own sums over counted reports
 * (agencyDashboard sums them in the database; every counted period is a shown period).
 */
export function costTotals(dashboard: Pick<AgencyDashboard, 'costs'>): { gross: string | null; net: string | null } {
  const total = (key: string) => dashboard.costs.totals.find((entry) => entry.key === key)?.value ?? null;
  return { gross: total('gross_cost'), net: total('net_local_cost') };
}

/** Whether the page has anything to chart or tabulate (some period reported). */
export function hasReports(periods: readonly AgencyPeriod[]): boolean {
  return periods.some((period) => period.report !== null);
}

/** The first and last counted periods' keys, e.g. for a download's meta ("2025-Q3 to 2026-Q3"). */
export function reportedSpan(periods: readonly AgencyPeriod[]): { first: AgencyPeriod; last: AgencyPeriod } | null {
  const reported = periods.filter((period) => period.report !== null);
  return reported.length === 0 ? null : { first: reported[0], last: reported[reported.length - 1] };
}

/** The public page of a filing's revisions. */

/** A compliance row's report page, when something was submitted. */
export function complianceReportPath(agencySlug: string, entry: Pick<CompliancePeriod, 'filingId' | 'latestRevision'>): string | null {
  return entry.filingId !== null && entry.latestRevision !== null ? reportPath(agencySlug, entry.filingId) : null;
}

/** The agency's downloads. */
export function agencyDownloadPaths(agencySlug: string, locale: 'en' | 'es') {
  const lang = locale === 'es' ? '?lang=es' : '';
  const base = `/api/v1/agencies/${agencySlug}`;
  return { json: base, figures: `${base}/figures.csv${lang}`, breakdowns: `${base}/breakdowns.csv${lang}`, compliance: `${base}/compliance.csv${lang}` };
}
