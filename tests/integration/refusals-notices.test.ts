/**
 * Refusals to report and notices of non-compliance (issue 15, point 3), through the requirement
 * page's forms as a browser posts them: a reviewer of the policy's place records a refusal with
 * its letter, which the agency's public page lists and anyone may download; a reviewer of
 * another place, a filer and an anonymous visitor are refused. A notice's PDF, read back, names
 * the policy, every missing period with its due date and the response date; its sending is
 * recorded once. Triggers keep both as recorded. Hostile input gets clear answers, never a 500.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { extractText } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { formatDate } from '~/i18n/i18n';
import { importIceList } from '~/registry/ice-import.server';
import { readAuditLog, verifyAuditLog } from '~/reporting/audit-log.server';
import { addDays, newYorkDate } from '~/reporting/calendar';
import { openFiling, saveDraft, submitFiling } from '~/reporting/filings.server';
import { periodKeyLabel } from '~/reporting/follow-through';
import { missingPeriods } from '~/reporting/notices.server';
import { createPolicy } from '~/reporting/policies.server';
import { refusedPeriods } from '~/reporting/refusals.server';
import * as agencyRoute from '~/routes/agencies.$slug';
import * as noticeRoute from '~/routes/agencies_.$slug.notices.$file';
import * as letterRoute from '~/routes/agencies_.$slug.refusals.$id.file';
import * as route from '~/routes/review_.requirements.$id';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { startFuzzApp, type FuzzApp } from '../support/fuzz-app';
import { cookieFor, get, post, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];
const action = route.action as Handler;
const GASTON = 'nc-gaston-county-sheriffs-office';
const PDF_LETTER = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');
const STATEMENT = 'The sheriff wrote that the office will not report under the county policy.';

let db: TestDatabase;
let requirementId = 0;
let reviewerId = 0;
const cookies = { reviewer: '', otherReviewer: '', filer: '' };
const today = () => newYorkDate(new Date());

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON } });
  const county = (fips: string) => db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips } });
  const reviewer = await db.prisma.user.create({ data: { email: 'clerk.gaston@example.org', name: 'Pat Clerk', roles: { create: { role: 'REVIEWER', jurisdictionId: (await county('37071')).id } } } });
  reviewerId = reviewer.id;
  cookies.reviewer = await cookieFor(db.prisma, reviewer.id);
  const other = await db.prisma.user.create({ data: { email: 'clerk.cabarrus@example.org', name: 'Other', roles: { create: { role: 'REVIEWER', jurisdictionId: (await county('37025')).id } } } });
  cookies.otherReviewer = await cookieFor(db.prisma, other.id);
  const filer = await db.prisma.user.create({ data: { email: 'filer@gaston.example', name: 'Filer', roles: { create: { role: 'FILER', agencyId: gaston.id } } } });
  cookies.filer = await cookieFor(db.prisma, filer.id);
  await db.prisma.user.create({ data: { email: 'sheriff@gaston.example', name: 'Chad Hawkins', roles: { create: { role: 'HEAD', agencyId: gaston.id } } } });
  const policy = await createPolicy(db.prisma, {
    jurisdictionId: (await county('37071')).id,
    kind: 'COUNTY_REPORTING',
    title: '287(g) Transparency Ordinance',
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
        metricKeys: ['gross_cost'],
      },
    ],
  });
  requirementId = policy.requirements[0].id;
  // 2025-Q4 is filed (late): never among the periods a refusal or a notice may name.
  const filing = await openFiling(db.prisma, { requirementId, periodKey: '2025-Q4' });
  await saveDraft(db.prisma, { filingId: filing.id, values: { gross_cost: '100' }, explanations: {}, nothingToReport: false, userId: filer.id });
  await submitFiling(db.prisma, { filingId: filing.id, userId: filer.id, certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', channel: 'WEB' });
  // 2025-Q3 has an extension that has not run out: not missing for a notice.
  await db.prisma.filingExtension.create({ data: { requirementId, periodKey: '2025-Q3', until: new Date(`${addDays(today(), 60)}T00:00:00Z`), reason: 'Records system replaced.', grantedById: reviewer.id } });
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});
afterEach(() => {
  delete process.env.ATTACHMENT_MAX_BYTES;
});

const url = () => `/review/requirements/${requirementId}`;
const params = () => ({ id: String(requirementId) });

/** The refusal form as a browser posts it: multipart, the letter last. */
function refusalPost(fields: { periodKeys?: string[]; declinedOn?: string; statement?: string; letter?: { name: string; bytes: Uint8Array; type?: string } | null }, cookie?: string, headers: Record<string, string> = {}) {
  const body = new FormData();
  body.append('intent', 'refuse');
  for (const key of fields.periodKeys ?? ['2025-Q1', '2025-Q2']) body.append('periodKeys', key);
  body.append('declinedOn', fields.declinedOn ?? '2025-11-03');
  body.append('statement', fields.statement ?? STATEMENT);
  const letter: { name: string; bytes: Uint8Array; type?: string } | null = fields.letter === undefined ? { name: 'letter-from-sheriff.pdf', bytes: PDF_LETTER } : fields.letter;
  body.append('letter', letter ? new File([new Uint8Array(letter.bytes)], letter.name, { type: letter.type ?? 'application/pdf' }) : new File([], '', { type: 'application/octet-stream' }));
  return new Request(`http://portal.test${url()}`, { method: 'POST', body, headers: { ...(cookie ? { cookie } : {}), ...headers } });
}

