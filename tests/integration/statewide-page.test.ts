/**
 * The statewide page (the home page) and its downloads on the demo database: North Carolina's
 * real registry with the demonstration filings. Expected numbers are computed here with Prisma
 * from the registry's rows, never from the dashboards' queries that the page reads.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { snakeDocument } from '~/open-data/json-keys';
import type { StatewidePageData } from '~/open-data/statewide-downloads.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { MODELS } from '~/registry/models';
import * as indexRoute from '~/routes/_index';
import * as jsonRoute from '~/routes/api.v1.places.$state._index';
import * as countiesRoute from '~/routes/api.v1.places.$state.counties[.csv]';
import * as filingsRoute from '~/routes/api.v1.places.$state.filings[.csv]';
import * as timelineRoute from '~/routes/api.v1.places.$state.timeline[.csv]';
import { prepareDatabase } from '../../scripts/db/prepare';
import { get, run, TEST_CONTEXT } from '../support/requests';
import { testRequestHandler } from '../support/page-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const handle = testRequestHandler({
  'routes/_index': { index: true, module: indexRoute },
});
const page = async (headers: Record<string, string> = {}) => {
  const response = await handle(new Request('http://portal.test/', { headers }), TEST_CONTEXT);
  expect(response.status).toBe(200);
  // React's separators between adjacent text nodes are not part of what anyone reads.
  return (await response.text()).replaceAll('<!-- -->', '');
};
const escape = (text: string) => text.replace(/[.*+?^$()|[\]\\{}]/g, '\\$&');
/** A link to href (Remix adds attributes before it), with this text. */
const link = (href: string, text: string) => new RegExp(`<a [^>]*href="${escape(href)}">${escape(text)}</a>`);

type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => unknown;
/** A download route's loader, with the route's :state parameter as Remix would give it. */
const downloadFor = (loader: Loader, state: string, path: string, headers: Record<string, string> = {}) =>
  loader({ request: new Request(`http://portal.test${path}`, { headers }), params: { state }, context: TEST_CONTEXT }) as Promise<Response>;
const download = (loader: Loader, path: string, headers: Record<string, string> = {}) => downloadFor(loader, 'nc', path, headers);

const loaderData = async () => (await run(indexRoute.loader as Loader, get('/'))).body as StatewidePageData;
const csvLines = async (response: Response) => (await response.text()).replace(/^\uFEFF/, '').trim().split('\r\n');

const GASTON = 'nc-gaston-county-sheriffs-office';

let db: TestDatabase;
const savedDemoFilings = process.env.PORTAL_DEMO_FILINGS;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.PORTAL_DEMO_FILINGS = '1';
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
});
afterAll(async () => {
  if (savedDemoFilings === undefined) delete process.env.PORTAL_DEMO_FILINGS;
  else process.env.PORTAL_DEMO_FILINGS = savedDemoFilings;
  await disconnectPrisma();
  await db.drop();
});

/** Active NC agreements with the county each agency is in (its own, or its town's), from Prisma. */
async function activeAgreements() {
  const rows = await db.prisma.agreement.findMany({
    where: { status: 'ACTIVE', agency: { stateCode: 'NC' } },
    include: { agency: { include: { jurisdiction: { include: { parent: true } } } } },
  });
  return rows.map((row) => {
    const place = row.agency.jurisdiction;
    const county = place?.kind === 'COUNTY' ? place : place?.parent?.kind === 'COUNTY' ? place.parent : null;
    return { model: row.model, agencyId: row.agencyId, countyId: county?.id ?? null, municipal: place?.kind === 'MUNICIPALITY' };
  });
}

