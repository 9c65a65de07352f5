/**
 * Attachments on filings through their routes, as each kind of person, on a demo database:
 * upload (multipart, as a browser sends it), list, download byte for byte, removal while a
 * draft, sealing by a submission (audit entry, database trigger), refusals by content and
 * size with nothing stored, and 403 for everyone who may not.
 */
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { createReadableStreamFromReadable } from '@remix-run/node';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { translator } from '~/i18n/i18n';
import { describeAttachmentProblem, type AttachmentProblem } from '~/reporting/attachment-types';
import { removeAttachment, UPLOAD_DRAIN_LIMIT } from '~/reporting/attachments.server';
import { saveDraft, submitFiling } from '~/reporting/filings.server';
import * as downloadRoute from '~/routes/filings.$id.attachments.$attachmentId';
import * as attachmentsRoute from '~/routes/filings.$id.attachments';
import * as filingRoute from '~/routes/filings.$id/route';
import * as filingsRoute from '~/routes/filings._index';
import { prepareDatabase } from '../../scripts/db/prepare';
import { cookieFor, get, post, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];
const filingsAction = filingsRoute.action as Handler;
const filingLoader = filingRoute.loader as Handler;
const attachAction = attachmentsRoute.action as Handler;
const attachLoader = attachmentsRoute.loader as Handler;
const downloadLoader = downloadRoute.loader as Handler;

const t = translator('en');
const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'));
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0]);
const CSV = new Uint8Array(Buffer.from('month,detainers\nJanuary,5\nFebruary,4\nMarch,5\n'));
const VALUES = {
  gross_cost: '12500.50',
  federal_reimbursement: '0',
  igsa_revenue: '0',
  detainers_received: '14',
  detainers_honored: '9',
  detainers_declined: '3',
  transfers_to_ice: '8',
  people_encountered: '40',
  complaints_filed: '1',
  complaints_sustained: '0',
};

