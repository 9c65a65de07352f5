/**
 * One agency's public dashboard: its agreements, its figures period by period (counted
 * revisions only), the breakdowns of people transferred to ICE with small counts suppressed,
 * its compliance record, and where the figures come from. Plain serialisable output: dates as
 * YYYY-MM-DD or ISO strings, figures as decimal strings, null where nothing was reported.
 */
import type { Db } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import { standingReviewState, type ReviewOfRevision } from '~/reporting/counting';
import { dateOnly } from '~/reporting/calendar';
import { periodLabel } from '~/reporting/period-label';
import { expectedFilingsOfAgencies, type ExpectedFiling } from '~/reporting/filings.server';
import { METRICS, metricByKey, type Category } from '~/reporting/metrics';
import { BREAKDOWN_CELL_KEYS, publishBreakdowns, type GroupSums } from './breakdowns';
import { judgePeriod, summariseCompliance, type PeriodFacts } from './compliance';
import { followThroughOf, requirementPeriodId, type FollowThrough } from './compliance.server';
import {
  checkRange,
  countedFigures,
  countedFilingsSql,
  periodSumsSql,
  rangeSumsSql,
  type CountedFilingRow,
  type PeriodSumRow,
  type RangeSumRow,
} from './counted-figures.server';
import type { AgencyDashboard, AgencyPeriod, CompliancePeriod, CountedReport, MetricInfo, PeriodRange, PeriodRef, Source } from './dashboard-types';
import { LEVEL_METRICS, normaliseSum, unitOf, wholeCount } from './figures';
import { publicSuppressionThreshold } from './suppression.server';

/** The cost figures every agency dashboard shows, reported or not. */
export const HEADLINE_COST_KEYS = ['gross_cost', 'federal_reimbursement', 'igsa_revenue', 'net_local_cost'] as const;

/** Categories shown period by period (PEOPLE breakdowns are shown summed and suppressed instead). */
const SERIES_CATEGORIES: Category[] = ['COST', 'ACTIVITY', 'ACCOUNTABILITY'];
export const SERIES_METRIC_KEYS: readonly string[] = METRICS.filter((metric) => SERIES_CATEGORIES.includes(metric.category)).map((metric) => metric.key);

export function metricInfo(key: string): MetricInfo {
  const metric = metricByKey(key)!;
  return { key, label: metric.label, unit: metric.unit, category: metric.category, derived: Boolean(metric.derived) };
}

/** The series' metrics: the headline costs, then every other metric a requirement asks for or a report gave, in catalogue order. */
export function seriesMetrics(present: Iterable<string>): MetricInfo[] {
  const wanted = new Set<string>([...HEADLINE_COST_KEYS, ...present]);
  return SERIES_METRIC_KEYS.filter((key) => wanted.has(key)).map(metricInfo);
}

export const periodRef = (key: string, start: string, end: string): PeriodRef => ({ key, label: periodLabel(start, end), start, end });

export interface DashboardOptions {
  /** Range for the breakdowns and the cost totals (default: all periods). */
  range?: Partial<PeriodRange>;
  /** Compliance is judged at this instant (default: now). */
  now?: Date;
  /** Small-count threshold (default: PUBLIC_SUPPRESSION_THRESHOLD). */
  threshold?: number;
}

const COST_KEYS = METRICS.filter((metric) => metric.category === 'COST' && !LEVEL_METRICS.has(metric.key)).map((metric) => metric.key);

export function normaliseRangeSums(rows: RangeSumRow[]): Map<string, { value: string; periods: number; agencies: number }> {
  return new Map(rows.map((row) => [row.metricKey, { value: normaliseSum(row.value, unitOf(row.metricKey))!, periods: row.periods, agencies: row.agencies }]));
}

