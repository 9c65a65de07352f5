/**
 * Metric catalogue version 2 against real PostgreSQL with ICE's real July 2025 list: Gaston
 * County Sheriff's Office reports quarterly under a requirement whose first version was made
 * with catalogue 1 (as every requirement before version 2 was) and whose amendment from
 * 2025-04-01 is made with catalogue 2 and asks for bookings screened by race and ethnicity.
 * A v2 report with 3 Asian bookings shows that cell "hidden", with a complementary cell, on the
 * public pages and in the downloads; the v1 report of the quarter before still renders and
 * totals as filed; and the v1 version never takes a v2 metric.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { FilingRefusedError, openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { METRIC_CATALOGUE_VERSION } from '~/reporting/metrics';
import { amendRequirement, createPolicy } from '~/reporting/policies.server';
import * as agencyRoute from '~/routes/agencies.$slug';
import * as reportRoute from '~/routes/agencies_.$slug.reports.$filingId';
import * as agencyJsonRoute from '~/routes/api.v1.agencies.$slug._index';
import * as breakdownsRoute from '~/routes/api.v1.agencies.$slug.breakdowns[.csv]';
import * as figuresRoute from '~/routes/api.v1.agencies.$slug.figures[.csv]';
import * as revisionsCsvRoute from '~/routes/api.v1.agencies.$slug.reports.$filingId.revisions[.csv]';
import * as metricsJsonRoute from '~/routes/api.v1.metrics';
import * as metricsCsvRoute from '~/routes/api.v1.metrics[.csv]';
import * as countyApi from '~/routes/api.v1.places.$state.$county._index';
import * as countyFiguresCsv from '~/routes/api.v1.places.$state.$county.figures[.csv]';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { testRequestHandler } from '../support/page-handler';
import { countyPolicy } from '../support/policies';
import { TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const GASTON = 'nc-gaston-county-sheriffs-office';
const V1_KEYS = ['detainers_received', 'detainers_honored', 'detainers_declined', 'transfers_to_ice', 'people_encountered', 'gross_cost'];
const RACE_CELLS = ['american_indian_alaska_native', 'asian', 'black', 'hispanic_latino', 'middle_eastern_north_african', 'native_hawaiian_pacific_islander', 'white', 'multiple', 'not_recorded'];
const V2_KEYS = [...V1_KEYS, 'bookings_screened', ...RACE_CELLS.map((cell) => `booked_by_race.${cell}`)];
const V1_VALUES = { detainers_received: '14', detainers_honored: '9', detainers_declined: '3', transfers_to_ice: '8', people_encountered: '40', gross_cost: '12500.50' };
/** 40 bookings screened: 3 Asian (a small count), 12 Black, 15 Hispanic or Latino, 10 White. */
const BOOKED = { asian: '3', black: '12', hispanic_latino: '15', white: '10' };
const V2_VALUES = {
  ...V1_VALUES,
  transfers_to_ice: '6',
  gross_cost: '9000.00',
  bookings_screened: '40',
  ...Object.fromEntries(RACE_CELLS.map((cell) => [`booked_by_race.${cell}`, BOOKED[cell as keyof typeof BOOKED] ?? '0'])),
};
const certify = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' as const };

const handle = testRequestHandler({
  'routes/agencies.$slug': { path: 'agencies/:slug', module: agencyRoute },
  'routes/agencies_.$slug.reports.$filingId': { path: 'agencies/:slug/reports/:filingId', module: reportRoute },
});
const page = async (url: string, headers: Record<string, string> = {}) => {
  const response = await handle(new Request(`http://portal.test${url}`, { headers }), TEST_CONTEXT);
  expect(response.status, url).toBe(200);
  return response.text();
};
type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => unknown;
const call = async (loader: unknown, url: string, params: Record<string, string> = {}) => {
  const response = (await (loader as Loader)({ request: new Request(`http://portal.test${url}`), params, context: TEST_CONTEXT })) as Response;
  expect(response.status, url).toBe(200);
  return response;
};
/** CSV rows as records by header (no quoted commas in these files' relevant cells). */
async function csvRecords(response: Response): Promise<Record<string, string>[]> {
  const [header, ...rows] = (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
  const parse = (line: string) => [...line.matchAll(/("(?:[^"]|"")*"|[^,]*)(?:,|$)/g)].map((m) => m[1].replace(/^"|"$/g, '').replace(/""/g, '"')).slice(0, header.split(',').length);
  const names = parse(header);
  return rows.map((row) => Object.fromEntries(parse(row).map((value, i) => [names[i], value])));
}
const HIDDEN = '<td class="number"><span class="suppressed">hidden</span></td>';
const hiddenRow = (label: string) => `<th scope="row">${label}</th>${HIDDEN}${HIDDEN}`;

let db: TestDatabase;
const savedUrl = process.env.DATABASE_URL;
let requirementId: number;
let v1FilingId: number;
let v2FilingId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  delete process.env.PUBLIC_SUPPRESSION_THRESHOLD;
  process.env.DATABASE_URL = db.url;

  const agency = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON } });
  const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
  const userId = (await db.prisma.user.create({ data: { email: 'filer@gaston.example', name: 'Test Filer' } })).id;
  const policy = await createPolicy(
    db.prisma,
    countyPolicy(county.id, [{ agencyId: agency.id, title: 'Quarterly 287(g) report', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: V1_KEYS, effectiveFrom: '2025-01-01' }]),
  );
  requirementId = policy.requirements[0].id;
  // Made before catalogue 2 existed: the row as the portal then stored it.
  await db.prisma.requirementVersion.updateMany({ where: { requirementId }, data: { catalogueVersion: 1 } });
  const amended = await amendRequirement(db.prisma, { requirementId, effectiveFrom: '2025-04-01', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: V2_KEYS });
  expect(amended.catalogueVersion).toBe(METRIC_CATALOGUE_VERSION);
  expect(METRIC_CATALOGUE_VERSION).toBe(2);

  const file = async (periodKey: string, values: Record<string, string>) => {
    const filing = await openFiling(db.prisma, { requirementId, periodKey, now: new Date('2025-11-20T17:00:00Z') });
    const saved = await saveDraft(db.prisma, { filingId: filing.id, values, explanations: {}, nothingToReport: false, userId });
    expect(saved.issues.filter((issue) => issue.blocking)).toEqual([]);
    await submitFiling(db.prisma, { filingId: filing.id, userId, ...certify });
    return filing.id;
  };
  v1FilingId = await file('2025-Q1', V1_VALUES);
  v2FilingId = await file('2025-Q2', V2_VALUES);
});