let db: TestDatabase;
const cookies = { gaston: '', cabarrus: '', reviewer: '', operator: '' };
const users = { gaston: 0 };
const requirements = { gaston: 0, cabarrus: 0 };

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } });
  users.gaston = (await user('filer.gaston@example.org')).id;
  cookies.gaston = await cookieFor(db.prisma, users.gaston);
  cookies.cabarrus = await cookieFor(db.prisma, (await user('filer.cabarrus@example.org')).id);
  cookies.reviewer = await cookieFor(db.prisma, (await user('reviewer.gaston@example.org')).id);
  cookies.operator = await cookieFor(db.prisma, (await user('admin@example.org')).id);
  const requirementOf = async (slug: string) => (await db.prisma.requirement.findFirstOrThrow({ where: { agency: { slug } } })).id;
  requirements.gaston = await requirementOf('nc-gaston-county-sheriffs-office');
  requirements.cabarrus = await requirementOf('nc-cabarrus-county-sheriffs-office');
});
afterEach(() => {
  delete process.env.ATTACHMENT_MAX_BYTES;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

/** Opens a period through /filings as its agency's filer and returns the filing id. */
async function openFiling(requirementId: number, periodKey: string, cookie: string): Promise<number> {
  const outcome = await run(filingsAction, post('/filings', { requirementId, periodKey }, cookie));
  const match = /^\/filings\/(\d+)$/.exec(outcome.location ?? '');
  expect(match, JSON.stringify(outcome)).not.toBeNull();
  return Number(match![1]);
}

const params = (filingId: number, attachmentId?: number) => ({ id: String(filingId), ...(attachmentId ? { attachmentId: String(attachmentId) } : {}) });

/** The multipart POST a browser sends from the upload form (the browser's type claim included). */
function uploadRequest(filingId: number, fileName: string, bytes: Uint8Array<ArrayBuffer>, cookie?: string, claimedType = 'application/pdf') {
  const form = new FormData();
  form.append('intent', 'upload');
  form.append('file', new File([bytes], fileName, { type: claimedType }));
  return new Request(`http://portal.test/filings/${filingId}/attachments`, { method: 'POST', body: form, headers: cookie ? { cookie } : {} });
}

const upload = (filingId: number, fileName: string, bytes: Uint8Array<ArrayBuffer>, cookie?: string, claimedType?: string) =>
  run(attachAction, uploadRequest(filingId, fileName, bytes, cookie, claimedType), params(filingId));
const remove = (filingId: number, attachmentId: number, cookie?: string) =>
  run(attachAction, post(`/filings/${filingId}/attachments`, { intent: 'remove', attachmentId }, cookie), params(filingId));

/** Uploads and returns the new attachment's id, from the redirect. */
async function attach(filingId: number, fileName: string, bytes: Uint8Array<ArrayBuffer>, cookie = cookies.gaston): Promise<number> {
  const outcome = await upload(filingId, fileName, bytes, cookie);
  const match = new RegExp(`^/filings/${filingId}\\?attached=(\\d+)#attachments$`).exec(outcome.location ?? '');
  expect(match, JSON.stringify(outcome)).not.toBeNull();
  return Number(match![1]);
}

/** The download as the browser gets it: status, headers and the bytes (thrown responses included). */
async function download(filingId: number, attachmentId: number, cookie?: string) {
  let response: Response;
  try {
    response = (await downloadRoute.loader({ request: get(`/filings/${filingId}/attachments/${attachmentId}`, cookie), params: params(filingId, attachmentId), context: TEST_CONTEXT })) as Response;
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    response = thrown;
  }
  return { status: response.status, headers: response.headers, bytes: new Uint8Array(await response.arrayBuffer()) };
}

interface AttachmentsSection {
  items: { id: number; fileName: string; kind: string | null; mediaType: string; size: number; sha256: string; uploadedBy: string | null; revisionNumber: number | null }[];
  maxBytes: number;
  problem: AttachmentProblem | null;
  attachedNotice: string | null;
  removedNotice: boolean;
}

/** The filing page's attachments section at a URL (as after the redirect), and its message if any. */
async function section(location: string, cookie = cookies.gaston) {
  const filingId = Number(/^\/filings\/(\d+)/.exec(location)![1]);
  const page = await run(filingLoader, get(location.replace(/#.*$/, ''), cookie), params(filingId));
  expect(page.status).toBe(200);
  const attachments = (page.body as { attachments: AttachmentsSection }).attachments;
  return { ...attachments, message: attachments.problem ? describeAttachmentProblem(t, attachments.problem) : null };
}

const stored = (filingId: number) => db.prisma.attachment.findMany({ where: { filingId }, orderBy: { id: 'asc' } });

describe('uploading, listing, downloading and removing', () => {
  it('stores a PDF with its hash, lists it on the filing page and serves the same bytes', async () => {
    const filingId = await openFiling(requirements.gaston, '2025-Q1', cookies.gaston);
    const id = await attach(filingId, 'Q1 invoices.pdf', PDF);

    const [row] = await stored(filingId);
    expect(row).toMatchObject({
      id,
      fileName: 'Q1 invoices.pdf',
      mediaType: 'application/pdf',
      size: PDF.length,
      sha256: createHash('sha256').update(PDF).digest('hex'),
      uploadedById: users.gaston,
      revisionNumber: null,
    });
    expect(Buffer.from(row.bytes).equals(Buffer.from(PDF))).toBe(true);

    const page = await section(`/filings/${filingId}?attached=${id}#attachments`);
    expect(page.attachedNotice).toBe('Q1 invoices.pdf');
    expect(page.items).toEqual([expect.objectContaining({ id, fileName: 'Q1 invoices.pdf', kind: 'pdf', size: PDF.length, uploadedBy: "Demo Filer, Gaston County Sheriff's Office", revisionNumber: null })]);
    expect(page.items[0]).not.toHaveProperty('bytes');
    // A forged id announces nothing.
    expect((await section(`/filings/${filingId}?attached=999999`)).attachedNotice).toBeNull();

    const file = await download(filingId, id, cookies.gaston);
    expect(file.status).toBe(200);
    expect(Buffer.from(file.bytes).equals(Buffer.from(PDF))).toBe(true);
    expect(Object.fromEntries(['content-type', 'content-disposition', 'x-content-type-options', 'cache-control'].map((name) => [name, file.headers.get(name)]))).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="Q1 invoices.pdf"; filename*=UTF-8''Q1%20invoices.pdf`,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  it('serves text as UTF-8 under its CSV type, and the action route’s GET leads back to the page', async () => {
    const filingId = await openFiling(requirements.gaston, '2025-Q1', cookies.gaston);
    const id = await attach(filingId, 'détainers.csv', CSV);
    const file = await download(filingId, id, cookies.gaston);
    expect(file.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(file.headers.get('content-disposition')).toContain(`filename*=UTF-8''d%C3%A9tainers.csv`);
    expect(await run(attachLoader, get(`/filings/${filingId}/attachments`, cookies.gaston), params(filingId))).toMatchObject({
      status: 302,
      location: `/filings/${filingId}#attachments`,
    });
  });

  it('removes a draft attachment, and nothing of another filing through this filing’s URL', async () => {
    const filingId = await openFiling(requirements.gaston, '2025-Q2', cookies.gaston);
    const otherFiling = await openFiling(requirements.gaston, '2025-Q3', cookies.gaston);
    const id = await attach(filingId, 'draft.pdf', PDF);
    const other = await attach(otherFiling, 'other.pdf', PDF);

    // Another filing's attachment is not found through this one's URL: not removed, not served.
    expect((await remove(filingId, other, cookies.gaston)).status).toBe(404);
    expect((await download(filingId, other, cookies.gaston)).status).toBe(404);
    expect((await download(filingId, 999999, cookies.gaston)).status).toBe(404);
    expect(await stored(otherFiling)).toHaveLength(1);

    const removed = await remove(filingId, id, cookies.gaston);
    expect(removed).toMatchObject({ status: 302, location: `/filings/${filingId}?removed=1#attachments` });
    expect(await stored(filingId)).toEqual([]);
    expect((await section(removed.location!)).removedNotice).toBe(true);
    expect((await download(filingId, id, cookies.gaston)).status).toBe(404);
  });
});

describe('refusals', () => {
  it('refuses PNG bytes named .pdf with the reason next to the upload field, storing nothing', async () => {
    const filingId = await openFiling(requirements.gaston, '2025-Q4', cookies.gaston);
    const outcome = await upload(filingId, 'budget.pdf', PNG, cookies.gaston, 'application/pdf');
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/filings/${filingId}?attachmentError=mismatch&file=budget.pdf&expected=pdf&actual=png#attachments`);
    expect(await stored(filingId)).toEqual([]);
    expect((await section(outcome.location!)).message).toBe('budget.pdf is not a PDF: its content is a PNG image.');
  });

  it('refuses markup and programs whatever they are called', async () => {
    const filingId = await openFiling(requirements.gaston, '2025-Q4', cookies.gaston);
    const svg = new Uint8Array(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'));
    const svgOutcome = await upload(filingId, 'chart.svg', svg, cookies.gaston, 'image/svg+xml');
    expect((await section(svgOutcome.location!)).message).toMatch(/^chart\.svg is an SVG image, which can carry scripts\. Files of this kind cannot be attached: attach a PDF/);
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xff, 0xff, 0, 0]);
    const exeOutcome = await upload(filingId, 'invoice.pdf', exe, cookies.gaston);
    expect((await section(exeOutcome.location!)).message).toMatch(/^invoice\.pdf is not a PDF: its content is a program\./);
    // No file chosen, as a browser sends it (filename="") and as Node's FormData does (no filename).
    const boundary = 'portal-test-boundary';
    const browserForm = new Request(`http://portal.test/filings/${filingId}/attachments`, {
      method: 'POST',
      body:
        `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n--${boundary}--\r\n`,
      headers: { cookie: cookies.gaston, 'content-type': `multipart/form-data; boundary=${boundary}` },
    });
    for (const request of [browserForm, uploadRequest(filingId, '', new Uint8Array(), cookies.gaston, 'application/octet-stream')]) {
      const empty = await run(attachAction, request, params(filingId));
      expect(empty.location).toBe(`/filings/${filingId}?attachmentError=no_file#attachments`);
      expect((await section(empty.location!)).message).toBe('Choose a file to attach.');
    }
    expect(await stored(filingId)).toEqual([]);
  });

  it('refuses a file over ATTACHMENT_MAX_BYTES, storing nothing', async () => {
    process.env.ATTACHMENT_MAX_BYTES = '1024';
    const filingId = await openFiling(requirements.gaston, '2025-Q4', cookies.gaston);
    const big = new Uint8Array(4096).fill(0x20);
    big.set(PDF);
    const outcome = await upload(filingId, 'big scan.pdf', big, cookies.gaston);
    expect(outcome.location).toBe(`/filings/${filingId}?attachmentError=too_large&file=big+scan.pdf#attachments`);
    expect(await stored(filingId)).toEqual([]);
    const page = await section(outcome.location!);
    expect(page.maxBytes).toBe(1024);
    expect(page.message).toMatch(/^big scan\.pdf is larger than 1 KB, the most a file may be\./);
    // At the limit exactly, it is taken.
    await attach(filingId, 'small.pdf', big.subarray(0, 1024));
    expect(await stored(filingId)).toHaveLength(1);
  });

  it('stops reading an endless upload: the limit, then a bounded drain, then the answer', async () => {
    process.env.ATTACHMENT_MAX_BYTES = '1024';
    const filingId = await openFiling(requirements.gaston, '2025-Q4', cookies.gaston);
    const before = (await stored(filingId)).length;
    const boundary = 'portal-test-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="intent"\r\n\r\nupload\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="endless.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.7\n`,
    );
    const chunk = new Uint8Array(256 * 1024).fill(0x41);
    let sent = 0;
    async function* endless() {
      yield new Uint8Array(head);
      for (;;) {
        sent += chunk.length;
        yield chunk;
      }
    }
    // Through Remix's own adapter from a Node stream, as the Express server hands bodies over.
    const body = createReadableStreamFromReadable(Readable.from(endless()));
    const request = new Request(`http://portal.test/filings/${filingId}/attachments`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { cookie: cookies.gaston, 'content-type': `multipart/form-data; boundary=${boundary}` },
    } as RequestInit);
    const outcome = await run(attachAction, request, params(filingId));
    expect(outcome.location).toBe(`/filings/${filingId}?attachmentError=too_large&file=endless.pdf#attachments`);
    expect(sent).toBeGreaterThan(UPLOAD_DRAIN_LIMIT);
    expect(sent).toBeLessThan(UPLOAD_DRAIN_LIMIT + 8 * 1024 * 1024); // what the stream reads ahead
    expect(await stored(filingId)).toHaveLength(before);
  });

  it('answers 400 to a form no page sends', async () => {
    const filingId = await openFiling(requirements.gaston, '2025-Q4', cookies.gaston);
    const form = new FormData();
    form.append('intent', 'upload');
    form.append('file', new File([PDF], 'a.pdf'));
    form.append('file', new File([PDF], 'b.pdf'));
    const twoFiles = new Request(`http://portal.test/filings/${filingId}/attachments`, { method: 'POST', body: form, headers: { cookie: cookies.gaston } });
    expect((await run(attachAction, twoFiles, params(filingId))).status).toBe(400);
    expect((await run(attachAction, post(`/filings/${filingId}/attachments`, { intent: 'rename' }, cookies.gaston), params(filingId))).status).toBe(400);
    expect((await run(attachAction, post(`/filings/${filingId}/attachments`, { intent: 'remove', attachmentId: 'x' }, cookies.gaston), params(filingId))).status).toBe(400);
  });
});

