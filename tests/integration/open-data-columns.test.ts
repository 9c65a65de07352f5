/**
 * Every open-data download follows one naming rule and says what it is (issue #13): on a demo
 * database, every CSV route (the list csv-injection.test.ts keeps complete) and the national
 * figures.csv is fetched, and the tabular JSON downloads too; each column or key must be in the
 * data dictionary (open-data/columns.ts) for that file, snake_case, or one of the file's
 * documented deprecated aliases. Every CSV starts with the byte-order mark and, on
 * demonstration data, the demonstration_data column. Then the meanings the walk-through found
 * wrong: /compare JSON gives numbers, a county nobody asks for reports reads no_requirement, and
 * a returned report reads returned.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { columnDictionary, COLUMN_DESCRIPTIONS, openDataFile, OPEN_DATA_FILES, SNAKE_CASE, type OpenDataFile } from '~/open-data/columns';
import { closeExportPool, NATIONAL_FIGURES_PATH, sendNationalFigures } from '~/open-data/national-figures.server';
import * as agencyBreakdowns from '~/routes/api.v1.agencies.$slug.breakdowns[.csv]';
import * as agencyCompliance from '~/routes/api.v1.agencies.$slug.compliance[.csv]';
import * as agencyFigures from '~/routes/api.v1.agencies.$slug.figures[.csv]';
import * as reportRevisions from '~/routes/api.v1.agencies.$slug.reports.$filingId.revisions[.csv]';
import * as agreementsJson from '~/routes/api.v1.agreements';
import * as agreements from '~/routes/api.v1.agreements[.csv]';
import * as compareJson from '~/routes/api.v1.compare._index';
import * as compare from '~/routes/api.v1.compare[.csv]';
import * as metricsJson from '~/routes/api.v1.metrics';
import * as metrics from '~/routes/api.v1.metrics[.csv]';
import * as countyCompliance from '~/routes/api.v1.places.$state.$county.compliance[.csv]';
import * as countyFigures from '~/routes/api.v1.places.$state.$county.figures[.csv]';
import * as stateCounties from '~/routes/api.v1.places.$state.counties[.csv]';
import * as stateFilings from '~/routes/api.v1.places.$state.filings[.csv]';
import * as stateOverdue from '~/routes/api.v1.places.$state.overdue[.csv]';
import * as stateTimeline from '~/routes/api.v1.places.$state.timeline[.csv]';
import * as dataPage from '~/routes/data';
import * as reviewCompliance from '~/routes/review_.compliance[.csv]';
import { cookieFor, get, TEST_CONTEXT } from '../support/requests';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => unknown;

let db: TestDatabase;
let national: http.Server;
let nationalOrigin = '';

beforeAll(async () => {
  db = await createDemoDatabase();
  process.env.DATABASE_URL = db.url;
  national = http.createServer((req, res) => void sendNationalFigures(new URL(req.url ?? '/', nationalOrigin), req.method ?? 'GET', res));
  await new Promise<void>((resolve) => national.listen(0, '127.0.0.1', resolve));
  nationalOrigin = `http://127.0.0.1:${(national.address() as { port: number }).port}`;
}, 180_000);
afterAll(async () => {
  if (national) await new Promise((resolve) => national.close(resolve));
  await closeExportPool();
  await disconnectPrisma();
  await db?.drop();
});

async function call(loader: Loader, url: string, params: Record<string, string> = {}): Promise<Response> {
  const response = (await loader({
    request: get(url),
    params,
    context: TEST_CONTEXT,
  })) as Response;
  expect(response.status, url).toBe(200);
  return response;
}

const text = async (response: Response) => Buffer.from(await response.arrayBuffer()).toString('utf8');

async function someAgency(): Promise<{ slug: string; filingId: number }> {
  const filing = await db.prisma.filing.findFirstOrThrow({
    where: { revisions: { some: {} } },
    select: { id: true, agency: { select: { slug: true } } },
  });
  return { slug: filing.agency.slug, filingId: filing.id };
}

/**
 * Every CSV route file (csv-injection.test.ts fails when one is added and not listed there),
 * with the dictionary's file it must match and one address to fetch (the reviewers' compliance
 * file is not public, but is named by the same rule). The filer's template is
 * not open data: its columns are the metric keys of the dictionary's metric half, it is for
 * signed-in filers and goes back in as an upload (a demonstration_data column would be refused).
 */