afterAll(async () => {
  await disconnectPrisma();
  if (savedUrl === undefined) delete process.env.DATABASE_URL;
  else process.env.DATABASE_URL = savedUrl;
  await db.drop();
});

describe('catalogue versions of a requirement', () => {
  it('files each quarter under the version (and catalogue) in force', async () => {
    const filings = await db.prisma.filing.findMany({ where: { requirementId }, include: { version: true, countedRevision: true }, orderBy: { periodStart: 'asc' } });
    expect(filings.map((f) => [f.periodKey, f.version.catalogueVersion, Object.keys(f.countedRevision!.values as object).length])).toEqual([
      ['2025-Q1', 1, V1_KEYS.length],
      ['2025-Q2', 2, V2_KEYS.length],
    ]);
  });

  it('refuses a v2-only key on a v1 filing, with the message the filer reads', async () => {
    const filing = await db.prisma.filing.findUniqueOrThrow({ where: { id: v1FilingId } });
    const userId = (await db.prisma.user.findFirstOrThrow()).id;
    const saved = await saveDraft(db.prisma, { filingId: filing.id, values: { ...V1_VALUES, 'booked_by_race.asian': '3' }, explanations: {}, nothingToReport: false, userId });
    expect(saved.issues.filter((issue) => issue.fields.includes('booked_by_race.asian')).map((issue) => issue.message.code)).toEqual(['metric_not_in_filing']);
    const error = await submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, amendmentReason: 'Adding the race breakdown.' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FilingRefusedError);
    // Nothing written: revision 1 is still the only one, and counted.
    expect(await db.prisma.filingRevision.count({ where: { filingId: filing.id } })).toBe(1);
  });

  it('holds a v2 report to the sum rule of its new breakdown', async () => {
    const filing = await db.prisma.filing.findUniqueOrThrow({ where: { id: v2FilingId } });
    const userId = (await db.prisma.user.findFirstOrThrow()).id;
    const saved = await saveDraft(db.prisma, { filingId: filing.id, values: { ...V2_VALUES, 'booked_by_race.asian': '4' }, explanations: {}, nothingToReport: false, userId });
    expect(saved.issues.filter((issue) => issue.rule === 'breakdown_sum:booked_by_race').map((issue) => [issue.message.code, issue.blocking])).toEqual([['rule_breakdown_sum', true]]);
  });
});

