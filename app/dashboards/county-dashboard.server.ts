/**
 * A county's public dashboard: the agencies based in it (in the county itself or in a town
 * inside it), their figures added up period by period with how many of the agencies expected to
 * report did (a missing report is never a zero), per-resident figures when the population is
 * known, and each agency's compliance summary.
 */
import type { Db } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import type { AgencyKind, AgreementModel, AgreementStatus, JurisdictionKind } from '~/generated/prisma/enums';
import { reportPath } from '~/paths';
import { dateOnly, newYorkDate } from '~/reporting/calendar';
import {
  complianceRecords,
  normaliseRangeSums,
  periodRef,
  reviewsByFiling,
  seriesMetrics,
  SERIES_METRIC_KEYS,
} from './agency-dashboard.server';
import { summariseCompliance, type ComplianceSummary } from './compliance';
import { agenciesOfCounty } from './county-agencies.server';
import {
  ALL_PERIODS,
  checkRange,
  countedFilingsSql,
  periodSumsSql,
  rangeSumsSql,
  type CountedFilingRow,
  type PeriodSumRow,
  type RangeSumRow,
} from './counted-figures.server';
import type { MetricInfo, PeriodRange, PeriodRef } from './dashboard-types';
import { LEVEL_METRICS, normaliseSum, perResident, unitOf } from './figures';

export interface CountyFigure {
  /** Sum over the agencies whose counted report gave it; null when none did. */
  value: string | null;
  /** Agencies whose counted report gave this metric. */
  agenciesReporting: number;
  /** Every agency expected to report the period gave it. */
  complete: boolean;
  perResident: string | null;
  per100k: string | null;
}

export interface CountyPeriod extends PeriodRef {
  coverage: {
    /** Agencies whose policy expected a report for the period, or that filed one. */
    expected: number;
    /** Of those, agencies with a counted report ("3 of 4 agencies reported"). */
    reported: number;
    /** Of the reports, those saying there was nothing to report. */
    nothingToReport: number;
    /** Slugs of the agencies expected that have no counted report (missing, overdue, returned). */
    missing: string[];
  };
  values: Record<string, CountyFigure>;
}

export interface CountyAgency {
  slug: string;
  name: string;
  kind: AgencyKind;
  place: { name: string; kind: JurisdictionKind; slug: string };
  /** Based in a town rather than in the county itself. */
  municipal: boolean;
  agreements: { publicId: string; model: AgreementModel; status: AgreementStatus; signedOn: string | null }[];
  /** Whether a policy asks it for reports. */
  reports: boolean;
  compliance: ComplianceSummary;
}

export interface CountyDashboard {
  county: { id: number; name: string; slug: string; stateCode: string; fips: string | null; population: number | null };
  agencies: CountyAgency[];
  metrics: MetricInfo[];
  periods: CountyPeriod[];
  /** Sums over the range, with agency-periods reported (levels such as staff FTE left out). */
  totals: { range: PeriodRange; values: Record<string, CountyFigure & { periodsReported: number }> };
  demo: boolean;
}

/** The county (by slug within its state) and every agency based in it or in its towns. */
async function countyWithAgencies(db: Db, stateCode: string, slug: string) {
  const county = await db.jurisdiction.findUnique({
    where: { stateCode_slug: { stateCode, slug } },
    select: { id: true, kind: true, name: true, slug: true, stateCode: true, fips: true, population: true },
  });
  if (!county || county.kind !== 'COUNTY') return null;
  const agencies = await db.agency.findMany({
    where: agenciesOfCounty(county.id),
    select: {
      id: true,
      slug: true,
      name: true,
      kind: true,
      jurisdiction: { select: { id: true, name: true, kind: true, slug: true } },
      agreements: { select: { publicId: true, model: true, status: true, signedOn: true }, orderBy: [{ status: 'asc' }, { model: 'asc' }] },
      requirements: { select: { versions: { select: { metricKeys: true } } } },
    },
    orderBy: { name: 'asc' },
  });
  return { county, agencies };
}

function figure(value: string | null, key: string, agenciesReporting: number, expected: number, population: number | null): CountyFigure {
  const normalised = normaliseSum(value, unitOf(key));
  return { value: normalised, agenciesReporting, complete: expected > 0 && agenciesReporting >= expected, ...perResident(normalised, population) };
}

export interface CountyOptions {
  stateCode?: string;
  /** Range of the totals (default: all periods). */
  range?: Partial<PeriodRange>;
  now?: Date;
}