describe('the map', () => {
  it('colours Gaston County by its sheriff’s JEM agreement and leaves Wake County blank', async () => {
    const data = await loaderData();
    expect(data.counties).toHaveLength(await db.prisma.jurisdiction.count({ where: { stateCode: 'NC', kind: 'COUNTY' } }));
    const gaston = data.counties.find((county) => county.slug === 'gaston-county')!;
    expect(gaston).toMatchObject({ fips: '37071', mapCategory: 'jem', presence: 'county', models: ['JEM'], municipalAgreements: 0 });
    expect(gaston.agencies).toEqual([expect.objectContaining({ slug: GASTON, municipal: false, active: ['JEM'], pending: [] })]);
    const wake = data.counties.find((county) => county.slug === 'wake-county')!;
    expect(wake).toMatchObject({ fips: '37183', mapCategory: 'none', presence: 'none', agencies: [] });

    const html = await page();
    // The table alternative: Gaston's row links its county page and its sheriff's page; Wake has no row.
    const table = html.slice(html.indexOf('<table class="statewide-counties"'), html.indexOf('</table>', html.indexOf('<table class="statewide-counties"')));
    expect(table).toMatch(link('/places/nc/gaston-county', 'Gaston County'));
    expect(table).toMatch(link(`/agencies/${GASTON}`, 'Gaston County Sheriff&#x27;s Office'));
    expect(table).toMatch(/map-swatch-jem" aria-hidden="true"><\/span>Jail Enforcement Model \(with or without Warrant Service Officer\)/);
    expect(table).not.toContain('Wake County');
    // The canvas the browser draws on carries the summary; the legend counts counties per colour.
    expect(html).toMatch(/<canvas role="img" aria-label="\d+ agencies in \d+ of North Carolina’s 100 counties[^"]*" data-chart="statewide-map">/);
    const jem = data.counties.filter((county) => county.mapCategory === 'jem').length;
    expect(html).toContain(`<li><span class="legend-swatch map-swatch-jem" aria-hidden="true"></span>Jail Enforcement Model (with or without Warrant Service Officer) (${jem})</li>`);
  });

  it('says how many agencies in how many counties have agreements, counted independently', async () => {
    const active = await activeAgreements();
    const inCounties = active.filter((row) => row.countyId !== null);
    const agencies = new Set(inCounties.map((row) => row.agencyId)).size;
    const counties = new Set(inCounties.map((row) => row.countyId)).size;
    const byModel = (model: string) => inCounties.filter((row) => row.model === model).length;
    const html = await page();
    expect(html).toContain(
      `${agencies} agencies in ${counties} of North Carolina’s 100 counties have active 287(g) agreements: ${byModel('JEM')} under the Jail Enforcement Model, ${byModel('WSO')} Warrant Service Officer and ${byModel('TFM')} Task Force Model.`,
    );
    // The five town police departments known from MOAs (seeds/data/moa-nc), each in its county.
    const towns = new Set(inCounties.filter((row) => row.municipal).map((row) => row.agencyId)).size;
    expect(towns).toBe(5);
    expect(html).toContain(`Town or city police departments with an active agreement: ${towns}, in `);
  });

  it('marks a county where only a town’s police department has an agreement, and says so', async () => {
    const wake = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37183' } });
    const town = await db.prisma.jurisdiction.create({ data: { kind: 'MUNICIPALITY', name: 'Testburg', searchName: 'testburg', slug: 'testburg', stateCode: 'NC', parentId: wake.id } });
    const police = await db.prisma.agency.create({
      data: { slug: 'nc-testburg-police-department', matchKey: 'nc|testburg police department', name: 'Testburg Police Department', kind: 'POLICE', stateCode: 'NC', jurisdictionId: town.id },
    });
    const agreement = await db.prisma.agreement.create({
      data: { publicId: 'nc-testburg-police-department-tfm', matchKey: 'nc|testburg police department|tfm', agencyId: police.id, model: 'TFM', status: 'ACTIVE', firstListedOn: new Date('2025-07-18') },
    });
    try {
      const data = await loaderData();
      expect(data.counties.find((county) => county.slug === 'wake-county')).toMatchObject({ mapCategory: 'municipal', presence: 'municipal', municipalAgreements: 1 });
      // Testburg's, and the five town police departments known from MOAs.
      expect(data.totals.municipalByModel.TFM).toBe(6);
      const html = await page();
      expect(html).toMatch(/Town or city police departments with an active agreement: 6, in [^.]*Wake County\./);
      expect(html).toMatch(/<a [^>]*href="\/agencies\/nc-testburg-police-department">Testburg Police Department<\/a><span class="tag tag-town">town or city police<\/span>: Task Force Model<\/li>/);
      const counties = await csvLines(await downloadFor(countiesRoute.loader as Loader, 'nc', '/api/v1/places/nc/counties.csv'));
      expect(counties.find((line) => line.includes(',Wake County,'))).toBe('yes,37183,Wake County,wake-county,municipal,0,1,0,0,0,1,Testburg Police Department (MUNICIPAL): TFM');
    } finally {
      await db.prisma.agreement.delete({ where: { id: agreement.id } });
      await db.prisma.agency.delete({ where: { id: police.id } });
      await db.prisma.jurisdiction.delete({ where: { id: town.id } });
    }
  });
});

describe('totals and timeline', () => {
  it('counts active and pending agreements by model as the registry holds them', async () => {
    const data = await loaderData();
    for (const status of ['ACTIVE', 'PENDING'] as const) {
      const counts = await db.prisma.agreement.groupBy({ by: ['model'], where: { status, agency: { stateCode: 'NC' } }, _count: { _all: true } });
      const expected = Object.fromEntries(MODELS.map((model) => [model, counts.find((row) => row.model === model)?._count._all ?? 0]));
      expect(status === 'ACTIVE' ? data.totals.byModel : data.totals.pendingByModel).toEqual(expected);
    }
    expect(data.totals.active).toBe(await db.prisma.agreement.count({ where: { status: 'ACTIVE', agency: { stateCode: 'NC' } } }));
    const html = await page();
    const totals = html.slice(html.indexOf('<table class="statewide-totals"'), html.indexOf('</table>', html.indexOf('<table class="statewide-totals"')));
    expect(totals).toContain(`<th scope="row">Jail Enforcement Model</th><td class="number">${data.totals.byModel.JEM}</td>`);
    expect(totals).toContain(`<th scope="row">All models</th><td class="number">${data.totals.active}</td>`);
  });

  it('ends the month-by-month count with the agreements active now, from the first list’s month', async () => {
    const data = await loaderData();
    const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit' }).format(new Date()).slice(0, 7);
    const active = await activeAgreements();
    expect(data.timeline.at(-1)).toEqual({
      month,
      active: active.length,
      byModel: Object.fromEntries(MODELS.map((model) => [model, active.filter((row) => row.model === model).length])),
    });
    const firstList = await db.prisma.iceImport.findFirstOrThrow({ orderBy: { asOf: 'asc' } });
    expect(data.timeline[0].month).toBe(firstList.asOf.toISOString().slice(0, 7));
    expect(data.participatingLists).toEqual(
      (await db.prisma.iceImport.findMany({ where: { listKind: 'PARTICIPATING' }, orderBy: { asOf: 'asc' } })).map((list) => list.asOf.toISOString().slice(0, 10)),
    );
    const html = await page();
    expect(html).toContain('Source: ICE’s lists of participating agencies of May 16, 2025 and July 18, 2025, as imported by this portal; May 2025 to ');
    expect(html).toMatch(new RegExp(`and ${active.length} in [A-Z][a-z]+ \\d{4}, this month\\.`));
  });
});

describe('latest filings', () => {
  it('lists the newest revisions first, amendments marked with a link to the report’s revisions', async () => {
    const data = await loaderData();
    const newest = await db.prisma.filingRevision.findMany({ orderBy: [{ certifiedAt: 'desc' }, { id: 'desc' }], take: data.latestFilings.length, include: { filing: { include: { agency: true } } } });
    expect(data.latestFilings.length).toBeGreaterThan(0);
    expect(data.latestFilings.map((filing) => [filing.filingId, filing.revisionNumber])).toEqual(newest.map((revision) => [revision.filingId, revision.number]));

    const amended = data.latestFilings.find((filing) => filing.kind === 'amendment');
    expect(amended, 'an amendment among the newest revisions of the demo data').toBeDefined();
    const html = await page();
    const table = html.slice(html.indexOf('<table class="statewide-filings"'), html.indexOf('</table>', html.indexOf('<table class="statewide-filings"')));
    expect(table).toContain(`Amendment (revision ${amended!.revisionNumber})`);
    expect(table).toMatch(new RegExp(`<a class="amended-mark" aria-label="Amended: see the revisions of the report for [^"]+" [^>]*href="/agencies/${amended!.agency.slug}/reports/${amended!.filingId}">amended</a>`));
    expect(table.match(/<tr>/g)).toHaveLength(data.latestFilings.length + 1);
  });
});

describe('downloads', () => {
  it('gives in JSON exactly what the page shows', async () => {
    const [response, data] = await Promise.all([download(jsonRoute.loader as Loader, '/api/v1/places/nc'), loaderData()]);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = await response.json();
    // The page's data under the open data's names (snake_case keys), and as it was with columns=legacy.
    expect(body.data).toEqual(snakeDocument(JSON.parse(JSON.stringify(data))));
    expect(body.data.counties.find((county: { slug: string }) => county.slug === 'gaston-county')).toMatchObject({ map_category: 'jem', municipal_agreements: 0 });
    expect(body.data.latest_filings.length).toBe(data.latestFilings.length);
    expect(body.meta).toMatchObject({ demo: true, state: 'North Carolina', links: { countiesCsv: 'http://portal.test/api/v1/places/nc/counties.csv', counties_csv: 'http://portal.test/api/v1/places/nc/counties.csv' } });
    const legacy = await (await download(jsonRoute.loader as Loader, '/api/v1/places/nc?columns=legacy')).json();
    expect(legacy.data).toEqual(JSON.parse(JSON.stringify(data)));
    expect(body.meta.period).toBe(`${data.timeline[0].month} to ${data.timeline.at(-1)!.month}`);
  });

  it('answers 404 in JSON for a state the registry does not have', async () => {
    for (const [loader, path] of [
      [jsonRoute.loader, '/api/v1/places/zz'],
      [countiesRoute.loader, '/api/v1/places/zz/counties.csv'],
      [timelineRoute.loader, '/api/v1/places/not-a-state/timeline.csv'],
    ] as const) {
      const response = await downloadFor(loader as Loader, path.split('/')[4], path);
      expect(response.status, path).toBe(404);
      expect((await response.json()).error).toMatchObject({ status: 404, message: expect.stringContaining('No state') });
    }
  });

  it('has stable English CSV headers, Spanish ones with lang=es, and the page’s rows', async () => {
    const data = await loaderData();
    const counties = await csvLines(await downloadFor(countiesRoute.loader as Loader, 'nc', '/api/v1/places/nc/counties.csv'));
    expect(counties[0]).toBe('demonstration_data,fips,county,county_slug,map_category,active_agreements,municipal_agreements,pending_agreements,active_jem,active_wso,active_tfm,agencies');
    expect(counties).toHaveLength(101);
    expect(counties).toContain(`yes,37071,Gaston County,gaston-county,jem,1,0,0,1,0,0,Gaston County Sheriff's Office: JEM`);
    expect(counties).toContain('yes,37183,Wake County,wake-county,none,0,0,0,0,0,0,');

    const timeline = await csvLines(await downloadFor(timelineRoute.loader as Loader, 'nc', '/api/v1/places/nc/timeline.csv'));
    expect(timeline[0]).toBe('demonstration_data,month,active,active_jem,active_wso,active_tfm');
    const last = data.timeline.at(-1)!;
    expect(timeline.at(-1)).toBe(`yes,${last.month},${last.active},${last.byModel.JEM},${last.byModel.WSO},${last.byModel.TFM}`);
    expect(timeline).toHaveLength(data.timeline.length + 1);

    const filingsResponse = await downloadFor(filingsRoute.loader as Loader, 'nc', '/api/v1/places/nc/filings.csv');
    expect(filingsResponse.headers.get('content-disposition')).toBe('attachment; filename="nc-287g-latest-reports-demonstration.csv"');
    const filings = await csvLines(filingsResponse);
    expect(filings[0]).toBe('demonstration_data,certified_at,agency,agency_slug,county,period_key,period_start,period_end,filing_id,revision,kind,amendment_reason,counted,report_url');
    expect(filings).toHaveLength(data.latestFilings.length + 1);
    expect(filings[1].startsWith(`yes,${data.latestFilings[0].certifiedAt},`)).toBe(true);

    const spanish = await downloadFor(countiesRoute.loader as Loader, 'nc', '/api/v1/places/nc/counties.csv?lang=es');
    expect(spanish.headers.get('content-disposition')).toBe('attachment; filename="nc-287g-condados-demonstration.csv"');
    const spanishLines = await csvLines(spanish);
    expect(spanishLines[0]).toBe(
      'demonstration_data,FIPS,Condado,Identificador del condado,Categoría en el mapa,Acuerdos activos de agencias del condado,Acuerdos activos de policías municipales,Solicitudes pendientes,Activos JEM,Activos WSO,Activos TFM,Agencias',
    );
    expect(spanishLines.slice(1)).toEqual(counties.slice(1));
    const refused = await downloadFor(countiesRoute.loader as Loader, 'nc', '/api/v1/places/nc/counties.csv?lang=fr');
    expect(refused.status).toBe(400);
  });

  it('answers 304 while nothing changed, and 200 with the new report once one is filed', async () => {
    const first = await download(jsonRoute.loader as Loader, '/api/v1/places/nc');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.headers.get('cache-control')).toBe('public, no-cache');
    const csv = await downloadFor(filingsRoute.loader as Loader, 'nc', '/api/v1/places/nc/filings.csv');
    const csvEtag = csv.headers.get('etag')!;

    const again = await download(jsonRoute.loader as Loader, '/api/v1/places/nc', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect((await downloadFor(filingsRoute.loader as Loader, 'nc', '/api/v1/places/nc/filings.csv', { 'if-none-match': csvEtag })).status).toBe(304);

    // Gaston's 2025 Q1 report is left unfiled by the demo seed: file it, then amend it.
    const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON }, include: { requirements: true } });
    const user = await db.prisma.user.create({ data: { email: 'statewide@gaston.example', name: 'Gaston Filer' } });
    const filing = await openFiling(db.prisma, { requirementId: gaston.requirements[0].id, periodKey: '2025-Q1' });
    const values = { gross_cost: '12500.50', federal_reimbursement: '0', igsa_revenue: '0', detainers_received: '14', detainers_honored: '9', detainers_declined: '3', transfers_to_ice: '8', people_encountered: '40', complaints_filed: '1', complaints_sustained: '0' };
    const certify = { filingId: filing.id, userId: user.id, certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' as const };
    await saveDraft(db.prisma, { filingId: filing.id, values, explanations: {}, nothingToReport: false, userId: user.id });
    await submitFiling(db.prisma, certify);

    const changed = await download(jsonRoute.loader as Loader, '/api/v1/places/nc', { 'if-none-match': etag });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect((await changed.json()).data.latest_filings[0]).toMatchObject({ filing_id: filing.id, revision_number: 1, kind: 'submission', counted: true, demo: false });
    expect((await downloadFor(filingsRoute.loader as Loader, 'nc', '/api/v1/places/nc/filings.csv', { 'if-none-match': csvEtag })).status).toBe(200);

    await saveDraft(db.prisma, { filingId: filing.id, values: { ...values, detainers_received: '15', detainers_declined: '4' }, explanations: {}, nothingToReport: false, userId: user.id });
    await submitFiling(db.prisma, { ...certify, amendmentReason: 'One detainer was left out of the count.' });
    const data = await loaderData();
    expect(data.latestFilings.slice(0, 2)).toMatchObject([
      { filingId: filing.id, revisionNumber: 2, kind: 'amendment', amendmentReason: 'One detainer was left out of the count.', counted: true },
      { filingId: filing.id, revisionNumber: 1, kind: 'submission', counted: false },
    ]);
    const html = await page();
    expect(html).toMatch(new RegExp(`<a class="amended-mark" aria-label="Amended: see the revisions of the report for January–March 2025" [^>]*href="/agencies/${GASTON}/reports/${filing.id}">amended</a>`));
    expect(html).toContain('Reason: One detainer was left out of the count.');
    expect(html).toContain('No: returned, or replaced by a later revision');
  });
});

