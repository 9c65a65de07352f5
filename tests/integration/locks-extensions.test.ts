/**
 * Deadlines with teeth (issue 15, point 2): a period past its requirement's lock refuses a
 * submission (period_locked) until a reviewer of the policy's place grants an extension; the
 * extension's new date then governs, it is audited, and it is listed on the agency's public page.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { readAuditLog, verifyAuditLog } from '~/reporting/audit-log.server';
import { FilingRefusedError, openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { createPolicy } from '~/reporting/policies.server';
import * as agencyRoute from '~/routes/agencies.$slug';
import * as route from '~/routes/review_.requirements.$id';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { cookieFor, get, post, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];
const action = route.action as Handler;
const GASTON = 'nc-gaston-county-sheriffs-office';
/** Q1 2025 is due 2025-04-30 and, with 10 lock days, locks at New York midnight starting 2025-05-11. */
const JUNE_15 = new Date('2025-06-15T15:00:00Z');
const certify = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' as const };

let db: TestDatabase;
let requirementId = 0;
let filerId = 0;
let reviewerId = 0;
const cookies = { reviewer: '', otherReviewer: '' };

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON } });
  const county = (fips: string) => db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips } });
  const gastonCounty = await county('37071');
  const reviewer = await db.prisma.user.create({ data: { email: 'clerk.gaston@example.org', name: 'Clerk', roles: { create: { role: 'REVIEWER', jurisdictionId: gastonCounty.id } } } });
  reviewerId = reviewer.id;
  cookies.reviewer = await cookieFor(db.prisma, reviewer.id);
  const other = await db.prisma.user.create({ data: { email: 'clerk.cabarrus@example.org', name: 'Other', roles: { create: { role: 'REVIEWER', jurisdictionId: (await county('37025')).id } } } });
  cookies.otherReviewer = await cookieFor(db.prisma, other.id);
  filerId = (await db.prisma.user.create({ data: { email: 'filer@gaston.example', name: 'Filer' } })).id;
  const policy = await createPolicy(db.prisma, {
    jurisdictionId: gastonCounty.id,
    kind: 'COUNTY_REPORTING',
    title: '287(g) reporting',
    statute: 'G.S. 153A-104',
    adoptedOn: '2024-12-02',
    oathText: 'I certify that this report is true.',
    requirements: [
      {
        agencyId: gaston.id,
        title: 'Quarterly report',
        effectiveFrom: '2025-01-01',
        frequency: 'QUARTERLY',
        dueDaysAfterEnd: 30,
        acceptsLate: true,
        lockDaysAfterDue: 10,
        metricKeys: ['gross_cost', 'detainers_received'],
      },
    ],
  });
  requirementId = policy.requirements[0].id;
  expect(policy.requirements[0].versions[0].lockDaysAfterDue).toBe(10);
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

async function draftedQ1() {
  const filing = await openFiling(db.prisma, { requirementId, periodKey: '2025-Q1', now: JUNE_15 });
  await saveDraft(db.prisma, { filingId: filing.id, values: { gross_cost: '1200', detainers_received: '3' }, explanations: {}, nothingToReport: false, userId: filerId });
  return filing;
}