/** The public dashboard of a county (by its slug, e.g. "gaston-county"), or null when there is no such county. */
export async function countyDashboard(db: Db, countySlug: string, options: CountyOptions = {}): Promise<CountyDashboard | null> {
  return (await countyData(db, countySlug, options))?.dashboard ?? null;
}

/** The dashboard and the counted reports it was summed from (the county page lists them per period). */
async function countyData(db: Db, countySlug: string, options: CountyOptions) {
  const found = await countyWithAgencies(db, options.stateCode ?? 'NC', countySlug);
  if (!found) return null;
  const { county, agencies } = found;
  const now = options.now ?? new Date();
  const range = checkRange({ from: options.range?.from ?? null, to: options.range?.to ?? null });
  const ids = agencies.map((agency) => agency.id);
  const where = Prisma.sql`f.agency_id = any(${ids}::int[])`;

  const [counted, sums, rangeSums, reviews] = await Promise.all([
    db.$queryRaw<CountedFilingRow[]>(countedFilingsSql(where)),
    db.$queryRaw<PeriodSumRow[]>(periodSumsSql(where, [...SERIES_METRIC_KEYS])),
    db.$queryRaw<RangeSumRow[]>(rangeSumsSql(where, [...SERIES_METRIC_KEYS], range)),
    reviewsByFiling(db, ids),
  ]);
  // Every agency's record at once: the query count does not grow with the county's agencies.
  const compliance = await complianceRecords(db, ids, now, reviews);

  const present = new Set<string>([...agencies.flatMap((a) => a.requirements.flatMap((r) => r.versions.flatMap((v) => v.metricKeys))), ...sums.map((row) => row.metricKey)]);
  const metrics = seriesMetrics(present);
  const slugOf = new Map(agencies.map((agency) => [agency.id, agency.slug]));

  // Per period: which agencies were expected, which reported.
  const periods = new Map<string, { ref: PeriodRef; expected: Set<number>; reported: Set<number>; nothing: number }>();
  const entry = (key: string, start: string, end: string) => {
    const id = `${start}/${end}`;
    let found = periods.get(id);
    if (!found) periods.set(id, (found = { ref: periodRef(key, start, end), expected: new Set(), reported: new Set(), nothing: 0 }));
    return found;
  };
  for (const [agencyId, record] of compliance) for (const period of record) entry(period.key, period.start, period.end).expected.add(agencyId);
  for (const row of counted) {
    const target = entry(row.periodKey, row.start, row.end);
    target.expected.add(row.agencyId);
    target.reported.add(row.agencyId);
    if (row.nothingToReport) target.nothing += 1;
  }
  const sumsByPeriod = new Map<string, PeriodSumRow[]>();
  for (const row of sums) sumsByPeriod.set(`${row.start}/${row.end}`, [...(sumsByPeriod.get(`${row.start}/${row.end}`) ?? []), row]);

  const countyPeriods = [...periods.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([id, period]): CountyPeriod => {
      const rows = new Map((sumsByPeriod.get(id) ?? []).map((row) => [row.metricKey, row]));
      return {
        ...period.ref,
        coverage: {
          expected: period.expected.size,
          reported: period.reported.size,
          nothingToReport: period.nothing,
          missing: [...period.expected].filter((agencyId) => !period.reported.has(agencyId)).map((agencyId) => slugOf.get(agencyId)!).sort(),
        },
        values: Object.fromEntries(
          metrics.map((metric) => {
            const row = rows.get(metric.key);
            return [metric.key, figure(row?.value ?? null, metric.key, row?.agencies ?? 0, period.expected.size, county.population)];
          }),
        ),
      };
    });

  // Agency-periods expected within the range, for the totals' completeness.
  const inRange = (period: PeriodRef) => (range.from === null || period.start >= range.from) && (range.to === null || period.end <= range.to);
  const expectedInRange = [...periods.values()].filter((period) => inRange(period.ref)).reduce((total, period) => total + period.expected.size, 0);
  const totals = normaliseRangeSums(rangeSums);

  const dashboard: CountyDashboard = {
    county,
    agencies: agencies.map((agency): CountyAgency => {
      const record = compliance.get(agency.id) ?? [];
      return {
        slug: agency.slug,
        name: agency.name,
        kind: agency.kind,
        place: { name: agency.jurisdiction!.name, kind: agency.jurisdiction!.kind, slug: agency.jurisdiction!.slug },
        municipal: agency.jurisdiction!.id !== county.id,
        agreements: agency.agreements.map((agreement) => ({ ...agreement, signedOn: agreement.signedOn ? dateOnly(agreement.signedOn) : null })),
        reports: agency.requirements.length > 0,
        compliance: summariseCompliance(record),
      };
    }),
    metrics,
    periods: countyPeriods,
    totals: {
      range,
      values: Object.fromEntries(
        metrics.filter((metric) => !LEVEL_METRICS.has(metric.key)).map((metric) => {
          const total = totals.get(metric.key);
          return [
            metric.key,
            {
              ...figure(total?.value ?? null, metric.key, total?.agencies ?? 0, 0, county.population),
              complete: expectedInRange > 0 && (total?.periods ?? 0) >= expectedInRange,
              periodsReported: total?.periods ?? 0,
            },
          ];
        }),
      ),
    },
    demo: counted.some((row) => row.demo),
  };
  return { dashboard, counted, agencies };
}