describe('refusals to report', () => {
  it('refuses a reviewer of another county, a filer and an anonymous visitor, and records nothing', async () => {
    expect((await run(action, refusalPost({}, cookies.otherReviewer), params())).status).toBe(403);
    expect((await run(action, refusalPost({}, cookies.filer), params())).status).toBe(403);
    const anonymous = await run(action, refusalPost({}), params());
    expect(anonymous.location).toMatch(/^\/sign-in/);
    for (const cookie of [cookies.otherReviewer, cookies.filer]) {
      expect((await run(action, post(url(), { intent: 'notice', respondBy: addDays(today(), 30), language: 'en' }, cookie), params())).status).toBe(403);
      expect((await run(action, post(url(), { intent: 'notice_sent', noticeId: '1', sentOn: today(), sentHow: 'Certified mail' }, cookie), params())).status).toBe(403);
    }
    expect(await db.prisma.agencyRefusal.count()).toBe(0);
    expect(await db.prisma.complianceNotice.count()).toBe(0);
  });

  it('offers the periods due or overdue without a report, not the filed one', async () => {
    const page = await run(route.loader as Handler, get(url(), cookies.reviewer), params());
    const { followThrough } = page.body as { followThrough: { unfiled: { key: string }[]; missing: { key: string }[] } };
    const unfiled = followThrough.unfiled.map((period) => period.key);
    expect(unfiled.slice(0, 3)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect(unfiled).not.toContain('2025-Q4');
    expect(followThrough.missing.map((period) => period.key)).not.toContain('2025-Q3');
  });

  it('answers hostile input with a message by field, keeping what was typed, and records nothing', async () => {
    const refused = async (fields: Parameters<typeof refusalPost>[0], headers?: Record<string, string>) => {
      const outcome = await run(action, refusalPost(fields, cookies.reviewer, headers), params());
      expect(outcome.status).toBe(400);
      return outcome.body as { form: string; errors: Record<string, string>; values: { periodKeys: string[]; declinedOn: string; statement: string } };
    };
    const nul = await refused({ statement: `${STATEMENT}\u0000\u0007` });
    expect(nul.errors.statement).toMatch(/control characters/);
    expect(nul.values).toMatchObject({ periodKeys: ['2025-Q1', '2025-Q2'], declinedOn: '2025-11-03', statement: STATEMENT });

    const html = await refused({ letter: { name: 'letter.pdf', bytes: Buffer.from('<html><script>alert(1)</script></html>'), type: 'application/pdf' } });
    expect(html.errors.letter).toBe('The file letter.pdf is not a PDF, a PNG or JPEG image, or a Word document (.docx). Save the letter as a PDF and attach that.');
    expect(html.values.statement).toBe(STATEMENT);

    const exe = await refused({ letter: { name: 'letter.exe', bytes: Buffer.concat([Buffer.from('MZ'), Buffer.alloc(80)]) } });
    expect(exe.errors.letter).toMatch(/is not a PDF/);

    process.env.ATTACHMENT_MAX_BYTES = '4096';
    const huge = await refused({ letter: { name: 'scan.pdf', bytes: Buffer.concat([PDF_LETTER, Buffer.alloc(200_000, 0x20)]) } });
    expect(huge.errors.letter).toBe('The file scan.pdf is larger than 4 KB. Attach a smaller copy, such as a PDF scanned in black and white.');
    // The fields sent before the file are kept.
    expect(huge.values).toMatchObject({ periodKeys: ['2025-Q1', '2025-Q2'], declinedOn: '2025-11-03', statement: STATEMENT });
    delete process.env.ATTACHMENT_MAX_BYTES;

    const wrong = await refused({ periodKeys: ['1999-Q1'], declinedOn: addDays(today(), 2), statement: 'no' });
    expect(wrong.errors).toEqual({
      periodKeys: '1999-Q1 is not a period of this requirement that is due or overdue without a report.',
      declinedOn: 'This date is in the future. Enter the day it happened.',
      statement: 'Write what the agency said: at least 10 characters.',
    });
    const none = await refused({ periodKeys: [], declinedOn: '2025-02-30' });
    expect(none.errors).toMatchObject({ periodKeys: expect.stringMatching(/at least one period/), declinedOn: expect.stringMatching(/Enter a date/) });
    const long = await refused({ statement: 'x'.repeat(25_000) });
    expect(long.errors.statement).toMatch(/too long/);
    // Longer than the form's part for it: still said of the statement, the other fields kept.
    const huger = await refused({ statement: 'é'.repeat(40_000) });
    expect(huger.errors.statement).toBe('This is too long: at most 10000 characters.');
    expect(huger.values.periodKeys).toEqual(['2025-Q1', '2025-Q2']);

    // In the reader's language.
    const spanish = await refused({ periodKeys: [] }, { 'accept-language': 'es' });
    expect(spanish.errors.periodKeys).toBe('Elija al menos un período que la agencia se negó a informar.');

    // A body no page sends.
    const broken = await run(
      action,
      new Request(`http://portal.test${url()}`, { method: 'POST', body: '--x\r\nbroken', headers: { cookie: cookies.reviewer, 'content-type': 'multipart/form-data; boundary=x' } }),
      params(),
    );
    expect(broken.status).toBe(400);
    expect(await db.prisma.agencyRefusal.count()).toBe(0);
  });

  it('records a refusal with its letter, audited, listed publicly, its letter downloadable by anyone', async () => {
    const recorded = await run(action, refusalPost({}, cookies.reviewer), params());
    expect(recorded).toMatchObject({ status: 302, location: expect.stringMatching(new RegExp(`^${url()}\\?refused=\\d+#refuse$`)) });
    const [refusal] = await db.prisma.agencyRefusal.findMany();
    expect(refusal).toMatchObject({ periodKeys: ['2025-Q1', '2025-Q2'], statement: STATEMENT, fileName: 'letter-from-sheriff.pdf', mediaType: 'application/pdf', recordedById: reviewerId });
    expect(refusal.sha256).toBe(createHash('sha256').update(PDF_LETTER).digest('hex'));

    const entry = (await readAuditLog(db.prisma)).find((e) => e.kind === 'refusal_recorded');
    expect(entry).toMatchObject({
      actor: `user:${reviewerId}`,
      subject: `requirement:${requirementId}`,
      data: { refusal: refusal.id, periods: ['2025-Q1', '2025-Q2'], declinedOn: '2025-11-03', letter: { fileName: 'letter-from-sheriff.pdf', sha256: refusal.sha256 } },
    });

    const page = await run(agencyRoute.loader as Handler, get(`/agencies/${GASTON}`), { slug: GASTON });
    expect((page.body as { refusals: unknown[] }).refusals).toEqual([
      expect.objectContaining({ id: refusal.id, requirementTitle: 'Quarterly report', periodKeys: ['2025-Q1', '2025-Q2'], declinedOn: '2025-11-03', statement: STATEMENT, letter: expect.objectContaining({ fileName: 'letter-from-sheriff.pdf' }) }),
    ]);

    const file = await letterRoute.loader({ request: get(`/agencies/${GASTON}/refusals/${refusal.id}/file`), params: { slug: GASTON, id: String(refusal.id) }, context: {} } as never);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('application/pdf');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="letter-from-sheriff.pdf"/);
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF_LETTER)).toBe(true);
    // Another agency's slug, or an id that is no refusal: 404.
    for (const [slug, id] of [['nc-cabarrus-county-sheriffs-office', String(refusal.id)], [GASTON, '999999'], [GASTON, '99999999999']]) {
      expect((await run(letterRoute.loader as Handler, get(`/agencies/${slug}/refusals/${id}/file`), { slug, id })).status).toBe(404);
    }

    expect(await refusedPeriods(db.prisma, [requirementId])).toEqual([
      { requirementId, periodKey: '2025-Q1', declinedOn: '2025-11-03', refusalId: refusal.id },
      { requirementId, periodKey: '2025-Q2', declinedOn: '2025-11-03', refusalId: refusal.id },
    ]);
  });

  it('records a refusal without a letter from a plain form', async () => {
    const outcome = await run(action, post(url(), { intent: 'refuse', periodKeys: '2025-Q3', declinedOn: '2025-12-01', statement: 'Told the clerk by phone it will not report.' }, cookies.reviewer), params());
    expect(outcome.status).toBe(302);
    expect(await db.prisma.agencyRefusal.count({ where: { fileName: null, periodKeys: { has: '2025-Q3' } } })).toBe(1);
  });

  it('is kept as recorded: the database refuses to change or delete a refusal', async () => {
    const refusal = await db.prisma.agencyRefusal.findFirstOrThrow();
    await expect(db.prisma.agencyRefusal.delete({ where: { id: refusal.id } })).rejects.toThrow(/append-only/);
    await expect(db.prisma.agencyRefusal.update({ where: { id: refusal.id }, data: { statement: 'Changed.' } })).rejects.toThrow(/append-only/);
    expect(await db.prisma.agencyRefusal.count()).toBe(2);
  });
});

