/**
 * The report form's Attach and Remove buttons post the whole form to the filing page (issue
 * #13: a figure typed and not saved was lost when the attachments form reloaded the page). Each
 * saves the typed figures as the draft and then attaches or removes, answering with the form as
 * posted; a refused file still keeps the figures; the access check comes before the body is read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { stringRecord } from '~/reporting/filing-checks';
import * as filingRoute from '~/routes/filings.$id/route';
import * as filingsRoute from '~/routes/filings._index';
import { prepareDatabase } from '../../scripts/db/prepare';
import { cookieFor, post, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];
const filingAction = filingRoute.action as Handler;
const filingsAction = filingsRoute.action as Handler;

const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
/** The form's figures as typed, with a figure no one saved yet: 99 people encountered. */
const TYPED = {
  'value:gross_cost': '$12,500.50',
  'value:detainers_received': '14',
  'value:detainers_honored': '9',
  'value:people_encountered': '99',
};

let db: TestDatabase;
const cookies = { gaston: '', cabarrus: '' };
let requirementId = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } });
  cookies.gaston = await cookieFor(db.prisma, (await user('filer.gaston@example.org')).id);
  cookies.cabarrus = await cookieFor(db.prisma, (await user('filer.cabarrus@example.org')).id);
  requirementId = (await db.prisma.requirement.findFirstOrThrow({ where: { agency: { slug: 'nc-gaston-county-sheriffs-office' } } })).id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

async function openFiling(periodKey: string): Promise<number> {
  const outcome = await run(filingsAction, post('/filings', { requirementId, periodKey }, cookies.gaston));
  return Number(/^\/filings\/(\d+)$/.exec(outcome.location ?? '')![1]);
}

/** What the browser sends when Attach is clicked: every field of the form, in its order, then the file. */
function attachRequest(filingId: number, fields: Record<string, string>, file: { name: string; bytes: Uint8Array<ArrayBuffer> } | null, cookie = cookies.gaston) {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('intent', 'upload');
  form.append('file', file ? new File([file.bytes], file.name, { type: 'application/pdf' }) : new File([], '', { type: 'application/octet-stream' }));
  return new Request(`http://portal.test/filings/${filingId}`, { method: 'POST', body: form, headers: { cookie } });
}

const draftOf = async (filingId: number) => stringRecord((await db.prisma.filing.findUniqueOrThrow({ where: { id: filingId } })).draftValues);
const stored = (filingId: number) => db.prisma.attachment.findMany({ where: { filingId }, orderBy: { id: 'asc' } });
const params = (filingId: number) => ({ id: String(filingId) });

interface Answer {
  outcome: string;
  draftSaved: boolean;
  posted: { values: Record<string, string> };
  attachment?: { attached?: string; removed?: string; problem?: { code: string } };
}