/** Breakdown sums per group from counted figures of the agencies matching `where`. */
export async function breakdownSums(db: Db, where: Prisma.Sql, range: PeriodRange): Promise<Record<string, GroupSums>> {
  const rows = await db.$queryRaw<{ group: string; metricKey: string | null; value: string; periods: number }[]>`
    with c as ${countedFigures(where, [...BREAKDOWN_CELL_KEYS], range)}
    select split_part(c.metric_key, '.', 1) as "group", c.metric_key as "metricKey", sum(c.value)::text as "value", 0 as "periods"
    from c group by 1, 2
    union all
    select g."group", null, '0', count(*)::int from (
      select distinct split_part(c.metric_key, '.', 1) as "group", c.agency_id, c.period_start, c.period_end from c
    ) g group by g."group"`;
  const sums: Record<string, GroupSums> = {};
  for (const row of rows) {
    const group = (sums[row.group] ??= { cells: {}, periods: 0 });
    if (row.metricKey === null) group.periods = row.periods;
    else group.cells[row.metricKey] = wholeCount(row.value);
  }
  return sums;
}

/** Review decisions of the agencies' filings, by filing. */
export async function reviewsByFiling(db: Db, agencyIds: number[]): Promise<Map<number, ReviewOfRevision[]>> {
  const reviews = await db.filingReview.findMany({
    where: { filing: { agencyId: { in: agencyIds } } },
    select: { filingId: true, revisionNumber: true, decision: true, at: true },
  });
  const byFiling = new Map<number, ReviewOfRevision[]>();
  for (const review of reviews) byFiling.set(review.filingId, [...(byFiling.get(review.filingId) ?? []), review]);
  return byFiling;
}

/** The agency's compliance record: every period its requirements expect so far. */
export async function complianceRecord(db: Db, agencyId: number, now: Date, reviews: Map<number, ReviewOfRevision[]>): Promise<CompliancePeriod[]> {
  return (await complianceRecords(db, [agencyId], now, reviews)).get(agencyId) ?? [];
}

/** complianceRecord of several agencies, in a fixed number of queries (a county's page). */
export async function complianceRecords(db: Db, agencyIds: number[], now: Date, reviews: Map<number, ReviewOfRevision[]>): Promise<Map<number, CompliancePeriod[]>> {
  const expected = await expectedFilingsOfAgencies(db, agencyIds, now);
  const requirementIds = [...expected.values()].flatMap((lists) => lists.map(({ requirement }) => requirement.id));
  const recorded = await followThroughOf(db, requirementIds);
  return new Map(
    [...expected].map(([agencyId, lists]) => [agencyId, lists.flatMap(({ requirement, periods }) => periods.map((period) => compliancePeriod(requirement.id, period, reviews, recorded, now)))]),
  );
}

function compliancePeriod(requirementId: number, period: ExpectedFiling, reviews: Map<number, ReviewOfRevision[]>, recorded: FollowThrough, now: Date): CompliancePeriod {
  // Revisions are numbered 1, 2, … up to the newest.
  const numbers = Array.from({ length: period.latestRevision?.number ?? 0 }, (_, index) => index + 1);
  const review = standingReviewState(numbers, period.filing ? (reviews.get(period.filing.id) ?? []) : []);
  const id = requirementPeriodId(requirementId, period.key);
  const facts: PeriodFacts = {
    period,
    firstFiledAt: period.firstCertifiedAt?.toISOString() ?? null,
    lastFiledAt: period.latestRevision?.certifiedAt.toISOString() ?? null,
    nothingToReport: period.latestRevision?.nothingToReport ?? false,
    review,
    extendedUntil: recorded.extendedUntil.get(id) ?? null,
    lockDays: recorded.lockDays.get(period.versionId) ?? null,
    declinedOn: recorded.declinedOn.get(id) ?? null,
  };
  const verdict = judgePeriod(facts, now.toISOString());
  return {
    ...periodRef(period.key, period.start, period.end),
    requirementId,
    dueOn: period.dueOn,
    partial: period.partial,
    status: verdict.status,
    timeliness: verdict.timeliness,
    daysLate: verdict.daysLate,
    locked: verdict.locked,
    extendedUntil: facts.extendedUntil,
    declinedOn: verdict.status === 'declined' ? facts.declinedOn : null,
    review,
    filingId: period.filing?.id ?? null,
    latestRevision: period.latestRevision?.number ?? null,
    lastFiledAt: period.latestRevision?.certifiedAt.toISOString() ?? null,
  };
}

