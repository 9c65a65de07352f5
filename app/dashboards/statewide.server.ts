/**
 * Statewide public views: where 287(g) agreements are (per county, for a map), how many are
 * active by model and month by month, the latest reports, and one metric compared across
 * counties. Aggregated in the database; plain serialisable output.
 */
import type { Db } from '~/db/prisma.server';
import { Prisma } from '~/generated/prisma/client';
import type { AgencyKind, JurisdictionKind } from '~/generated/prisma/enums';
import { MODELS, type Model } from '~/registry/models';
import { latestListDate } from '~/registry/registry-queries.server';
import { newYorkDate } from '~/reporting/calendar';
import type { CompareSort } from '~/paths';
import { metricByKey, METRICS } from '~/reporting/metrics';
import { metricInfo, periodRef } from './agency-dashboard.server';
import { checkRange, countedFigures } from './counted-figures.server';
import { COUNTY_OF_AGENCY } from './county-agencies.server';
import type { MetricInfo, PeriodRange, PeriodRef } from './dashboard-types';
import { LEVEL_METRICS, normaliseSum, perResident, sortCounties } from './figures';
import { activeAgreementsByMonth, type ActiveMonth, type MonthlyDelta } from './timeline';

type Presence = 'none' | 'county' | 'municipal' | 'county_and_municipal';

export interface MapAgency {
  slug: string;
  name: string;
  kind: AgencyKind;
  place: { name: string; kind: JurisdictionKind; slug: string };
  /** Based in a town inside the county rather than in the county itself. */
  municipal: boolean;
  active: Model[];
  pending: Model[];
}

export interface MapCounty {
  fips: string | null;
  name: string;
  slug: string;
  population: number | null;
  /** Active agreements of agencies based in the county itself, in a town inside it, both or none. */
  presence: Presence;
  /** Models of the active agreements of agencies based in the county itself. */
  models: Model[];
  /** Models of the active agreements of agencies based in its towns. */
  municipalModels: Model[];
  activeAgreements: number;
  municipalAgreements: number;
  pendingAgreements: number;
  agencies: MapAgency[];
}

export interface LatestFiling {
  filingId: number;
  agency: { slug: string; name: string };
  county: { name: string; slug: string } | null;
  period: PeriodRef;
  revisionNumber: number;
  kind: 'submission' | 'amendment';
  amendmentReason: string | null;
  certifiedAt: string;
  /** Whether this revision is the one public figures count (false once returned or amended again). */
  counted: boolean;
  demo: boolean;
}

export interface StatewideOverview {
  state: { code: string; name: string | null };
  /** Date of the newest ICE list in the registry. */
  asOf: string | null;
  counties: MapCounty[];
  totals: {
    active: number;
    pending: number;
    byModel: Record<Model, number>;
    /** Active agreements of agencies based in towns, by model (included in byModel). */
    municipalByModel: Record<Model, number>;
    /** Active agreements of agencies placed in no county (a state agency, a place not yet known). */
    outsideCounties: number;
    /** Active agreements known from signed MOAs or other public sources, not yet on ICE's list. */
    notOnIceList: number;
  };
  /** Active agreements at the end of each month since the registry's first list (the current month: today). */
  timeline: ActiveMonth[];
  latestFilings: LatestFiling[];
  /** Some counted figures in the state were submitted by demonstration accounts. */
  demo: boolean;
}

const zeroByModel = () => Object.fromEntries(MODELS.map((model) => [model, 0])) as Record<Model, number>;

/** Whether any counted revision of the state's agencies was submitted by a demonstration account. */
async function hasDemoFigures(db: Db, stateCode: string): Promise<boolean> {
  const [row] = await db.$queryRaw<{ demo: boolean }[]>`
    select exists (
      select 1 from filing f
      join agency a on a.id = f.agency_id
      join filing_revision r on r.id = f.counted_revision_id
      join app_user u on u.id = r.submitted_by_id
      where a.state_code = ${stateCode} and u.is_demo
    ) as demo`;
  return row.demo;
}


