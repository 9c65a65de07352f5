/**
 * The reviewers' side of issue 13: the compliance view of /review/compliance (agencies × periods,
 * each cell's status from the public compliance record with the review decision, a link to the
 * county page's public table) and its CSV, each only for the reviewers of the place; and the
 * review page of an amended report, which shows each figure before and after and flags a changed
 * figure the amendment's reason does not mention.
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import * as complianceCsvRoute from '~/routes/review_.compliance[.csv]';
import * as complianceRoute from '~/routes/review_.compliance';
import * as reviewFilingRoute from '~/routes/review_.filings.$id';
import { testRequestHandler } from '../support/page-handler';
import { get, run, TEST_CONTEXT } from '../support/requests';
import { gastonComplianceRecord, OTHER_AGENCY } from '../support/compliance-record';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];

const handle = testRequestHandler({
  'routes/review_.compliance': { path: 'review/compliance', module: complianceRoute },
  'routes/review_.filings.$id': { path: 'review/filings/:id', module: reviewFilingRoute },
});
const page = async (url: string, cookie: string, headers: Record<string, string> = {}) => {
  const response = await handle(new Request(`http://portal.test${url}`, { headers: { cookie, ...headers } }), TEST_CONTEXT);
  return { status: response.status, html: await response.text() };
};
const SPANISH = { 'accept-language': 'es-MX,es;q=0.9' };


let db: TestDatabase;
let ids: Awaited<ReturnType<typeof gastonComplianceRecord>>['ids'];
let cookies: Awaited<ReturnType<typeof gastonComplianceRecord>>['cookies'];

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  ({ ids, cookies } = await gastonComplianceRecord(db));
}, 120_000);
afterAll(async () => {
  await disconnectPrisma();
  await db?.drop();
});

/** The text of the table cell of `agency`'s row in the column headed by `period` (HTML stripped). */
function cell(html: string, agency: string, period: string): string {
  const table = /<table class="compliance-grid">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const headers = [...table.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((match) => match[1].replace(/<[^>]+>/g, ''));
  const column = headers.findIndex((header) => header.startsWith(period));
  const row = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => match[1]).find((text) => text.includes(`>${agency.replace(/'/g, '&#x27;')}</th>`));
  expect(column, `column ${period}`).toBeGreaterThan(0);
  expect(row, `row ${agency}`).toBeDefined();
  const cells = [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => match[1].replace(/<[^>]+>/g, ''));
  return cells[column - 1];
}

describe('/review/compliance', () => {
  it('shows the reviewer each agency × period with its status and review decision, and links to the public table', async () => {
    const { status, html } = await page('/review/compliance', cookies.gastonReviewer);
    expect(status).toBe(200);
    expect(html).toContain('<title>');
    const gaston = "Gaston County Sheriff's Office";
    expect(cell(html, gaston, '2025-Q1')).toBe('On time · Accepted');
    expect(cell(html, gaston, '2025-Q2')).toBe('Late by 21 days · Awaiting review');
    expect(cell(html, gaston, '2025-Q3')).toBe('Returned');
    // Due 2026-01-30, counted in New York days to today (the real clock).
    const overdueDays = Math.round((Date.parse(new Date().toLocaleDateString('en-CA', { timeZone: 'America/New_York' })) - Date.parse('2026-01-30')) / 86_400_000);
    expect(cell(html, gaston, '2025-Q4')).toBe(`Overdue by ${overdueDays} days`);
    expect(cell(html, gaston, '2026-Q1')).toBe('On time · Awaiting review');
    expect(cell(html, OTHER_AGENCY, '2025-Q1')).toBe('No requirement');
    // Each filed report opens on its review page; the public table is the county page's.
    expect(html).toContain(`href="/review/filings/${ids.onTime}"`);
    expect(html).toContain('href="/places/nc/gaston-county#county-compliance-heading"');
    expect(html).toContain('href="/review/compliance.csv"');
  });

  it('reads in Spanish', async () => {
    const { html } = await page('/review/compliance', cookies.gastonReviewer, SPANISH);
    expect(html).toContain('Historial de informes');
    expect(cell(html, "Gaston County Sheriff's Office", '2025-Q1')).toBe('A tiempo · Aceptado');
    expect(cell(html, OTHER_AGENCY, '2025-Q1')).toBe('Sin obligación');
  });

  it('shows a reviewer only the agencies of the places they review', async () => {
    const { status, html } = await page('/review/compliance', cookies.cabarrusReviewer);
    expect(status).toBe(200);
    expect(html).not.toContain('Gaston County');
  });

  it('refuses anyone who reviews no place: anonymous to sign-in, a filer and an operator 403', async () => {
    const loader = complianceRoute.loader as Handler;
    const anonymous = await run(loader, get('/review/compliance'));
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/sign-in/);
    expect((await run(loader, get('/review/compliance', cookies.gastonHead))).status).toBe(403);
    expect((await run(loader, get('/review/compliance', cookies.operator))).status).toBe(403);
  });
});