const CSV_ROUTES: Record<string, { file: string; fetch: () => Promise<Response> } | 'not open data'> = {
  'api.v1.agreements[.csv].ts': {
    file: 'agreements',
    fetch: () => call(agreements.loader as Loader, '/api/v1/agreements.csv'),
  },
  'api.v1.places.$state.counties[.csv].ts': {
    file: 'counties',
    fetch: () =>
      call(stateCounties.loader as Loader, '/api/v1/places/nc/counties.csv', {
        state: 'nc',
      }),
  },
  'api.v1.places.$state.timeline[.csv].ts': {
    file: 'timeline',
    fetch: () =>
      call(stateTimeline.loader as Loader, '/api/v1/places/nc/timeline.csv', {
        state: 'nc',
      }),
  },
  'api.v1.places.$state.filings[.csv].ts': {
    file: 'filings',
    fetch: () =>
      call(stateFilings.loader as Loader, '/api/v1/places/nc/filings.csv', {
        state: 'nc',
      }),
  },
  'api.v1.places.$state.overdue[.csv].ts': {
    file: 'overdue',
    fetch: () => call(stateOverdue.loader as Loader, '/api/v1/places/nc/overdue.csv', { state: 'nc' }),
  },
  'api.v1.places.$state.$county.figures[.csv].ts': {
    file: 'county-figures',
    fetch: () => call(countyFigures.loader as Loader, '/api/v1/places/nc/gaston-county/figures.csv', { state: 'nc', county: 'gaston-county' }),
  },
  'api.v1.places.$state.$county.compliance[.csv].ts': {
    file: 'county-compliance',
    fetch: () => call(countyCompliance.loader as Loader, '/api/v1/places/nc/gaston-county/compliance.csv', { state: 'nc', county: 'gaston-county' }),
  },
  'api.v1.compare[.csv].ts': {
    file: 'compare',
    fetch: () => call(compare.loader as Loader, '/api/v1/compare.csv?metric=gross_cost'),
  },
  'api.v1.metrics[.csv].ts': {
    file: 'metrics',
    fetch: () => call(metrics.loader as Loader, '/api/v1/metrics.csv'),
  },
  'api.v1.agencies.$slug.figures[.csv].ts': {
    file: 'agency-figures',
    fetch: async () => {
      const { slug } = await someAgency();
      return call(agencyFigures.loader as Loader, `/api/v1/agencies/${slug}/figures.csv`, { slug });
    },
  },
  'api.v1.agencies.$slug.breakdowns[.csv].ts': {
    file: 'agency-breakdowns',
    fetch: async () => {
      const { slug } = await someAgency();
      return call(agencyBreakdowns.loader as Loader, `/api/v1/agencies/${slug}/breakdowns.csv`, { slug });
    },
  },
  'api.v1.agencies.$slug.compliance[.csv].ts': {
    file: 'agency-compliance',
    fetch: async () => {
      const { slug } = await someAgency();
      return call(agencyCompliance.loader as Loader, `/api/v1/agencies/${slug}/compliance.csv`, { slug });
    },
  },
  'api.v1.agencies.$slug.reports.$filingId.revisions[.csv].ts': {
    file: 'report-revisions',
    fetch: async () => {
      const { slug, filingId } = await someAgency();
      return call(reportRevisions.loader as Loader, `/api/v1/agencies/${slug}/reports/${filingId}/revisions.csv`, { slug, filingId: String(filingId) });
    },
  },
  'filings.template.$requirementId[.csv].ts': 'not open data',
  'review_.compliance[.csv].ts': {
    file: 'review-compliance',
    fetch: async () => {
      const reviewer = await db.prisma.user.findUniqueOrThrow({
        where: { email: 'reviewer.gaston@example.org' },
      });
      const response = (await reviewCompliance.loader({
        request: get('/review/compliance.csv', await cookieFor(db.prisma, reviewer.id)),
        params: {},
        context: TEST_CONTEXT,
      } as never)) as Response;
      expect(response.status).toBe(200);
      return response;
    },
  },
};

/** The national file is served by Express, not a route file. */
const nationalFile = (query = '') => fetch(`${nationalOrigin}${NATIONAL_FIGURES_PATH}${query}`);

const DOWNLOADS: [string, OpenDataFile, () => Promise<Response>][] = [
  ...Object.values(CSV_ROUTES).flatMap((route) =>
    route === 'not open data' ? [] : [[route.file, openDataFile(route.file), route.fetch] as [string, OpenDataFile, () => Promise<Response>]]
  ),
  ['national-figures', openDataFile('national-figures'), () => nationalFile()],
];

const headerOf = (body: string) => (parse(body, { bom: true, to_line: 1 }) as string[][])[0];

