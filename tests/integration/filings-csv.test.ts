/**
 * The CSV template and the multi-period upload on a demo database (Gaston's quarterly demo
 * policy): who may download and upload, a file with a bad cell refused with its row and
 * column and nothing written, the corrected file filing every period (channel CSV, valid audit
 * chain), and a failure midway rolling back the periods already filed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { verifyAuditLog } from '~/reporting/audit-log.server';
import { describeFilingMessage } from '~/reporting/filing-messages';
import { expectedFilings, openFiling, saveDraft } from '~/reporting/filings.server';
import * as filingsRoute from '~/routes/filings._index';
import * as templateRoute from '~/routes/filings.template.$requirementId[.csv]';
import * as uploadRoute from '~/routes/filings.upload.$requirementId/route';
import { prepareDatabase } from '../../scripts/db/prepare';
import { cookieFor, get, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];
const templateLoader = templateRoute.loader as Handler;
const uploadLoader = uploadRoute.loader as Handler;
const uploadAction = uploadRoute.action as Handler;
const filingsLoader = filingsRoute.loader as Handler;

const HEADER = [
  'period',
  'nothing_to_report',
  'gross_cost',
  'federal_reimbursement',
  'igsa_revenue',
  'detainers_received',
  'detainers_honored',
  'detainers_declined',
  'transfers_to_ice',
  'people_encountered',
  'complaints_filed',
  'complaints_sustained',
  'explanation',
].join(',');
/** A good row for a period: the figures in the header's order. */
const row = (period: string, honored = '9') => `${period},,"$12,500.50",0,0,14,${honored},3,8,40,1,0,`;
const CERTIFY = { certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff' };

let db: TestDatabase;
const cookies = { head: '', clerk: '', cabarrus: '', reviewer: '' };
const ids = { gaston: 0, requirement: 0, cabarrusRequirement: 0, clerk: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } });
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-gaston-county-sheriffs-office' } });
  const cabarrus = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-cabarrus-county-sheriffs-office' } });
  // A filer who is not the head: may fill in the template, not upload it.
  const clerk = await db.prisma.user.create({
    data: { email: 'clerk.gaston@example.org', name: 'Gaston Clerk', roles: { create: { role: 'FILER', agencyId: gaston.id } } },
  });
  cookies.head = await cookieFor(db.prisma, (await user('filer.gaston@example.org')).id);
  cookies.cabarrus = await cookieFor(db.prisma, (await user('filer.cabarrus@example.org')).id);
  cookies.reviewer = await cookieFor(db.prisma, (await user('reviewer.gaston@example.org')).id);
  cookies.clerk = await cookieFor(db.prisma, clerk.id);
  ids.gaston = gaston.id;
  ids.clerk = clerk.id;
  ids.requirement = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: gaston.id } })).id;
  ids.cabarrusRequirement = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: cabarrus.id } })).id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

const templateUrl = (id: number | string = ids.requirement) => `/filings/template/${id}.csv`;
const uploadUrl = (id: number | string = ids.requirement) => `/filings/upload/${id}`;
const params = (id: number | string = ids.requirement) => ({ requirementId: String(id) });

/** A multipart POST as the upload form sends it. */
function upload(csv: string | null, cookie?: string, fields: Record<string, string> = { ...CERTIFY, certify: 'on' }, id: number | string = ids.requirement) {
  const form = new FormData();
  if (csv !== null) form.append('file', new File([csv], 'reports.csv', { type: 'text/csv' }));
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  return new Request(`http://portal.test${uploadUrl(id)}`, { method: 'POST', body: form, headers: cookie ? { cookie } : {} });
}

const csvFile = (...rows: string[]) => [HEADER, ...rows].join('\r\n') + '\r\n';