describe('/review/compliance.csv', () => {
  const loader = complianceCsvRoute.loader as Handler;

  it('gives the same view, one row per agency and period, as a private CSV', async () => {
    const response = (await complianceCsvRoute.loader({ request: get('/review/compliance.csv', cookies.gastonReviewer), params: {}, context: TEST_CONTEXT })) as Response;
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parse(text, { bom: true }) as string[][];
    expect(header).toEqual([
      'place',
      'agency',
      'agency_name',
      'period',
      'period_start',
      'period_end',
      'due_on',
      'status',
      'review',
      'revision',
      'review_url',
      'requirement',
      'days_late',
      'locked',
      'extended_until',
      'declined_on',
    ]);
    const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: ids.gaston } });
    const row = (agency: string, period: string) => rows.find((candidate) => candidate[1] === agency && candidate[3] === period);
    expect(row('nc-gaston-county-sheriffs-office', '2025-Q1')).toEqual([
      'Gaston County',
      'nc-gaston-county-sheriffs-office',
      "Gaston County Sheriff's Office",
      '2025-Q1',
      '2025-01-01',
      '2025-03-31',
      '2025-04-30',
      'on_time',
      'accepted',
      '1',
      `http://portal.test/review/filings/${ids.onTime}`,
      String(requirement.id),
      '',
      'no',
      '',
      '',
    ]);
    expect(row('nc-gaston-county-sheriffs-office', '2025-Q2')?.slice(7, 9)).toEqual(['late', 'awaiting_review']);
    expect(row('nc-gaston-county-sheriffs-office', '2025-Q2')?.[12]).toBe('21');
    expect(row('nc-gaston-county-sheriffs-office', '2025-Q3')?.slice(7, 9)).toEqual(['returned', 'returned']);
    expect(row('nc-gaston-county-sheriffs-office', '2025-Q4')?.slice(7, 11)).toEqual(['overdue', '', '', '']);
    expect(row('nc-gaston-test-agency', '2025-Q1')?.slice(7, 9)).toEqual(['no_requirement', '']);
  });

  it('takes the same filters as the page (GET query), in the page and in the CSV', async () => {
    const filtered = await page('/review/compliance?status=late', cookies.gastonReviewer);
    expect(filtered.status).toBe(200);
    expect(filtered.html).toContain('href="/review/compliance.csv?status=late"');
    expect(filtered.html).toContain('<option value="late" selected="">');
    const table = /<table class="compliance-grid">([\s\S]*?)<\/table>/.exec(filtered.html)?.[1] ?? '';
    expect(table).toContain('Late by 21 days');
    expect(table).not.toContain('On time');
    expect(table).not.toContain(OTHER_AGENCY);
    const response = (await complianceCsvRoute.loader({ request: get('/review/compliance.csv?status=late', cookies.gastonReviewer), params: {}, context: TEST_CONTEXT })) as Response;
    const [, ...rows] = parse(Buffer.from(await response.arrayBuffer()).toString('utf8'), { bom: true }) as string[][];
    expect(rows.map((row) => [row[1], row[3], row[7]])).toEqual([['nc-gaston-county-sheriffs-office', '2025-Q2', 'late']]);
    // A range of periods, and an agency with nothing matching: a sentence instead of a table.
    const range = await run(loader, get('/review/compliance.csv?from=2025-07-01&to=2025-12-31', cookies.gastonReviewer));
    expect(range.status).toBe(200);
    const none = await page('/review/compliance?status=declined', cookies.gastonReviewer);
    expect(none.html).not.toContain('class="compliance-grid"');
    expect(none.html).toContain('No report matches these filters.');
  });

  it('refuses anyone who reviews no place', async () => {
    const anonymous = await run(loader, get('/review/compliance.csv'));
    expect(anonymous.status).toBe(302);
    expect((await run(loader, get('/review/compliance.csv', cookies.gastonHead))).status).toBe(403);
    expect((await run(loader, get('/review/compliance.csv', cookies.operator))).status).toBe(403);
  });

  it('holds nothing of a place the reviewer does not review', async () => {
    const response = (await complianceCsvRoute.loader({ request: get('/review/compliance.csv', cookies.cabarrusReviewer), params: {}, context: TEST_CONTEXT })) as Response;
    expect(response.status).toBe(200);
    expect(await response.text()).not.toContain('gaston');
  });
});

describe('the review page of an amended report', () => {
  it('shows each figure before and after, and flags a changed figure the reason does not mention', async () => {
    const { status, html } = await page(`/review/filings/${ids.amended}`, cookies.gastonReviewer);
    expect(status).toBe(200);
    expect(html).toContain('2 figures changed since revision 1.');
    expect(html).toContain('Changed, but not mentioned in the reason for amendment: Detainers received.');
    const row = (label: string) => {
      const found = [...html.matchAll(/<tr class="changed"[^>]*>([\s\S]*?)<\/tr>/g)].map((match) => match[1].replace(/<[^>]+>/g, '|')).find((text) => text.includes(label));
      expect(found, label).toBeDefined();
      return found!.split('|').map((part) => part.trim()).filter((part) => part !== '');
    };
    expect(row('Detainers received')).toEqual(['Detainers received', '14', '20', 'Changed.', 'Not mentioned in the reason.']);
    expect(row('Gross cost')).toEqual(['Gross cost', '$12,500.50', '$13,100.00', 'Changed.']);
    // Unchanged figures are listed, not marked.
    expect(html).toMatch(/<tr data-change="unchanged"><th scope="row">Detainers honored<\/th>/);
  });

  it('says so in Spanish', async () => {
    const { html } = await page(`/review/filings/${ids.amended}`, cookies.gastonReviewer, SPANISH);
    expect(html).toContain('2 cifras cambiaron desde la versión 1.');
    expect(html).toContain('El motivo no la menciona.');
  });

  it('shows no comparison on a report with one revision', async () => {
    const { html } = await page(`/review/filings/${ids.late}`, cookies.gastonReviewer);
    expect(html).not.toContain('changed since revision');
    expect(html).not.toContain('Not mentioned in the reason');
  });
});
