/**
 * The agency dashboard (/agencies/:slug), a report's revisions (/agencies/:slug/reports/:id)
 * and their downloads, on a demo database with the demonstration filings: loaders called
 * directly, and whole pages rendered by Remix's request handler (as tests/integration/i18n.test.ts).
 * Expected figures come from the filings' revisions in the database, not from the dashboards.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agencyDashboard } from '~/dashboards/agency-dashboard.server';
import type { AgencyDashboard } from '~/dashboards/dashboard-types';
import { disconnectPrisma } from '~/db/prisma.server';
import { formatFigure } from '~/components/figures';
import { BREAKDOWN_COLUMNS, COMPLIANCE_COLUMNS, FIGURE_COLUMNS } from '~/open-data/agency-downloads';
import { shownPeriods } from '~/open-data/agency-figures';
import { snakeDocument } from '~/open-data/json-keys';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { netLocalCost } from '~/reporting/metrics';
import * as agencyRoute from '~/routes/agencies.$slug';
import * as reportRoute from '~/routes/agencies_.$slug.reports.$filingId';
import * as jsonRoute from '~/routes/api.v1.agencies.$slug._index';
import * as breakdownsRoute from '~/routes/api.v1.agencies.$slug.breakdowns[.csv]';
import * as complianceRoute from '~/routes/api.v1.agencies.$slug.compliance[.csv]';
import * as figuresRoute from '~/routes/api.v1.agencies.$slug.figures[.csv]';
import * as reportJsonRoute from '~/routes/api.v1.agencies.$slug.reports.$filingId._index';
import * as revisionsCsvRoute from '~/routes/api.v1.agencies.$slug.reports.$filingId.revisions[.csv]';
import { prepareDatabase } from '../../scripts/db/prepare';
import { SMALL_CELL } from '../../seeds/demo-filings';
import { get, run, TEST_CONTEXT } from '../support/requests';
import { testRequestHandler } from '../support/page-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const GASTON = 'nc-gaston-county-sheriffs-office';
const CABARRUS = 'nc-cabarrus-county-sheriffs-office';
const YANCEY = SMALL_CELL.agencySlug;
const SPANISH_BROWSER = { 'accept-language': 'es-MX,es;q=0.9' };

const handle = testRequestHandler({
  'routes/agencies.$slug': { path: 'agencies/:slug', module: agencyRoute },
  'routes/agencies_.$slug.reports.$filingId': {
    path: 'agencies/:slug/reports/:filingId',
    module: reportRoute,
  },
});
const page = async (path: string, headers: Record<string, string> = {}) => {
  const response = await handle(new Request(`http://portal.test${path}`, { headers }), TEST_CONTEXT);
  return { status: response.status, html: await response.text() };
};

type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => unknown;
const download = (loader: Loader, path: string, params: Record<string, string>, headers: Record<string, string> = {}) =>
  loader({ request: new Request(`http://portal.test${path}`, { headers }), params, context: TEST_CONTEXT }) as Promise<Response>;
const csvLines = async (response: Response) => (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');

let db: TestDatabase;
const savedEnv = { demoFilings: process.env.PORTAL_DEMO_FILINGS, threshold: process.env.PUBLIC_SUPPRESSION_THRESHOLD, url: process.env.DATABASE_URL };

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.PORTAL_DEMO_FILINGS = '1';
  delete process.env.PUBLIC_SUPPRESSION_THRESHOLD;
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  const restore = (name: string, value: string | undefined) => (value === undefined ? delete process.env[name] : (process.env[name] = value));
  restore('PORTAL_DEMO_FILINGS', savedEnv.demoFilings);
  restore('PUBLIC_SUPPRESSION_THRESHOLD', savedEnv.threshold);
  await disconnectPrisma();
  restore('DATABASE_URL', savedEnv.url);
  await db.drop();
});

/** Each period's counted revision values, straight from the filings (net local cost derived as on submission). */
async function countedValues(slug: string): Promise<Map<string, { filingId: number; number: number; values: Record<string, string> }>> {
  const filings = await db.prisma.filing.findMany({ where: { agency: { slug }, countedRevisionId: { not: null } }, include: { countedRevision: true } });
  return new Map(
    filings.map((filing) => {
      const values = { ...(filing.countedRevision!.values as Record<string, string>) };
      const net = netLocalCost(values);
      if (net !== null) values.net_local_cost = net;
      return [filing.periodKey, { filingId: filing.id, number: filing.countedRevision!.number, values }];
    }),
  );
}

