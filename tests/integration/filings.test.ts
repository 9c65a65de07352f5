/**
 * Filing reports against real PostgreSQL with ICE's real July 2025 list: policies and their
 * requirements, the filer's list of periods, drafts kept as typed, submissions, amendments,
 * refusals that write nothing, and concurrent submissions (by the service and through the API)
 * forming one valid audit chain.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateApiToken, createApiToken } from '~/auth/api-tokens.server';
import type { PrismaClient } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { importIceList } from '~/registry/ice-import.server';
import { readAuditLog, verifyAuditLog } from '~/reporting/audit-log.server';
import { fileByApi } from '~/reporting/filings-api.server';
import { describeFilingMessage, type FilingMessage } from '~/reporting/filing-messages';
import { METRIC_CATALOGUE_VERSION } from '~/reporting/metrics';
import { expectedFilings, FilingRefusedError, openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { amendRequirement, createPolicy, PolicyRefusedError, } from '~/reporting/policies.server';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { countyPolicy, monthlyRequirements } from '../support/policies';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const JEM_KEYS = ['detainers_received', 'detainers_honored', 'detainers_declined', 'transfers_to_ice', 'people_encountered', 'gross_cost'];
const GOOD_VALUES = {
  detainers_received: '14',
  detainers_honored: '9',
  detainers_declined: '3',
  transfers_to_ice: '8',
  people_encountered: '40',
  gross_cost: '$12,500.5',
};
const NOV_20 = new Date('2025-11-20T17:00:00Z');
/** Issues carry message codes; the English catalog words them as the API does. */
const inEnglish = (message: FilingMessage) => describeFilingMessage(translator('en'), message);

/** A fresh database with NC's counties and ICE's participating list of 2025-07-18. */
async function registryDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  return db;
}

async function makeUser(prisma: PrismaClient, email: string) {
  return prisma.user.create({ data: { email, name: 'Test Filer' } });
}

/** What a call refused with, for asserting on the issues. */
async function refusal<T extends Error>(promise: Promise<unknown>, type: new (...args: never[]) => T): Promise<T> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(type);
  return error as T;
}