interface AgreementRow {
  model: Model;
  status: 'ACTIVE' | 'PENDING';
  onIceList: boolean;
  agencySlug: string;
  agencyName: string;
  agencyKind: AgencyKind;
  placeKind: JurisdictionKind | null;
  placeName: string | null;
  placeSlug: string | null;
  countyId: number | null;
}

/** The state's latest certified revisions, newest first: submissions and amendments alike. */
async function latestFilings(db: Db, stateCode: string, limit: number): Promise<LatestFiling[]> {
  const rows = await db.$queryRaw<
    {
      filingId: number;
      agencySlug: string;
      agencyName: string;
      countyName: string | null;
      countySlug: string | null;
      periodKey: string;
      start: string;
      end: string;
      number: number;
      amendmentReason: string | null;
      certifiedAt: Date;
      counted: boolean;
      demo: boolean;
    }[]
  >`
    select f.id as "filingId", a.slug as "agencySlug", a.name as "agencyName",
      coalesce(case when j.kind = 'COUNTY' then j.name end, case when p.kind = 'COUNTY' then p.name end) as "countyName",
      coalesce(case when j.kind = 'COUNTY' then j.slug end, case when p.kind = 'COUNTY' then p.slug end) as "countySlug",
      f.period_key as "periodKey", f.period_start::text as "start", f.period_end::text as "end",
      r.number, r.amendment_reason as "amendmentReason", r.certified_at as "certifiedAt",
      (f.counted_revision_id is not distinct from r.id) as "counted", coalesce(u.is_demo, false) as "demo"
    from filing_revision r
    join filing f on f.id = r.filing_id
    join agency a on a.id = f.agency_id
    left join jurisdiction j on j.id = a.jurisdiction_id
    left join jurisdiction p on p.id = j.parent_id
    left join app_user u on u.id = r.submitted_by_id
    where a.state_code = ${stateCode}
    order by r.certified_at desc, r.id desc
    limit ${limit}`;
  return rows.map((row) => ({
    filingId: row.filingId,
    agency: { slug: row.agencySlug, name: row.agencyName },
    county: row.countyName && row.countySlug ? { name: row.countyName, slug: row.countySlug } : null,
    period: periodRef(row.periodKey, row.start, row.end),
    revisionNumber: row.number,
    kind: row.number > 1 ? 'amendment' : 'submission',
    amendmentReason: row.amendmentReason,
    certifiedAt: row.certifiedAt.toISOString(),
    counted: row.counted,
    demo: row.demo,
  }));
}

/** The statewide totals from every active or pending agreement of the state. */
function agreementTotals(agreements: AgreementRow[]): StatewideOverview['totals'] {
  const totals = { active: 0, pending: 0, byModel: zeroByModel(), municipalByModel: zeroByModel(), outsideCounties: 0, notOnIceList: 0 };
  for (const row of agreements) {
    if (row.status === 'PENDING') {
      totals.pending += 1;
      continue;
    }
    totals.active += 1;
    totals.byModel[row.model] += 1;
    if (row.placeKind === 'MUNICIPALITY') totals.municipalByModel[row.model] += 1;
    if (row.countyId === null) totals.outsideCounties += 1;
    if (!row.onIceList) totals.notOnIceList += 1;
  }
  return totals;
}

const modelsOf = (rows: AgreementRow[]) => MODELS.filter((model) => rows.some((row) => row.model === model));