async function written() {
  const filings = await db.prisma.filing.findMany({ where: { requirementId: ids.requirement }, orderBy: { periodKey: 'asc' } });
  return {
    filings: filings.map((filing) => ({ periodKey: filing.periodKey, draftValues: filing.draftValues, draftSavedAt: filing.draftSavedAt, draftSavedById: filing.draftSavedById })),
    revisions: await db.prisma.filingRevision.count(),
    audit: await db.prisma.auditEntry.count(),
  };
}

interface Refused {
  errors: Record<string, string>;
  issues: { where: string; message: string; row: number | null; columns: string[] }[];
  posted: { certifiedName: string; certifiedTitle: string };
}

describe('who may use it', () => {
  it('sends anonymous visitors to sign in', async () => {
    expect((await run(templateLoader, get(templateUrl()), params())).location).toBe(`/sign-in?redirectTo=${encodeURIComponent(templateUrl())}`);
    expect((await run(uploadLoader, get(uploadUrl()), params())).location).toBe(`/sign-in?redirectTo=${encodeURIComponent(uploadUrl())}`);
    expect((await run(uploadAction, upload(csvFile(row('2025-Q1'))), params())).location).toBe(`/sign-in?redirectTo=${encodeURIComponent(uploadUrl())}`);
  });

  it('lets a filer download the template and see the page, but not upload', async () => {
    expect((await run(templateLoader, get(templateUrl(), cookies.clerk), params())).status).toBe(200);
    const page = await run(uploadLoader, get(uploadUrl(), cookies.clerk), params());
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ canUpload: false });
    const before = await written();
    expect((await run(uploadAction, upload(csvFile(row('2025-Q1')), cookies.clerk), params())).status).toBe(403);
    expect(await written()).toEqual(before);
  });

  it('refuses Cabarrus’s filer and head, and Gaston’s reviewer, on Gaston’s requirement', async () => {
    for (const cookie of [cookies.cabarrus, cookies.reviewer]) {
      expect((await run(templateLoader, get(templateUrl(), cookie), params())).status).toBe(403);
      expect((await run(uploadLoader, get(uploadUrl(), cookie), params())).status).toBe(403);
      expect((await run(uploadAction, upload(csvFile(row('2025-Q1')), cookie), params())).status).toBe(403);
    }
    expect(await db.prisma.filingRevision.count()).toBe(0);
  });

  it('gives ids that do not exist or are not ids the same 403', async () => {
    for (const id of ['999999', '99999999999', 'abc', '1e1']) {
      expect((await run(templateLoader, get(templateUrl(id), cookies.head), params(id))).status, id).toBe(403);
      expect((await run(uploadLoader, get(uploadUrl(id), cookies.head), params(id))).status, id).toBe(403);
      expect((await run(uploadAction, upload(csvFile(row('2025-Q1')), cookies.head, undefined, id), params(id))).status, id).toBe(403);
    }
  });
});

describe('the template and the page', () => {
  it('is a UTF-8 CSV with a BOM, named after the agency, with a row per period still to file', async () => {
    const response = (await templateLoader({ request: get(templateUrl(), cookies.head), params: params(), context: TEST_CONTEXT })) as Response;
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="gaston-county-sheriffs-office-quarterly-report-template.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).split('\r\n');
    expect(lines[0]).toBe(HEADER);
    // Every quarter since the policy began (2025 Q1) that has ended, nothing filled in but the key.
    const periods = (await expectedFilings(db.prisma, ids.gaston)).find((list) => list.requirement.id === ids.requirement)!.periods;
    expect(periods.length).toBeGreaterThanOrEqual(4);
    expect(lines.slice(1)).toEqual([...periods.map((period) => `${period.key},,,,,,,,,,,,`), '']);
    expect(lines[1]).toBe('2025-Q1,,,,,,,,,,,,');
  });

  it('shows the head what each column means, the periods, and the drafts an upload would replace', async () => {
    const filing = await openFiling(db.prisma, { requirementId: ids.requirement, periodKey: '2025-Q2' });
    await saveDraft(db.prisma, { filingId: filing.id, values: { detainers_honored: '7' }, explanations: {}, nothingToReport: false, userId: ids.clerk });
    const page = await run(uploadLoader, get(uploadUrl(), cookies.head), params());
    expect(page.body).toMatchObject({
      canUpload: true,
      templateHref: templateUrl(),
      requirement: { agencyName: "Gaston County Sheriff's Office", oathText: expect.stringContaining('I certify') },
      drafted: [{ key: '2025-Q2', label: 'April–June 2025' }],
    });
    const { metrics, periods } = page.body as { metrics: { key: string; label: string; unit: string; definition: string }[]; periods: { key: string }[] };
    expect(metrics.map((metric) => metric.key)).toEqual(HEADER.split(',').slice(2, -1));
    expect(metrics[0]).toMatchObject({ key: 'gross_cost', label: 'Gross cost', unit: 'USD', definition: expect.stringContaining('Total cost') });
    expect(periods[0]).toEqual({ key: '2025-Q1', label: 'January–March 2025' });
  });
});