async function pageData(slug: string): Promise<{ agency: { name: string }; dashboard: AgencyDashboard }> {
  const outcome = await run(agencyRoute.loader as Loader, get(`/agencies/${slug}`), { slug });
  expect(outcome.status).toBe(200);
  return outcome.body as { agency: { name: string }; dashboard: AgencyDashboard };
}

/** Headings never skip a level going down, and there is one h1. */
function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((match) => Number(match[1]));
}

describe("Gaston County Sheriff's Office dashboard", () => {
  it('loads the registry and the dashboard, with the counted figures of each period and the overdue ones not reported', async () => {
    const { agency, dashboard } = await pageData(GASTON);
    expect(agency.name).toBe("Gaston County Sheriff's Office");
    expect(dashboard).toEqual(await agencyDashboard(db.prisma, GASTON));

    const counted = await countedValues(GASTON);
    expect(counted.size).toBeGreaterThanOrEqual(4);
    const [q1, q2] = dashboard.periods;
    expect([q1.key, q1.status, q1.report, q1.values.gross_cost]).toEqual(['2025-Q1', 'overdue', null, null]);
    expect([q2.key, q2.status, q2.report]).toEqual(['2025-Q2', 'overdue', null]);
    for (const period of dashboard.periods) {
      const expected = counted.get(period.key);
      expect(period.report?.revisionNumber ?? null, period.key).toBe(expected?.number ?? null);
      for (const key of ['gross_cost', 'net_local_cost', 'detainers_received', 'transfers_to_ice']) {
        expect(period.values[key], `${period.key} ${key}`).toBe(expected?.values[key] ?? null);
      }
    }
    expect(dashboard.sources).toMatchObject([{ policy: { statute: 'G.S. 153A-104', adoptedBy: 'Gaston County' }, requirement: { frequency: 'QUARTERLY' } }]);
  });

  it('renders the costs, activity and compliance without JavaScript: tables, summaries, sources, downloads', async () => {
    const { dashboard } = await pageData(GASTON);
    const { status, html } = await page(`/agencies/${GASTON}`);
    expect(status).toBe(200);

    const shown = shownPeriods(dashboard.periods);
    const reported = shown.filter((period) => period.report !== null).length;
    const gross = dashboard.costs.totals.find((total) => total.key === 'gross_cost')!.value!;
    const net = dashboard.costs.totals.find((total) => total.key === 'net_local_cost')!.value!;
    const text = html.replaceAll('&#x27;', "'").replaceAll('&amp;', '&');
    expect(text).toContain(
      `From January–March 2025 to ${shown.at(-1)!.label}, the agency reported a gross cost of ${formatFigure(gross, 'USD', 'en')} and a net local cost of ${formatFigure(net, 'USD', 'en')} over ${reported} reported periods. ${shown.length - reported} periods were not reported.`,
    );
    // Every reported gross cost is in the table, and the overdue quarters say "not reported", never 0.
    for (const period of shown.filter((entry) => entry.report)) expect(text).toContain(formatFigure(period.values.gross_cost!, 'USD', 'en'));
    expect(html).toMatch(/<th scope="row">January–March 2025<\/th><td class="number"><span class="not-reported">not reported<\/span>/);

    expect(html).toContain('<h2 id="costs-title">What 287(g) costs</h2>');
    expect(html).toContain('data-chart="agency-costs"');
    expect(html).toContain('data-chart="agency-activity"');
    expect(html).toContain('Source: reports certified by Gaston County');
    expect(text).toContain('Reported under the 287(g) reporting policy (G.S. 153A-104) adopted by Gaston County on January 6, 2025');
    expect(html).toContain('“Not reported” means no report counts for that period; it is not zero.');
    expect(html).toContain('Overdue: not filed');
    expect(html).toContain(`href="/api/v1/agencies/${GASTON}/figures.csv"`);
    // Gaston's reports give no breakdown: no empty breakdowns download either.
    expect(html).toContain('The agency’s reports give no breakdown of the people it transferred to ICE.');
    expect(html).not.toContain(`href="/api/v1/agencies/${GASTON}/breakdowns.csv"`);
    expect(html).toContain(`href="/api/v1/agencies/${GASTON}/compliance.csv"`);
    expect(html).toContain(`href="/api/v1/agencies/${GASTON}"`);
    // Each filed period links to its report.
    const filed = dashboard.compliance.periods.find((entry) => entry.filingId !== null)!;
    expect(html).toContain(`href="/agencies/${GASTON}/reports/${filed.filingId}"`);

    const levels = headingLevels(html);
    expect(levels.filter((level) => level === 1)).toHaveLength(1);
    levels.forEach((level, i) => i > 0 && expect(level - levels[i - 1], `heading ${i}`).toBeLessThanOrEqual(1));
    const regions = [...html.matchAll(/<div class="table-scroll"([^>]*)>/g)].map((match) => match[1]);
    expect(regions.length).toBeGreaterThanOrEqual(4);
    for (const attributes of regions) expect(attributes).toMatch(/tabindex="0" role="region" aria-labelledby="[^"]+"/);
  });

  it('marks a period counting an amended report, linking to its revisions', async () => {
    const { dashboard } = await pageData(CABARRUS);
    const amended = dashboard.periods.find((period) => period.key === '2025-Q2')!;
    expect(amended.report).toMatchObject({ revisionNumber: 2, amended: true });
    const { html } = await page(`/agencies/${CABARRUS}`);
    const marks = [...html.matchAll(/<a [^>]*class="amended-mark"[^>]*>amended<\/a>/g)].map((match) => match[0]);
    expect(marks.length).toBeGreaterThan(0);
    const mark = marks.find((candidate) => candidate.includes('aria-label="Amended: see the revisions of the report for April–June 2025"'))!;
    expect(mark).toContain(`href="/agencies/${CABARRUS}/reports/${amended.report!.filingId}"`);
    // Every amended period shown carries the mark, in each of its tables.
    const amendedShown = shownPeriods(dashboard.periods).filter((period) => period.report?.amended).length;
    expect(marks.length % amendedShown).toBe(0);
  });

  it('hides small breakdown cells and their complements, saying why, and never shows their counts or shares', async () => {
    const { dashboard } = await pageData(YANCEY);
    const charge = dashboard.breakdowns.groups.find((group) => group.id === 'transferred_by_charge')!;
    expect(charge.cells.find((cell) => cell.key === SMALL_CELL.key)).toMatchObject({ value: null, suppressed: true });
    const { html } = await page(`/agencies/${YANCEY}`);
    const hidden = '<td class="number"><span class="suppressed">hidden</span></td>';
    expect(html).toContain(`<th scope="row">Transferred: no criminal charge</th>${hidden}${hidden}`);
    expect(html).toContain('Counts of fewer than 5 people (other than zero) are shown as “hidden”');
    expect(html).toContain(`href="/api/v1/agencies/${YANCEY}/breakdowns.csv"`);
    // Shares only of shown cells, and the traffic-or-misdemeanor share only when it reveals nothing.
    for (const cell of charge.cells.filter((candidate) => !candidate.suppressed)) {
      expect(html).toContain(`<th scope="row">${cell.label}</th><td class="number">${cell.value}</td>`);
    }
    if (dashboard.breakdowns.lowLevelCharges.reason === 'suppressed') expect(html).toContain('is not shown: it would reveal a hidden count');
  });

  it('says so plainly for an agency with no reporting policy, with no chart and no empty table', async () => {
    const agency = await db.prisma.agency.findFirstOrThrow({ where: { requirements: { none: {} }, filings: { none: {} } }, orderBy: { slug: 'asc' } });
    const { status, html } = await page(`/agencies/${agency.slug}`);
    expect(status).toBe(200);
    expect(html).toContain('No county or town has set a reporting requirement for this agency on this portal');
    expect(html).not.toContain('<canvas');
    expect(html).not.toContain('What 287(g) costs');
    expect(html).not.toContain('Reporting on time');
  });

  it('renders in Spanish: language, headings, labels, periods and the Spanish CSV links', async () => {
    const { status, html } = await page(`/agencies/${GASTON}`, SPANISH_BROWSER);
    expect(status).toBe(200);
    expect(html).toContain('<html lang="es">');
    expect(html).toContain('<h2 id="costs-title">Lo que cuesta el 287(g)</h2>');
    expect(html).toContain('<h2 id="compliance-title">Informes a tiempo</h2>');
    expect(html).toContain('<h3 id="agency-costs-title">Costos por período</h3>');
    expect(html).toContain('<th scope="row">enero–marzo de 2025</th><td class="number"><span class="not-reported">no informado</span>');
    expect(html).toContain('Vencido: no presentado');
    expect(html).toContain(`href="/api/v1/agencies/${GASTON}/figures.csv?lang=es"`);
    expect(html).not.toContain('What 287(g) costs');
    expect(html).not.toContain('not reported<');
  });
});