export function countedReport(row: CountedFilingRow): CountedReport {
  return {
    filingId: row.filingId,
    requirementId: row.requirementId,
    revisionNumber: row.revisionNumber,
    amended: row.revisionNumber > 1,
    certifiedAt: row.certifiedAt.toISOString(),
    nothingToReport: row.nothingToReport,
    demo: row.demo,
  };
}

const periodId = (start: string, end: string) => `${start}/${end}`;

/** Looks an agency up by slug or id. */
async function findAgency(db: Db, agency: string | number) {
  return db.agency.findFirst({
    where: typeof agency === 'number' ? { id: agency } : { slug: agency },
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      stateCode: true,
      jurisdiction: {
        select: { name: true, kind: true, slug: true, stateCode: true, fips: true, parent: { select: { name: true, kind: true, slug: true, fips: true } } },
      },
      agreements: {
        select: { publicId: true, model: true, status: true, signedOn: true, firstListedOn: true, endedOn: true },
        orderBy: [{ status: 'asc' }, { model: 'asc' }],
      },
      requirements: {
        select: {
          id: true,
          title: true,
          policy: { select: { id: true, title: true, statute: true, kind: true, adoptedOn: true, jurisdiction: { select: { name: true } } } },
          versions: { select: { effectiveFrom: true, frequency: true, metricKeys: true }, orderBy: { effectiveFrom: 'asc' } },
        },
        orderBy: { id: 'asc' },
      },
    },
  });
}

/** Every period expected or reported, oldest first, with its status, counted report and figures. */
function dashboardPeriods(metrics: MetricInfo[], compliance: CompliancePeriod[], counted: CountedFilingRow[], sums: PeriodSumRow[]): AgencyPeriod[] {
  const periods = new Map<string, AgencyPeriod>();
  const period = (key: string, start: string, end: string) => {
    const id = periodId(start, end);
    let entry = periods.get(id);
    if (!entry) {
      entry = { ...periodRef(key, start, end), report: null, status: null, values: Object.fromEntries(metrics.map((metric) => [metric.key, null])) };
      periods.set(id, entry);
    }
    return entry;
  };
  for (const entry of compliance) {
    const target = period(entry.key, entry.start, entry.end);
    // With two requirements for one period, the one needing attention shows.
    if (target.status === null || target.status === 'on_time') target.status = entry.status;
  }
  for (const row of counted) period(row.periodKey, row.start, row.end).report = countedReport(row);
  for (const row of sums) {
    const target = period(row.periodKey, row.start, row.end);
    if (row.metricKey in target.values) target.values[row.metricKey] = normaliseSum(row.value, unitOf(row.metricKey));
  }
  return [...periods.values()].sort((a, b) => (a.start === b.start ? a.end.localeCompare(b.end) : a.start.localeCompare(b.start)));
}

type Requirement = NonNullable<Awaited<ReturnType<typeof findAgency>>>['requirements'][number];
type FiledStats = { requirementId: number; periods: number; lastFiledAt: Date | null };

/** Where a requirement's figures come from: its policy, and the periods it expected or got reports for. */
function requirementSource(requirement: Requirement, compliance: CompliancePeriod[], counted: CountedFilingRow[], stats: FiledStats | undefined): Source {
  const expected = compliance.filter((entry) => entry.requirementId === requirement.id);
  const reported = counted.filter((row) => row.requirementId === requirement.id).map((row) => periodRef(row.periodKey, row.start, row.end));
  const all = [...expected, ...reported].sort((a, b) => a.start.localeCompare(b.start));
  const latest = requirement.versions[requirement.versions.length - 1];
  const ref = (entry: PeriodRef | undefined) => (entry ? periodRef(entry.key, entry.start, entry.end) : null);
  return {
    policy: {
      id: requirement.policy.id,
      title: requirement.policy.title,
      statute: requirement.policy.statute,
      kind: requirement.policy.kind,
      adoptedOn: dateOnly(requirement.policy.adoptedOn),
      adoptedBy: requirement.policy.jurisdiction.name,
    },
    requirement: {
      id: requirement.id,
      title: requirement.title,
      frequency: latest.frequency,
      since: dateOnly(requirement.versions[0].effectiveFrom),
    },
    firstPeriod: ref(all[0]),
    lastPeriod: ref(all[all.length - 1]),
    periodsFiled: stats?.periods ?? 0,
    lastFiledAt: stats?.lastFiledAt?.toISOString() ?? null,
  };
}