/** One county on the map, from the agreements of the agencies based in it or in its towns. */
function mapCounty(county: { fips: string | null; name: string; slug: string; population: number | null }, rows: AgreementRow[]): MapCounty {
  const active = rows.filter((row) => row.status === 'ACTIVE');
  const own = active.filter((row) => row.placeKind === 'COUNTY');
  const towns = active.filter((row) => row.placeKind !== 'COUNTY');
  const agencies = new Map<string, MapAgency>();
  for (const row of rows) {
    const agency = agencies.get(row.agencySlug) ?? {
      slug: row.agencySlug,
      name: row.agencyName,
      kind: row.agencyKind,
      place: { name: row.placeName!, kind: row.placeKind!, slug: row.placeSlug! },
      municipal: row.placeKind !== 'COUNTY',
      active: [],
      pending: [],
    };
    (row.status === 'ACTIVE' ? agency.active : agency.pending).push(row.model);
    agencies.set(row.agencySlug, agency);
  }
  return {
    fips: county.fips,
    name: county.name,
    slug: county.slug,
    population: county.population,
    presence: own.length > 0 ? (towns.length > 0 ? 'county_and_municipal' : 'county') : towns.length > 0 ? 'municipal' : 'none',
    models: modelsOf(own),
    municipalModels: modelsOf(towns),
    activeAgreements: own.length,
    municipalAgreements: towns.length,
    pendingAgreements: rows.length - active.length,
    agencies: [...agencies.values()],
  };
}

/**
 * The statewide page: map, totals, timeline and latest reports. The queries run side by side;
 * the same agreement rows feed both the map and the totals.
 */
export async function statewideOverview(db: Db, stateCode = 'NC', options: { now?: Date; latestFilings?: number } = {}): Promise<StatewideOverview> {
  const now = options.now ?? new Date();
  const [state, counties, agreements, deltas, latest, asOf, demo] = await Promise.all([
    db.jurisdiction.findFirst({ where: { stateCode, kind: 'STATE' }, select: { name: true } }),
    db.jurisdiction.findMany({
      where: { stateCode, kind: 'COUNTY' },
      select: { id: true, fips: true, name: true, slug: true, population: true },
      orderBy: { name: 'asc' },
    }),
    db.$queryRaw<AgreementRow[]>`
      select g.model::text as "model", g.status::text as "status", g.on_ice_list as "onIceList", a.slug as "agencySlug", a.name as "agencyName",
        a.kind::text as "agencyKind", j.kind::text as "placeKind", j.name as "placeName", j.slug as "placeSlug",
        ${COUNTY_OF_AGENCY} as "countyId"
      from agreement g
      join agency a on a.id = g.agency_id
      left join jurisdiction j on j.id = a.jurisdiction_id
      left join jurisdiction p on p.id = j.parent_id
      where a.state_code = ${stateCode} and g.status in ('ACTIVE', 'PENDING')
      order by a.name, g.model`,
    db.$queryRaw<MonthlyDelta[]>`
      select to_char(e.effective_on, 'YYYY-MM') as "month", g.model::text as "model",
        sum((e.to_status = 'ACTIVE')::int - (coalesce(e.from_status = 'ACTIVE', false))::int)::int as "delta"
      from agreement_event e
      join agreement g on g.id = e.agreement_id
      join agency a on a.id = g.agency_id
      where a.state_code = ${stateCode}
      group by 1, 2
      order by 1, 2`,
    latestFilings(db, stateCode, options.latestFilings ?? 20),
    latestListDate(db),
    hasDemoFigures(db, stateCode),
  ]);

  const byCounty = new Map<number, AgreementRow[]>();
  for (const row of agreements) if (row.countyId !== null) byCounty.set(row.countyId, [...(byCounty.get(row.countyId) ?? []), row]);

  return {
    state: { code: stateCode, name: state?.name ?? null },
    asOf,
    counties: counties.map((county) => mapCounty(county, byCounty.get(county.id) ?? [])),
    totals: agreementTotals(agreements),
    timeline: activeAgreementsByMonth(deltas, newYorkDate(now).slice(0, 7)),
    latestFilings: latest,
    demo,
  };
}

/* ---------------------------------------------------------------------- */
/* One metric across counties                                              */
/* ---------------------------------------------------------------------- */

export interface CountyComparison {
  fips: string | null;
  name: string;
  slug: string;
  population: number | null;
  /** Sum of the counties' agencies' counted reports in the range; null when none gave the metric. */
  value: string | null;
  /** Agency-periods whose counted report gave it. */
  periodsReported: number;
  agenciesReporting: number;
  /** Agencies based in the county (or its towns) that a policy asks for reports. */
  agenciesRequired: number;
  perResident: string | null;
  per100k: string | null;
}

