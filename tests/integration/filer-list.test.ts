/**
 * The filer's list of reports (/filings) as a filer reads it, on a demo database: a report the
 * reviewers accepted reads "Accepted", an amendment draft in progress is there to continue, the
 * overdue periods are summed up at the top with links to their rows, and signing in without a
 * page asked for lands a filer on this list (others on their account).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO_PASSWORD } from '~/auth/demo-password';
import { disconnectPrisma } from '~/db/prisma.server';
import { reviewFiling } from '~/reporting/reviews.server';
import * as filingRoute from '~/routes/filings.$id/route';
import * as filingsRoute from '~/routes/filings._index';
import * as signInRoute from '~/routes/sign-in';
import { prepareDatabase } from '../../scripts/db/prepare';
import { testRequestHandler } from '../support/page-handler';
import { cookieFor, get, post, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { CERTIFY, GASTON_SHERIFF, GOOD_REPORT } from '../support/report-form';

type Handler = Parameters<typeof run>[0];
const filingsAction = filingsRoute.action as Handler;
const filingsLoader = filingsRoute.loader as Handler;
const filingAction = filingRoute.action as Handler;

const handle = testRequestHandler({ 'routes/filings._index': { path: 'filings', module: filingsRoute } });
const page = async (cookie: string, headers: Record<string, string> = {}) => {
  const response = await handle(new Request('http://portal.test/filings', { headers: { cookie, ...headers } }), TEST_CONTEXT);
  expect(response.status).toBe(200);
  return response.text();
};

const GASTON = GASTON_SHERIFF;
const GOOD = GOOD_REPORT;

interface Row {
  key: string;
  label: string;
  status: string;
  filingId: number | null;
  accepted: boolean;
  amendmentDraft: boolean;
}
interface Overview {
  agencies: { requirements: { periods: Row[] }[] }[];
}

let db: TestDatabase;
let cookie = '';
let requirementId = 0;
let reviewerId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const filer = await db.prisma.user.findUniqueOrThrow({ where: { email: 'filer.gaston@example.org' } });
  reviewerId = (await db.prisma.user.findUniqueOrThrow({ where: { email: 'reviewer.gaston@example.org' } })).id;
  cookie = await cookieFor(db.prisma, filer.id);
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON } });
  requirementId = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: gaston.id } })).id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

async function periods(): Promise<Row[]> {
  const outcome = await run(filingsLoader, get('/filings', cookie));
  expect(outcome.status).toBe(200);
  return (outcome.body as Overview).agencies[0].requirements[0].periods;
}

/** Opens the period and submits the demo figures as the head; returns the filing id. */
async function submitPeriod(periodKey: string): Promise<number> {
  const opened = await run(filingsAction, post('/filings', { requirementId, periodKey }, cookie));
  const id = Number(/^\/filings\/(\d+)$/.exec(opened.location ?? '')?.[1]);
  expect(id).toBeGreaterThan(0);
  const submitted = await run(filingAction, post(`/filings/${id}`, { intent: 'submit', ...GOOD, ...CERTIFY }, cookie), { id: String(id) });
  expect(submitted.location).toBe(`/filings/${id}?submitted=1`);
  return id;
}