/** The public dashboard of one agency (by slug or id), or null when there is no such agency. */
export async function agencyDashboard(db: Db, agencyRef: string | number, options: DashboardOptions = {}): Promise<AgencyDashboard | null> {
  const agency = await findAgency(db, agencyRef);
  if (!agency) return null;
  const now = options.now ?? new Date();
  const range = checkRange({ from: options.range?.from ?? null, to: options.range?.to ?? null });
  const threshold = options.threshold ?? publicSuppressionThreshold();
  const where = Prisma.sql`f.agency_id = ${agency.id}`;

  const [counted, sums, costTotals, breakdowns, reviews, filed] = await Promise.all([
    db.$queryRaw<CountedFilingRow[]>(countedFilingsSql(where)),
    db.$queryRaw<PeriodSumRow[]>(periodSumsSql(where, [...SERIES_METRIC_KEYS])),
    db.$queryRaw<RangeSumRow[]>(rangeSumsSql(where, COST_KEYS, range)),
    breakdownSums(db, where, range),
    reviewsByFiling(db, [agency.id]),
    db.$queryRaw<FiledStats[]>`
      select f.requirement_id as "requirementId", count(distinct f.id)::int as "periods", max(r.certified_at) as "lastFiledAt"
      from filing f join filing_revision r on r.filing_id = f.id
      where f.agency_id = ${agency.id} group by f.requirement_id`,
  ]);
  const compliance = await complianceRecord(db, agency.id, now, reviews);

  const present = new Set<string>([...agency.requirements.flatMap((r) => r.versions.flatMap((v) => v.metricKeys)), ...sums.map((row) => row.metricKey)]);
  const metrics = seriesMetrics(present);

  const costSums = normaliseRangeSums(costTotals);
  const costKeys = metrics.filter((metric) => COST_KEYS.includes(metric.key));
  const inRange = counted.filter((row) => (range.from === null || row.start >= range.from) && (range.to === null || row.end <= range.to));

  const filedByRequirement = new Map(filed.map((row) => [row.requirementId, row]));
  const place = agency.jurisdiction;
  const county = place?.kind === 'COUNTY' ? place : place?.parent?.kind === 'COUNTY' ? place.parent : null;

  return {
    agency: {
      id: agency.id,
      slug: agency.slug,
      name: agency.name,
      kind: agency.kind,
      stateCode: agency.stateCode,
      place: place ? { name: place.name, kind: place.kind, slug: place.slug, stateCode: place.stateCode } : null,
      county: county ? { name: county.name, slug: county.slug, fips: county.fips } : null,
    },
    agreements: agency.agreements.map((agreement) => ({
      ...agreement,
      signedOn: agreement.signedOn ? dateOnly(agreement.signedOn) : null,
      firstListedOn: dateOnly(agreement.firstListedOn),
      endedOn: agreement.endedOn ? dateOnly(agreement.endedOn) : null,
    })),
    metrics,
    periods: dashboardPeriods(metrics, compliance, counted, sums),
    breakdowns: { range, threshold, ...publishBreakdowns(breakdowns, threshold) },
    costs: {
      range,
      periodsReported: inRange.length,
      totals: costKeys.map((metric) => ({
        key: metric.key,
        label: metric.label,
        unit: metric.unit,
        value: costSums.get(metric.key)?.value ?? null,
        periodsReported: costSums.get(metric.key)?.periods ?? 0,
      })),
    },
    compliance: { periods: compliance, summary: summariseCompliance(compliance) },
    sources: agency.requirements.map((requirement) => requirementSource(requirement, compliance, counted, filedByRequirement.get(requirement.id))),
    demo: counted.some((row) => row.demo),
  };
}