describe('a locked period and its extension', () => {
  const url = () => `/review/requirements/${requirementId}`;
  const params = () => ({ id: String(requirementId) });
  const grant = (cookie: string, fields: Record<string, string> = {}) =>
    run(action, post(url(), { intent: 'extend', periodKey: '2025-Q1', until: '2025-06-30', reason: 'The records clerk was on medical leave.', ...fields }, cookie), params());

  it('files on the last day before the lock, in New York time', async () => {
    // Q2 is due 2025-07-30 and locks 2025-08-10: 03:59:59.999Z is still 08-09 in New York (EDT).
    const filing = await openFiling(db.prisma, { requirementId, periodKey: '2025-Q2', now: JUNE_15 });
    await saveDraft(db.prisma, { filingId: filing.id, values: { gross_cost: '900', detainers_received: '1' }, explanations: {}, nothingToReport: false, userId: filerId });
    const revision = await submitFiling(db.prisma, { filingId: filing.id, userId: filerId, ...certify, now: new Date('2025-08-10T03:59:59.999Z') });
    expect(revision.number).toBe(1);
  });

  it('refuses a late submission with period_locked and the day it locked, writing nothing (a draft may still be saved)', async () => {
    const filing = await draftedQ1();
    const error = await submitFiling(db.prisma, { filingId: filing.id, userId: filerId, ...certify, now: JUNE_15 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(FilingRefusedError);
    expect((error as FilingRefusedError).issues.map((issue) => issue.message)).toEqual([{ code: 'period_locked', params: { locked: '2025-05-11' } }]);
    expect(await db.prisma.filingRevision.count({ where: { filingId: filing.id } })).toBe(0);
  });

  it('refuses a reviewer of another county (403), and grants nothing', async () => {
    expect((await grant(cookies.otherReviewer)).status).toBe(403);
    expect(await db.prisma.filingExtension.count()).toBe(0);
  });

  it('refuses an extension without a reason or with a period the requirement does not expect', async () => {
    const short = await grant(cookies.reviewer, { reason: 'late' });
    expect(short).toMatchObject({ status: 400, body: { form: 'extension', errors: { reason: expect.stringMatching(/at least 10 characters/) } } });
    const unknown = await grant(cookies.reviewer, { periodKey: '1999-Q1' });
    expect(unknown).toMatchObject({ status: 400, body: { form: 'extension', errors: { periodKey: expect.any(String) } } });
    expect(await db.prisma.filingExtension.count()).toBe(0);
  });

  it('lets the same submission through once a reviewer grants an extension, audited', async () => {
    const granted = await grant(cookies.reviewer);
    expect(granted).toMatchObject({ status: 302, location: `${url()}?extended=2025-Q1` });
    expect(await db.prisma.filingExtension.findMany({ select: { periodKey: true, reason: true, grantedById: true } })).toEqual([
      { periodKey: '2025-Q1', reason: 'The records clerk was on medical leave.', grantedById: reviewerId },
    ]);
    const filing = await openFiling(db.prisma, { requirementId, periodKey: '2025-Q1', now: JUNE_15 });
    // After the extension's day it is locked again: the new date governs.
    const after = await submitFiling(db.prisma, { filingId: filing.id, userId: filerId, ...certify, now: new Date('2025-07-01T04:00:00Z') }).catch((caught: unknown) => caught);
    expect((after as FilingRefusedError).issues.map((issue) => issue.message)).toEqual([{ code: 'period_locked', params: { locked: '2025-07-01' } }]);
    const revision = await submitFiling(db.prisma, { filingId: filing.id, userId: filerId, ...certify, now: JUNE_15 });
    expect(revision.number).toBe(1);

    const log = await readAuditLog(db.prisma);
    expect(log.find((entry) => entry.kind === 'extension_granted')).toMatchObject({
      actor: `user:${reviewerId}`,
      subject: `requirement:${requirementId}`,
      data: { period: '2025-Q1', until: '2025-06-30', reason: 'The records clerk was on medical leave.' },
    });
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true });
  });

  it('takes lock days on the amend form, and carries them into the new version', async () => {
    const amended = await run(
      action,
      post(url(), { frequency: 'QUARTERLY', dueDaysAfterEnd: '30', acceptsLate: 'on', lockDaysAfterDue: '5', effectiveFrom: '2026-01-01', metricKeys: 'gross_cost' }, cookies.reviewer),
      params(),
    );
    expect(amended).toMatchObject({ status: 302 });
    const bad = await run(action, post(url(), { frequency: 'QUARTERLY', dueDaysAfterEnd: '30', lockDaysAfterDue: '-2', effectiveFrom: '2026-04-01', metricKeys: 'gross_cost' }, cookies.reviewer), params());
    expect(bad).toMatchObject({ status: 400, body: { form: 'rules', errors: { lockDaysAfterDue: expect.any(String) } } });
    const versions = await db.prisma.requirementVersion.findMany({ where: { requirementId }, orderBy: { effectiveFrom: 'asc' }, select: { lockDaysAfterDue: true } });
    expect(versions).toEqual([{ lockDaysAfterDue: 10 }, { lockDaysAfterDue: 5 }]);
  });

  it('lists the extension on the agency’s public page', async () => {
    const page = await run(agencyRoute.loader as Handler, get(`/agencies/${GASTON}`), { slug: GASTON });
    expect(page.status).toBe(200);
    expect((page.body as { extensions: unknown }).extensions).toEqual([
      { requirementTitle: 'Quarterly report', periodKey: '2025-Q1', until: '2025-06-30', reason: 'The records clerk was on medical leave.', grantedOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) },
    ]);
  });
});