describe('downloads', () => {
  it('gives in JSON the same numbers as the page', async () => {
    const { dashboard } = await pageData(GASTON);
    const response = await download(jsonRoute.loader as Loader, `/api/v1/agencies/${GASTON}`, { slug: GASTON });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    // The page's figures under the open data's names: snake_case keys, figures as numbers.
    const body = (await response.json()) as { data: Record<string, unknown>; meta: Record<string, unknown> };
    const expected = snakeDocument(JSON.parse(JSON.stringify(dashboard))) as Record<string, unknown>;
    for (const part of ['periods', 'costs', 'breakdowns', 'compliance']) expect(body.data[part], part).toEqual(expected[part]);
    const costs = body.data.costs as { periods_reported: number; totals: { key: string; value: number | null }[] };
    expect(costs.periods_reported).toBe(dashboard.costs.periodsReported);
    expect(costs.totals.find((total) => total.key === 'gross_cost')?.value).toBe(Number(dashboard.costs.totals.find((total) => total.key === 'gross_cost')?.value));
    expect(body.meta).toMatchObject({ demo: true, suppressionThreshold: 5, suppression_threshold: 5 });
    const legacy = (await (await download(jsonRoute.loader as Loader, `/api/v1/agencies/${GASTON}?columns=legacy`, { slug: GASTON })).json()) as { data: AgencyDashboard };
    expect(legacy.data.periods).toEqual(dashboard.periods);
    expect(legacy.data.compliance).toEqual(dashboard.compliance);
    expect(body.meta.period).toMatch(/^2025-Q3 to 20\d\d-Q\d$/);
  });

  it('has machine headers by default, Spanish ones with lang=es, and one figures row per period shown × metric', async () => {
    const { dashboard } = await pageData(GASTON);
    const figures = await csvLines(await download(figuresRoute.loader as Loader, `/api/v1/agencies/${GASTON}/figures.csv`, { slug: GASTON }));
    expect(figures[0]).toBe(['demonstration_data', ...FIGURE_COLUMNS].join(','));
    expect(figures).toHaveLength(1 + shownPeriods(dashboard.periods).length * dashboard.metrics.length);
    const q3 = dashboard.periods.find((period) => period.key === '2025-Q3')!;
    expect(figures).toContain(
      `yes,${GASTON},2025-Q3,2025-07-01,2025-09-30,July–September 2025,gross_cost,Gross cost,USD,${q3.values.gross_cost},reported,${q3.report!.revisionNumber},${q3.report!.amended ? 'yes' : 'no'},http://portal.test/agencies/${GASTON}/reports/${q3.report!.filingId}`,
    );
    expect(figures).toContain(`yes,${GASTON},2025-Q1,2025-01-01,2025-03-31,January–March 2025,gross_cost,Gross cost,USD,,not_reported,,,`);

    const spanish = await download(figuresRoute.loader as Loader, `/api/v1/agencies/${GASTON}/figures.csv?lang=es`, { slug: GASTON });
    expect(spanish.headers.get('content-disposition')).toBe(`attachment; filename="287g-${GASTON}-cifras-demonstration.csv"`);
    expect((await csvLines(spanish))[0]).toMatch(/^demonstration_data,Agencia,Período,Inicio del período,/);

    const compliance = await csvLines(await download(complianceRoute.loader as Loader, `/api/v1/agencies/${GASTON}/compliance.csv`, { slug: GASTON }));
    expect(compliance[0]).toBe(['demonstration_data', ...COMPLIANCE_COLUMNS].join(','));
    expect(compliance[1]).toContain(',2025-Q1,2025-01-01,2025-03-31,January–March 2025,2025-04-30,overdue,Overdue: not filed,no,,,');
    expect(compliance).toHaveLength(1 + dashboard.compliance.periods.length);

    const bad = await download(figuresRoute.loader as Loader, `/api/v1/agencies/${GASTON}/figures.csv?lang=fr`, { slug: GASTON });
    expect(bad.status).toBe(400);
  });

  it('gives a suppressed cell in breakdowns.csv as suppressed, not its value', async () => {
    // Independently: the hidden cell's true sum over the counted reports is 3.
    const counted = await countedValues(YANCEY);
    const trueSum = [...counted.values()].reduce((sum, entry) => sum + Number(entry.values[SMALL_CELL.key] ?? 0), 0);
    expect(trueSum).toBe(3);

    const lines = await csvLines(await download(breakdownsRoute.loader as Loader, `/api/v1/agencies/${YANCEY}/breakdowns.csv`, { slug: YANCEY }));
    expect(lines[0]).toBe(['demonstration_data', ...BREAKDOWN_COLUMNS].join(','));
    const header = lines[0].split(',');
    const rows = lines.slice(1).map((line) => Object.fromEntries(line.split(',').map((cell, i) => [header[i], cell])));
    const cell = rows.find((row) => row.cell === SMALL_CELL.key)!;
    expect(cell).toMatchObject({ value: '', status: 'suppressed', percent_of_group: '', suppression_threshold: '5' });
    // Its complement is hidden too, so the hidden cells cannot be worked out from the total.
    expect(rows.filter((row) => row.group === 'transferred_by_charge' && row.status === 'suppressed' && row.cell !== 'transferred_by_charge.traffic_or_misdemeanor').length).toBeGreaterThanOrEqual(2);
  });

  it('answers a JSON 404 for an unknown agency', async () => {
    for (const [loader, path] of [
      [jsonRoute.loader, '/api/v1/agencies/nc-nobody'],
      [figuresRoute.loader, '/api/v1/agencies/nc-nobody/figures.csv'],
      [breakdownsRoute.loader, '/api/v1/agencies/nc-nobody/breakdowns.csv'],
      [complianceRoute.loader, '/api/v1/agencies/nc-nobody/compliance.csv'],
    ] as [Loader, string][]) {
      const response = await download(loader, path, { slug: 'nc-nobody' });
      expect(response.status, path).toBe(404);
      expect(await response.json()).toEqual({ error: { status: 404, message: 'No agency with that address.' } });
    }
  });
});