describe('filing reports for Gaston County Sheriff’s Office', () => {
  let db: TestDatabase;
  let gaston: { id: number; jurisdictionId: number };
  let userId: number;

  beforeAll(async () => {
    db = await registryDatabase();
    const county = await db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips: '37071' } });
    const agency = await db.prisma.agency.findFirstOrThrow({ where: { name: "Gaston County Sheriff's Office" }, include: { agreements: true } });
    expect(agency.jurisdictionId).toBe(county.id);
    expect(agency.agreements.map((a) => [a.model, a.status, a.signedOn?.toISOString().slice(0, 10)])).toEqual([['JEM', 'ACTIVE', '2020-06-09']]);
    gaston = { id: agency.id, jurisdictionId: county.id };
    userId = (await makeUser(db.prisma, 'filer@gaston.example')).id;
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A new quarterly requirement (due 30 days after the quarter, from 2025-01-01), so each test has its own filings. */
  async function quarterlyRequirement(options: { acceptsLate?: boolean } = {}) {
    const policy = await createPolicy(
      db.prisma,
      countyPolicy(gaston.jurisdictionId, [
        { agencyId: gaston.id, title: 'Quarterly 287(g) report', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: options.acceptsLate ?? true, metricKeys: JEM_KEYS, effectiveFrom: '2025-01-01' },
      ]),
    );
    return policy.requirements[0];
  }

  async function draftFiling(periodKey: string, values: Record<string, string>, options: { explanations?: Record<string, string>; nothingToReport?: boolean } = {}) {
    const requirement = await quarterlyRequirement();
    const filing = await openFiling(db.prisma, { requirementId: requirement.id, periodKey, now: NOV_20 });
    const saved = await saveDraft(db.prisma, { filingId: filing.id, values, explanations: options.explanations ?? {}, nothingToReport: options.nothingToReport ?? false, userId });
    return { requirement, filing, issues: saved.issues };
  }

  const certify = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' as const };

  it('lists the quarters due as of 2025-11-20, with their due dates, all overdue', async () => {
    const requirement = await quarterlyRequirement();
    expect(requirement.versions).toMatchObject([{ frequency: 'QUARTERLY', dueDaysAfterEnd: 30, metricKeys: JEM_KEYS, catalogueVersion: METRIC_CATALOGUE_VERSION }]);

    const lists = await expectedFilings(db.prisma, gaston.id, NOV_20);
    const mine = lists.find((list) => list.requirement.id === requirement.id)!;
    expect(mine.periods.map((p) => ({ key: p.key, start: p.start, end: p.end, dueOn: p.dueOn, dueAt: p.dueAt, status: p.status, partial: p.partial, filing: p.filing }))).toEqual([
      { key: '2025-Q1', start: '2025-01-01', end: '2025-03-31', dueOn: '2025-04-30', dueAt: '2025-05-01T03:59:59.999Z', status: 'overdue', partial: false, filing: null },
      { key: '2025-Q2', start: '2025-04-01', end: '2025-06-30', dueOn: '2025-07-30', dueAt: '2025-07-31T03:59:59.999Z', status: 'overdue', partial: false, filing: null },
      { key: '2025-Q3', start: '2025-07-01', end: '2025-09-30', dueOn: '2025-10-30', dueAt: '2025-10-31T03:59:59.999Z', status: 'overdue', partial: false, filing: null },
    ]);

    // A quarter submitted before its deadline then shows as on time, with its revision.
    const filing = await openFiling(db.prisma, { requirementId: requirement.id, periodKey: '2025-Q3', now: NOV_20 });
    expect(filing).toMatchObject({ periodKey: '2025-Q3', dueAt: new Date('2025-10-31T03:59:59.999Z'), versionId: requirement.versions[0].id, agencyId: gaston.id });
    await saveDraft(db.prisma, { filingId: filing.id, values: GOOD_VALUES, explanations: {}, nothingToReport: false, userId });
    await submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, now: new Date('2025-10-20T15:00:00Z') });
    const after = (await expectedFilings(db.prisma, gaston.id, NOV_20)).find((list) => list.requirement.id === requirement.id)!;
    expect(after.periods.map((p) => [p.key, p.status, p.latestRevision?.number ?? null])).toEqual([
      ['2025-Q1', 'overdue', null],
      ['2025-Q2', 'overdue', null],
      ['2025-Q3', 'on_time', 1],
    ]);
  });

  it('opens a filing once per period, and refuses a period the calendar does not expect', async () => {
    const requirement = await quarterlyRequirement();
    const [a, b] = await Promise.all([
      openFiling(db.prisma, { requirementId: requirement.id, periodKey: '2025-Q2', now: NOV_20 }),
      openFiling(db.prisma, { requirementId: requirement.id, periodKey: '2025-Q2', now: NOV_20 }),
    ]);
    expect(a.id).toBe(b.id);
    for (const periodKey of ['2024-Q4', '2026-Q1', '2025-07', 'nonsense']) {
      const error = await refusal(openFiling(db.prisma, { requirementId: requirement.id, periodKey, now: NOV_20 }), FilingRefusedError);
      expect(error.issues[0].fields).toEqual(['periodKey']);
    }
  });

  it('keeps a draft exactly as typed when it cannot be read, and names the fields', async () => {
    const typed = { detainers_received: ' 12 ', detainers_honored: 'twelve', gross_cost: '1.234', people_encountered: '' };
    const { filing, issues } = await draftFiling('2025-Q1', typed, { explanations: { note: 'kept too' } });

    const stored = await db.prisma.filing.findUniqueOrThrow({ where: { id: filing.id } });
    expect(stored.draftValues).toEqual(typed);
    expect(stored.draftExplanations).toEqual({ note: 'kept too' });
    expect(stored.draftSavedById).toBe(userId);
    expect(issues.filter((i) => i.source === 'value').map((i) => [i.fields[0], inEnglish(i.message)])).toEqual([
      ['detainers_honored', '"twelve" is not a number.'],
      ['detainers_declined', 'Enter a value, or 0 if there was none.'],
      ['transfers_to_ice', 'Enter a value, or 0 if there was none.'],
      ['people_encountered', 'Enter a value, or 0 if there was none.'],
      ['gross_cost', 'Use dollars and cents: at most 2 decimals.'],
    ]);

    // Submitting it is refused with the same messages, and writes nothing.
    const error = await refusal(submitFiling(db.prisma, { filingId: filing.id, userId, ...certify }), FilingRefusedError);
    expect(error.issues.map((i) => i.fields[0])).toEqual(['detainers_honored', 'detainers_declined', 'transfers_to_ice', 'people_encountered', 'gross_cost']);
    expect(await db.prisma.filingRevision.count({ where: { filingId: filing.id } })).toBe(0);
  });

  it('amends a submitted report as revision 2 with its reason, keeping revision 1; refuses an amendment without a reason', async () => {
    const { filing } = await draftFiling('2025-Q2', GOOD_VALUES);
    const first = await submitFiling(db.prisma, { filingId: filing.id, userId, ...certify });
    expect(first).toMatchObject({
      number: 1,
      values: { ...GOOD_VALUES, gross_cost: '12500.50' },
      amendmentReason: null,
      certifiedName: 'Chad Hawkins',
      oathText: 'I certify that this report is true and complete to the best of my knowledge.',
      channel: 'WEB',
      submittedById: userId,
    });

    await saveDraft(db.prisma, { filingId: filing.id, values: { ...GOOD_VALUES, detainers_declined: '5' }, explanations: {}, nothingToReport: false, userId });
    const auditBefore = await db.prisma.auditEntry.count();
    for (const amendmentReason of [undefined, '', '   typo   ']) {
      const error = await refusal(submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, amendmentReason }), FilingRefusedError);
      expect(error.issues.map((i) => i.fields)).toEqual([['amendmentReason']]);
      expect(error.message).toMatch(/say why you are amending it \(at least 10 characters\)/);
    }
    expect(await db.prisma.auditEntry.count()).toBe(auditBefore);

    const second = await submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, channel: 'API', amendmentReason: 'Two declined detainers were missed.' });
    expect(second).toMatchObject({ number: 2, amendmentReason: 'Two declined detainers were missed.', channel: 'API', values: { detainers_declined: '5' } });

    const revisions = await db.prisma.filingRevision.findMany({ where: { filingId: filing.id }, orderBy: { number: 'asc' } });
    expect(revisions.map((r) => r.number)).toEqual([1, 2]);
    expect(revisions[0]).toEqual(first);

    const entries = (await readAuditLog(db.prisma)).filter((e) => e.subject === `filing:${filing.id}`);
    expect(entries.map((e) => [e.kind, e.actor, (e.data as { revision: number }).revision])).toEqual([
      ['submission', `user:${userId}`, 1],
      ['certification', `user:${userId}`, 1],
      ['amendment', `user:${userId}`, 2],
      ['certification', `user:${userId}`, 2],
    ]);
    expect(entries[3].data).toMatchObject({ certifiedName: certify.certifiedName, certifiedTitle: 'Sheriff', certifiedAt: second.certifiedAt.toISOString() });
    expect((entries[3].data as { oathSha256: string }).oathSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(entries[2].data).toMatchObject({ periodKey: '2025-Q2', agencyId: gaston.id, requirementId: filing.requirementId, channel: 'API', nothingToReport: false, certifiedTitle: 'Sheriff' });
    expect((entries[2].data as { valuesSha256: string }).valuesSha256).toMatch(/^[0-9a-f]{64}$/);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true });
  });

  it('refuses a report whose detainers honored exceed those received, naming the fields, and writes nothing', async () => {
    const { filing, issues } = await draftFiling('2025-Q3', { ...GOOD_VALUES, detainers_received: '3', detainers_honored: '14', detainers_declined: '0' });
    expect(issues).toMatchObject([{ source: 'rule', rule: 'detainers_honored_within_received', fields: ['detainers_honored', 'detainers_received'], blocking: true }]);

    const revisionsBefore = await db.prisma.filingRevision.count();
    const auditBefore = await db.prisma.auditEntry.count();
    const error = await refusal(submitFiling(db.prisma, { filingId: filing.id, userId, ...certify }), FilingRefusedError);
    expect(error.issues).toMatchObject([{ fields: ['detainers_honored', 'detainers_received'], message: { code: 'rule_cannot_exceed' } }]);
    expect(inEnglish(error.issues[0].message)).toBe('Detainers honored (14) cannot be more than detainers received (3).');
    expect(await db.prisma.filingRevision.count()).toBe(revisionsBefore);
    expect(await db.prisma.auditEntry.count()).toBe(auditBefore);
  });

  it('accepts "nothing to report" with no values', async () => {
    const { filing, issues } = await draftFiling('2025-Q1', {}, { nothingToReport: true });
    expect(issues).toEqual([]);
    const revision = await submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, channel: 'CSV' });
    expect(revision).toMatchObject({ number: 1, nothingToReport: true, values: {} });
    const entry = (await readAuditLog(db.prisma)).find((e) => e.subject === `filing:${filing.id}`)!;
    expect(entry.data).toMatchObject({ nothingToReport: true, channel: 'CSV', revision: 1 });
  });

  it('refuses a report before its period ends, and a late one when late reports are not accepted (but not its amendment)', async () => {
    const requirement = await quarterlyRequirement({ acceptsLate: false });
    const filing = await openFiling(db.prisma, { requirementId: requirement.id, periodKey: '2025-Q3', now: NOV_20 });
    await saveDraft(db.prisma, { filingId: filing.id, values: GOOD_VALUES, explanations: {}, nothingToReport: false, userId });

    const early = await refusal(submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, now: new Date('2025-10-01T03:00:00Z') }), FilingRefusedError);
    expect(early.message).toMatch(/The period ends on 2025-09-30/);
    const late = await refusal(submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, now: new Date('2025-10-31T04:00:00Z') }), FilingRefusedError);
    expect(late.message).toMatch(/due by 2025-10-30 and the policy does not accept late reports/);

    await submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, now: new Date('2025-10-31T03:59:59Z') });
    const amended = await submitFiling(db.prisma, { filingId: filing.id, userId, ...certify, amendmentReason: 'Corrected the gross cost.', now: NOV_20 });
    expect(amended.number).toBe(2);
  });

  it('makes one revision 1 of two simultaneous submissions of one filing; the other must amend', async () => {
    const { filing } = await draftFiling('2025-Q1', GOOD_VALUES);
    const results = await Promise.allSettled([1, 2].map(() => submitFiling(db.prisma, { filingId: filing.id, userId, ...certify })));
    expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(rejected.reason).toBeInstanceOf(FilingRefusedError);
    expect((rejected.reason as FilingRefusedError).issues[0].fields).toEqual(['amendmentReason']);
  });

  it('refuses, at policy creation, a task-force metric for a JEM-only agency and an agency of another county', async () => {
    const other = await db.prisma.agency.findFirstOrThrow({ where: { stateCode: 'NC', jurisdictionId: { not: gaston.jurisdictionId }, agreements: { some: { status: 'ACTIVE' } } } });
    const policiesBefore = await db.prisma.policy.count();
    const error = await refusal(
      createPolicy(
        db.prisma,
        countyPolicy(gaston.jurisdictionId, [
          { agencyId: gaston.id, title: 'Quarterly', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: ['detainers_received', 'task_force_stops'], effectiveFrom: '2025-01-01' },
          { agencyId: other.id, title: 'Quarterly', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: ['ice_requests'], effectiveFrom: '2025-01-01' },
        ]),
      ),
      PolicyRefusedError,
    );
    expect(error.issues).toEqual([
      { field: 'requirements.0.metricKeys', message: `"task_force_stops" (Task-force stops) does not apply to Gaston County Sheriff's Office's agreements (JEM).` },
      { field: 'requirements.1.agencyId', message: `${other.name} is not based in the policy's county or town.` },
    ]);
    expect(await db.prisma.policy.count()).toBe(policiesBefore);

    const invalid = await refusal(createPolicy(db.prisma, { ...countyPolicy(gaston.jurisdictionId, []), adoptedOn: '2025-02-30', title: ' ' }), PolicyRefusedError);
    expect(invalid.issues.map((i) => i.field).sort()).toEqual(['adoptedOn', 'requirements', 'title']);
  });

  it('amends a requirement with a later version only', async () => {
    const requirement = await quarterlyRequirement();
    const rules = { frequency: 'MONTHLY' as const, dueDaysAfterEnd: 15, acceptsLate: true, metricKeys: [...JEM_KEYS, 'bookings_screened'] };
    const error = await refusal(amendRequirement(db.prisma, { requirementId: requirement.id, effectiveFrom: '2025-01-01', ...rules }), PolicyRefusedError);
    expect(error.issues).toEqual([{ field: 'effectiveFrom', message: 'Must be after 2025-01-01, when the current rules took effect.' }]);
    const version = await amendRequirement(db.prisma, { requirementId: requirement.id, effectiveFrom: '2025-08-15', ...rules });
    expect(version).toMatchObject({ frequency: 'MONTHLY', dueDaysAfterEnd: 15 });

    // Q3 is completed under the quarterly rules; months start in October.
    const list = (await expectedFilings(db.prisma, gaston.id, NOV_20)).find((l) => l.requirement.id === requirement.id)!;
    expect(list.periods.map((p) => [p.key, p.dueOn])).toEqual([
      ['2025-Q1', '2025-04-30'],
      ['2025-Q2', '2025-07-30'],
      ['2025-Q3', '2025-10-30'],
      ['2025-10', '2025-11-15'],
    ]);
  });
});

