/**
 * The statewide page's data, for the home page and its downloads alike (so the two cannot
 * disagree): the dashboards' statewide overview, each county's map colour, pending applications
 * by model and the dates of the ICE lists the timeline is counted from.
 */
import { apiError } from './http.server';
import { mapCategory, type MapCategory } from '~/components/statewide-map';
import { type MapCounty, statewideOverview, type StatewideOverview } from '~/dashboards/statewide.server';
import { cachedOverdueReports, overdueForPage, type OverdueShare } from '~/dashboards/statewide-overdue.server';
import type { Db } from '~/db/prisma.server';
import { prisma } from '~/db/prisma.server';
import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import type { MessageKey } from '~/i18n/en';
import { translator, type Locale } from '~/i18n/i18n';
import { csvLanguage } from '~/registry/agreements-export';
import { MODELS, type Model } from '~/registry/models';
import { STATEWIDE_COUNTY_LEGACY, STATEWIDE_FILING_LEGACY, STATEWIDE_TIMELINE_LEGACY } from './columns';
import { csvDownload, documentDownload } from './download.server';
import { countyRows, filingRows, STATEWIDE_COLUMNS, timelineRows, type StatewideTable } from './statewide-downloads';

export type StatewideCounty = MapCounty & { mapCategory: MapCategory };

export interface StatewidePageData extends Omit<StatewideOverview, 'counties' | 'totals'> {
  counties: StatewideCounty[];
  totals: StatewideOverview['totals'] & { pendingByModel: Record<Model, number> };
  /** Dates of ICE's participating lists imported, oldest first: what the timeline counts from. */
  participatingLists: string[];
}

const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/** The state's overview, or null when the registry has no such state. */
export async function statewidePageData(db: Db, stateCode: string, options: { now?: Date } = {}): Promise<StatewidePageData | null> {
  const code = stateCode.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return null;
  const [overview, pending, lists] = await Promise.all([
    statewideOverview(db, code, { now: options.now }),
    db.agreement.groupBy({ by: ['model'], where: { status: 'PENDING', agency: { stateCode: code } }, _count: { _all: true } }),
    db.iceImport.findMany({ where: { listKind: 'PARTICIPATING' }, select: { asOf: true }, orderBy: { asOf: 'asc' } }),
  ]);
  if (overview.state.name === null) return null;
  const pendingByModel = Object.fromEntries(MODELS.map((model) => [model, pending.find((row) => row.model === model)?._count._all ?? 0])) as Record<Model, number>;
  return {
    ...overview,
    counties: overview.counties.map((county) => ({ ...county, mapCategory: mapCategory(county) })),
    totals: { ...overview.totals, pendingByModel },
    participatingLists: [...new Set(lists.map((list) => isoDay(list.asOf)))],
  };
}

/** The page's data with its list of overdue and declined reports (the first rows; overdue.csv has them all), for the page and its JSON alike. */
export async function statewideWithOverdue(db: Db, stateCode: string, version?: string | null): Promise<(StatewidePageData & { overdue: OverdueShare }) | null> {
  const [data, overdue] = await Promise.all([
    cachedByDataVersion(db, `statewide:${stateCode.toUpperCase()}`, (reader) => statewidePageData(reader, stateCode), version),
    cachedOverdueReports(stateCode, version),
  ]);
  return data && overdue ? { ...data, overdue: overdueForPage(overdue) } : null;
}

/* ---------------------------------------------------------------------- */
/* Downloads                                                               */
/* ---------------------------------------------------------------------- */

export const STATEWIDE_SOURCE =
  'Agreements: ICE’s lists of participating agencies and pending applications, imported by this portal, which keeps their history. Reports: certified by the agencies under their county’s or town’s reporting policy.';


const statewideApiPath = (stateCode: string) => `/api/v1/places/${stateCode.toLowerCase()}`;

/** Months the timeline covers, e.g. "2025-05 to 2026-11". */
const timelinePeriod = (data: StatewidePageData) => (data.timeline.length ? `${data.timeline[0].month} to ${data.timeline[data.timeline.length - 1].month}` : null);

async function stateFromParams(params: { state?: string }) {
  const data = await statewidePageData(prisma(), params.state ?? '');
  return data ?? apiError(404, `No state "${params.state ?? ''}" in the registry.`);
}

