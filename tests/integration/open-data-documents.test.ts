/**
 * The nested JSON documents of the open-data API (a state's, a county's, an agency's, its
 * history, a report's revisions, the ICE list archive) follow the naming rule of the rest of
 * the open data (docs/api.md "Column names"): on a demo database, every key anywhere in `data`
 * is snake_case or a data key (a metric key, a period key, a model, a header name), and no
 * figure is a decimal string. `?columns=legacy` still gives the camelCase document of before
 * release 0.2, with the same content, for one release.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { snakeDocument } from '~/open-data/json-keys';
import * as agency from '~/routes/api.v1.agencies.$slug._index';
import * as history from '~/routes/api.v1.agencies.$slug.history';
import * as report from '~/routes/api.v1.agencies.$slug.reports.$filingId._index';
import * as iceLists from '~/routes/api.v1.ice-lists';
import * as county from '~/routes/api.v1.places.$state.$county._index';
import * as state from '~/routes/api.v1.places.$state._index';
import { get, TEST_CONTEXT } from '../support/requests';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => unknown;
type Json = { data: unknown; meta: Record<string, unknown> };

let db: TestDatabase;

beforeAll(async () => {
  db = await createDemoDatabase();
  process.env.DATABASE_URL = db.url;
  // The demo has no fetched ICE file: one, so the archive has an entry to look at.
  const run = await db.prisma.iceFetchRun.create({ data: { trigger: 'schedule', outcome: 'OK', finishedAt: new Date() } });
  await db.prisma.iceListFile.create({
    data: {
      runId: run.id,
      listKind: 'PARTICIPATING',
      url: 'https://www.ice.gov/participating.xlsx',
      httpStatus: 200,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'last-modified': 'Fri, 18 Jul 2025 12:00:00 GMT', etag: '"abc"' },
      sha256: 'a'.repeat(64),
      size: 3,
      bytes: Buffer.from('abc'),
      refusal: 'Held back for the test.',
    },
  });
}, 180_000);
afterAll(async () => {
  await disconnectPrisma();
  await db?.drop();
});

async function fetchJson(loader: unknown, url: string, params: Record<string, string>): Promise<Json> {
  const response = (await (loader as Loader)({ request: get(url), params, context: TEST_CONTEXT })) as Response;
  expect(response.status, url).toBe(200);
  return (await response.json()) as Json;
}

/** Keys that hold data rather than a name: metric keys (with breakdown cells), period keys, models, HTTP header names. */
const DATA_KEY = /^([a-z0-9_.]+|\d{4}(-(Q[1-4]|\d{2}))?|JEM|WSO|TFM|[a-z0-9-]+)$/;
const SNAKE = /^[a-z0-9_]+$/;
/** Keys whose value is a figure; and maps whose values are figures (metric key → figure). */
const FIGURE_KEYS = new Set(['value', 'total', 'per_resident', 'per_100k_residents', 'on_time_percent', 'percent', 'people', 'of']);
const FIGURE_MAPS = new Set(['values', 'figures']);
const DATA_MAPS = new Set(['values', 'figures', 'counts', 'by_model', 'municipal_by_model', 'pending_by_model', 'headers']);

/** Every wrong key or string figure in the document, with where it is. */
function problems(value: unknown, at: string, parent: string | null = null): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => problems(item, `${at}[${i}]`, parent));
  if (value === null || typeof value !== 'object') {
    if (parent !== null && FIGURE_KEYS.has(parent) && value !== null && typeof value !== 'number') return [`${at}: ${JSON.stringify(value)} is not a number`];
    return [];
  }
  const dataKeyed = parent !== null && DATA_MAPS.has(parent);
  return Object.entries(value as Record<string, unknown>).flatMap(([key, item]) => {
    const where = `${at}.${key}`;
    if (dataKeyed) {
      const wrongKey = DATA_KEY.test(key) ? [] : [`${where}: data key "${key}" looks like a name`];
      const figure = FIGURE_MAPS.has(parent) && item !== null && typeof item !== 'object' && typeof item !== 'number' ? [`${where}: ${JSON.stringify(item)} is not a number`] : [];
      return [...wrongKey, ...figure, ...problems(item, where, null)];
    }
    return [...(SNAKE.test(key) ? [] : [`${where}: "${key}" is not snake_case`]), ...problems(item, where, key)];
  });
}

/** How many values of these keys the document has (a check that the walk met them at all). */
function count(value: unknown, keys: Set<string>, parent: string | null = null): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + count(item, keys, parent), 0);
  if (value === null || typeof value !== 'object') return parent !== null && keys.has(parent) && typeof value === 'number' ? 1 : 0;
  return Object.entries(value as Record<string, unknown>).reduce((sum, [key, item]) => sum + count(item, keys, key), 0);
}

async function documents(): Promise<[string, unknown, string, Record<string, string>][]> {
  // A report with more than one revision, and agencies with breakdowns and returned reports.
  const filings = await db.prisma.filing.findMany({ select: { id: true, agency: { select: { slug: true } }, _count: { select: { revisions: true } } }, orderBy: { id: 'asc' } });
  const amended = filings.find((filing) => filing._count.revisions > 1)!;
  const first = filings.find((filing) => filing._count.revisions > 0)!;
  const agencies = ['nc-gaston-county-sheriffs-office', 'nc-yancey-county-sheriffs-office', 'nc-nash-county-sheriffs-office', 'nc-catawba-county-sheriffs-office'];
  return [
    ['state', state.loader, '/api/v1/places/nc', { state: 'nc' }],
    ['county', county.loader, '/api/v1/places/nc/gaston-county', { state: 'nc', county: 'gaston-county' }],
    ['county (range)', county.loader, '/api/v1/places/nc/cabarrus-county?from=2025-01-01', { state: 'nc', county: 'cabarrus-county' }],
    ...agencies.map((slug): [string, unknown, string, Record<string, string>] => [`agency ${slug}`, agency.loader, `/api/v1/agencies/${slug}`, { slug }]),
    ...agencies.map((slug): [string, unknown, string, Record<string, string>] => [`history ${slug}`, history.loader, `/api/v1/agencies/${slug}/history`, { slug }]),
    ...[amended, first].map((filing): [string, unknown, string, Record<string, string>] => [
      `report ${filing.id}`,
      report.loader,
      `/api/v1/agencies/${filing.agency.slug}/reports/${filing.id}`,
      { slug: filing.agency.slug, filingId: String(filing.id) },
    ]),
    ['ice-lists', iceLists.loader, '/api/v1/ice-lists', {}],
  ];
}

