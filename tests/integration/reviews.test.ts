/**
 * Reviewers accept or return submitted reports: the decision is append-only and audited, a
 * returned revision stops counting (the filing's counted revision follows the rule in
 * counting.ts), the agency's fix counts again, and only the agency's own reviewers decide.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { readAuditLog, verifyAuditLog } from '~/reporting/audit-log.server';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { createPolicy } from '~/reporting/policies.server';
import { reviewFiling } from '~/reporting/reviews.server';
import * as reviewFilingRoute from '~/routes/review_.filings.$id';
import * as reviewFilingsRoute from '~/routes/review_.filings._index';
import * as filingRoute from '~/routes/filings.$id/route';
import * as filingsRoute from '~/routes/filings._index';
import * as publicReportRoute from '~/routes/agencies_.$slug.reports.$filingId';
import { agencyDashboard } from '~/dashboards/agency-dashboard.server';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { cookieFor, get, post, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];
const listLoader = reviewFilingsRoute.loader as Handler;
const pageLoader = reviewFilingRoute.loader as Handler;
const pageAction = reviewFilingRoute.action as Handler;

const NOV_20 = new Date('2025-11-20T17:00:00Z');
const VALUES = { detainers_received: '14', detainers_honored: '9', transfers_to_ice: '8', gross_cost: '12500.50', federal_reimbursement: '2000' };
const CERTIFY = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' as const };

let db: TestDatabase;
const ids = { gaston: 0, cabarrus: 0, gastonCounty: 0, head: 0, reviewer: 0 };
const cookies = { anonymous: '', gastonHead: '', cabarrusFiler: '', gastonReviewer: '', cabarrusReviewer: '', operator: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  const agency = (slug: string) => db.prisma.agency.findUniqueOrThrow({ where: { slug } });
  const county = (fips: string) => db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips } });
  const gaston = await agency('nc-gaston-county-sheriffs-office');
  const cabarrus = await agency('nc-cabarrus-county-sheriffs-office');
  const gastonCounty = await county('37071');
  const cabarrusCounty = await county('37025');
  Object.assign(ids, { gaston: gaston.id, cabarrus: cabarrus.id, gastonCounty: gastonCounty.id });
  const person = (email: string, role: 'HEAD' | 'FILER' | 'REVIEWER' | 'OPERATOR', scope: { agencyId?: number; jurisdictionId?: number }) =>
    db.prisma.user.create({ data: { email, name: email.split('@')[0], roles: { create: { role, ...scope } } } });
  const head = await person('head.gaston@example.org', 'HEAD', { agencyId: gaston.id });
  const reviewer = await person('clerk.gaston@example.org', 'REVIEWER', { jurisdictionId: gastonCounty.id });
  ids.head = head.id;
  ids.reviewer = reviewer.id;
  cookies.gastonHead = await cookieFor(db.prisma, head.id);
  cookies.gastonReviewer = await cookieFor(db.prisma, reviewer.id);
  cookies.cabarrusFiler = await cookieFor(db.prisma, (await person('filer.cabarrus@example.org', 'FILER', { agencyId: cabarrus.id })).id);
  cookies.cabarrusReviewer = await cookieFor(db.prisma, (await person('clerk.cabarrus@example.org', 'REVIEWER', { jurisdictionId: cabarrusCounty.id })).id);
  cookies.operator = await cookieFor(db.prisma, (await person('ops@example.org', 'OPERATOR', {})).id);
  await createPolicy(db.prisma, {
    jurisdictionId: gastonCounty.id,
    kind: 'COUNTY_REPORTING',
    title: '287(g) reporting',
    statute: 'G.S. 153A-104',
    adoptedOn: '2024-12-02',
    oathText: 'I certify that this report is true and complete.',
    requirements: [
      {
        agencyId: gaston.id,
        title: 'Quarterly report',
        effectiveFrom: '2025-01-01',
        frequency: 'QUARTERLY',
        dueDaysAfterEnd: 30,
        acceptsLate: true,
        metricKeys: Object.keys(VALUES),
      },
    ],
  });
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

async function submitted(periodKey: string, values: Record<string, string> = VALUES, now = NOV_20) {
  const requirement = await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: ids.gaston } });
  const filing = await openFiling(db.prisma, { requirementId: requirement.id, periodKey, now });
  await saveDraft(db.prisma, { filingId: filing.id, values, explanations: {}, nothingToReport: false, userId: ids.head });
  await submitFiling(db.prisma, { filingId: filing.id, userId: ids.head, ...CERTIFY, now });
  return filing.id;
}

const counted = async (filingId: number) =>
  (await db.prisma.filing.findUniqueOrThrow({ where: { id: filingId }, select: { countedRevision: { select: { number: true } } } })).countedRevision?.number ?? null;

describe('reviewing a submitted report', () => {
  it('stores each revision’s figures, net local cost derived, for the public totals', async () => {
    const filingId = await submitted('2025-Q1');
    const figures = await db.prisma.revisionValue.findMany({ where: { revision: { filingId } }, orderBy: { metricKey: 'asc' } });
    expect(figures.map((figure) => [figure.metricKey, figure.value.toFixed(2)])).toEqual([
      ['detainers_honored', '9.00'],
      ['detainers_received', '14.00'],
      ['federal_reimbursement', '2000.00'],
      ['gross_cost', '12500.50'],
      ['net_local_cost', '10500.50'],
      ['transfers_to_ice', '8.00'],
    ]);
    expect(await counted(filingId)).toBe(1);
    await expect(db.prisma.$executeRawUnsafe(`update revision_value set value = 0 where metric_key = 'gross_cost'`)).rejects.toThrow(/append-only/);
  });

  it('returns a revision with a note (audited), stops counting it, and counts the fix', async () => {
    const filingId = await submitted('2025-Q2');
    await expect(reviewFiling(db.prisma, { filingId, revisionNumber: 1, decision: 'RETURNED', note: 'short', reviewerId: ids.reviewer })).rejects.toThrow(/at least 10 characters/);
    await reviewFiling(db.prisma, { filingId, revisionNumber: 1, decision: 'RETURNED', note: 'Transfers do not match the jail log.', reviewerId: ids.reviewer });
    expect(await counted(filingId)).toBeNull();

    // The agency fixes it: an amendment, which counts and awaits review again.
    await saveDraft(db.prisma, { filingId, values: { ...VALUES, transfers_to_ice: '7' }, explanations: {}, nothingToReport: false, userId: ids.head });
    await submitFiling(db.prisma, { filingId, userId: ids.head, ...CERTIFY, amendmentReason: 'Corrected transfers from the jail log.', now: NOV_20 });
    expect(await counted(filingId)).toBe(2);
    // A decision on the outdated revision is refused; on the newest it is recorded.
    await expect(reviewFiling(db.prisma, { filingId, revisionNumber: 1, decision: 'ACCEPTED', reviewerId: ids.reviewer })).rejects.toThrow(/Revision 2 was submitted/);
    await reviewFiling(db.prisma, { filingId, revisionNumber: 2, decision: 'ACCEPTED', reviewerId: ids.reviewer });
    expect(await counted(filingId)).toBe(2);

    const kinds = (await readAuditLog(db.prisma)).filter((entry) => entry.subject === `filing:${filingId}`).map((entry) => entry.kind);
    expect(kinds).toEqual(['submission', 'certification', 'review_returned', 'amendment', 'certification', 'review_accepted']);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true });
    await expect(db.prisma.$executeRawUnsafe(`delete from filing_review where filing_id = ${filingId}`)).rejects.toThrow(/append-only/);
  });
});

describe('the review pages, by role', () => {
  it('list the reports of the reviewer’s own agencies only', async () => {
    const filingId = await submitted('2025-Q3');
    const mine = await run(listLoader, get('/review/filings', cookies.gastonReviewer));
    expect(mine.status).toBe(200);
    const agencies = (mine.body as { agencies: { name: string; rows: { filingId: number; state: string }[] }[] }).agencies;
    expect(agencies.map((agency) => agency.name)).toEqual(["Gaston County Sheriff's Office"]);
    expect(agencies[0].rows.find((row) => row.filingId === filingId)?.state).toBe('awaiting_review');

    const other = await run(listLoader, get('/review/filings', cookies.cabarrusReviewer));
    expect((other.body as { agencies: unknown[] }).agencies).toEqual([]);
    for (const cookie of [cookies.gastonHead, cookies.cabarrusFiler, cookies.operator]) {
      expect((await run(listLoader, get('/review/filings', cookie))).status).toBe(403);
    }
    expect((await run(listLoader, get('/review/filings'))).location).toMatch(/^\/sign-in/);
  });

  it('let the agency’s reviewer return a report, and refuse everyone else', async () => {
    // Submitted by the first test and not reviewed since.
    const filingId = (await db.prisma.filing.findFirstOrThrow({ where: { agencyId: ids.gaston, periodKey: '2025-Q1' } })).id;
    const url = `/review/filings/${filingId}`;
    const params = { id: String(filingId) };
    const page = await run(pageLoader, get(url, cookies.gastonReviewer), params);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ canDecide: true, newestRevision: 1, filing: { state: 'awaiting_review' } });

    // Operators may read it but not decide; filers and other places' reviewers get nothing.
    expect(await run(pageLoader, get(url, cookies.operator), params)).toMatchObject({ status: 200, body: { canDecide: false } });
    for (const cookie of [cookies.gastonHead, cookies.cabarrusFiler, cookies.cabarrusReviewer]) {
      expect((await run(pageLoader, get(url, cookie), params)).status).toBe(403);
    }
    for (const cookie of [cookies.operator, cookies.gastonHead, cookies.cabarrusReviewer]) {
      expect((await run(pageAction, post(url, { decision: 'ACCEPTED', revisionNumber: 1, note: '' }, cookie), params)).status).toBe(403);
    }
    expect(await db.prisma.filingReview.count({ where: { filingId } })).toBe(0);

    // A return without a note keeps what was typed and says what is missing.
    const refused = await run(pageAction, post(url, { decision: 'RETURNED', revisionNumber: 1, note: 'Fix' }, cookies.gastonReviewer), params);
    expect(refused).toMatchObject({ status: 400, body: { outcome: 'refused', note: 'Fix', errors: { note: expect.stringMatching(/at least 10 characters/) } } });
    expect(await db.prisma.filingReview.count({ where: { filingId } })).toBe(0);

    const returned = await run(pageAction, post(url, { decision: 'RETURNED', revisionNumber: 1, note: 'Gross cost leaves out overtime.' }, cookies.gastonReviewer), params);
    expect(returned).toMatchObject({ status: 302, location: `${url}?decided=RETURNED` });
    const after = await run(pageLoader, get(url, cookies.gastonReviewer), params);
    expect(after.body).toMatchObject({ filing: { state: 'returned' }, reviews: [{ decision: 'RETURNED', note: 'Gross cost leaves out overtime.', revisionNumber: 1 }] });

    // The agency sees it returned, with the note, in its list and on the report.
    const list = await run(filingsRoute.loader as Handler, get('/filings', cookies.gastonHead));
    const rows = (list.body as { agencies: { requirements: { periods: { filingId: number | null; returned: boolean }[] }[] }[] }).agencies[0].requirements[0].periods;
    expect(rows.filter((row) => row.returned).map((row) => row.filingId)).toEqual([filingId]);
    const report = await run(filingRoute.loader as Handler, get(`/filings/${filingId}`, cookies.gastonHead), params);
    expect(report.body).toMatchObject({ returned: { revision: 1, note: 'Gross cost leaves out overtime.' } });
    expect((await run(pageLoader, get('/review/filings/999999', cookies.gastonReviewer), { id: '999999' })).status).toBe(403);
  });
});

describe('approval that holds (an amendment after acceptance)', () => {
  const AUG_20 = new Date('2026-08-20T16:00:00Z');
  const publicReport = async (filingId: number) => {
    const outcome = await run(publicReportRoute.loader as Handler, get(`/agencies/nc-gaston-county-sheriffs-office/reports/${filingId}`), {
      slug: 'nc-gaston-county-sheriffs-office',
      filingId: String(filingId),
    });
    expect(outcome.status).toBe(200);
    return (outcome.body as { report: { countedRevision: number; amendmentAwaitingReview: number | null; amendmentsAfterAcceptance: number | null; revisions: { number: number; state: string }[] } }).report;
  };
  const publicTransfers = async (periodKey: string) => {
    const dashboard = await agencyDashboard(db.prisma, 'nc-gaston-county-sheriffs-office', { now: AUG_20 });
    const period = dashboard!.periods.find((candidate) => candidate.key === periodKey)!;
    return { transfers: period.values.transfers_to_ice, revision: period.report?.revisionNumber };
  };

  it('keeps the accepted figures public while the amendment awaits review, and switches when it is accepted', async () => {
    const filingId = await submitted('2026-Q1', VALUES, AUG_20);
    await reviewFiling(db.prisma, { filingId, revisionNumber: 1, decision: 'ACCEPTED', reviewerId: ids.reviewer });
    expect(await publicReport(filingId)).toMatchObject({ countedRevision: 1, amendmentAwaitingReview: null, amendmentsAfterAcceptance: 0 });

    await saveDraft(db.prisma, { filingId, values: { ...VALUES, transfers_to_ice: '6' }, explanations: {}, nothingToReport: false, userId: ids.head });
    await submitFiling(db.prisma, { filingId, userId: ids.head, ...CERTIFY, amendmentReason: 'Two transfers were counted twice.', now: AUG_20 });
    expect(await counted(filingId)).toBe(1);
    expect(await publicTransfers('2026-Q1')).toMatchObject({ transfers: '8', revision: 1 });
    const waiting = await publicReport(filingId);
    expect(waiting).toMatchObject({ countedRevision: 1, amendmentAwaitingReview: 2, amendmentsAfterAcceptance: 1 });
    expect(waiting.revisions.map((revision) => revision.state)).toEqual(['counted', 'awaiting_review']);
    // The reviewer is told the accepted revision holds until the amendment is accepted.
    const page = await run(pageLoader, get(`/review/filings/${filingId}`, cookies.gastonReviewer), { id: String(filingId) });
    expect(page.body).toMatchObject({ filing: { state: 'awaiting_review', heldRevision: 1 } });
    // So is the agency, on its report.
    const own = await run(filingRoute.loader as Handler, get(`/filings/${filingId}`, cookies.gastonHead), { id: String(filingId) });
    expect(own.body).toMatchObject({ awaitingAmendment: { revision: 2, counted: 1 } });

    await reviewFiling(db.prisma, { filingId, revisionNumber: 2, decision: 'ACCEPTED', reviewerId: ids.reviewer });
    expect(await counted(filingId)).toBe(2);
    expect(await publicTransfers('2026-Q1')).toMatchObject({ transfers: '6', revision: 2 });
    const switched = await publicReport(filingId);
    expect(switched).toMatchObject({ countedRevision: 2, amendmentAwaitingReview: null, amendmentsAfterAcceptance: 1 });
    expect(switched.revisions.map((revision) => revision.state)).toEqual(['superseded', 'counted']);
    const accepted = await run(filingRoute.loader as Handler, get(`/filings/${filingId}`, cookies.gastonHead), { id: String(filingId) });
    expect(accepted.body).toMatchObject({ awaitingAmendment: null });
  });

  it('leaves the accepted figures in place when the amendment is returned', async () => {
    const filingId = await submitted('2026-Q2', VALUES, AUG_20);
    await reviewFiling(db.prisma, { filingId, revisionNumber: 1, decision: 'ACCEPTED', reviewerId: ids.reviewer });
    await saveDraft(db.prisma, { filingId, values: { ...VALUES, transfers_to_ice: '10' }, explanations: {}, nothingToReport: false, userId: ids.head });
    await submitFiling(db.prisma, { filingId, userId: ids.head, ...CERTIFY, amendmentReason: 'Added the transfers of the annex.', now: AUG_20 });
    await reviewFiling(db.prisma, { filingId, revisionNumber: 2, decision: 'RETURNED', note: 'The annex is not part of this agreement.', reviewerId: ids.reviewer });
    expect(await counted(filingId)).toBe(1);
    const report = await publicReport(filingId);
    expect(report).toMatchObject({ countedRevision: 1, amendmentAwaitingReview: null, amendmentsAfterAcceptance: 1 });
    expect(report.revisions.map((revision) => revision.state)).toEqual(['counted', 'returned']);
    // The public record keeps the accepted report standing, not "returned".
    const dashboard = await agencyDashboard(db.prisma, 'nc-gaston-county-sheriffs-office', { now: AUG_20 });
    expect(dashboard!.compliance.periods.find((period) => period.key === '2026-Q2')).toMatchObject({ status: 'late', review: 'accepted' });
  });
});
