/**
 * The meeting summary of issue 15 (point 6): for one place and period, each agency's status in
 * words and the counts, as printable HTML and as a PDF made on the server. Both must say what
 * the compliance matrix (/review/compliance) says for the same place and period; the PDF's text
 * is read back. Only the place's reviewers and operators get it.
 */
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { createPolicy } from '~/reporting/policies.server';
import * as complianceRoute from '~/routes/review_.compliance';
import * as summaryRoute from '~/routes/review_.compliance_.summary';
import * as summaryPdfRoute from '~/routes/review_.compliance_.summary[.pdf]';
import { testRequestHandler } from '../support/page-handler';
import { get, run, TEST_CONTEXT } from '../support/requests';
import { gastonComplianceRecord, OTHER_AGENCY } from '../support/compliance-record';
import { countyPolicy } from '../support/policies';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];

const handle = testRequestHandler({
  'routes/review_.compliance': { path: 'review/compliance', module: complianceRoute },
  'routes/review_.compliance_.summary': { path: 'review/compliance/summary', module: summaryRoute },
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
  await followThroughAgency();
}, 120_000);

const POLICE = 'Gaston Test Police Department';

/**
 * A second agency with what the reviewers and the agency recorded besides filings: 2025-Q1
 * filed with nothing to report, 2025-Q2 declined by letter, 2025-Q3 under an extension that
 * runs until 2099, 2025-Q4 never filed and locked (10 days after its due date).
 */
async function followThroughAgency() {
  const agency = await db.prisma.agency.create({
    data: { slug: 'nc-gaston-test-police', matchKey: 'nc|gaston test police', name: POLICE, kind: 'POLICE', stateCode: 'NC', jurisdictionId: ids.place },
  });
  await db.prisma.agreement.create({
    data: { publicId: 'nc-gaston-test-police-jem', matchKey: 'nc|gaston test police|jem', agencyId: agency.id, model: 'JEM', status: 'ACTIVE', signedOn: new Date('2024-06-01'), firstListedOn: new Date('2024-06-15') },
  });
  const head = await db.prisma.user.create({ data: { email: 'chief.police@example.org', name: 'Chief', roles: { create: { role: 'HEAD', agencyId: agency.id } } } });
  await createPolicy(db.prisma, {
    ...countyPolicy(ids.place, [
      { agencyId: agency.id, title: 'Police quarterly report', effectiveFrom: '2025-01-01', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, lockDaysAfterDue: 10, metricKeys: ['gross_cost'] },
    ]),
    title: 'Police reporting',
  });
  const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: agency.id } });
  const at = new Date('2025-04-15T15:00:00Z');
  const filing = await openFiling(db.prisma, { requirementId: requirement.id, periodKey: '2025-Q1', now: at });
  await saveDraft(db.prisma, { filingId: filing.id, values: {}, explanations: {}, nothingToReport: true, userId: head.id, now: at });
  await submitFiling(db.prisma, { filingId: filing.id, userId: head.id, certifiedName: 'Chief', certifiedTitle: 'Chief of Police', channel: 'WEB', now: at });
  await db.prisma.$executeRaw`insert into agency_refusal (requirement_id, agency_id, period_keys, declined_on, statement, recorded_by_id)
    values (${requirement.id}, ${agency.id}, ${['2025-Q2']}::text[], '2025-08-20', 'The chief wrote that the department will not report.', ${ids.reviewer})`;
  await db.prisma.filingExtension.create({ data: { requirementId: requirement.id, periodKey: '2025-Q3', until: new Date('2099-12-31T00:00:00Z'), reason: 'The records clerk is on leave.', grantedById: ids.reviewer } });
}
afterAll(async () => {
  await disconnectPrisma();
  await db?.drop();
});