describe('the nested JSON documents', () => {
  it('have snake_case keys (or data keys) everywhere in data, and figures as numbers', async () => {
    let figures = 0;
    for (const [name, loader, url, params] of await documents()) {
      const { data, meta } = await fetchJson(loader, url, params);
      expect(problems(data, name), url).toEqual([]);
      figures += count(data, FIGURE_KEYS);
      // meta keeps its keys, with the snake_case ones beside.
      expect(meta.suppression_threshold, url).toBe(meta.suppressionThreshold);
    }
    expect(figures).toBeGreaterThan(100);
  });

  it('give the figures the pages show, as numbers', async () => {
    const gaston = (await fetchJson(county.loader, '/api/v1/places/nc/gaston-county', { state: 'nc', county: 'gaston-county' })).data as {
      county: { fips: unknown };
      totals: { values: Record<string, { value: unknown; per_resident: unknown; per_100k_residents: unknown; agencies_reporting: unknown }> };
      agencies: { compliance: { on_time_percent: unknown; counts: Record<string, unknown> } }[];
    };
    expect(gaston.county.fips).toBe('37071');
    expect(typeof gaston.totals.values.gross_cost.value).toBe('number');
    expect(gaston.totals.values.gross_cost).toHaveProperty('per_100k_residents');
    expect(gaston.agencies.some((row) => typeof row.compliance.on_time_percent === 'number')).toBe(true);
    expect(Object.keys(gaston.agencies[0].compliance.counts)).toContain('not_yet_due');

    const nc = (await fetchJson(state.loader, '/api/v1/places/nc', { state: 'nc' })).data as Record<string, unknown> & { counties: Record<string, unknown>[]; totals: Record<string, unknown> };
    expect(nc).toHaveProperty('as_of');
    expect(nc).toHaveProperty('latest_filings');
    expect(nc).toHaveProperty('participating_lists');
    expect(nc.counties[0]).toHaveProperty('map_category');
    expect(nc.counties[0]).toHaveProperty('active_agreements');
    expect(nc.counties[0].fips).toMatch(/^37\d{3}$/);
    expect(Object.keys(nc.totals.by_model as object).sort()).toEqual(['JEM', 'TFM', 'WSO']);

    const archive = (await fetchJson(iceLists.loader, '/api/v1/ice-lists', {})).data as Record<string, unknown>[];
    expect(archive[0]).toMatchObject({ http_status: 200, result: 'notImported', reason: 'Held back for the test.', list: 'participating' });
    expect(archive[0]).toHaveProperty('fetched_at');
    expect(archive[0]).toHaveProperty('file_name');
    expect((archive[0].headers as Record<string, string>)['content-type']).toMatch(/spreadsheetml/);
    expect(archive[0].sha256).toBe('a'.repeat(64));
  });

  it('give the camelCase document of before with ?columns=legacy, for one release, and refuse another columns', async () => {
    for (const [name, loader, url, params] of await documents()) {
      const legacy = await fetchJson(loader, `${url}${url.includes('?') ? '&' : '?'}columns=legacy`, params);
      const current = await fetchJson(loader, url, params);
      // The same content, under the old names and with the old decimal strings.
      expect(snakeDocument(legacy.data), name).toEqual(current.data);
      expect(legacy.meta, name).not.toHaveProperty('suppression_threshold');
      expect(legacy.meta.suppressionThreshold, name).toBe(current.meta.suppressionThreshold);
    }
    const legacyCounty = (await fetchJson(county.loader, '/api/v1/places/nc/gaston-county?columns=legacy', { state: 'nc', county: 'gaston-county' })).data as {
      totals: { values: Record<string, Record<string, unknown>> };
    };
    expect(legacyCounty.totals.values.gross_cost).toHaveProperty('perResident');
    expect(legacyCounty.totals.values.gross_cost).toHaveProperty('agenciesReporting');
    expect(typeof legacyCounty.totals.values.gross_cost.value).toBe('string');
    const legacyState = (await fetchJson(state.loader, '/api/v1/places/nc?columns=legacy', { state: 'nc' })).data as Record<string, unknown>;
    expect(legacyState).toHaveProperty('latestFilings');
    expect(legacyState).toHaveProperty('asOf');
    const legacyArchive = (await fetchJson(iceLists.loader, '/api/v1/ice-lists?columns=legacy', {})).data as Record<string, unknown>[];
    expect(legacyArchive[0]).toMatchObject({ httpStatus: 200, fileName: expect.any(String) });

    const refused = (await (agency.loader as Loader)({ request: get('/api/v1/agencies/nc-gaston-county-sheriffs-office?columns=camel'), params: { slug: 'nc-gaston-county-sheriffs-office' }, context: TEST_CONTEXT })) as Response;
    expect(refused.status).toBe(400);
  });
});
