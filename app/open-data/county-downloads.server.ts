/**
 * The county dashboard and the county comparison as downloads: JSON and CSV of what
 * dashboards/county-dashboard.server.ts and dashboards/statewide.server.ts compute. Nothing here
 * queries the database; it reads the request and writes the response.
 */
import { apiError } from './http.server';
import { countyApiPath, countyFeedPath, countyPath, type Range } from '~/paths';
import { prisma } from '~/db/prisma.server';
import { countyPageData } from '~/dashboards/county-dashboard.server';
import { COMPARABLE_METRICS, comparisonData } from '~/dashboards/statewide.server';
import { translator, type Locale } from '~/i18n/i18n';
import type { MessageKey } from '~/i18n/en';
import { csvLanguage } from '~/registry/agreements-export';
import { COMPARE_JSON_LEGACY, withLegacyKeys } from './columns';
import { COMPARE_COLUMNS, COMPLIANCE_COLUMNS, FIGURE_COLUMNS, compareRows, complianceRows, figureRows, figureStatus, parseCompareQuery, parseRange } from './county-figures';
import { csvDownload, documentDownload, jsonDownload } from './download.server';

export const COUNTY_SOURCE =
  'Reports certified by the agencies based in the county and its towns under their county’s or town’s reporting policy, counted revisions only (an amended report counts in its latest accepted revision; a returned report does not count).';
export const COMPARE_SOURCE =
  'Sum of the counted reports of the agencies based in each county and its towns, certified under their county’s or town’s reporting policy.';


/** A decimal text as a JSON number (figures are sums of dollars and counts: well within a double's exact range). */
const jsonNumber = (value: string | null) => (value === null ? null : Number(value));

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
  // The notes name the keys: the snake_case ones, or the camelCase ones of the legacy document.
  const meta = (notes: string[]) => ({
    source: COUNTY_SOURCE,
    period: periodsText(data.periods),
    county: data.county.name,
    notes,
    links: {
      page: `${origin}${countyPath(stateCode, data.county.slug)}`,
      figuresCsv: `${origin}${countyApiPath(stateCode, data.county.slug)}/figures.csv`,
      complianceCsv: `${origin}${countyApiPath(stateCode, data.county.slug)}/compliance.csv`,
      feed: `${origin}${countyFeedPath(stateCode, data.county.slug)}`,
    },
  });
  return documentDownload(
    request,
    {
      ...data,
      agencies: data.agencies.map((agency) => ({ ...agency, url: `${origin}/agencies/${agency.slug}` })),
      periods: data.periods.map((period) => ({ ...period, reports: period.reports.map((report) => ({ ...report, url: `${origin}${report.url}` })) })),
    },
    meta([
      'Keys are snake_case and figures JSON numbers; columns=legacy gives the camelCase document of before release 0.2, figures as decimal strings (deprecated, removed in the next release).',
      'value null: not reported (no counted report gave it), never zero.',
      'coverage: agencies expected to report the period and those whose report counts; complete is true only when every expected agency gave the figure.',
      'per_resident and per_100k_residents are null while the county’s population is not known.',
    ]),
    meta([
      'value null: not reported (no counted report gave it), never zero.',
      'coverage: agencies expected to report the period and those whose report counts; complete is true only when every expected agency gave the figure.',
      'perResident and per100k are null while the county’s population is not known.',
    ]),
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
      // Numbers as JSON numbers; snake_case keys (columns.ts), the camelCase ones beside them for one release.
      counties: data.counties.map((county) =>
        withLegacyKeys(
          {
            fips: county.fips,
            name: county.name,
            slug: county.slug,
            population: county.population,
            value: jsonNumber(county.value),
            status: figureStatus(county.value, county.agenciesRequired),
            periods_reported: county.periodsReported,
            agencies_reporting: county.agenciesReporting,
            agencies_required: county.agenciesRequired,
            per_resident: jsonNumber(county.perResident),
            per_100k_residents: jsonNumber(county.per100k),
            url: `${url.origin}${countyPath(data.stateCode, county.slug)}`,
          },
          COMPARE_JSON_LEGACY,
        ),
      ),
    },
    {
      source: COMPARE_SOURCE,
      period: rangeText(data.range),
      allowedMetrics: COMPARABLE_METRICS,
      notes: [
        'value null: no counted report of the county’s agencies gives this metric for these periods, never zero: status not_reported when reports were due, no_requirement when no agency in the county is asked for reports.',
        'Keys are snake_case; the camelCase keys (periodsReported, agenciesReporting, agenciesRequired, perResident, per100k) are deprecated aliases, removed in the next release.',
      ],
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