describe('a v2 race and ethnicity cell of 3 on public pages and in downloads', () => {
  it('is hidden on the agency page, with White (10) hidden as its complement, and Black shown', async () => {
    const html = await page(`/agencies/${GASTON}`);
    expect(html).toContain('Bookings screened by race and ethnicity');
    expect(html).toContain(hiddenRow('Booked: Asian'));
    expect(html).toContain(hiddenRow('Booked: White'));
    expect(html).toMatch(/<th scope="row">Booked: Black or African American<\/th><td class="number">12<\/td>/);
    expect(html).toMatch(/<th scope="row">Booked: Hispanic or Latino<\/th><td class="number">15<\/td>/);
    expect(html).toContain('Bookings screened: 40 in all, in 1 report that gave this breakdown.');

    const spanish = await page(`/agencies/${GASTON}`, { 'accept-language': 'es' });
    expect(spanish).toContain('Ingresos verificados según raza y etnia');
    expect(spanish).toMatch(/<th scope="row">Ingresados: Asiático<\/th><td class="number"><span class="suppressed">[^<]+<\/span><\/td>/);
  });

  it('is hidden on the v2 report’s page and in its revisions.csv', async () => {
    const html = await page(`/agencies/${GASTON}/reports/${v2FilingId}`);
    // One revision: one column, hidden for Asian (3) and for its complement White (10).
    expect(html).toContain(`<th scope="row">Booked: Asian</th>${HIDDEN}`);
    expect(html).toContain(`<th scope="row">Booked: White</th>${HIDDEN}`);
    expect(html).toMatch(/<th scope="row">Booked: Black or African American<\/th><td class="number">12<\/td>/);

    const rows = await csvRecords(await call(revisionsCsvRoute.loader, `/api/v1/agencies/${GASTON}/reports/${v2FilingId}/revisions.csv`, { slug: GASTON, filingId: String(v2FilingId) }));
    const cell = (key: string) => rows.find((row) => Object.values(row).includes(key));
    for (const key of ['booked_by_race.asian', 'booked_by_race.white']) expect(cell(key), key).toMatchObject({ value: '', status: 'suppressed' });
    expect(cell('booked_by_race.black')).toMatchObject({ value: '12' });
    expect(cell('bookings_screened')).toMatchObject({ value: '40' });
  });

  it('is suppressed in breakdowns.csv and the agency JSON, never its count', async () => {
    const rows = await csvRecords(await call(breakdownsRoute.loader, `/api/v1/agencies/${GASTON}/breakdowns.csv`, { slug: GASTON }));
    const booked = rows.filter((row) => row.group === 'booked_by_race');
    expect(booked.map((row) => [row.cell, row.value, row.status])).toEqual(
      RACE_CELLS.map((cell) => {
        const key = `booked_by_race.${cell}`;
        if (cell === 'asian' || cell === 'white') return [key, '', 'suppressed'];
        return [key, BOOKED[cell as keyof typeof BOOKED] ?? '0', 'reported'];
      }),
    );
    expect(booked.every((row) => row.group_total === '40' && row.suppression_threshold === '5')).toBe(true);

    const body = (await (await call(agencyJsonRoute.loader, `/api/v1/agencies/${GASTON}`, { slug: GASTON })).json()) as {
      data: { breakdowns: { groups: { id: string; cells: { key: string; value: string | null; suppressed: boolean }[] }[] } };
    };
    const group = body.data.breakdowns.groups.find((candidate) => candidate.id === 'booked_by_race')!;
    expect(group.cells.filter((c) => c.suppressed).map((c) => [c.key, c.value])).toEqual([
      ['booked_by_race.asian', null],
      ['booked_by_race.white', null],
    ]);
    expect(JSON.stringify(group)).not.toMatch(/"value":"(3|10)"/);
  });

  it('never reaches the county figures, which publish totals only', async () => {
    const countyJson = await (await call(countyApi.loader, '/api/v1/places/nc/gaston-county', { state: 'nc', county: 'gaston-county' })).text();
    expect(countyJson).not.toContain('booked_by_race');
    expect(countyJson).toContain('bookings_screened');
    const countyCsv = await (await call(countyFiguresCsv.loader, '/api/v1/places/nc/gaston-county/figures.csv', { state: 'nc', county: 'gaston-county' })).text();
    expect(countyCsv).not.toContain('booked_by_race');
  });
});

describe('the v1 report beside it', () => {
  it('still renders as filed, and its quarter totals as before', async () => {
    const html = await page(`/agencies/${GASTON}/reports/${v1FilingId}`);
    expect(html).toContain('$12,500.50');
    expect(html).not.toContain('Booked:');

    const rows = await csvRecords(await call(figuresRoute.loader, `/api/v1/agencies/${GASTON}/figures.csv`, { slug: GASTON }));
    const value = (period: string, metric: string) => rows.find((row) => row.period === period && row.metric === metric)?.value;
    expect(value('2025-Q1', 'transfers_to_ice')).toBe('8');
    expect(value('2025-Q1', 'gross_cost')).toBe('12500.50');
    expect(value('2025-Q1', 'net_local_cost')).toBe('12500.50');
    expect(value('2025-Q1', 'bookings_screened') ?? '').toBe('');
    expect(value('2025-Q2', 'transfers_to_ice')).toBe('6');
    expect(value('2025-Q2', 'bookings_screened')).toBe('40');

    const agency = await page(`/agencies/${GASTON}`);
    expect(agency).toContain('$21,500.50'); // gross cost over both quarters
  });
});

describe('the metrics API', () => {
  it('lists catalogue 2 with the version that added each metric, in JSON and CSV', async () => {
    const body = (await (await call(metricsJsonRoute.loader, '/api/v1/metrics')).json()) as { data: { key: string; catalogue_version: number; group: string | null }[]; meta: { source: string } };
    expect(body.meta.source).toContain('version 2');
    expect(body.data.find((entry) => entry.key === 'transfers_to_ice')).toMatchObject({ catalogue_version: 1 });
    expect(body.data.find((entry) => entry.key === 'booked_by_race.asian')).toMatchObject({ catalogue_version: 2, group: 'booked_by_race' });
    const csv = await csvRecords(await call(metricsCsvRoute.loader, '/api/v1/metrics.csv'));
    expect(csv.find((row) => row.key === 'ice_requests_by_outcome.pending')).toMatchObject({ catalogue_version: '2', breakdown_of: 'ice_requests' });
  });
});