describe('the page', () => {
  it('keeps the search form, declares the statewide feed and links every download', async () => {
    const html = await page();
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<form method="get" action="\/search" role="search" class="search-form"/);
    expect(html).toContain('<label for="place-search">Does my county or town have a 287(g) agreement?</label>');
    expect(html).toMatch(/<link rel="alternate" type="application\/atom\+xml" href="\/feeds\/nc.atom" title="287\(g\) reports and agreements in North Carolina \(Atom feed\)"\/>/);
    expect(html.match(/<h1>/g)).toHaveLength(1);
    for (const href of ['/api/v1/places/nc', '/api/v1/places/nc/counties.csv', '/api/v1/places/nc/timeline.csv', '/api/v1/places/nc/filings.csv', '/feeds/nc.atom', '/compare', '/places/nc']) {
      expect(html, href).toContain(`href="${href}"`);
    }
    // Every scrollable table is a named, focusable region.
    const regions = html.match(/<div class="table-scroll"[^>]*>/g)!;
    expect(regions.length).toBeGreaterThanOrEqual(4);
    for (const region of regions) expect(region).toMatch(/tabindex="0" role="region" aria-labelledby="[\w-]+"/);
  });

  it('is in Spanish for a Spanish browser, its download links asking for Spanish headers', async () => {
    const html = await page({ 'accept-language': 'es-MX,es;q=0.9' });
    expect(html).toContain('<html lang="es">');
    expect(html).toMatch(/<h1>Acuerdos 287\(g\) en Carolina del Norte<\/h1>/);
    expect(html).toContain('<h2 id="map-heading">Dónde están los acuerdos</h2>');
    expect(html).toMatch(/agencias en \d+ de los 100 condados de Carolina del Norte tienen acuerdos 287\(g\) activos/);
    expect(html).toContain('Fuente: listas de agencias participantes de ICE del 16 de mayo de 2025 y 18 de julio de 2025, importadas por este portal');
    expect(html).toContain('Modelo de Control en Cárceles (con o sin Oficial de Ejecución de Órdenes)');
    expect(html).toContain('href="/api/v1/places/nc/counties.csv?lang=es"');
    expect(html).toContain('title="Informes y acuerdos 287(g) en Carolina del Norte (canal Atom)"');
    expect(html).not.toContain('Where the agreements are');
  });
});