const GASTON = "Gaston County Sheriff's Office";
const AGENCIES = [GASTON, OTHER_AGENCY, POLICE];
const PERIODS = ['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1'];
const summaryUrl = (period: string, place = ids.place) => `/review/compliance/summary?place=${place}&period=${period}`;
const pdfUrl = (period: string, place = ids.place) => `/review/compliance/summary.pdf?place=${place}&period=${period}`;
const text = (html: string) => html.replace(/<[^>]+>/g, '').replace(/&#x27;/g, "'").replace(/&amp;/g, '&');

/** The text of the matrix's cell of `agency`'s row in the column headed by `period`. */
function matrixCell(html: string, agency: string, period: string): string {
  const table = /<table class="compliance-grid">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const headers = [...table.matchAll(/<th scope="col"[^>]*>([\s\S]*?)<\/th>/g)].map((match) => text(match[1]));
  const column = headers.findIndex((header) => header.startsWith(period));
  const row = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => match[1]).find((candidate) => text(candidate).startsWith(agency));
  expect(column, `column ${period}`).toBeGreaterThan(0);
  expect(row, `row ${agency}`).toBeDefined();
  return [...row!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((match) => text(match[1]))[column - 1];
}

/** The summary page's status cell of `agency`. */
function summaryCell(html: string, agency: string): string | undefined {
  const table = /<table class="meeting-summary-table">([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const row = [...table.matchAll(/<tr[^>]*><th scope="row">([\s\S]*?)<\/th><td[^>]*>([\s\S]*?)<\/td><\/tr>/g)].find((match) => text(match[1]) === agency);
  return row ? text(row[2]) : undefined;
}

async function pdfOf(url: string, cookie: string, headers: Record<string, string> = {}) {
  const response = (await summaryPdfRoute.loader({ request: new Request(`http://portal.test${url}`, { headers: { cookie, ...headers } }), params: {}, context: TEST_CONTEXT })) as Response;
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/pdf');
  const bytes = new Uint8Array(await response.arrayBuffer());
  const pdf = await getDocumentProxy(bytes.slice());
  const page = await pdf.getPage(1);
  const [, , width, height] = page.view;
  const { text: pages, totalPages } = await extractText(bytes, { mergePages: false });
  return { pages, totalPages, width, height, text: pages.join('\n'), cacheControl: response.headers.get('cache-control') };
}

describe('the meeting summary', () => {
  it("says for every agency and period what the compliance matrix says, in its HTML and in its PDF's text", async () => {
    const matrix = await page('/review/compliance', cookies.gastonReviewer);
    expect(matrix.status).toBe(200);
    const seen = new Set<string>();
    for (const period of PERIODS) {
      const summary = await page(summaryUrl(period), cookies.gastonReviewer);
      expect(summary.status, period).toBe(200);
      const pdf = await pdfOf(pdfUrl(period), cookies.gastonReviewer);
      // Words run on where a long status wraps onto a second line of its column.
      const flat = pdf.text.replace(/\s+/g, ' ');
      for (const agency of AGENCIES) {
        const expected = matrixCell(matrix.html, agency, period);
        seen.add(expected);
        expect(summaryCell(summary.html, agency), `${agency} ${period} (HTML)`).toBe(expected);
        // The agency's row of the PDF: its name, then its status in the same words.
        expect(flat, `${agency} ${period} (PDF)\n${pdf.text}`).toContain(`${agency} ${expected} `);
      }
    }
    // The setup's statuses all appear: the comparison is not between empty cells. Days are
    // counted to today (the real clock), so they are matched by shape.
    const shapes = [...new Set([...seen].map((status) => status.replace(/Overdue by \d+ days/, 'Overdue by N days').replace(/\d+ days past due/, 'N days past due')))].sort();
    expect(shapes).toEqual([
      'Declined on August 20, 2025 · N days past due · Locked',
      'Extended to December 31, 2099 · N days past due',
      'Late by 21 days · Awaiting review',
      'No requirement',
      'Nothing to report · Awaiting review',
      'On time · Accepted',
      'On time · Awaiting review',
      'Overdue by N days',
      'Overdue by N days · Locked',
      'Returned',
    ]);
  });

  it('gives the counts per status, the policy, the generated date, letter paper and page numbers', async () => {
    const { html } = await page(summaryUrl('2025-Q3'), cookies.gastonReviewer);
    expect(html).toContain('size: letter');
    expect(html).toContain('counter(page)');
    expect(text(html)).toContain('Reporting record of Gaston County: July–September 2025');
    expect(html).toMatch(/<li data-count="returned">Returned: 1<\/li>/);
    expect(html).toMatch(/<li data-count="no_requirement">No requirement: 1<\/li>/);
    expect(html).not.toContain('data-count="on_time"');
    const policy = await db.prisma.policy.findFirstOrThrow({ where: { jurisdictionId: ids.place } });
    expect(text(html)).toContain(policy.title);
    const today = new Intl.DateTimeFormat('en-US', { dateStyle: 'long', timeZone: 'America/New_York' }).format(new Date());
    expect(text(html)).toContain(`Generated on ${today}.`);

    const pdf = await pdfOf(pdfUrl('2025-Q3'), cookies.gastonReviewer);
    expect([pdf.width, pdf.height]).toEqual([612, 792]);
    expect(pdf.totalPages).toBe(1);
    expect(pdf.pages[0]).toContain('Page 1 of 1');
    expect(pdf.text).toContain(`Generated on ${today}.`);
    expect(pdf.text).toContain(policy.title);
    expect(pdf.text).toContain('Returned: 1');
    expect(pdf.text).toContain('Extended: 1');

    // The declined and locked periods are counted too, in the HTML and the PDF alike.
    const q2 = await page(summaryUrl('2025-Q2'), cookies.gastonReviewer);
    expect(q2.html).toMatch(/<li data-count="declined">Declined: 1<\/li>/);
    expect(q2.html).toMatch(/<li data-count="locked">Locked: 1<\/li>/);
    const q2Pdf = await pdfOf(pdfUrl('2025-Q2'), cookies.gastonReviewer);
    expect(q2Pdf.text).toContain('Declined: 1');
    expect(q2Pdf.text).toContain('Locked: 1');
    expect(pdf.cacheControl).toBe('private, no-store');
  });

  it('reads in Spanish, with the same words as the Spanish matrix', async () => {
    const matrix = await page('/review/compliance', cookies.gastonReviewer, SPANISH);
    const { html } = await page(summaryUrl('2025-Q1'), cookies.gastonReviewer, SPANISH);
    expect(summaryCell(html, GASTON)).toBe(matrixCell(matrix.html, GASTON, '2025-Q1'));
    expect(summaryCell(html, GASTON)).toBe('A tiempo · Aceptado');
    const pdf = await pdfOf(pdfUrl('2025-Q1'), cookies.gastonReviewer, SPANISH);
    expect(pdf.text).toContain(`${GASTON} A tiempo · Aceptado`);
    expect(pdf.text).toContain('Página 1 de 1');
  });

  it('is linked from the compliance view by a form for each place', async () => {
    const { html } = await page('/review/compliance', cookies.gastonReviewer);
    expect(html).toContain('action="/review/compliance/summary"');
    expect(html).toMatch(/formaction="\/review\/compliance\/summary\.pdf"/i);
    expect(html).toContain(`name="place" value="${ids.place}"`);
    // One option per column of the matrix, the newest one already due chosen (the clock is the real one).
    const form = /<form[^>]*action="\/review\/compliance\/summary"[\s\S]*?<\/form>/.exec(html)?.[0] ?? '';
    const options = [...form.matchAll(/<option value="([^"]+)"( selected="")?>/g)];
    const columns = [...html.matchAll(/<th scope="col" title="[^"]*">([^<]+)</g)].map((match) => match[1]);
    expect(options.map((option) => option[1])).toEqual(columns);
    expect(options.filter((option) => option[2]).length).toBe(1);
  });

  it('is made for an operator for any place', async () => {
    expect((await page(summaryUrl('2025-Q2'), cookies.operator)).status).toBe(200);
    const pdf = await pdfOf(pdfUrl('2025-Q2'), cookies.operator);
    expect(pdf.text).toContain(`${GASTON} Late by 21 days · Awaiting review`);
  });

  it('answers an unknown or malformed place or period with 400 or 404 and a message, never 500', async () => {
    const pdfLoader = summaryPdfRoute.loader as Handler;
    const htmlLoader = summaryRoute.loader as Handler;
    const cases: [string, number, string][] = [
      [`place=${ids.place}&period=2024-Q4`, 404, 'No reporting policy of this place expects a report for this period.'],
      [`place=${ids.place}&period=2025-Q9x`, 400, 'The address does not name a period'],
      [`place=${ids.place}`, 400, 'The address does not name a period'],
      ['place=abc&period=2025-Q1', 400, 'The address does not name a county or town'],
      ['period=2025-Q1', 400, 'The address does not name a county or town'],
      ['place=99999999&period=2025-Q1', 404, 'There is no county or town with this number.'],
      ['place=99999999999999999999&period=2025-Q1', 400, 'The address does not name a county or town'],
    ];
    for (const [query, status, message] of cases) {
      const pdf = await run(pdfLoader, get(`/review/compliance/summary.pdf?${query}`, cookies.operator));
      expect(pdf.status, query).toBe(status);
      expect(String(pdf.body), query).toContain(message);
      const html = await run(htmlLoader, get(`/review/compliance/summary?${query}`, cookies.operator));
      expect(html.status, query).toBe(status);
    }
    // A 400 page says what was wrong.
    const { status, html } = await page(`/review/compliance/summary?place=${ids.place}&period=bad`, cookies.gastonReviewer);
    expect(status).toBe(400);
    expect(text(html)).toContain('The address does not name a period');
  });

  it("refuses a reviewer of another place (403, before telling whether the period exists), a head, and sends anonymous visitors to sign in", async () => {
    for (const loader of [summaryRoute.loader as Handler, summaryPdfRoute.loader as Handler]) {
      for (const url of [summaryUrl('2025-Q1'), pdfUrl('2025-Q1'), summaryUrl('1999-Q1'), pdfUrl('1999-Q1')]) {
        expect((await run(loader, get(url, cookies.cabarrusReviewer))).status, url).toBe(403);
        expect((await run(loader, get(url, cookies.gastonHead))).status, url).toBe(403);
        const anonymous = await run(loader, get(url));
        expect(anonymous.status, url).toBe(302);
        expect(anonymous.location).toMatch(/^\/sign-in/);
      }
    }
  });
});
