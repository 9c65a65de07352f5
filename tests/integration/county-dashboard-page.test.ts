/**
 * The county dashboard (/places/nc/gaston-county), the county comparison (/compare) and their
 * downloads against the demo database, with a town police department added to Gaston County so
 * the county has two agencies and periods only one of them reported. Expected sums are worked out
 * here from each agency's own dashboard (agencyDashboard), never from the county's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyDashboard } from '~/dashboards/agency-dashboard.server';
import type { AgencyDashboard } from '~/dashboards/dashboard-types';
import { countyDashboard } from '~/dashboards/county-dashboard.server';
import { disconnectPrisma } from '~/db/prisma.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { toHundredths } from '~/reporting/metrics';
import { createPolicy } from '~/reporting/policies.server';
import * as compareApi from '~/routes/api.v1.compare._index';
import * as compareCsv from '~/routes/api.v1.compare[.csv]';
import * as countyApi from '~/routes/api.v1.places.$state.$county._index';
import * as complianceCsv from '~/routes/api.v1.places.$state.$county.compliance[.csv]';
import * as figuresCsv from '~/routes/api.v1.places.$state.$county.figures[.csv]';
import * as compareRoute from '~/routes/compare';
import * as placeRoute from '~/routes/places.$state.$slug';
import { prepareDatabase } from '../../scripts/db/prepare';
import { TEST_CONTEXT } from '../support/requests';
import { testRequestHandler } from '../support/page-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The part of the app these pages need, assembled as the Remix compiler would (see i18n.test.ts). */
const handle = testRequestHandler({
  'routes/places.$state.$slug': { path: 'places/:state/:slug', module: placeRoute },
  'routes/compare': { path: 'compare', module: compareRoute },
});
const page = async (path: string, headers: Record<string, string> = {}) => {
  const response = await handle(new Request(`http://portal.test${path}`, { headers }), TEST_CONTEXT);
  return { status: response.status, html: await response.text() };
};
const SPANISH_BROWSER = { 'accept-language': 'es-MX,es;q=0.9' };

type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => Promise<Response>;
const call = (loader: unknown, url: string, params: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  (loader as Loader)({ request: new Request(`http://portal.test${url}`, { headers }), params, context: TEST_CONTEXT });
const GASTON_PARAMS = { state: 'nc', county: 'gaston-county' };

const SHERIFF = 'nc-gaston-county-sheriffs-office';
const POLICE = 'nc-testville-police-department';

let db: TestDatabase;
const savedDemoFilings = process.env.PORTAL_DEMO_FILINGS;
let policeFilings: Record<string, number> = {};
let clerkId = 0;

async function file(requirementId: number, periodKey: string, values: Record<string, string>, now: string, userId: number, amendmentReason?: string) {
  const filing = await openFiling(db.prisma, { requirementId, periodKey });
  await saveDraft(db.prisma, { filingId: filing.id, values, explanations: {}, nothingToReport: false, userId });
  await submitFiling(db.prisma, { filingId: filing.id, userId, certifiedName: 'Pat Chief', certifiedTitle: 'Chief', channel: 'WEB', amendmentReason, now: new Date(now) });
  return filing.id;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.PORTAL_DEMO_FILINGS = '1';
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  // These pages are tested for a county whose population the portal does not know (an operator
  // can clear it); the seed gives every county its 2020 Census count (towns.test.ts checks that).
  await db.prisma.jurisdiction.updateMany({ where: { kind: 'COUNTY' }, data: { population: null } });

  // A town police department in Gaston County with a task-force agreement and its own policy:
  // it reports 2024 Q4 (amended later) and 2025 Q3, and nothing after.
  const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
  const town = await db.prisma.jurisdiction.create({
    data: { kind: 'MUNICIPALITY', name: 'Testville', searchName: 'testville', slug: 'testville', stateCode: 'NC', parentId: county.id },
  });
  const police = await db.prisma.agency.create({
    data: { slug: POLICE, matchKey: 'nc|testville police department', name: 'Testville Police Department', kind: 'POLICE', stateCode: 'NC', jurisdictionId: town.id },
  });
  await db.prisma.agreement.create({
    data: { publicId: `${POLICE}-tfm`, matchKey: 'nc|testville police department|tfm', agencyId: police.id, model: 'TFM', status: 'ACTIVE', signedOn: new Date('2024-06-01'), firstListedOn: new Date('2025-05-16') },
  });
  const policy = await createPolicy(db.prisma, {
    jurisdictionId: town.id,
    kind: 'MUNICIPAL_REPORTING',
    title: 'Police 287(g) reporting',
    statute: 'G.S. 160A-281',
    adoptedOn: '2024-09-02',
    oathText: 'I certify that this report is true.',
    requirements: [
      { agencyId: police.id, title: 'Quarterly report', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, effectiveFrom: '2024-10-01', metricKeys: ['gross_cost', 'task_force_stops', 'task_force_arrests', 'transfers_to_ice'] },
    ],
  });
  const clerk = await db.prisma.user.create({ data: { email: 'clerk@testville.example', name: 'Town Clerk' } });
  clerkId = clerk.id;
  const requirementId = policy.requirements[0].id;
  const q4 = await file(requirementId, '2024-Q4', { gross_cost: '23700.00', task_force_stops: '12', task_force_arrests: '4', transfers_to_ice: '4' }, '2025-01-20T15:00:00Z', clerk.id);
  await file(requirementId, '2024-Q4', { gross_cost: '23900.00', task_force_stops: '12', task_force_arrests: '4', transfers_to_ice: '4' }, '2025-02-03T15:00:00Z', clerk.id, 'Added overtime posted after the report was filed.');
  const q3 = await file(requirementId, '2025-Q3', { gross_cost: '1000.01', task_force_stops: '9', task_force_arrests: '2', transfers_to_ice: '2' }, '2025-10-20T15:00:00Z', clerk.id);
  policeFilings = { '2024-Q4': q4, '2025-Q3': q3 };
});