describe('uploading several periods', () => {
  it('refuses a file with a bad cell, naming row and column, and writes nothing', async () => {
    // The web draft of 2025-Q2 has the same bad value: the form and the CSV say the same thing.
    const draft = await db.prisma.filing.findFirstOrThrow({ where: { requirementId: ids.requirement, periodKey: '2025-Q2' } });
    const formCheck = await saveDraft(db.prisma, { filingId: draft.id, values: { detainers_honored: 'lots' }, explanations: {}, nothingToReport: false, userId: ids.clerk });
    // The form's issue in the words the upload page uses (English: the request asks for no language).
    const formMessage = describeFilingMessage(translator('en'), formCheck.issues.find((issue) => issue.fields.join() === 'detainers_honored')!.message);
    const before = await written();
    expect(before.revisions).toBe(0);

    const outcome = await run(uploadAction, upload(csvFile(row('2025-Q1'), row('2025-Q2', 'lots'), row('2025-Q3')), cookies.head), params());
    expect(outcome.status).toBe(422);
    const body = outcome.body as Refused;
    expect(body.issues.map((issue) => `${issue.where}: ${issue.message}`)).toEqual([`Row 3 (2025-Q2), column detainers_honored: ${formMessage}`]);
    expect(formMessage).toBe('"lots" is not a number.');
    // The name and title stay typed; the file must be chosen again.
    expect(body.posted).toEqual(CERTIFY);
    // Nothing saved: no revision, no audit entry, no filing opened, the web draft as it was.
    expect(await written()).toEqual(before);
  });

  it('refuses the form without the certification box or a file, keeping what was typed', async () => {
    const before = await written();
    const unticked = await run(uploadAction, upload(csvFile(row('2025-Q1')), cookies.head, { ...CERTIFY }), params());
    expect(unticked.status).toBe(400);
    expect((unticked.body as Refused).errors).toEqual({ certify: 'Tick the box to certify the figures under the oath.' });
    expect((unticked.body as Refused).posted).toEqual(CERTIFY);
    const noFile = await run(uploadAction, upload(null, cookies.head, { certifiedName: ' ', certifiedTitle: 'Sheriff', certify: 'on' }), params());
    expect((noFile.body as Refused).errors).toEqual({ file: 'Choose the CSV file to upload.', certifiedName: 'Enter the name of the person certifying the reports.' });
    expect(await written()).toEqual(before);
  });

  it('files every period of the corrected file, channel CSV, replacing the web draft, with a valid audit chain', async () => {
    const outcome = await run(uploadAction, upload(csvFile(row('2025-Q1'), row('2025-Q2'), row('2025-Q3')), cookies.head), params());
    expect(outcome).toMatchObject({ status: 302, location: '/filings?filed=3' });

    const filings = await db.prisma.filing.findMany({
      where: { requirementId: ids.requirement },
      orderBy: { periodKey: 'asc' },
      include: { revisions: true },
    });
    expect(filings.map((filing) => [filing.periodKey, filing.revisions.map((r) => [r.number, r.channel, r.certifiedName, r.certifiedTitle])])).toEqual(
      ['2025-Q1', '2025-Q2', '2025-Q3'].map((key) => [key, [[1, 'CSV', 'Chad Hawkins', 'Sheriff']]]),
    );
    expect(filings[0].revisions[0].values).toEqual({
      gross_cost: '12500.50',
      federal_reimbursement: '0.00',
      igsa_revenue: '0.00',
      detainers_received: '14',
      detainers_honored: '9',
      detainers_declined: '3',
      transfers_to_ice: '8',
      people_encountered: '40',
      complaints_filed: '1',
      complaints_sustained: '0',
    });
    // The row replaced the web draft of 2025-Q2.
    expect(filings[1].draftValues).toMatchObject({ detainers_honored: '9', gross_cost: '$12,500.50' });

    const audit = await db.prisma.auditEntry.findMany({ orderBy: { seq: 'asc' } });
    expect(audit.filter((entry) => entry.kind === 'submission').map((entry) => [entry.subject, (entry.data as { channel: string }).channel])).toEqual(
      filings.map((filing) => [`filing:${filing.id}`, 'CSV']),
    );
    expect(audit.filter((entry) => entry.kind === 'certification')).toHaveLength(3);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true, count: 6 });

    const list = await run(filingsLoader, get('/filings?filed=3', cookies.head));
    expect(list.body).toMatchObject({ filed: 3 });
  });

  it('refuses a period already submitted: it is amended on its page', async () => {
    const before = await written();
    const outcome = await run(uploadAction, upload(csvFile(row('2025-Q2')), cookies.head), params());
    expect((outcome.body as Refused).issues.map((issue) => `${issue.where}: ${issue.message}`)).toEqual([
      'Row 2 (2025-Q2), column period: The report for 2025-Q2 is already submitted. To correct it, amend it on its page.',
    ]);
    expect(await written()).toEqual(before);
    // The template no longer offers the submitted quarters.
    const template = await run(templateLoader, get(templateUrl(), cookies.head), params());
    expect(String(template.body).split('\r\n')[1]).toBe('2025-Q4,,,,,,,,,,,,');
  });

  it('rolls back every period when one fails midway', async () => {
    // A test-only trigger refuses 2026-Q1's revision, after 2025-Q4's was written in the same transaction.
    await db.prisma.$executeRawUnsafe(`
      create function test_refuse_2026_q1() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from filing f where f.id = new.filing_id and f.period_key = '2026-Q1') then
          raise exception 'test: refused 2026-Q1';
        end if;
        return new;
      end $$`);
    await db.prisma.$executeRawUnsafe('create trigger test_refuse_2026_q1 before insert on filing_revision for each row execute function test_refuse_2026_q1()');
    try {
      const before = await written();
      await expect(run(uploadAction, upload(csvFile(row('2025-Q4'), row('2026-Q1')), cookies.head), params())).rejects.toThrow(/refused 2026-Q1/);
      expect(await written()).toEqual(before);
      expect(await db.prisma.filing.count({ where: { requirementId: ids.requirement, periodKey: { in: ['2025-Q4', '2026-Q1'] } } })).toBe(0);
    } finally {
      await db.prisma.$executeRawUnsafe('drop trigger test_refuse_2026_q1 on filing_revision');
      await db.prisma.$executeRawUnsafe('drop function test_refuse_2026_q1()');
    }
    // Without the trigger the same file goes through, and the chain is still valid.
    expect((await run(uploadAction, upload(csvFile(row('2025-Q4'), row('2026-Q1')), cookies.head), params())).location).toBe('/filings?filed=2');
    expect(await db.prisma.filingRevision.count({ where: { channel: 'CSV' } })).toBe(5);
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true, count: 10 });
  });
});