const escaped = (text: string) => text.replace(/&/g, '&amp;').replace(/'/g, '&#x27;').replace(/"/g, '&quot;');

describe('the overdue summary', () => {
  it('counts the overdue periods at the top and links to each row, in English and Spanish', async () => {
    const rows = await periods();
    const overdue = rows.filter((row) => row.status === 'overdue');
    // The demo policy asks for quarters since 2025, none filed: several are overdue.
    expect(overdue.length).toBeGreaterThan(1);
    const html = await page(cookie);
    const summary = html.slice(html.indexOf('id="overdue-summary"'), html.indexOf('</section>', html.indexOf('id="overdue-summary"')));
    expect(summary).toContain(`>${overdue.length} reports overdue</h2>`);
    // Before the tables, and each link names a row that exists.
    expect(html.indexOf('id="overdue-summary"')).toBeLessThan(html.indexOf('<table'));
    const targets = [...summary.matchAll(/href="#([^"]+)"/g)].map((match) => match[1]);
    expect(targets).toHaveLength(overdue.length);
    for (const target of targets) expect(html).toContain(`<tr id="${target}"`);
    expect(summary).toContain(escaped(overdue[0].label));

    const spanish = await page(cookie, { 'accept-language': 'es' });
    expect(spanish).toContain(`>${overdue.length} informes atrasados</h2>`);
    expect(spanish).toContain('enero–marzo de 2025');
    expect(spanish).not.toContain('January–March 2025');
  });

  it('leaves a filed period out, and says nothing when none is overdue', async () => {
    const before = (await periods()).filter((row) => row.status === 'overdue');
    await submitPeriod(before[before.length - 1].key);
    const after = (await periods()).filter((row) => row.status === 'overdue');
    expect(after).toHaveLength(before.length - 1);
    expect(await page(cookie)).toContain(`>${after.length} report${after.length === 1 ? '' : 's'} overdue</h2>`);

    // A filer whose agency owes nothing overdue sees no summary at all.
    const unasked = await db.prisma.agency.findFirstOrThrow({ where: { requirements: { none: {} } } });
    const filer = await db.prisma.user.create({ data: { email: 'filer.unasked@example.org', name: 'Unasked Filer', roles: { create: { role: 'FILER', agencyId: unasked.id } } } });
    const html = await page(await cookieFor(db.prisma, filer.id));
    expect(html).toContain('No reporting policy asks');
    expect(html).not.toContain('overdue-summary');
  });
});

describe('returned and due-soon summaries', () => {
  const section = (html: string, id: string) => html.slice(html.indexOf(`id="${id}"`), html.indexOf('</section>', html.indexOf(`id="${id}"`)));

  it('lists a returned report at the top until it is fixed', async () => {
    const id = await submitPeriod('2025-Q4');
    expect(await page(cookie)).not.toContain('returned-summary');
    await reviewFiling(db.prisma, { filingId: id, revisionNumber: 1, decision: 'RETURNED', note: 'Gross cost leaves out overtime.', reviewerId });
    const summary = section(await page(cookie), 'returned-summary');
    expect(summary).toContain('>1 report returned by the reviewers</h2>');
    expect(summary).toContain('October–December 2025');
    expect(section(await page(cookie, { 'accept-language': 'es' }), 'returned-summary')).toContain('>1 informe devuelto por los revisores</h2>');
  });

  it('lists the periods that ended and are not yet due, with their due date', async () => {
    // Ten days after a quarter ended, its report is due within the month (the demo policy's 30 days).
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(new Date('2026-07-10T16:00:00Z'));
      const due = (await periods()).filter((row) => row.status === 'due');
      expect(due.map((row) => row.key)).toEqual(['2026-Q2']);
      const summary = section(await page(cookie), 'due-summary');
      expect(summary).toContain('>1 report due soon</h2>');
      expect(summary).toContain('April–June 2026');
      expect(summary).toMatch(/due Jul(y)? 30, 2026/);
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('an accepted report', () => {
  it('reads "Accepted" in the filer’s list once a reviewer accepts it, and not before', async () => {
    const id = await submitPeriod('2025-Q2');
    const row = async () => (await periods()).find((period) => period.key === '2025-Q2')!;
    expect((await row()).accepted).toBe(false);
    expect(await page(cookie)).not.toContain('Accepted by the reviewers');

    await reviewFiling(db.prisma, { filingId: id, revisionNumber: 1, decision: 'ACCEPTED', reviewerId });
    expect(await row()).toMatchObject({ accepted: true, status: 'late' });
    expect(await page(cookie)).toContain('Accepted by the reviewers (submitted late, revision 1)');
    expect(await page(cookie, { 'accept-language': 'es' })).toContain('Aceptado por los revisores (presentado con retraso, versión 1)');
  });
});

describe('an amendment draft', () => {
  it('shows in the list as a link to continue it once saved, and goes once the amendment is submitted', async () => {
    const id = await submitPeriod('2025-Q3');
    const row = async () => (await periods()).find((period) => period.key === '2025-Q3')!;
    // Submitting saves the draft too: that is not an amendment under way.
    expect((await row()).amendmentDraft).toBe(false);
    expect(await page(cookie)).not.toContain('Amendment draft saved');

    const saved = await run(filingAction, post(`/filings/${id}`, { intent: 'save', ...GOOD, 'value:people_encountered': '44' }, cookie), { id: String(id) });
    expect(saved.status).toBe(200);
    expect((await row()).amendmentDraft).toBe(true);
    const html = await page(cookie);
    expect(html).toMatch(new RegExp(`<a aria-label="Amendment draft saved for July–September 2025 — continue it"[^>]* href="/filings/${id}">Amendment draft saved — continue</a>`));

    const amended = await run(
      filingAction,
      post(`/filings/${id}`, { intent: 'submit', ...GOOD, 'value:people_encountered': '44', ...CERTIFY, amendmentReason: 'People encountered were under-counted.' }, cookie),
      { id: String(id) },
    );
    expect(amended.location).toBe(`/filings/${id}?submitted=2`);
    expect((await row()).amendmentDraft).toBe(false);
  });
});

describe('signing in', () => {
  const signIn = (email: string, redirectTo = '') => run(signInRoute.action as Handler, post('/sign-in', { email, password: DEMO_PASSWORD, redirectTo }));

  it('lands a filer on their reports, anyone else on their account', async () => {
    expect((await signIn('filer.gaston@example.org')).location).toBe('/filings');
    expect((await signIn('reviewer.gaston@example.org')).location).toBe('/account');
  });

  it('still goes where the person was sent from', async () => {
    expect((await signIn('filer.gaston@example.org', '/review')).location).toBe('/review');
    expect((await signIn('reviewer.gaston@example.org', '/filings')).location).toBe('/filings');
  });

  it('sends an already signed-in filer from the sign-in page to their reports', async () => {
    expect((await run(signInRoute.loader as Handler, get('/sign-in', cookie))).location).toBe('/filings');
    expect((await run(signInRoute.loader as Handler, get('/sign-in?redirectTo=%2Faccount', cookie))).location).toBe('/account');
  });
});