afterAll(async () => {
  if (savedDemoFilings === undefined) delete process.env.PORTAL_DEMO_FILINGS;
  else process.env.PORTAL_DEMO_FILINGS = savedDemoFilings;
  await disconnectPrisma();
  await db.drop();
});

interface CountyJson {
  county: { name: string; slug: string; population: number | null };
  agencies: { slug: string; reports: boolean; compliance: { counts: Record<string, number> }; url: string }[];
  metrics: { key: string }[];
  periods: {
    key: string;
    start: string;
    end: string;
    coverage: { expected: number; reported: number; missing: string[] };
    reports: { agency: { slug: string }; filing_id: number; amended: boolean; url: string }[];
    values: Record<string, { value: number | null; agencies_reporting: number; complete: boolean; per_resident: number | null }>;
  }[];
  totals: { values: Record<string, { value: number | null; periods_reported: number }> };
}

async function countyJson(): Promise<{ data: CountyJson; meta: Record<string, unknown> }> {
  const response = await call(countyApi.loader, '/api/v1/places/nc/gaston-county', GASTON_PARAMS);
  expect(response.status).toBe(200);
  return response.json();
}

const sum = (values: string[]) => values.reduce((total, value) => total + toHundredths(value), 0n);

describe('the county dashboard', () => {
  it('adds up, period by period, exactly what its agencies’ own dashboards show, and says who reported', async () => {
    const { data, meta } = await countyJson();
    expect(data.agencies.map((agency) => agency.slug)).toEqual([SHERIFF, POLICE]);
    const agencies: AgencyDashboard[] = await Promise.all([SHERIFF, POLICE].map(async (slug) => (await agencyDashboard(db.prisma, slug))!));

    let partial = 0;
    let compared = 0;
    for (const period of data.periods) {
      const own = agencies.map((agency) => ({ agency, period: agency.periods.find((candidate) => candidate.start === period.start && candidate.end === period.end) }));
      const reported = own.filter((entry) => entry.period?.report);
      const expected = own.filter((entry) => entry.period && (entry.period.status !== null || entry.period.report));
      expect(period.coverage, period.key).toMatchObject({ expected: expected.length, reported: reported.length });
      expect(period.coverage.missing).toEqual(expected.filter((entry) => !entry.period?.report).map((entry) => entry.agency.agency.slug));
      expect(period.reports.map((report) => [report.agency.slug, report.filing_id, report.amended])).toEqual(
        reported.map((entry) => [entry.agency.agency.slug, entry.period!.report!.filingId, entry.period!.report!.amended]).sort(),
      );
      if (period.coverage.reported < period.coverage.expected) partial += 1;
      for (const metric of data.metrics) {
        const given = own.map((entry) => entry.period?.values[metric.key] ?? null).filter((value): value is string => value !== null);
        const figure = period.values[metric.key];
        expect(figure.agencies_reporting, `${period.key} ${metric.key}`).toBe(given.length);
        if (given.length === 0) expect(figure.value, `${period.key} ${metric.key}`).toBeNull();
        else expect(toHundredths(figure.value!.toFixed(2)), `${period.key} ${metric.key}`).toBe(sum(given));
        expect(figure.complete).toBe(given.length > 0 && given.length >= period.coverage.expected);
        compared += 1;
      }
    }
    expect(compared).toBeGreaterThan(50);

    // The police department reported 2024 Q4 (alone expected then), both reported 2025 Q3, and it
    // has been missing since: partial periods, never shown as complete totals.
    const period = (key: string) => data.periods.find((candidate) => candidate.key === key)!;
    expect(period('2024-Q4').coverage).toMatchObject({ expected: 1, reported: 1 });
    expect(period('2024-Q4').values.gross_cost).toMatchObject({ value: 23900, complete: true });
    expect(period('2025-Q4').coverage).toMatchObject({ expected: 2, missing: [POLICE] });
    expect(partial).toBeGreaterThanOrEqual(3);

    // The amended report is linked to its revision history.
    expect(period('2024-Q4').reports).toEqual([
      { agency: { slug: POLICE, name: 'Testville Police Department' }, filing_id: policeFilings['2024-Q4'], revision_number: 2, amended: true, nothing_to_report: false, url: `http://portal.test/agencies/${POLICE}/reports/${policeFilings['2024-Q4']}` },
    ]);

    // Totals over all periods: the same as the county dashboard's, and no population invented.
    const dashboard = (await countyDashboard(db.prisma, 'gaston-county'))!;
    expect(data.totals.values.gross_cost).toMatchObject({ value: Number(dashboard.totals.values.gross_cost.value), periods_reported: dashboard.totals.values.gross_cost.periodsReported });
    expect(data.county.population).toBeNull();
    expect(period('2025-Q3').values.gross_cost.per_resident).toBeNull();
    expect(meta).toMatchObject({ demo: true, county: 'Gaston County', links: { feed: 'http://portal.test/feeds/nc/gaston-county.atom' } });
  });

  it('renders the sums with their coverage, the amended report, the compliance table and the downloads', async () => {
    const { status, html } = await page('/places/nc/gaston-county');
    expect(status).toBe(200);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    // The registry parts are still there.
    expect(html).toContain('<h2 id="agencies">Law-enforcement agencies</h2>');
    expect(html).toContain('Testville Police Department');

    expect(html).toContain('<h2 id="county-costs-heading">Costs over time</h2>');
    expect(html).toContain('<h2 id="county-activity-heading">Activity over time</h2>');
    expect(html).toContain('data-chart="county-costs"');
    expect(html).toContain('1 of 2 agencies reported.');
    expect(html).toContain('partial: 1 of 2 agencies');
    expect(html).toContain('Sums of the agencies’ reports for 8 periods, from October–December 2024 to July–September 2026.');
    expect(html).toContain('left out of the chart');
    expect(html).toContain('Population not known: the portal has no population figure for Gaston County');
    expect(html).toContain(`href="/agencies/${POLICE}/reports/${policeFilings['2024-Q4']}"`);
    expect(html).toContain('aria-label="Amended report of Testville Police Department for October–December 2024: see its revisions"');

    // Compliance: one row per agency, linked to its page.
    expect(html).toContain('<caption id="county-compliance-caption">Reporting record of the agencies in Gaston County</caption>');
    expect(html).toMatch(new RegExp(`<th scope="row"><a[^>]*href="/agencies/${SHERIFF}"`));
    expect(html).toMatch(new RegExp(`<th scope="row"><a[^>]*href="/agencies/${POLICE}"`));
    expect(html).toContain('role="region" aria-labelledby="county-compliance-caption"');

    // Downloads, the feed (declared for feed readers too) and the comparison.
    expect(html).toContain('href="/api/v1/places/nc/gaston-county/figures.csv"');
    expect(html).toContain('href="/api/v1/places/nc/gaston-county/compliance.csv"');
    expect(html).toContain('href="/api/v1/places/nc/gaston-county"');
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml" href="\/feeds\/nc\/gaston-county\.atom" title="[^"]+"\/>/);
    expect(html).toContain('href="/compare?metric=gross_cost"');
    expect(html).toContain('Compare counties on this figure<span class="visually-hidden"> (Gross cost)</span>');
  });

  it('says so in a sentence, with no chart, for a county without agreements, and leaves town pages as they were', async () => {
    const wake = await page('/places/nc/wake-county');
    expect(wake.status).toBe(200);
    expect(wake.html).toContain('No agency based in Wake County or its towns appears in ICE’s 287(g) lists');
    expect(wake.html).not.toContain('<canvas');
    expect(wake.html).not.toContain('Costs over time');

    // An agency in ICE's lists that no policy asks for reports yet: a sentence, no chart, no empty table.
    const durham = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { stateCode_slug: { stateCode: 'NC', slug: 'durham-county' } } });
    await db.prisma.agency.create({
      data: { slug: 'nc-durham-county-test-jail', matchKey: 'nc|durham county test jail', name: 'Durham County Test Jail', kind: 'JAIL', stateCode: 'NC', jurisdictionId: durham.id },
    });
    const unreported = await page('/places/nc/durham-county');
    expect(unreported.html).toContain('No county or town policy asks the agencies in Durham County to report their 287(g) figures yet');
    expect(unreported.html).not.toContain('<canvas');
    expect(unreported.html).not.toContain('<table');

    const town = await page('/places/nc/testville');
    expect(town.status).toBe(200);
    expect(town.html).not.toContain('county-reports-heading');
    expect(town.html).not.toContain('application/atom+xml');
  });

  it('renders in Spanish for a Spanish browser', async () => {
    const { status, html } = await page('/places/nc/gaston-county', SPANISH_BROWSER);
    expect(status).toBe(200);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h2 id="county-costs-heading">Costos a lo largo del tiempo</h2>');
    expect(html).toContain('Informaron 1 de 2 agencias.');
    expect(html).toContain('parcial: 1 de 2 agencias');
    expect(html).toContain('Población desconocida');
    expect(html).toContain('Comparar condados en esta cifra');
    expect(html).toContain('octubre–diciembre de 2024');
    // The CSV links ask for Spanish headers.
    expect(html).toContain('href="/api/v1/places/nc/gaston-county/figures.csv?lang=es"');
    expect(html).not.toContain('Costs over time');
  });
});