export interface CountedReportRef {
  agency: { slug: string; name: string };
  filingId: number;
  revisionNumber: number;
  amended: boolean;
  nothingToReport: boolean;
  /** The report's page with its revision history. */
  url: string;
}

export interface CountyPagePeriod extends CountyPeriod {
  /** The counted report of each agency that reported the period. */
  reports: CountedReportRef[];
}

export interface CountyPageData {
  county: Omit<CountyDashboard['county'], 'id'>;
  agencies: CountyDashboard['agencies'];
  metrics: CountyDashboard['metrics'];
  periods: CountyPagePeriod[];
  totals: CountyDashboard['totals'];
  /** Agency-periods expected and counted within the totals' range. */
  inRange: { expected: number; counted: number };
  demo: boolean;
}

/**
 * What the county page and its downloads show: the dashboard over ended periods within the
 * range, each period with the counted report of every agency that reported it (from the same
 * counted filings the sums come from); null when there is no such county.
 */
export async function countyPageData(
  db: Db,
  stateCode: string,
  slug: string,
  range: PeriodRange = ALL_PERIODS,
  now: Date = new Date(),
): Promise<CountyPageData | null> {
  const found = await countyData(db, slug, { stateCode, range, now });
  if (!found) return null;
  const { dashboard, counted, agencies } = found;
  const agencyOf = new Map(agencies.map((agency) => [agency.id, agency]));
  const byPeriod = new Map<string, CountedReportRef[]>();
  for (const row of counted) {
    const agency = agencyOf.get(row.agencyId)!;
    const id = `${row.start}/${row.end}`;
    byPeriod.set(id, [
      ...(byPeriod.get(id) ?? []),
      {
        agency: { slug: agency.slug, name: agency.name },
        filingId: row.filingId,
        revisionNumber: row.revisionNumber,
        amended: row.revisionNumber > 1,
        nothingToReport: row.nothingToReport,
        url: reportPath(agency.slug, row.filingId),
      },
    ]);
  }
  for (const reports of byPeriod.values()) reports.sort((a, b) => (a.agency.name < b.agency.name ? -1 : a.agency.name > b.agency.name ? 1 : 0));
  // A period still under way cannot be reported yet: listing it as "0 of 2 agencies reported"
  // would say something false, so the series stops at the last period that has ended.
  const today = newYorkDate(now);
  const within = (period: { start: string; end: string }) =>
    (range.from === null || period.start >= range.from) && (range.to === null || period.end <= range.to);
  const periods = dashboard.periods
    .filter((period) => period.end < today && within(period))
    .map((period) => ({ ...period, reports: byPeriod.get(`${period.start}/${period.end}`) ?? [] }));
  const expected = periods.reduce((total, period) => total + period.coverage.expected, 0);
  const { id: _id, ...county } = dashboard.county;
  return {
    county,
    agencies: dashboard.agencies,
    metrics: dashboard.metrics,
    periods,
    totals: {
      range: dashboard.totals.range,
      // Complete when every report expected in the periods shown gave the figure.
      values: Object.fromEntries(
        Object.entries(dashboard.totals.values).map(([key, total]) => [key, { ...total, complete: expected > 0 && total.periodsReported >= expected }]),
      ),
    },
    inRange: { expected, counted: periods.reduce((total, period) => total + period.coverage.reported, 0) },
    demo: dashboard.demo,
  };
}

