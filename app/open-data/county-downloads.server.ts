/**
 * The county dashboard and the county comparison as pages and downloads read them: the
 * dashboards' figures (countyDashboard, compareCounties) plus, per period, which agencies'
 * reports count and whether each was amended, so a sum can say so and link to the reports.
 */
import { Prisma } from '~/generated/prisma/client';
import type { Db } from '~/db/prisma.server';
import { prisma } from '~/db/prisma.server';
import {
  compareCounties,
  comparableMetric,
  countyDashboard,
  type CountyComparison,
  type CountyDashboard,
  type CountyPeriod,
} from '~/dashboards/dashboard-queries.server';
import { countedFilings } from '~/dashboards/counted-figures.server';
import { translator, type Locale } from '~/i18n/i18n';
import type { MessageKey } from '~/i18n/en';
import { csvLanguage } from '~/registry/agreements-export';
import { newYorkDate } from '~/reporting/filing-checks';
import { METRICS } from '~/reporting/metrics';
import {
  COMPARE_COLUMNS,
  COMPLIANCE_COLUMNS,
  FIGURE_COLUMNS,
  compareRows,
  complianceRows,
  countyApiPath,
  countyFeedPath,
  countyPath,
  reportPath,
  figureRows,
  parseCompareQuery,
  parseRange,
  sortCounties,
  type CompareQuery,
  type Range,
} from './county-figures';
import { csvDownload, jsonDownload } from './download.server';

export const COUNTY_SOURCE =
  'Reports certified by the agencies based in the county and its towns under their county’s or town’s reporting policy, counted revisions only (an amended report counts in its latest accepted revision; a returned report does not count).';
export const COMPARE_SOURCE =
  'Sum of the counted reports of the agencies based in each county and its towns, certified under their county’s or town’s reporting policy.';

/** Metrics that may be compared across counties, in catalogue order. */
export const COMPARABLE_METRICS: readonly string[] = METRICS.filter((metric) => comparableMetric(metric.key)).map((metric) => metric.key);


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

/** Agencies based in the county itself or in one of its towns (as countyDashboard reads them). */
function inCounty(stateCode: string, slug: string): Prisma.Sql {
  return Prisma.sql`f.agency_id in (
    select a.id from agency a
    join jurisdiction j on j.id = a.jurisdiction_id
    left join jurisdiction p on p.id = j.parent_id
    where (j.kind = 'COUNTY' and j.state_code = ${stateCode} and j.slug = ${slug})
       or (p.kind = 'COUNTY' and p.state_code = ${stateCode} and p.slug = ${slug}))`;
}

const inRange = (period: { start: string; end: string }, range: Range) =>
  (range.from === null || period.start >= range.from) && (range.to === null || period.end <= range.to);