describe('notices of non-compliance', () => {
  let noticeId = 0;

  it('refuses a response date not after today, in the reader’s language', async () => {
    const outcome = await run(action, post(url(), { intent: 'notice', respondBy: today(), language: 'en' }, cookies.reviewer), params());
    expect(outcome).toMatchObject({ status: 400, body: { form: 'notice', errors: { respondBy: 'Enter a response date after today and at most 366 days away.' }, values: { respondBy: today() } } });
    const bad = await run(action, post(url(), { intent: 'notice', respondBy: '2026-13-01\u0000', language: 'fr' }, cookies.reviewer), params());
    expect(bad).toMatchObject({ status: 400, body: { form: 'notice', errors: { respondBy: expect.stringMatching(/control characters/), language: expect.any(String) } } });
    expect(await db.prisma.complianceNotice.count()).toBe(0);
  });

  it('makes a letter naming the policy, each missing period with its due date, and the response date', async () => {
    const respondBy = addDays(today(), 30);
    const outcome = await run(action, post(url(), { intent: 'notice', respondBy, language: 'en' }, cookies.reviewer), params());
    expect(outcome).toMatchObject({ status: 302, location: expect.stringMatching(/\?notice=\d+#notice$/) });
    const notice = await db.prisma.complianceNotice.findFirstOrThrow();
    noticeId = notice.id;
    const missing = await missingPeriods(db.prisma, requirementId);
    expect(missing.map((period) => period.key)).toContain('2025-Q1');
    expect(notice.periodKeys).toEqual(missing.map((period) => period.key));
    expect(notice.periodKeys).not.toContain('2025-Q3'); // extended
    expect(notice.periodKeys).not.toContain('2025-Q4'); // filed
    expect(notice.sha256).toBe(createHash('sha256').update(notice.pdf).digest('hex'));

    // Read back through its public address, as anyone would.
    const file = await run(noticeRoute.loader as Handler, get(`/agencies/${GASTON}/notices/${notice.id}.pdf`), { slug: GASTON, file: `${notice.id}.pdf` });
    expect(file.status).toBe(200);
    const response = await noticeRoute.loader({ request: get(`/agencies/${GASTON}/notices/${notice.id}.pdf`), params: { slug: GASTON, file: `${notice.id}.pdf` }, context: {} } as never);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(notice.sha256);
    const { text: pages } = await extractText(bytes, { mergePages: false });
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Gaston County');
    expect(text).toContain('287(g) Transparency Ordinance');
    expect(text).toContain('G.S. 153A-104');
    expect(text).toContain('Chad Hawkins');
    expect(text).toContain('Quarterly report');
    for (const period of missing) {
      expect(text).toContain(`${periodKeyLabel(period.key)} (${period.key}), due ${formatDate(period.dueOn)}`);
    }
    expect(text).not.toContain('(2025-Q3)');
    expect(text).not.toContain('(2025-Q4)');
    expect(text).toContain(`by ${formatDate(respondBy)}`);
    expect(text).toContain('Pat Clerk');
    expect(text).toMatch(/Page 1 of \d/);

    const entry = (await readAuditLog(db.prisma)).find((e) => e.kind === 'notice_generated');
    expect(entry).toMatchObject({ actor: `user:${reviewerId}`, subject: `requirement:${requirementId}`, data: { notice: notice.id, respondBy, sha256: notice.sha256 } });
    for (const [slug, file2] of [['nc-cabarrus-county-sheriffs-office', `${notice.id}.pdf`], [GASTON, `${notice.id}.txt`], [GASTON, '99999999999.pdf']]) {
      expect((await run(noticeRoute.loader as Handler, get(`/agencies/${slug}/notices/${file2}`), { slug, file: file2 })).status).toBe(404);
    }
  });

  it('writes the letter in Spanish when asked', async () => {
    const outcome = await run(action, post(url(), { intent: 'notice', respondBy: addDays(today(), 20), language: 'es' }, cookies.reviewer), params());
    expect(outcome.status).toBe(302);
    const notice = await db.prisma.complianceNotice.findFirstOrThrow({ orderBy: { id: 'desc' } });
    const { text } = await extractText(new Uint8Array(notice.pdf), { mergePages: true });
    expect(text).toContain('Aviso de incumplimiento');
    expect(text).toContain('enero');
  });

  it('records the sending once; a second attempt is refused with a clear message and changes nothing', async () => {
    const sentOn = today();
    const send = (fields: Record<string, string>) => run(action, post(url(), { intent: 'notice_sent', noticeId: String(noticeId), sentOn, sentHow: 'Certified mail 7019 0700 0000', ...fields }, cookies.reviewer), params());
    const early = await send({ sentOn: '2020-01-01' });
    expect(early).toMatchObject({ status: 400, body: { form: 'notice_sent', errors: { sentOn: expect.stringMatching(/cannot have been sent before/) } } });
    expect(await send({})).toMatchObject({ status: 302, location: expect.stringMatching(/\?sent=\d+#notices$/) });
    const again = await send({ sentHow: 'By hand' });
    expect(again).toMatchObject({
      status: 400,
      body: { form: 'notice_sent', errors: { _form: `This notice’s sending was already recorded (sent on ${formatDate(sentOn)}, Certified mail 7019 0700 0000). It cannot be recorded again or changed.` } },
    });
    const notice = await db.prisma.complianceNotice.findUniqueOrThrow({ where: { id: noticeId } });
    expect(notice.sentHow).toBe('Certified mail 7019 0700 0000');
    expect((await readAuditLog(db.prisma)).filter((e) => e.kind === 'notice_sent')).toHaveLength(1);
    // Another requirement's or no notice: not found, said on the form.
    expect(await send({ noticeId: '999999' })).toMatchObject({ status: 400, body: { errors: { noticeId: expect.stringMatching(/no such notice/) } } });
  });

  it('keeps the letter as made: the database refuses to change it, to re-record its sending or to delete it', async () => {
    await expect(db.prisma.complianceNotice.update({ where: { id: noticeId }, data: { sentHow: 'Changed' } })).rejects.toThrow(/only the sending may be recorded/);
    await expect(db.prisma.complianceNotice.delete({ where: { id: noticeId } })).rejects.toThrow(/never deleted/);
    const unsent = await db.prisma.complianceNotice.findFirstOrThrow({ where: { sentOn: null } });
    await expect(db.prisma.complianceNotice.update({ where: { id: unsent.id }, data: { pdf: Buffer.from('%PDF-forged') } })).rejects.toThrow(/only the sending may be recorded/);
  });

  it('lists the notices on the agency’s public page, and the chain still verifies', async () => {
    const page = await run(agencyRoute.loader as Handler, get(`/agencies/${GASTON}`), { slug: GASTON });
    const notices = (page.body as { notices: { id: number; sentOn: string | null; sentHow: string | null; respondBy: string }[] }).notices;
    expect(notices).toHaveLength(2);
    expect(notices.find((notice) => notice.id === noticeId)).toMatchObject({ sentOn: today(), sentHow: 'Certified mail 7019 0700 0000', respondBy: addDays(today(), 30) });
    expect(await verifyAuditLog(db.prisma)).toMatchObject({ valid: true });
  });
});

describe('through the portal’s own server, as a browser without JavaScript', () => {
  let app: FuzzApp;
  beforeAll(async () => {
    app = await startFuzzApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('shows the forms, takes a letter over the ordinary 1 MB form limit, and lists the refusal with period labels on the public page', async () => {
    const page = await fetch(`${app.origin}${url()}`, { headers: { cookie: cookies.reviewer } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Record a refusal to report');
    expect(html).toMatch(/encType="multipart\/form-data"|enctype="multipart\/form-data"/i);
    expect(html).toContain('name="periodKeys" value="2025-Q1"');
    // The extension form offers the same unfiled periods by name, not a box for a raw key.
    expect(html).toMatch(/<select id="extension-periodKey" name="periodKey"[^>]*>[\s\S]*<option value="2025-Q1">January–March 2025 \(2025-Q1\)/);
    expect(html).toContain('Notice of non-compliance');
    expect(html).toContain('Record the sending');
    expect(html).toContain('Refusals recorded for this requirement');

    // A refused form comes back as a page with the errors beside the fields and what was typed.
    const wrong = new FormData();
    wrong.append('intent', 'refuse');
    wrong.append('periodKeys', '2026-Q2');
    wrong.append('declinedOn', addDays(today(), 3));
    wrong.append('statement', 'Kept <b>as typed</b> after the refusal.');
    wrong.append('letter', new File([new Uint8Array(Buffer.from('GIF89a'))], 'letter.gif', { type: 'image/gif' }));
    const refusedPage = await fetch(`${app.origin}${url()}`, { method: 'POST', body: wrong, headers: { cookie: cookies.reviewer, origin: app.origin, 'accept-language': 'es' } });
    expect(refusedPage.status).toBe(400);
    const refusedHtml = await refusedPage.text();
    expect(refusedHtml).toContain('No se registró nada. Revise los campos marcados abajo.');
    expect(refusedHtml).toContain('Esta fecha es futura.');
    expect(refusedHtml).toContain('no es un PDF, una imagen PNG o JPEG ni un documento de Word');
    expect(refusedHtml).toContain('Kept &lt;b&gt;as typed&lt;/b&gt; after the refusal.</textarea>');
    expect(refusedHtml).toMatch(/<input type="checkbox" name="periodKeys" (checked="" value="2026-Q2"|value="2026-Q2" checked="")/);

    // A 2 MB scan: over the 1 MB limit of ordinary forms, within the letter's.
    const scan = Buffer.concat([PDF_LETTER, Buffer.alloc(2 * 1024 * 1024, 0x20)]);
    const body = new FormData();
    body.append('intent', 'refuse');
    body.append('periodKeys', '2026-Q1');
    body.append('declinedOn', '2026-05-02');
    body.append('statement', 'The sheriff’s letter of May 2 declines the first quarter of 2026.');
    body.append('letter', new File([new Uint8Array(scan)], 'scan 2026.pdf', { type: 'application/pdf' }));
    const posted = await fetch(`${app.origin}${url()}`, { method: 'POST', body, headers: { cookie: cookies.reviewer, origin: app.origin }, redirect: 'manual' });
    expect(posted.status).toBe(302);
    const id = Number(/refused=(\d+)/.exec(posted.headers.get('location') ?? '')?.[1]);
    expect(id).toBeGreaterThan(0);

    const agency = await (await fetch(`${app.origin}/agencies/${GASTON}`)).text();
    expect(agency).toContain('Refusals to report');
    expect(agency).toContain('January\u2013March 2026');
    expect(agency).toContain('January\u2013March 2025; April\u2013June 2025');
    expect(agency).toContain(`/agencies/${GASTON}/refusals/${id}/file`);
    expect(agency).toContain('Notices of non-compliance');
    // The extensions table says periods as people do, too.
    expect(agency).toMatch(/Extensions of reporting deadlines[\s\S]*July\u2013September 2025/);
    const file = await fetch(`${app.origin}/agencies/${GASTON}/refusals/${id}/file`);
    expect(file.status).toBe(200);
    expect(Buffer.from(await file.arrayBuffer()).equals(scan)).toBe(true);
  });
});

describe('the agency’s JSON document', () => {
  it('lists the refusals and notices with snake_case keys and their letters’ addresses', async () => {
    const { loader } = await import('~/routes/api.v1.agencies.$slug._index');
    const response = (await loader({ request: get(`/api/v1/agencies/${GASTON}`), params: { slug: GASTON }, context: {} } as never)) as Response;
    const { data } = (await response.json()) as { data: { refusals: Record<string, unknown>[]; notices: Record<string, unknown>[] } };
    expect(data.refusals.length).toBeGreaterThanOrEqual(2);
    const withLetter = data.refusals.find((refusal) => refusal.letter !== null)!;
    expect(withLetter).toMatchObject({ period_keys: expect.any(Array), declined_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), letter: { url: expect.stringMatching(/\/refusals\/\d+\/file$/) } });
    expect(data.notices[0]).toMatchObject({ period_keys: expect.arrayContaining(['2025-Q1']), respond_by: expect.any(String), pdf_url: expect.stringMatching(/\/notices\/\d+\.pdf$/) });
  });
});
