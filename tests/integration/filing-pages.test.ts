/**
 * The filing pages' loaders and actions as each kind of person, on a demo database (demo
 * accounts and the demo policies of Gaston and Cabarrus counties): who sees which periods,
 * crafted ids of another agency's filing, drafts kept as typed, and submissions by heads only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import * as filingRoute from '~/routes/filings.$id/route';
import * as filingsRoute from '~/routes/filings._index';
import { prepareDatabase } from '../../scripts/db/prepare';
import { cookieFor, get, post, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { CERTIFY, GASTON_SHERIFF, GOOD_REPORT } from '../support/report-form';

type Handler = Parameters<typeof run>[0];
const filingsLoader = filingsRoute.loader as Handler;
const filingsAction = filingsRoute.action as Handler;
const filingLoader = filingRoute.loader as Handler;
const filingAction = filingRoute.action as Handler;

const GASTON = GASTON_SHERIFF;
const GOOD = GOOD_REPORT;
const CABARRUS = 'nc-cabarrus-county-sheriffs-office';

interface PeriodRow {
  requirementId: number;
  key: string;
  label: string;
  status: string;
  filingId: number | null;
}
interface Overview {
  agencies: { name: string; requirements: { periods: PeriodRow[] }[] }[];
}

let db: TestDatabase;
const cookies = { gaston: '', cabarrus: '', gastonFilerOnly: '', reviewer: '' };
const ids = { gastonRequirement: 0, cabarrusRequirement: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } });
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON } });
  const cabarrus = await db.prisma.agency.findUniqueOrThrow({ where: { slug: CABARRUS } });
  // A filer who is not the head: drafts, but may not certify.
  const filerOnly = await db.prisma.user.create({
    data: { email: 'clerk.gaston@example.org', name: 'Gaston Clerk', roles: { create: { role: 'FILER', agencyId: gaston.id } } },
  });
  cookies.gaston = await cookieFor(db.prisma, (await user('filer.gaston@example.org')).id);
  cookies.cabarrus = await cookieFor(db.prisma, (await user('filer.cabarrus@example.org')).id);
  cookies.reviewer = await cookieFor(db.prisma, (await user('reviewer.gaston@example.org')).id);
  cookies.gastonFilerOnly = await cookieFor(db.prisma, filerOnly.id);
  ids.gastonRequirement = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: gaston.id } })).id;
  ids.cabarrusRequirement = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: cabarrus.id } })).id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

/** Opens a Gaston period through /filings as the demo filer and returns the filing id. */
async function openGaston(periodKey: string): Promise<number> {
  const outcome = await run(filingsAction, post('/filings', { requirementId: ids.gastonRequirement, periodKey }, cookies.gaston));
  expect(outcome.status).toBe(302);
  const match = /^\/filings\/(\d+)$/.exec(outcome.location ?? '');
  expect(match).not.toBeNull();
  return Number(match![1]);
}

const filingUrl = (id: number) => `/filings/${id}`;
const params = (id: number) => ({ id: String(id) });

describe('the demo policies', () => {
  it('ask both sheriff’s offices for quarterly reports from 2025', async () => {
    const requirements = await db.prisma.requirement.findMany({ include: { versions: true, policy: true, agency: true }, orderBy: { id: 'asc' } });
    expect(requirements.map((r) => [r.agency.slug, r.policy.title, r.policy.statute, r.versions[0].frequency, r.versions[0].dueDaysAfterEnd])).toEqual([
      [GASTON, '287(g) reporting policy', 'G.S. 153A-104', 'QUARTERLY', 30],
      [CABARRUS, '287(g) reporting policy', 'G.S. 153A-104', 'QUARTERLY', 30],
    ]);
    const reviewer = await db.prisma.user.findUniqueOrThrow({ where: { email: 'reviewer.gaston@example.org' } });
    expect(requirements[0].policy.createdById).toBe(reviewer.id);
  });
});