/** The JSON document: what the page shows, the overdue list included. */
async function stateDocumentFromParams(params: { state?: string }) {
  const state = params.state ?? '';
  const data = /^[a-z]{2}$/i.test(state) ? await statewideWithOverdue(prisma(), state) : null;
  return data ?? apiError(404, `No state "${params.state ?? ''}" in the registry.`);
}

/** GET /api/v1/places/:state — everything the statewide page shows, as JSON. */
export async function statewideJsonResponse(request: Request, params: { state?: string }): Promise<Response> {
  const data = await stateDocumentFromParams(params);
  if (data instanceof Response) return data;
  const origin = new URL(request.url).origin;
  const api = `${origin}${statewideApiPath(data.state.code)}`;
  // The notes name the keys: the snake_case ones, or the camelCase ones of the legacy document.
  const meta = (notes: string[]) => ({
    source: STATEWIDE_SOURCE,
    period: timelinePeriod(data),
    state: data.state.name,
    notes,
    links: {
      page: `${origin}/`,
      countiesCsv: `${api}/counties.csv`,
      timelineCsv: `${api}/timeline.csv`,
      filingsCsv: `${api}/filings.csv`,
      overdueCsv: `${api}/overdue.csv`,
      feed: `${origin}/feeds/${data.state.code.toLowerCase()}.atom`,
    },
  });
  return documentDownload(
    request,
    data,
    meta([
      'Keys are snake_case; columns=legacy gives the camelCase document of before release 0.2 (deprecated, removed in the next release).',
      'counties[].map_category: the map color: the broadest model among the active agreements of agencies based in the county itself (tfm, jem, wso), else "municipal" when only a town or city police department has one, else "none".',
      'counties[].active_agreements counts the county’s own agencies; municipal_agreements its towns’ police departments; pending_agreements both.',
      'timeline: active agreements at the end of each month (this month: today), counted from the ICE lists imported (participating_lists); agreements signed before the first list count from its month.',
      'latest_filings: the newest report revisions; counted is false once a reviewer returned the revision or a later one replaced it.',
      'overdue: the reports the agencies owe (status overdue with days_late in New York days, or declined with declined_on), most overdue first: the first reports as the page shows them, total and more (those only in overdue.csv).',
    ]),
    meta([
      'counties[].mapCategory: the map color: the broadest model among the active agreements of agencies based in the county itself (tfm, jem, wso), else "municipal" when only a town or city police department has one, else "none".',
      'counties[].activeAgreements counts the county’s own agencies; municipalAgreements its towns’ police departments; pendingAgreements both.',
      'timeline: active agreements at the end of each month (this month: today), counted from the ICE lists imported (participatingLists); agreements signed before the first list count from its month.',
      'latestFilings: the newest report revisions; counted is false once a reviewer returned the revision or a later one replaced it.',
      'overdue: the reports the agencies owe (status overdue with daysLate in New York days, or declined with declinedOn), most overdue first: the first reports as the page shows them, total and more (those only in overdue.csv).',
    ]),
  );
}

function csvHeader(table: StatewideTable, locale: Locale): string[] {
  const t = translator(locale);
  return STATEWIDE_COLUMNS[table].map((column) => t(`statewide.csv.${table}.${column}` as MessageKey));
}

/** GET /api/v1/places/:state/{counties,timeline,filings}.csv — one of the page's tables; ?lang=es for Spanish headers, ?columns=legacy for the camelCase names of before release 0.2. */
export async function statewideCsvResponse(request: Request, params: { state?: string }, table: StatewideTable): Promise<Response> {
  const url = new URL(request.url);
  const language = csvLanguage(url.searchParams);
  if (!language.ok) return apiError(400, language.message);
  const data = await stateFromParams(params);
  if (data instanceof Response) return data;
  const rows =
    table === 'counties' ? countyRows(data.counties) : table === 'timeline' ? timelineRows(data.timeline) : filingRows(data.latestFilings, url.origin);
  const fileName = `${data.state.code.toLowerCase()}-${translator(language.locale)(`statewide.csv.${table}.fileName` as MessageKey)}.csv`;
  const legacy = { counties: STATEWIDE_COUNTY_LEGACY, timeline: STATEWIDE_TIMELINE_LEGACY, filings: STATEWIDE_FILING_LEGACY }[table];
  return csvDownload(request, fileName, csvHeader(table, language.locale), rows, { legacy: language.legacy ? legacy : undefined });
}