describe("a report's revisions", () => {
  async function cabarrusAmended() {
    const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agency: { slug: CABARRUS } }, orderBy: { id: 'asc' } });
    return db.prisma.filing.findUniqueOrThrow({ where: { requirementId_periodKey: { requirementId: requirement.id, periodKey: '2025-Q2' } }, include: { revisions: true } });
  }

  it('lists both revisions of an amended report with their figures, certification and reason, and never the draft', async () => {
    const filing = await cabarrusAmended();
    expect(filing.revisions).toHaveLength(2);
    // A draft of a third revision, saved but not submitted, stays private.
    const user = await db.prisma.user.create({ data: { email: 'drafter@cabarrus.example', name: 'Drafter' } });
    await saveDraft(db.prisma, { filingId: filing.id, values: { ...(filing.revisions[1].values as Record<string, string>), gross_cost: '987654.32' }, explanations: {}, nothingToReport: false, userId: user.id });

    const outcome = await run(reportRoute.loader as Loader, get(`/agencies/${CABARRUS}/reports/${filing.id}`), { slug: CABARRUS, filingId: String(filing.id) });
    expect(outcome.status).toBe(200);
    const { report } = outcome.body as { report: Awaited<ReturnType<typeof import('~/dashboards/agency-report.server').agencyReport>> & object };
    expect(report.revisions.map((revision) => [revision.number, revision.state])).toEqual([
      [1, 'returned'],
      [2, 'counted'],
    ]);
    for (const revision of report.revisions) {
      const stored = filing.revisions.find((candidate) => candidate.number === revision.number)!;
      expect(revision.figures.gross_cost).toBe((stored.values as Record<string, string>).gross_cost);
      expect(revision).toMatchObject({ certifiedName: stored.certifiedName, certifiedTitle: stored.certifiedTitle, amendmentReason: stored.amendmentReason });
    }
    expect(report.revisions[1].amendmentReason).toBe('Included the overtime the county asked about when it returned the report.');

    const { status, html } = await page(`/agencies/${CABARRUS}/reports/${filing.id}`);
    expect(status).toBe(200);
    const text = html.replaceAll('&#x27;', "'");
    expect(text).toContain("<h1>Cabarrus County Sheriff's Office: report for April–June 2025</h1>");
    expect(html).toContain('Revision 1</th>');
    expect(html).toContain('Revision 2</th>');
    expect(html).toContain('Returned by the reviewers: not counted');
    expect(html).toContain('Included the overtime the county asked about when it returned the report.');
    expect(html).toContain('Demo Sheriff, Sheriff (demonstration data)');
    expect(html).toContain('The public figures count revision 2.');
    for (const revision of filing.revisions) expect(html).toContain(formatFigure((revision.values as Record<string, string>).gross_cost, 'USD', 'en'));
    expect(html).not.toContain('987,654.32');
    expect(headingLevels(html).filter((level) => level === 1)).toHaveLength(1);

    const json = await download(reportJsonRoute.loader as Loader, `/api/v1/agencies/${CABARRUS}/reports/${filing.id}`, { slug: CABARRUS, filingId: String(filing.id) });
    expect(((await json.json()) as { data: { revisions: unknown } }).data.revisions).toEqual(snakeDocument(JSON.parse(JSON.stringify(report.revisions))));
    const csv = await csvLines(await download(revisionsCsvRoute.loader as Loader, `/api/v1/agencies/${CABARRUS}/reports/${filing.id}/revisions.csv`, { slug: CABARRUS, filingId: String(filing.id) }));
    expect(csv.filter((line) => line.includes(',gross_cost,'))).toHaveLength(2);
    expect(csv.join('\n')).not.toContain('987654.32');
  });

  it('is 404 for a report of another agency, an unknown or malformed id, and a period with nothing submitted', async () => {
    const filing = await cabarrusAmended();
    const gaston = await db.prisma.requirement.findFirstOrThrow({ where: { agency: { slug: GASTON } } });
    const unsubmitted = await openFiling(db.prisma, { requirementId: gaston.id, periodKey: '2025-Q2' });
    for (const [slug, id] of [
      [GASTON, String(filing.id)],
      [CABARRUS, '999999'],
      [CABARRUS, 'abc'],
      [CABARRUS, '0'],
      [GASTON, String(unsubmitted.id)],
    ]) {
      expect((await run(reportRoute.loader as Loader, get(`/agencies/${slug}/reports/${id}`), { slug, filingId: id })).status, `${slug}/${id}`).toBe(404);
      const response = await download(reportJsonRoute.loader as Loader, `/api/v1/agencies/${slug}/reports/${id}`, { slug, filingId: id });
      expect(response.status).toBe(404);
    }
    expect((await page(`/agencies/${GASTON}/reports/${filing.id}`)).status).toBe(404);
  });
});