describe('50 concurrent submissions across agencies', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await registryDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it('keeps every revision and one valid audit chain of 50 entries', async () => {
    const user = await makeUser(db.prisma, 'filer@many.example');
    const agencies = await db.prisma.agency.findMany({
      where: { stateCode: 'NC', jurisdictionId: { not: null }, agreements: { some: { status: 'ACTIVE' } } },
      orderBy: { name: 'asc' },
      take: 5,
    });
    expect(agencies).toHaveLength(5);

    // 5 agencies × 10 monthly requirements (every listed agreement was in force before August 2025).
    const filingIds: number[] = [];
    for (const agency of agencies) {
      const requirements = monthlyRequirements(agency.id, 10);
      const policy = await createPolicy(db.prisma, countyPolicy(agency.jurisdictionId!, requirements));
      for (const requirement of policy.requirements) {
        const filing = await openFiling(db.prisma, { requirementId: requirement.id, periodKey: '2025-08', now: NOV_20 });
        await saveDraft(db.prisma, { filingId: filing.id, values: { ice_requests: String(filingIds.length), transfers_to_ice: '1' }, explanations: {}, nothingToReport: false, userId: user.id });
        filingIds.push(filing.id);
      }
    }

    const revisions = await Promise.all(
      filingIds.map((filingId, i) => submitFiling(db.prisma, { filingId, userId: user.id, certifiedName: `Head ${i}`, certifiedTitle: 'Sheriff', channel: 'API' })),
    );
    expect(revisions.map((r) => r.number)).toEqual(filingIds.map(() => 1));
    const stored = await db.prisma.filingRevision.findMany({ where: { filingId: { in: filingIds } } });
    expect(stored).toHaveLength(50);
    expect(new Set(stored.map((r) => r.filingId)).size).toBe(50);
    // A submission and its certification each.
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true, count: 100 });
    expect(new Set((await readAuditLog(db.prisma)).map((e) => e.subject))).toEqual(new Set(filingIds.map((id) => `filing:${id}`)));
  });

  it('through the API: 60 at once, each whole or not at all, duplicates refused, one valid chain', async () => {
    const head = await makeUser(db.prisma, 'head@many.example');
    const agencies = await db.prisma.agency.findMany({
      where: { stateCode: 'NC', jurisdictionId: { not: null }, agreements: { some: { status: 'ACTIVE' } } },
      orderBy: { name: 'desc' },
      take: 5,
    });
    // 5 agencies × 4 monthly requirements × the 3 months ended by NOV_20; every 6th certified by nobody.
    const jobs: { token: string; body: Record<string, unknown>; refused: boolean }[] = [];
    for (const agency of agencies) {
      // A token acts only while its creator heads the agency.
      await db.prisma.roleAssignment.create({ data: { userId: head.id, role: 'HEAD', agencyId: agency.id } });
      const { token } = await createApiToken(db.prisma, { agencyId: agency.id, name: 'Jail system', createdById: head.id });
      const requirements = monthlyRequirements(agency.id, 4, 'Monthly API report');
      const policy = await createPolicy(db.prisma, countyPolicy(agency.jurisdictionId!, requirements));
      for (const requirement of policy.requirements) {
        for (const periodKey of ['2025-08', '2025-09', '2025-10']) {
          const refused = jobs.length % 6 === 5;
          const certification = { name: refused ? ' ' : 'A Head', title: 'Sheriff' };
          jobs.push({ token, refused, body: { requirementId: requirement.id, periodKey, values: { ice_requests: String(jobs.length + 2), transfers_to_ice: '2' }, certification } });
        }
      }
    }
    // Five accepted bodies sent twice at once: one becomes revision 1, the other must amend.
    const twice = jobs.filter((job) => !job.refused).slice(0, 5);
    const auditBefore = await db.prisma.auditEntry.count();
    const versionBefore = (await db.prisma.publicDataVersion.findUniqueOrThrow({ where: { id: 1 } })).version;

    const send = async (job: (typeof jobs)[number]) => {
      const principal = await authenticateApiToken(db.prisma, new Request('http://portal.test/api/v1/filings', { headers: { authorization: `Bearer ${job.token}` } }));
      return fileByApi(db.prisma, principal!, job.body, NOV_20);
    };
    const results = await Promise.all([...jobs, ...twice].map(send));

    const accepted = jobs.filter((job) => !job.refused);
    expect(results.slice(0, jobs.length).map((result, i) => (jobs[i].refused ? result.status === 422 : [201, 422].includes(result.status)))).not.toContain(false);
    const statuses = results.map((result) => result.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(accepted.length);
    const amendments = results.filter((result) => result.status === 422 && JSON.stringify(result.body).includes('amendment_reason_required'));
    expect(amendments).toHaveLength(twice.length);

    // Refused bodies left nothing behind: no filing for their periods.
    for (const job of jobs.filter((one) => one.refused)) {
      const { requirementId, periodKey } = job.body as { requirementId: number; periodKey: string };
      expect(await db.prisma.filing.findUnique({ where: { requirementId_periodKey: { requirementId, periodKey } } })).toBeNull();
    }
    // Each accepted one: revision 1 by the token's head, counted, with its figures.
    const filings = await db.prisma.filing.findMany({
      where: { requirement: { title: { startsWith: 'Monthly API report' } } },
      include: { revisions: { include: { figures: true } } },
    });
    expect(filings).toHaveLength(accepted.length);
    for (const filing of filings) {
      expect(filing.revisions.map((revision) => [revision.number, revision.channel, revision.submittedById])).toEqual([[1, 'API', head.id]]);
      expect(filing.countedRevisionId).toBe(filing.revisions[0].id);
      expect(filing.revisions[0].figures.map((figure) => [figure.metricKey, figure.value.toString()]).sort()).toEqual(
        Object.entries(filing.revisions[0].values as Record<string, string>).sort(),
      );
      expect(filing.draftSavedById).toBe(head.id);
    }

    // One valid chain: each filing's submission and certification, one after the other.
    const entries = (await readAuditLog(db.prisma)).slice(auditBefore);
    expect(entries).toHaveLength(2 * accepted.length);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true, count: auditBefore + 2 * accepted.length });
    for (let i = 0; i < entries.length; i += 2) {
      expect([entries[i].kind, entries[i + 1].kind, entries[i + 1].subject]).toEqual(['submission', 'certification', entries[i].subject]);
    }
    expect((await db.prisma.publicDataVersion.findUniqueOrThrow({ where: { id: 1 } })).version).toBeGreaterThan(versionBefore);
  });
});