describe('/filings', () => {
  it('shows the Gaston filer Gaston’s periods, oldest quarter 2025 Q1, and none of Cabarrus’s', async () => {
    const outcome = await run(filingsLoader, get('/filings', cookies.gaston));
    expect(outcome.status).toBe(200);
    const { agencies } = outcome.body as Overview;
    expect(agencies.map((agency) => agency.name)).toEqual(["Gaston County Sheriff's Office"]);
    const periods = agencies[0].requirements[0].periods;
    expect(periods.every((period) => period.requirementId === ids.gastonRequirement)).toBe(true);
    expect(periods.at(-1)).toMatchObject({ key: '2025-Q1', label: 'January–March 2025', dueOn: '2025-04-30', status: 'overdue', filingId: null });
  });

  it('refuses those who file for no agency, and sends anonymous visitors to sign in', async () => {
    expect((await run(filingsLoader, get('/filings', cookies.reviewer))).status).toBe(403);
    const anonymous = await run(filingsLoader, get('/filings'));
    expect(anonymous.location).toBe('/sign-in?redirectTo=%2Ffilings');
    expect((await run(filingsAction, post('/filings', { requirementId: ids.gastonRequirement, periodKey: '2025-Q1' }))).location).toMatch(/^\/sign-in/);
  });

  it('does not open another agency’s period', async () => {
    const outcome = await run(filingsAction, post('/filings', { requirementId: ids.gastonRequirement, periodKey: '2025-Q2' }, cookies.cabarrus));
    expect(outcome.status).toBe(403);
    expect(await db.prisma.filing.count({ where: { requirementId: ids.gastonRequirement, periodKey: '2025-Q2' } })).toBe(0);
  });
});