describe('caching', () => {
  it('answers 304 while nothing changed, then 200 with a new ETag after a new submission', async () => {
    const path = `/api/v1/agencies/${GASTON}`;
    const first = await download(jsonRoute.loader as Loader, path, { slug: GASTON });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/no-cache/);
    const csvFirst = await download(figuresRoute.loader as Loader, `${path}/figures.csv`, { slug: GASTON });
    const csvEtag = csvFirst.headers.get('etag')!;

    const again = await download(jsonRoute.loader as Loader, path, { slug: GASTON }, { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect((await download(figuresRoute.loader as Loader, `${path}/figures.csv`, { slug: GASTON }, { 'if-none-match': csvEtag })).status).toBe(304);

    const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agency: { slug: GASTON } } });
    const user = await db.prisma.user.create({ data: { email: 'filer@gaston.example', name: 'Gaston Filer' } });
    const filing = await openFiling(db.prisma, { requirementId: requirement.id, periodKey: '2025-Q1' });
    await saveDraft(db.prisma, {
      filingId: filing.id,
      values: { gross_cost: '12500.50', federal_reimbursement: '0', igsa_revenue: '0', detainers_received: '14', detainers_honored: '9', detainers_declined: '3', transfers_to_ice: '8', people_encountered: '40', complaints_filed: '1', complaints_sustained: '0' },
      explanations: {},
      nothingToReport: false,
      userId: user.id,
    });
    await submitFiling(db.prisma, { filingId: filing.id, userId: user.id, certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' });

    const after = await download(jsonRoute.loader as Loader, path, { slug: GASTON }, { 'if-none-match': etag });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const body = (await after.json()) as { data: { periods: unknown[] } };
    expect(body.data.periods[0]).toMatchObject({ key: '2025-Q1', status: 'late', values: { gross_cost: 12500.5, net_local_cost: 12500.5 } });
    const csvAfter = await download(figuresRoute.loader as Loader, `${path}/figures.csv`, { slug: GASTON }, { 'if-none-match': csvEtag });
    expect(csvAfter.status).toBe(200);
    expect(await csvAfter.text()).toContain(`${GASTON},2025-Q1,2025-01-01,2025-03-31,January–March 2025,gross_cost,Gross cost,USD,12500.50,reported,1,no,`);
  });
});