describe('the county downloads', () => {
  it('give the figures and the reporting record as CSV, machine headers by default and Spanish ones with lang=es', async () => {
    const english = await call(figuresCsv.loader, '/api/v1/places/nc/gaston-county/figures.csv', GASTON_PARAMS);
    expect(english.status).toBe(200);
    expect(english.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(english.headers.get('content-disposition')).toBe('attachment; filename="287g-gaston-county-figures-demonstration.csv"');
    const lines = (await english.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(
      'demonstration_data,county,county_fips,period,period_start,period_end,metric,unit,value,status,reports_with_figure,reports_expected,reports_counted,complete,per_resident,per_100k_residents,amended_reports',
    );
    expect(lines).toContain(`yes,Gaston County,37071,2024-Q4,2024-10-01,2024-12-31,gross_cost,USD,23900.00,reported,1,1,1,yes,,,http://portal.test/agencies/${POLICE}/reports/${policeFilings['2024-Q4']}`);
    // Not reported is an empty value, never 0.
    expect(lines.some((line) => /,2025-Q4,.*,task_force_stops,COUNT,,not_reported,0,2,1,no,/.test(line))).toBe(true);

    const spanish = await call(figuresCsv.loader, '/api/v1/places/nc/gaston-county/figures.csv?lang=es', GASTON_PARAMS);
    const spanishLines = (await spanish.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(spanishLines[0]).toMatch(/^demonstration_data,Condado,Código FIPS del condado,Período,/);
    expect(spanishLines.slice(1)).toEqual(lines.slice(1));

    const compliance = await call(complianceCsv.loader, '/api/v1/places/nc/gaston-county/compliance.csv', GASTON_PARAMS);
    const rows = (await compliance.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(rows[0]).toBe('demonstration_data,county,agency,agency_name,place,reporting_policy,periods_expected,on_time,late,returned,overdue,due,not_yet_due,on_time_percent,agency_url');
    const { data } = await countyJson();
    const police = data.agencies.find((agency) => agency.slug === POLICE)!;
    expect(rows).toContainEqual(expect.stringMatching(new RegExp(`^yes,Gaston County,${POLICE},Testville Police Department,Testville,yes,\\d+,${police.compliance.counts.on_time},`)));
  });

  it('answer 404 in JSON for an unknown state or county, or a town', async () => {
    for (const params of [
      { state: 'nc', county: 'nowhere-county' },
      { state: 'zz', county: 'gaston-county' },
      { state: 'nc', county: 'testville' },
    ]) {
      const response = await call(countyApi.loader, `/api/v1/places/${params.state}/${params.county}`, params);
      expect(response.status).toBe(404);
      expect((await response.json()).error.message).toBe(`No county "${params.county}" in state "${params.state}".`);
      expect((await call(figuresCsv.loader, `/api/v1/places/${params.state}/${params.county}/figures.csv`, params)).status).toBe(404);
    }
  });
});

interface CompareJson {
  metric: { key: string };
  counties: { slug: string; name: string; value: number | null; status: string; periods_reported: number; agencies_required: number; per_resident: number | null }[];
}

describe('comparing counties', () => {
  it('lists every county with totals that match each county’s dashboard, not reported (not 0) where nothing was', async () => {
    const response = await call(compareApi.loader, '/api/v1/compare?metric=gross_cost');
    expect(response.status).toBe(200);
    const { data, meta } = (await response.json()) as { data: CompareJson; meta: Record<string, unknown> };
    expect(data.metric.key).toBe('gross_cost');
    expect(data.counties).toHaveLength(100);
    const reported = data.counties.filter((county) => county.value !== null);
    expect(reported.length).toBeGreaterThanOrEqual(10);
    for (const county of reported) {
      const dashboard = (await countyDashboard(db.prisma, county.slug))!;
      // A JSON number (issue #13), the dashboard's decimal text.
      expect(county.value, county.slug).toBe(Number(dashboard.totals.values.gross_cost.value));
      expect(county.periods_reported).toBe(dashboard.totals.values.gross_cost.periodsReported);
      expect(county.status).toBe('reported');
    }
    // Highest first; counties without reports last: not reported where reports were due, no requirement where none were.
    const values = reported.map((county) => county.value!);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(data.counties.slice(reported.length).every((county) => county.value === null && county.status === (county.agencies_required > 0 ? 'not_reported' : 'no_requirement'))).toBe(true);
    expect(data.counties.find((county) => county.slug === 'wake-county')).toMatchObject({ value: null, status: 'no_requirement', per_resident: null });
    expect(meta).toMatchObject({ period: 'all periods reported', allowedMetrics: expect.arrayContaining(['gross_cost', 'net_local_cost', 'detainers_received']) });

    // Within a range, and in the CSV, by name.
    const ranged = (await (await call(compareApi.loader, '/api/v1/compare?metric=gross_cost&from=2025-07-01&to=2025-09-30')).json()) as { data: CompareJson };
    const gastonQ3 = (await countyJson()).data.periods.find((period) => period.key === '2025-Q3')!;
    expect(ranged.data.counties.find((county) => county.slug === 'gaston-county')!.value).toBe(Number(gastonQ3.values.gross_cost.value));
    const csv = await call(compareCsv.loader, '/api/v1/compare.csv?metric=gross_cost&sort=name');
    const lines = (await csv.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe(
      'demonstration_data,county,county_fips,metric,unit,from,to,value,status,reports_counted,agencies_reporting,agencies_required,population,per_resident,per_100k_residents,county_url',
    );
    expect(lines).toHaveLength(101);
    expect(lines[1]).toMatch(/^yes,Alamance County,37001,gross_cost,USD,,,/);
    expect(lines.find((line) => line.includes(',Wake County,'))).toBe('yes,Wake County,37183,gross_cost,USD,,,,no_requirement,0,0,0,,,,http://portal.test/places/nc/wake-county');
    expect(lines.find((line) => line.includes(',Gaston County,'))).toContain(`,${(await countyDashboard(db.prisma, 'gaston-county'))!.totals.values.gross_cost.value},reported,`);
  });

  it('refuses a metric that cannot be compared with a 400 naming the allowed ones', async () => {
    for (const loader of [compareApi.loader, compareCsv.loader]) {
      const response = await call(loader, '/api/v1/compare?metric=staff_fte');
      expect(response.status).toBe(400);
      const body = await response.json();
      const message: string = body.error.message;
      expect(message).toMatch(/^metric "staff_fte" cannot be compared across counties\. Allowed metrics: [a-z_, ]+\.$/);
      const allowed = message.replace(/^.*Allowed metrics: /, '').replace(/\.$/, '').split(', ');
      expect(allowed).toEqual(expect.arrayContaining(['gross_cost', 'federal_reimbursement', 'igsa_revenue', 'net_local_cost', 'detainers_received', 'transfers_to_ice']));
      // Not levels (a sum over periods means nothing), nor breakdowns of people (they would need suppression).
      expect(allowed.filter((key) => ['staff_fte', 'officers_certified'].includes(key) || key.startsWith('transferred_by_'))).toEqual([]);
    }
    const dates = await call(compareApi.loader, '/api/v1/compare?metric=gross_cost&from=2025-12-31&to=2025-01-01');
    expect(dates.status).toBe(400);
    expect((await dates.json()).error.message).toBe('from (2025-12-31) is after to (2025-01-01).');

    const refused = await page('/compare?metric=transferred_by_sex.female', SPANISH_BROWSER);
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('Esa cifra no se puede comparar entre condados.');
    expect(refused.html).not.toContain('/build/charts/'); // no chart, so no chart script
  });

  it('renders a form that works without JavaScript, the chart and the table', async () => {
    const { status, html } = await page('/compare?metric=gross_cost&sort=asc');
    expect(status).toBe(200);
    expect(html).toMatch(/<form method="get" action="\/compare"/);
    expect(html).toMatch(/<select id="compare-metric" name="metric">/);
    expect(html).toContain('<option value="gross_cost" selected="">Gross cost</option>');
    expect(html).toContain('<option value="asc" selected="">Lowest first</option>');
    expect(html).toContain('<button type="submit">Compare</button>');
    expect(html).toContain('data-chart="compare-chart"');
    expect(html).toMatch(/<script type="module" nonce="[^"]*" src="\/build\/charts\/series-[A-Z0-9]+\.js">/);
    expect(html).toContain('Source: reports certified by each county’s agencies');
    expect(html).toContain('all periods reported so far');
    expect(html).toContain('Population not known');
    expect(html).toMatch(/<th scope="row"><a[^>]*href="\/places\/nc\/gaston-county">Gaston County<\/a><\/th>/);
    expect(html).toContain('href="/api/v1/compare.csv?metric=gross_cost&amp;sort=asc"');
    expect(html).toContain('href="/api/v1/compare?metric=gross_cost&amp;sort=asc"');
    // Lowest first: the table follows the server's order.
    const { data } = (await (await call(compareApi.loader, '/api/v1/compare?metric=gross_cost&sort=asc')).json()) as { data: CompareJson };
    const order = [...html.matchAll(/href="\/places\/nc\/([a-z-]+)">[^<]+<\/a><\/th>/g)].map((match) => match[1]);
    expect(order.slice(0, 3)).toEqual(data.counties.slice(0, 3).map((county) => county.slug));

    const spanish = await page('/compare?metric=gross_cost', SPANISH_BROWSER);
    expect(spanish.html).toContain('<html lang="es">');
    expect(spanish.html).toContain('<h1>Comparar los condados de Carolina del Norte</h1>');
    expect(spanish.html).toContain('href="/api/v1/compare.csv?metric=gross_cost&amp;sort=desc&amp;lang=es"');
  });
});

describe('the comparison’s chart, summary and order', () => {
  type Loaded = Exclude<Awaited<ReturnType<typeof compareRoute.loader>>, { data: unknown }>;
  const loaded = async (path: string) => (await call(compareRoute.loader, path)) as unknown as Loaded;
  const chartSpec = (html: string) => {
    const text = /<script type="application\/json" id="compare-chart-spec">([^<]*)<\/script>/.exec(html)?.[1];
    expect(text).toBeDefined();
    return JSON.parse(text!) as { labels: string[]; datasets: { values: number[] }[] };
  };
  const summaryOf = (html: string) => /<p id="compare-chart-summary">([^<]*)<\/p>/.exec(html)?.[1] ?? '';

  it('labels every bar with its county and its number of reports, and ranks no totals built from different numbers of reports', async () => {
    const { comparison } = await loaded('/compare?metric=gross_cost');
    const reported = comparison!.counties.filter((county) => county.value !== null);
    const counts = new Set(reported.map((county) => county.periodsReported));
    expect(reported.length).toBeGreaterThan(11); // more bars than Chart.js labelled on its own
    expect(counts.size).toBeGreaterThan(1); // the demo's totals add up different numbers of reports

    const { html } = await page('/compare?metric=gross_cost');
    const spec = chartSpec(html);
    expect(spec.labels).toEqual(reported.map((county) => `${county.name} (reports: ${county.periodsReported})`));
    expect(spec.datasets[0].values).toEqual(reported.map((county) => Number(county.value)));
    const summary = summaryOf(html);
    expect(summary).toContain(`from ${Math.min(...counts)} to ${Math.max(...counts)}`);
    expect(summary).not.toMatch(/the highest is/);

    const spanish = summaryOf((await page('/compare?metric=gross_cost', SPANISH_BROWSER)).html);
    expect(spanish).toContain(`de ${Math.min(...counts)} a ${Math.max(...counts)}`);
    expect(spanish).not.toMatch(/el más alto es/);
  });

  it('offers no per-resident order while no county has a population, and answers a link asking for it highest first, saying why', async () => {
    const { html } = await page('/compare?metric=gross_cost');
    expect(html).toContain('<option value="desc" selected="">Highest first</option>');
    expect(html).not.toContain('value="per_resident"');

    const asked = await page('/compare?metric=gross_cost&sort=per_resident');
    expect(asked.status).toBe(200);
    expect(asked.html).not.toContain('value="per_resident"');
    expect(asked.html).toContain('<option value="desc" selected="">Highest first</option>');
    expect(asked.html).toContain('Counties cannot be ordered per resident without their populations');
    expect(asked.html).toContain('href="/api/v1/compare.csv?metric=gross_cost&amp;sort=desc"');
    const { comparison } = await loaded('/compare?metric=gross_cost&sort=per_resident');
    const values = comparison!.counties.filter((county) => county.value !== null).map((county) => Number(county.value));
    expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('offers the per-resident order once a county has a population', async () => {
    const gaston = await db.prisma.jurisdiction.update({ where: { fips: '37071' }, data: { population: 227_943 } });
    try {
      // Another metric than the tests above: its comparison is not in the page cache yet.
      const { html } = await page('/compare?metric=transfers_to_ice&sort=per_resident');
      expect(html).toContain('<option value="per_resident" selected="">Per resident, highest first</option>');
      expect(html).not.toContain('Counties cannot be ordered per resident');
    } finally {
      await db.prisma.jurisdiction.update({ where: { id: gaston.id }, data: { population: null } });
    }
  });
});

describe('caching', () => {
  it('answers 304 while nothing changed, and 200 with new figures once a new report lands', async () => {
    const first = await call(countyApi.loader, '/api/v1/places/nc/gaston-county', GASTON_PARAMS);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    expect((await call(countyApi.loader, '/api/v1/places/nc/gaston-county', GASTON_PARAMS, { 'if-none-match': etag })).status).toBe(304);
    const compareFirst = await call(compareApi.loader, '/api/v1/compare?metric=gross_cost');
    const compareEtag = compareFirst.headers.get('etag')!;
    expect((await call(compareApi.loader, '/api/v1/compare?metric=gross_cost', {}, { 'if-none-match': compareEtag })).status).toBe(304);

    // The sheriff's office files its 2025 Q1 report (left open by the demo seed), late.
    const sheriff = await db.prisma.agency.findUniqueOrThrow({ where: { slug: SHERIFF }, include: { requirements: true } });
    const filing = await openFiling(db.prisma, { requirementId: sheriff.requirements[0].id, periodKey: '2025-Q1' });
    await saveDraft(db.prisma, {
      filingId: filing.id,
      values: { gross_cost: '12500.50', federal_reimbursement: '0', igsa_revenue: '0', detainers_received: '14', detainers_honored: '9', detainers_declined: '3', transfers_to_ice: '8', people_encountered: '40', complaints_filed: '1', complaints_sustained: '0' },
      explanations: {},
      nothingToReport: false,
      userId: clerkId,
    });
    await submitFiling(db.prisma, { filingId: filing.id, userId: clerkId, certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' });

    const after = await call(countyApi.loader, '/api/v1/places/nc/gaston-county', GASTON_PARAMS, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const { data } = (await after.json()) as { data: CountyJson };
    expect(data.periods.find((period) => period.key === '2025-Q1')!.values.gross_cost).toMatchObject({ value: 12500.5, agencies_reporting: 1 });
    expect((await call(compareApi.loader, '/api/v1/compare?metric=gross_cost', {}, { 'if-none-match': compareEtag })).status).toBe(200);
  });
});