describe('submission', () => {
  it('seals draft attachments into the revision: audited with their hash, then neither removable nor changeable', async () => {
    const filingId = await openFiling(requirements.gaston, '2025-Q1', cookies.gaston);
    const before = (await stored(filingId)).filter((row) => row.revisionNumber === null).map((row) => row.id);
    const id = await attach(filingId, 'detainer log.pdf', PDF);

    await saveDraft(db.prisma, { filingId, values: VALUES, explanations: {}, nothingToReport: false, userId: users.gaston });
    const revision = await submitFiling(db.prisma, { filingId, certifiedName: 'Chad Hawkins', certifiedTitle: 'Sheriff', userId: users.gaston, channel: 'WEB' });
    expect(revision.number).toBe(1);

    const sealed = await db.prisma.attachment.findUniqueOrThrow({ where: { id } });
    expect(sealed.revisionNumber).toBe(1);
    const entries = await db.prisma.auditEntry.findMany({ where: { subject: `filing:${filingId}`, kind: 'attachment' }, orderBy: { seq: 'asc' } });
    expect(entries.map((entry) => entry.data)).toContainEqual(
      expect.objectContaining({ revision: 1, attachmentId: id, fileName: 'detainer log.pdf', sha256: createHash('sha256').update(PDF).digest('hex') }),
    );
    expect(entries).toHaveLength(before.length + 1);

    // Removal is refused, with the reason on the page; the file stays, and is still served.
    const refused = await remove(filingId, id, cookies.gaston);
    expect(refused.location).toBe(`/filings/${filingId}?attachmentError=sealed&file=detainer+log.pdf&revision=1#attachments`);
    expect((await section(refused.location!)).message).toBe(
      'detainer log.pdf was submitted with revision 1 and cannot be removed: submitted documents stay with the report.',
    );
    expect(await removeAttachment(db.prisma, { filingId, attachmentId: id })).toEqual({ ok: false, problem: { code: 'sealed', file: 'detainer log.pdf', revision: 1 } });
    expect((await download(filingId, id, cookies.gaston)).status).toBe(200);

    // The database refuses too, whoever asks.
    await expect(db.prisma.$executeRawUnsafe(`update attachment set bytes = '\\x00'::bytea where id = ${id}`)).rejects.toThrow(/submitted with revision 1/);
    await expect(db.prisma.$executeRawUnsafe(`update attachment set revision_number = null where id = ${id}`)).rejects.toThrow(/submitted with revision 1/);
    await expect(db.prisma.$executeRawUnsafe(`delete from attachment where id = ${id}`)).rejects.toThrow(/submitted with revision 1/);
    expect(Buffer.from((await db.prisma.attachment.findUniqueOrThrow({ where: { id } })).bytes).equals(Buffer.from(PDF))).toBe(true);
  });

  it('takes attachments after submission and seals them with the amendment', async () => {
    const filingId = await openFiling(requirements.gaston, '2025-Q1', cookies.gaston);
    const late = await attach(filingId, 'corrected log.pdf', PDF);
    const page = await section(`/filings/${filingId}`);
    expect(page.items.find((item) => item.id === late)?.revisionNumber).toBeNull();

    const amendment = await submitFiling(db.prisma, {
      filingId,
      certifiedName: 'Chad Hawkins',
      certifiedTitle: 'Sheriff',
      amendmentReason: 'Adding the corrected detainer log.',
      userId: users.gaston,
      channel: 'WEB',
    });
    expect(amendment.number).toBe(2);
    const rows = await stored(filingId);
    expect(rows.find((row) => row.id === late)?.revisionNumber).toBe(2);
    expect(rows.filter((row) => row.revisionNumber === null)).toEqual([]);
    expect(await db.prisma.auditEntry.count({ where: { subject: `filing:${filingId}`, kind: 'attachment', data: { path: ['revision'], equals: 2 } } })).toBe(1);
  });
});