/** A name is allowed for a file when the dictionary describes it and the file lists it (or it is its documented alias). */
function check(names: readonly string[], file: OpenDataFile, where: string) {
  const aliases = new Set(Object.values(file.legacy ?? {}));
  for (const name of names) {
    if (aliases.has(name)) continue;
    expect(name, `${where}: "${name}" is not snake_case`).toMatch(SNAKE_CASE);
    expect(COLUMN_DESCRIPTIONS[name], `${where}: "${name}" is not in the data dictionary (open-data/columns.ts)`).toBeDefined();
    expect(name === 'demonstration_data' || file.columns.includes(name), `${where}: "${name}" is not listed for ${file.id}`).toBe(true);
  }
}

describe('open-data columns', () => {
  it('knows every CSV route: a new one must be described here and in the data dictionary', () => {
    const routes = fs.readdirSync(path.resolve('app/routes')).filter((name) => name.includes('.csv'));
    expect(routes.sort()).toEqual(Object.keys(CSV_ROUTES).sort());
  });

  it('describes every column it lists, in both languages, with snake_case names', () => {
    for (const file of OPEN_DATA_FILES) {
      for (const name of file.columns) {
        expect(name, file.id).toMatch(SNAKE_CASE);
        expect(COLUMN_DESCRIPTIONS[name]?.en, `${file.id}: ${name}`).toBeTruthy();
        expect(COLUMN_DESCRIPTIONS[name]?.es, `${file.id}: ${name}`).toBeTruthy();
      }
      for (const [name, old] of Object.entries(file.legacy ?? {})) {
        expect(file.columns, file.id).toContain(name);
        expect(old).not.toBe(name);
      }
    }
    const described = new Set(columnDictionary('en').map((entry) => entry.name));
    expect([...described].sort()).toEqual(Object.keys(COLUMN_DESCRIPTIONS).sort());
  });

  it('shows the columns on /data, with their files and deprecated names, in the reader’s language', async () => {
    const request = new Request('http://portal.test/data', {
      headers: { 'Accept-Language': 'es' },
    });
    const { columns } = (await dataPage.loader({
      request,
      params: {},
      context: TEST_CONTEXT,
    } as never)) as { columns: ReturnType<typeof columnDictionary> };
    expect(columns.map((column) => column.name).sort()).toEqual(Object.keys(COLUMN_DESCRIPTIONS).sort());
    expect(columns.find((column) => column.name === 'county_slug')).toMatchObject({
      description: COLUMN_DESCRIPTIONS.county_slug.es,
      files: ['/api/v1/places/<state>/counties.csv'],
      legacyNames: ['countySlug'],
    });
  });

  it.each(DOWNLOADS.map(([id, file, fetch]) => ({ id, file, fetch })))(
    '$id: the byte-order mark, the demonstration flag, and only dictionary columns in their order',
    async ({ file, fetch }) => {
      const body = await text(await fetch());
      expect(body.charCodeAt(0), file.path).toBe(0xfeff);
      const header = headerOf(body);
      expect(header[0], file.path).toBe('demonstration_data');
      check(header, file, file.path);
      expect(header.slice(1), file.path).toEqual([...file.columns]);
      const rows = parse(body, { bom: true }) as string[][];
      expect(rows.length, file.path).toBeGreaterThan(1);
      for (const row of rows.slice(1)) expect(row[0]).toBe('yes');
    }
  );

  it('gives the old camelCase header with ?columns=legacy for one release, only for the renamed columns', async () => {
    const cases: [string, Loader, string, Record<string, string>][] = [
      ['agreements', agreements.loader as Loader, '/api/v1/agreements.csv', {}],
      ['counties', stateCounties.loader as Loader, '/api/v1/places/nc/counties.csv', { state: 'nc' }],
      ['timeline', stateTimeline.loader as Loader, '/api/v1/places/nc/timeline.csv', { state: 'nc' }],
      ['filings', stateFilings.loader as Loader, '/api/v1/places/nc/filings.csv', { state: 'nc' }],
      ['metrics', metrics.loader as Loader, '/api/v1/metrics.csv', {}],
    ];
    for (const [id, loader, url, params] of cases) {
      const file = openDataFile(id);
      const header = headerOf(await text(await call(loader, `${url}?columns=legacy`, params)));
      expect(header, id).toEqual(['demonstration_data', ...file.columns.map((name) => file.legacy?.[name] ?? name)]);
      check(header, file, `${url}?columns=legacy`);
    }
    expect(headerOf(await text(await call(stateCounties.loader as Loader, '/api/v1/places/nc/counties.csv?columns=legacy', { state: 'nc' })))).toContain('countySlug');
    const refused = (await stateCounties.loader({
      request: get('/api/v1/places/nc/counties.csv?columns=camel'),
      params: { state: 'nc' },
      context: TEST_CONTEXT,
    } as never)) as Response;
    expect(refused.status).toBe(400);
  });

  it('gives the tabular JSON downloads snake_case keys from the dictionary, with the old keys beside them for one release', async () => {
    const agreementRows = (await (await call(agreementsJson.loader as Loader, '/api/v1/agreements')).json()) as { data: Record<string, unknown>[]; meta: { demo: boolean } };
    expect(agreementRows.meta.demo).toBe(true);
    const compareRows = ((await (await call(compareJson.loader as Loader, '/api/v1/compare?metric=gross_cost')).json()) as { data: { counties: Record<string, unknown>[] } }).data
      .counties;
    const metricRows = ((await (await call(metricsJson.loader as Loader, '/api/v1/metrics')).json()) as { data: Record<string, unknown>[] }).data;
    for (const [id, rows] of [
      ['agreements-json', agreementRows.data],
      ['compare-json', compareRows],
      ['metrics-json', metricRows],
    ] as const) {
      const file = openDataFile(id);
      expect(rows.length, id).toBeGreaterThan(0);
      for (const row of rows) {
        check(Object.keys(row), file, id);
        for (const name of file.columns) expect(row, `${id}: ${name}`).toHaveProperty(name);
        for (const [name, old] of Object.entries(file.legacy ?? {})) expect(row[old], `${id}: ${old}`).toEqual(row[name]);
      }
    }
    const gaston = agreementRows.data.find((row) => row.id === 'nc-gaston-county-sheriffs-office-jem')!;
    expect(gaston).toMatchObject({
      agency_type: 'SHERIFF',
      agencyType: 'SHERIFF',
      signed_on: '2020-06-09',
      signedOn: '2020-06-09',
      model: 'JEM',
    });
    expect(['LINKED', 'PENDING', 'NONE']).toContain(gaston.moa_link);
  });

  it('gives /compare figures as JSON numbers', async () => {
    for (const metric of ['gross_cost', 'people_encountered']) {
      const counties = ((await (await call(compareJson.loader as Loader, `/api/v1/compare?metric=${metric}`)).json()) as { data: { counties: Record<string, unknown>[] } }).data
        .counties;
      const reported = counties.filter((county) => county.value !== null);
      expect(reported.length, metric).toBeGreaterThan(0);
      for (const county of reported) {
        expect(typeof county.value, `${metric} ${String(county.slug)}`).toBe('number');
        if (county.per_resident !== null) expect(typeof county.per_resident).toBe('number');
      }
      const csv = parse(await text(await call(compare.loader as Loader, `/api/v1/compare.csv?metric=${metric}`)), { bom: true, columns: true }) as Record<string, string>[];
      for (const county of reported) expect(Number(csv.find((row) => row.county_url.endsWith(`/${String(county.slug)}`))!.value)).toBe(county.value);
    }
  });

  it('says no_requirement, not not_reported, for a county whose agencies no policy asks for reports', async () => {
    const counties = ((await (await call(compareJson.loader as Loader, '/api/v1/compare?metric=gross_cost')).json()) as { data: { counties: Record<string, unknown>[] } }).data
      .counties;
    const unasked = counties.filter((county) => county.agencies_required === 0);
    const asked = counties.filter((county) => Number(county.agencies_required) > 0 && county.value === null);
    expect(unasked.length).toBeGreaterThan(0);
    for (const county of unasked) expect(county).toMatchObject({ value: null, status: 'no_requirement' });
    for (const county of asked) expect(county.status).toBe('not_reported');
    const csv = parse(await text(await call(compare.loader as Loader, '/api/v1/compare.csv?metric=gross_cost')), { bom: true, columns: true }) as Record<string, string>[];
    for (const row of csv.filter((entry) => entry.agencies_required === '0')) expect(row.status).toBe('no_requirement');
    expect(csv.filter((entry) => entry.status === 'not_reported').every((entry) => entry.agencies_required !== '0')).toBe(true);
  });

  it('says returned, not not_reported, for a period whose report a reviewer returned (figures.csv)', async () => {
    // The demo seed leaves Nash County's 2025-Q4 report returned and not yet fixed.
    const slug = 'nc-nash-county-sheriffs-office';
    const rows = parse(await text(await call(agencyFigures.loader as Loader, `/api/v1/agencies/${slug}/figures.csv`, { slug })), { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const quarter = rows.filter((row) => row.period === '2025-Q4');
    expect(quarter.length).toBeGreaterThan(0);
    for (const row of quarter) expect(row).toMatchObject({ value: '', status: 'returned' });
    // Other periods keep their own statuses.
    expect(rows.some((row) => row.period !== '2025-Q4' && row.status === 'reported')).toBe(true);
    expect(rows.filter((row) => row.period !== '2025-Q4').every((row) => row.status !== 'returned')).toBe(true);
  });
});