describe('Attach on the report form', () => {
  it('saves the typed figures as the draft, attaches the file, and shows the form as typed', async () => {
    const filingId = await openFiling('2025-Q1');
    const outcome = await run(filingAction, attachRequest(filingId, TYPED, { name: 'jail log.pdf', bytes: PDF }), params(filingId));
    expect(outcome.status).toBe(200);
    const answer = outcome.body as Answer;
    expect(answer).toMatchObject({ outcome: 'saved', draftSaved: true, attachment: { attached: 'jail log.pdf' } });
    expect(answer.posted.values.people_encountered).toBe('99');
    expect((await draftOf(filingId)).people_encountered).toBe('99');
    expect((await stored(filingId)).map((row) => row.fileName)).toEqual(['jail log.pdf']);
  });

  it('keeps the typed figures when the file is refused or missing, storing no file', async () => {
    const filingId = await openFiling('2025-Q2');
    const refused = await run(filingAction, attachRequest(filingId, TYPED, { name: 'budget.pdf', bytes: PNG }), params(filingId));
    expect(refused.status).toBe(400);
    expect(refused.body).toMatchObject({ draftSaved: true, attachment: { problem: { code: 'mismatch' } } });
    expect((await draftOf(filingId)).people_encountered).toBe('99');

    const none = await run(filingAction, attachRequest(filingId, { ...TYPED, 'value:people_encountered': '98' }, null), params(filingId));
    expect(none.status).toBe(400);
    expect(none.body).toMatchObject({ draftSaved: true, attachment: { problem: { code: 'no_file' } } });
    expect((await draftOf(filingId)).people_encountered).toBe('98');
    expect(await stored(filingId)).toEqual([]);
  });

  it('keeps the figures sent before a file over the limit', async () => {
    const filingId = await openFiling('2025-Q3');
    process.env.ATTACHMENT_MAX_BYTES = '1024';
    try {
      const big = new Uint8Array(new ArrayBuffer(4096));
      big.set(PDF);
      const outcome = await run(filingAction, attachRequest(filingId, TYPED, { name: 'scan.pdf', bytes: big }), params(filingId));
      expect(outcome.status).toBe(400);
      expect(outcome.body).toMatchObject({ draftSaved: true, attachment: { problem: { code: 'too_large' } } });
    } finally {
      delete process.env.ATTACHMENT_MAX_BYTES;
    }
    expect((await draftOf(filingId)).people_encountered).toBe('99');
    expect(await stored(filingId)).toEqual([]);
  });

  it('refuses another agency’s filer before anything is saved or stored', async () => {
    const filingId = await openFiling('2025-Q4');
    const outcome = await run(filingAction, attachRequest(filingId, TYPED, { name: 'x.pdf', bytes: PDF }, cookies.cabarrus), params(filingId));
    expect(outcome.status).toBe(403);
    expect(await draftOf(filingId)).toEqual({});
    expect(await stored(filingId)).toEqual([]);
  });

  it('answers 400 to a multipart post no page sends (a field twice, a removal), saving nothing', async () => {
    // The same period as above: nothing was saved on it.
    const filingId = await openFiling('2025-Q4');
    const form = new FormData();
    form.append('value:people_encountered', '1');
    form.append('value:people_encountered', '2');
    form.append('intent', 'upload');
    form.append('file', new File([PDF], 'x.pdf'));
    const twice = await run(filingAction, new Request(`http://portal.test/filings/${filingId}`, { method: 'POST', body: form, headers: { cookie: cookies.gaston } }), params(filingId));
    expect(twice.status).toBe(400);
    const removal = new FormData();
    removal.append('intent', 'remove');
    removal.append('attachmentId', '1');
    const removed = await run(filingAction, new Request(`http://portal.test/filings/${filingId}`, { method: 'POST', body: removal, headers: { cookie: cookies.gaston } }), params(filingId));
    expect(removed.status).toBe(400);
    expect(await draftOf(filingId)).toEqual({});
    expect(await stored(filingId)).toEqual([]);
  });
});

describe('Remove on the report form', () => {
  it('saves the typed figures, then removes the attachment', async () => {
    const filingId = await openFiling('2025-Q1');
    await run(filingAction, attachRequest(filingId, TYPED, { name: 'a.pdf', bytes: PDF }), params(filingId));
    const attachment = (await stored(filingId)).find((row) => row.fileName === 'a.pdf')!;
    const outcome = await run(filingAction, post(`/filings/${filingId}`, { ...TYPED, 'value:people_encountered': '97', intent: `remove:${attachment.id}` }, cookies.gaston), params(filingId));
    expect(outcome.status).toBe(200);
    expect(outcome.body).toMatchObject({ outcome: 'saved', draftSaved: true, attachment: { removed: 'a.pdf' } });
    expect((await draftOf(filingId)).people_encountered).toBe('97');
    expect((await stored(filingId)).map((row) => row.fileName)).toEqual(['jail log.pdf']);
    // An attachment the filing does not have: 404, whatever was typed.
    const missing = await run(filingAction, post(`/filings/${filingId}`, { ...TYPED, intent: `remove:${attachment.id}` }, cookies.gaston), params(filingId));
    expect(missing.status).toBe(404);
  });

  it('says the draft was not saved when a figure had control characters, and keeps the rest as typed', async () => {
    const filingId = await openFiling('2025-Q4');
    const outcome = await run(filingAction, post(`/filings/${filingId}`, { ...TYPED, 'value:detainers_received': '1\u00004', intent: 'save' }, cookies.gaston), params(filingId));
    expect(outcome.body).toMatchObject({ outcome: 'refused', draftSaved: false });
    expect((outcome.body as Answer).posted.values.people_encountered).toBe('99');
    expect(await draftOf(filingId)).toEqual({});
  });
});