describe('who may', () => {
  let filingId = 0;
  let attachmentId = 0;
  beforeAll(async () => {
    filingId = await openFiling(requirements.gaston, '2025-Q2', cookies.gaston);
    attachmentId = await attach(filingId, 'roster.pdf', PDF);
  });

  it('sends anonymous visitors to sign in, for every action', async () => {
    const back = (path: string) => `/sign-in?redirectTo=${encodeURIComponent(path)}`;
    expect((await upload(filingId, 'x.pdf', PDF)).location).toBe(back(`/filings/${filingId}/attachments`));
    expect((await remove(filingId, attachmentId)).location).toBe(back(`/filings/${filingId}/attachments`));
    expect((await run(downloadLoader, get(`/filings/${filingId}/attachments/${attachmentId}`), params(filingId, attachmentId))).location).toBe(
      back(`/filings/${filingId}/attachments/${attachmentId}`),
    );
  });

  it('refuses another agency’s filer (Cabarrus) on Gaston’s filing: upload, remove and download', async () => {
    const count = (await stored(filingId)).length;
    expect((await upload(filingId, 'x.pdf', PDF, cookies.cabarrus)).status).toBe(403);
    expect((await remove(filingId, attachmentId, cookies.cabarrus)).status).toBe(403);
    expect((await download(filingId, attachmentId, cookies.cabarrus)).status).toBe(403);
    expect(await stored(filingId)).toHaveLength(count);
    // Nor through their own filing's URL with Gaston's attachment id.
    const own = await openFiling(requirements.cabarrus, '2025-Q2', cookies.cabarrus);
    expect((await download(own, attachmentId, cookies.cabarrus)).status).toBe(404);
    expect((await remove(own, attachmentId, cookies.cabarrus)).status).toBe(404);
    // A filing that does not exist, or an id that is not one, gets the same 403: no probing.
    expect((await download(999999, attachmentId, cookies.cabarrus)).status).toBe(403);
    expect((await run(downloadLoader, get('/filings/abc/attachments/1', cookies.cabarrus), { id: 'abc', attachmentId: '1' })).status).toBe(403);
    expect((await upload(999999, 'x.pdf', PDF, cookies.cabarrus)).status).toBe(403);
  });

  it('lets Gaston’s reviewer download but not upload or remove, and not download Cabarrus’s', async () => {
    const file = await download(filingId, attachmentId, cookies.reviewer);
    expect([file.status, Buffer.from(file.bytes).equals(Buffer.from(PDF))]).toEqual([200, true]);
    expect((await upload(filingId, 'x.pdf', PDF, cookies.reviewer)).status).toBe(403);
    expect((await remove(filingId, attachmentId, cookies.reviewer)).status).toBe(403);
    expect(await stored(filingId)).toEqual([expect.objectContaining({ id: attachmentId })]);

    const cabarrusFiling = await openFiling(requirements.cabarrus, '2025-Q3', cookies.cabarrus);
    const cabarrusAttachment = await attach(cabarrusFiling, 'cabarrus.pdf', PDF, cookies.cabarrus);
    expect((await download(cabarrusFiling, cabarrusAttachment, cookies.reviewer)).status).toBe(403);
  });

  it('lets operators download but not upload', async () => {
    expect((await download(filingId, attachmentId, cookies.operator)).status).toBe(200);
    expect((await upload(filingId, 'x.pdf', PDF, cookies.operator)).status).toBe(403);
    expect((await remove(filingId, attachmentId, cookies.operator)).status).toBe(403);
  });
});