/**
 * Metrics that may be compared across counties: not the breakdown cells (county totals would
 * need suppression), nor levels such as staff FTE (a sum over periods means nothing).
 */
export function comparableMetric(key: string): boolean {
  const metric = metricByKey(key);
  return Boolean(metric) && metric!.category !== 'PEOPLE' && !LEVEL_METRICS.has(key);
}

export async function compareCounties(
  db: Db,
  metricKey: string,
  rangeInput: Partial<PeriodRange> = {},
  options: { stateCode?: string } = {},
): Promise<{ metric: MetricInfo; range: PeriodRange; counties: CountyComparison[]; demo: boolean }> {
  if (!comparableMetric(metricKey)) throw new Error(`"${metricKey}" cannot be compared across counties.`);
  const stateCode = options.stateCode ?? 'NC';
  const range = checkRange({ from: rangeInput.from ?? null, to: rangeInput.to ?? null });
  const inState = Prisma.sql`f.agency_id in (select id from agency where state_code = ${stateCode})`;
  const [counties, sums, required, demo] = await Promise.all([
    db.jurisdiction.findMany({
      where: { stateCode, kind: 'COUNTY' },
      select: { id: true, fips: true, name: true, slug: true, population: true },
      orderBy: { name: 'asc' },
    }),
    db.$queryRaw<{ countyId: number | null; value: string; periods: number; agencies: number }[]>`
      select ${COUNTY_OF_AGENCY} as "countyId", sum(c.value)::text as "value", count(*)::int as "periods", count(distinct c.agency_id)::int as "agencies"
      from ${countedFigures(inState, [metricKey], range)} c
      join agency a on a.id = c.agency_id
      left join jurisdiction j on j.id = a.jurisdiction_id
      left join jurisdiction p on p.id = j.parent_id
      group by 1`,
    db.$queryRaw<{ countyId: number | null; agencies: number }[]>`
      select ${COUNTY_OF_AGENCY} as "countyId", count(distinct a.id)::int as "agencies"
      from agency a
      join requirement q on q.agency_id = a.id
      left join jurisdiction j on j.id = a.jurisdiction_id
      left join jurisdiction p on p.id = j.parent_id
      where a.state_code = ${stateCode}
      group by 1`,
    hasDemoFigures(db, stateCode),
  ]);
  const unit = metricByKey(metricKey)!.unit;
  const sumOf = new Map(sums.map((row) => [row.countyId, row]));
  const requiredOf = new Map(required.map((row) => [row.countyId, row.agencies]));
  return {
    metric: metricInfo(metricKey),
    range,
    counties: counties.map((county) => {
      const row = sumOf.get(county.id);
      const value = normaliseSum(row?.value ?? null, unit);
      return {
        fips: county.fips,
        name: county.name,
        slug: county.slug,
        population: county.population,
        value,
        periodsReported: row?.periods ?? 0,
        agenciesReporting: row?.agencies ?? 0,
        agenciesRequired: requiredOf.get(county.id) ?? 0,
        ...perResident(value, county.population),
      };
    }),
    demo,
  };
}

/** Metrics that may be compared across counties, in catalogue order. */
export const COMPARABLE_METRICS: readonly string[] = METRICS.filter((metric) => comparableMetric(metric.key)).map((metric) => metric.key);

export interface ComparisonData {
  metric: Awaited<ReturnType<typeof compareCounties>>['metric'];
  range: PeriodRange;
  sort: CompareSort;
  stateCode: string;
  counties: CountyComparison[];
  demo: boolean;
}

/** The comparison page and its downloads: one metric across the state's counties, in the order asked for. */
export async function comparisonData(db: Db, query: { metric: string; range: PeriodRange; sort: CompareSort }, stateCode = 'NC'): Promise<ComparisonData> {
  const result = await compareCounties(db, query.metric, query.range, { stateCode });
  return { ...result, sort: query.sort, stateCode, counties: sortCounties(result.counties, query.sort) };
}