describe('/filings/:id', () => {
  it('is closed to another agency’s filer (loader and both intents), and to anonymous visitors', async () => {
    const id = await openGaston('2025-Q3');
    expect((await run(filingLoader, get(filingUrl(id), cookies.cabarrus), params(id))).status).toBe(403);
    for (const intent of ['save', 'submit']) {
      const outcome = await run(filingAction, post(filingUrl(id), { intent, ...GOOD, ...CERTIFY }, cookies.cabarrus), params(id));
      expect(outcome.status, intent).toBe(403);
    }
    // A filing that does not exist gets the same answer: no probing for ids.
    expect((await run(filingLoader, get('/filings/999999', cookies.cabarrus), params(999999))).status).toBe(403);
    expect((await run(filingLoader, get(filingUrl(id)), params(id))).location).toBe(`/sign-in?redirectTo=${encodeURIComponent(filingUrl(id))}`);
    const filing = await db.prisma.filing.findUniqueOrThrow({ where: { id }, include: { revisions: true } });
    expect([filing.draftSavedAt, filing.revisions.length]).toEqual([null, 0]);
  });

  it('saves a draft with a bad value exactly as typed and names the fields at fault', async () => {
    const id = await openGaston('2025-Q1');
    const typed = { ...GOOD, 'value:detainers_honored': '20', 'value:people_encountered': 'forty' };
    const outcome = await run(filingAction, post(filingUrl(id), { intent: 'save', ...typed }, cookies.gastonFilerOnly), params(id));
    expect(outcome.status).toBe(200);
    const body = outcome.body as { outcome: string; issues: { fields: string[]; message: unknown; severity: string }[]; posted: { values: Record<string, string> } };
    expect(body.outcome).toBe('saved');
    expect(body.issues).toEqual(
      expect.arrayContaining([
        // The message as a code with parameters: the page words it in the reader's language.
        expect.objectContaining({ fields: ['people_encountered'], message: { code: 'value_not_a_number', params: { typed: 'forty' } }, severity: 'error' }),
        expect.objectContaining({ fields: ['detainers_honored', 'detainers_received'], severity: 'error' }),
      ]),
    );
    expect(body.posted.values.people_encountered).toBe('forty');

    const filing = await db.prisma.filing.findUniqueOrThrow({ where: { id } });
    expect(filing.draftValues).toMatchObject({ people_encountered: 'forty', detainers_honored: '20', gross_cost: '$12,500.50' });

    // Coming back to the page: the draft as typed, and what is still wrong with it.
    const page = await run(filingLoader, get(filingUrl(id), cookies.gastonFilerOnly), params(id));
    const data = page.body as { draft: { values: Record<string, string> }; issues: unknown[]; canCertify: boolean; filing: { periodLabel: string; status: string } };
    expect(data.draft.values.people_encountered).toBe('forty');
    expect(data.issues).toHaveLength(2);
    expect(data.canCertify).toBe(false);
    expect(data.filing).toMatchObject({ periodLabel: 'January–March 2025', status: 'overdue' });
  });

  it('refuses intent=submit from a filer who is not the head, writing nothing', async () => {
    const id = await openGaston('2025-Q2');
    const outcome = await run(filingAction, post(filingUrl(id), { intent: 'submit', ...GOOD, ...CERTIFY }, cookies.gastonFilerOnly), params(id));
    expect(outcome.status).toBe(403);
    const filing = await db.prisma.filing.findUniqueOrThrow({ where: { id }, include: { revisions: true } });
    expect([filing.draftSavedAt, filing.revisions.length]).toEqual([null, 0]);
  });

  it('lets the head submit: revision 1, its audit entry, then an amendment only with a reason', async () => {
    const id = await openGaston('2025-Q4');
    // Without a name the submission is refused, with the message next to the field; the draft is saved.
    const refused = await run(filingAction, post(filingUrl(id), { intent: 'submit', ...GOOD, certifiedName: ' ', certifiedTitle: 'Sheriff' }, cookies.gaston), params(id));
    expect(refused.status).toBe(400);
    expect((refused.body as { issues: { fields: string[] }[] }).issues.map((issue) => issue.fields)).toEqual([['certifiedName']]);

    const submitted = await run(filingAction, post(filingUrl(id), { intent: 'submit', ...GOOD, ...CERTIFY }, cookies.gaston), params(id));
    expect(submitted).toMatchObject({ status: 302, location: `/filings/${id}?submitted=1` });
    const revisions = await db.prisma.filingRevision.findMany({ where: { filingId: id } });
    expect(revisions.map((r) => [r.number, r.certifiedName, r.channel, r.values])).toEqual([
      [1, 'Chad Hawkins', 'WEB', expect.objectContaining({ gross_cost: '12500.50', detainers_received: '14' })],
    ]);
    const audit = await db.prisma.auditEntry.findMany({ where: { subject: `filing:${id}` } });
    expect(audit.map((entry) => [entry.kind, (entry.data as { revision: number }).revision])).toEqual([
      ['submission', 1],
      ['certification', 1],
    ]);

    const page = await run(filingLoader, get(`/filings/${id}?submitted=1`, cookies.gaston), params(id));
    expect(page.body).toMatchObject({ submittedNotice: 1, revisions: [{ number: 1, certifiedName: 'Chad Hawkins', amendmentReason: null }] });

    const noReason = await run(filingAction, post(filingUrl(id), { intent: 'submit', ...GOOD, ...CERTIFY }, cookies.gaston), params(id));
    expect((noReason.body as { issues: { fields: string[] }[] }).issues.map((issue) => issue.fields)).toEqual([['amendmentReason']]);
    const amended = await run(
      filingAction,
      post(filingUrl(id), { intent: 'submit', ...GOOD, 'value:complaints_filed': '2', ...CERTIFY, amendmentReason: 'A complaint was logged late.' }, cookies.gaston),
      params(id),
    );
    expect(amended.location).toBe(`/filings/${id}?submitted=2`);
    expect(await db.prisma.auditEntry.count({ where: { subject: `filing:${id}`, kind: 'amendment' } })).toBe(1);
  });

  it('accepts "nothing to report", and refuses it with figures typed in', async () => {
    const id = await openGaston('2026-Q1');
    const mixed = await run(filingAction, post(filingUrl(id), { intent: 'submit', nothingToReport: 'on', 'value:gross_cost': '5', ...CERTIFY }, cookies.gaston), params(id));
    expect(mixed.status).toBe(400);
    const submitted = await run(filingAction, post(filingUrl(id), { intent: 'submit', nothingToReport: 'on', ...CERTIFY }, cookies.gaston), params(id));
    expect(submitted.location).toBe(`/filings/${id}?submitted=1`);
    const revision = await db.prisma.filingRevision.findFirstOrThrow({ where: { filingId: id } });
    expect([revision.nothingToReport, revision.values]).toEqual([true, {}]);

    // The list says so, and still shows none of it to Cabarrus.
    const mine = (await run(filingsLoader, get('/filings', cookies.gaston))).body as Overview;
    expect(mine.agencies[0].requirements[0].periods.find((period) => period.key === '2026-Q1')).toMatchObject({ filingId: id, status: 'late' });
    const theirs = (await run(filingsLoader, get('/filings', cookies.cabarrus))).body as Overview;
    expect(theirs.agencies.map((agency) => agency.name)).toEqual(["Cabarrus County Sheriff's Office"]);
    expect(theirs.agencies[0].requirements[0].periods.some((period) => period.filingId === id)).toBe(false);
  });
});