/** A county's dashboard with each period's counted reports; null when there is no such county. */
export async function countyPageData(
  db: Db,
  stateCode: string,
  slug: string,
  range: Range = { from: null, to: null },
  now: Date = new Date(),
): Promise<CountyPageData | null> {
  const [dashboard, reports] = await Promise.all([
    countyDashboard(db, slug, { stateCode, range, now }),
    db.$queryRaw<{ filingId: number; agencySlug: string; agencyName: string; start: string; end: string; number: number; nothingToReport: boolean }[]>`
      select c.filing_id as "filingId", a.slug as "agencySlug", a.name as "agencyName", c.period_start::text as "start",
        c.period_end::text as "end", c.number, c.nothing_to_report as "nothingToReport"
      from ${countedFilings(inCounty(stateCode, slug))} c
      join agency a on a.id = c.agency_id
      order by a.name`,
  ]);
  if (!dashboard) return null;
  const byPeriod = new Map<string, CountedReportRef[]>();
  for (const row of reports) {
    const id = `${row.start}/${row.end}`;
    byPeriod.set(id, [
      ...(byPeriod.get(id) ?? []),
      {
        agency: { slug: row.agencySlug, name: row.agencyName },
        filingId: row.filingId,
        revisionNumber: row.number,
        amended: row.number > 1,
        nothingToReport: row.nothingToReport,
        url: reportPath(row.agencySlug, row.filingId),
      },
    ]);
  }
  // A period still under way cannot be reported yet: listing it as "0 of 2 agencies reported"
  // would say something false, so the series stops at the last period that has ended.
  const today = newYorkDate(now);
  const periods = dashboard.periods
    .filter((period) => period.end < today && inRange(period, range))
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

export interface ComparisonData {
  metric: Awaited<ReturnType<typeof compareCounties>>['metric'];
  range: Range;
  sort: CompareQuery['sort'];
  stateCode: string;
  counties: CountyComparison[];
  demo: boolean;
}

export async function comparisonData(db: Db, query: CompareQuery, stateCode = 'NC'): Promise<ComparisonData> {
  const result = await compareCounties(db, query.metric, query.range, { stateCode });
  return { ...result, sort: query.sort, stateCode, counties: sortCounties(result.counties, query.sort) };
}

/* ---------------------------------------------------------------------- */
/* Downloads                                                               */
/* ---------------------------------------------------------------------- */

const CORS = { 'Access-Control-Allow-Origin': '*' };
const apiError = (status: 400 | 404, message: string) => Response.json({ error: { status, message } }, { status, headers: CORS });

const periodsText = (periods: { key: string }[]) => (periods.length ? `${periods[0].key} to ${periods[periods.length - 1].key}` : null);
const rangeText = (range: Range) =>
  range.from || range.to ? `periods within ${range.from ?? 'the first report'} to ${range.to ?? 'the latest report'}` : 'all periods reported';

/** The county named by the route (state and county slugs) with the range from the query, or an error response. */
async function countyFromRequest(request: Request, params: { state?: string; county?: string }, query: URLSearchParams) {
  const range = parseRange(query);
  if (!range.ok) return { ok: false as const, response: apiError(400, range.message) };
  const stateCode = (params.state ?? '').toUpperCase();
  const slug = params.county ?? '';
  const data = /^[A-Z]{2}$/.test(stateCode) ? await countyPageData(prisma(), stateCode, slug, range.value) : null;
  if (!data) return { ok: false as const, response: apiError(404, `No county "${slug}" in state "${params.state ?? ''}".`) };
  return { ok: true as const, data, range: range.value, origin: new URL(request.url).origin };
}

function csvHeader(columns: readonly string[], prefix: string, locale: Locale): string[] {
  const t = translator(locale);
  return columns.map((column) => t(`${prefix}.${column}` as MessageKey));
}

/** GET /api/v1/places/:state/:county — the county dashboard as JSON. */
export async function countyJsonResponse(request: Request, params: { state?: string; county?: string }): Promise<Response> {
  const found = await countyFromRequest(request, params, new URL(request.url).searchParams);
  if (!found.ok) return found.response;
  const { data, origin } = found;
  const stateCode = data.county.stateCode;
  return jsonDownload(
    request,
    {
      ...data,
      agencies: data.agencies.map((agency) => ({ ...agency, url: `${origin}/agencies/${agency.slug}` })),
      periods: data.periods.map((period) => ({ ...period, reports: period.reports.map((report) => ({ ...report, url: `${origin}${report.url}` })) })),
    },
    {
      source: COUNTY_SOURCE,
      period: periodsText(data.periods),
      county: data.county.name,
      notes: [
        'value null: not reported (no counted report gave it), never zero.',
        'coverage: agencies expected to report the period and those whose report counts; complete is true only when every expected agency gave the figure.',
        'perResident and per100k are null while the county’s population is not known.',
      ],
      links: {
        page: `${origin}${countyPath(stateCode, data.county.slug)}`,
        figuresCsv: `${origin}${countyApiPath(stateCode, data.county.slug)}/figures.csv`,
        complianceCsv: `${origin}${countyApiPath(stateCode, data.county.slug)}/compliance.csv`,
        feed: `${origin}${countyFeedPath(stateCode, data.county.slug)}`,
      },
    },
  );
}

/** GET /api/v1/places/:state/:county/figures.csv — one row per period and metric, then the totals. */
export async function countyFiguresCsvResponse(request: Request, params: { state?: string; county?: string }): Promise<Response> {
  const language = csvLanguage(new URL(request.url).searchParams);
  if (!language.ok) return apiError(400, language.message);
  const found = await countyFromRequest(request, params, language.filters);
  if (!found.ok) return found.response;
  const { data, origin } = found;
  const rows = figureRows({
    ...data,
    periods: data.periods.map((period) => ({ ...period, reports: period.reports.map((report) => ({ ...report, url: `${origin}${report.url}` })) })),
  });
  const t = translator(language.locale);
  return csvDownload(request, `${t('download.countyFigures.fileName', { county: data.county.slug })}.csv`, csvHeader(FIGURE_COLUMNS, 'download.countyFigures', language.locale), rows);
}

/** GET /api/v1/places/:state/:county/compliance.csv — each agency's reporting record. */
export async function countyComplianceCsvResponse(request: Request, params: { state?: string; county?: string }): Promise<Response> {
  const language = csvLanguage(new URL(request.url).searchParams);
  if (!language.ok) return apiError(400, language.message);
  const found = await countyFromRequest(request, params, language.filters);
  if (!found.ok) return found.response;
  const { data, origin } = found;
  const t = translator(language.locale);
  return csvDownload(
    request,
    `${t('download.countyCompliance.fileName', { county: data.county.slug })}.csv`,
    csvHeader(COMPLIANCE_COLUMNS, 'download.countyCompliance', language.locale),
    complianceRows({ county: data.county, origin, agencies: data.agencies }),
  );
}

async function comparisonFromRequest(query: URLSearchParams) {
  const parsed = parseCompareQuery(query, COMPARABLE_METRICS);
  if (!parsed.ok) return { ok: false as const, response: apiError(400, parsed.message) };
  return { ok: true as const, data: await comparisonData(prisma(), parsed.value) };
}

/** GET /api/v1/compare?metric=&from=&to=&sort= — one metric across the state's counties. */
export async function compareJsonResponse(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const found = await comparisonFromRequest(url.searchParams);
  if (!found.ok) return found.response;
  const { data } = found;
  return jsonDownload(
    request,
    {
      metric: data.metric,
      range: data.range,
      sort: data.sort,
      counties: data.counties.map((county) => ({
        ...county,
        status: county.value === null ? 'not_reported' : 'reported',
        url: `${url.origin}${countyPath(data.stateCode, county.slug)}`,
      })),
    },
    {
      source: COMPARE_SOURCE,
      period: rangeText(data.range),
      allowedMetrics: COMPARABLE_METRICS,
      notes: ['value null: no agency in the county has a counted report giving this metric for these periods ("not reported"), never zero.'],
    },
  );
}

/** GET /api/v1/compare.csv?metric=&from=&to=&sort=&lang= */
export async function compareCsvResponse(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const language = csvLanguage(url.searchParams);
  if (!language.ok) return apiError(400, language.message);
  const found = await comparisonFromRequest(language.filters);
  if (!found.ok) return found.response;
  const { data } = found;
  const t = translator(language.locale);
  return csvDownload(
    request,
    `${t('download.compare.fileName', { metric: data.metric.key })}.csv`,
    csvHeader(COMPARE_COLUMNS, 'download.compare', language.locale),
    compareRows({ ...data, origin: url.origin }),
  );
}
