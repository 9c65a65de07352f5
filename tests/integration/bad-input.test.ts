/**
 * Bad input answered as such (400 or 404 with a message that says what is wrong), never as a
 * 500, and nothing written: a NUL byte or another control character in an address, a form or a
 * JSON body; ids beyond PostgreSQL's integer in URLs and form fields; a period that is not
 * expected; numbers that are only too large; file names with ";" or "=". The public addresses
 * are asked of the built portal, through Express's input guard; routes are also called
 * directly, so each stays correct on its own.
 */
import express from 'express';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '~/auth/api-tokens.server';
import { disconnectPrisma } from '~/db/prisma.server';
import * as accountPage from '~/routes/admin.accounts.$id/route';
import * as agreementsPage from '~/routes/admin.agreements';
import * as importPreviewPage from '~/routes/admin.imports.$id/route';
import * as importsPage from '~/routes/admin.imports/route';
import * as agencyPage from '~/routes/agencies.$slug';
import * as agencyApi from '~/routes/api.v1.agencies.$slug._index';
import * as countyApi from '~/routes/api.v1.places.$state.$county._index';
import * as filingsApi from '~/routes/api.v1.filings';
import * as tokensPage from '~/routes/agency.$slug.tokens';
import * as accountSettings from '~/routes/account';
import * as attachmentRoute from '~/routes/filings.$id.attachments.$attachmentId';
import * as attachmentsRoute from '~/routes/filings.$id.attachments';
import * as templateRoute from '~/routes/filings.template.$requirementId[.csv]';
import * as uploadPage from '~/routes/filings.upload.$requirementId/route';
import * as languageRoute from '~/routes/language';
import * as sourcesRoute from '~/routes/sources.$id';
import * as filingPage from '~/routes/filings.$id/route';
import * as filingsPage from '~/routes/filings._index';
import * as placePage from '~/routes/places.$state.$slug';
import * as statePage from '~/routes/places.$state._index';
import * as reviewFilingPage from '~/routes/review_.filings.$id';
import * as requirementPage from '~/routes/review_.requirements.$id';
import { parseId } from '~/utils/route-params';
import { prepareDatabase } from '../../scripts/db/prepare';
import { inputGuard, urlProblem } from '../../server/input-guard';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { testRequestHandler } from '../support/page-handler';
import { cookieFor, get, post, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];

const GASTON = 'nc-gaston-county-sheriffs-office';
const TOO_LARGE = '99999999999';
const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n'));

let db: TestDatabase;
let portal: PortalProcess;
const cookies = { gaston: '', reviewer: '', operator: '' };
let requirementId = 0;
let token = '';

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } });
  const head = await user('filer.gaston@example.org');
  cookies.gaston = await cookieFor(db.prisma, head.id);
  cookies.reviewer = await cookieFor(db.prisma, (await user('reviewer.gaston@example.org')).id);
  cookies.operator = await cookieFor(db.prisma, (await user('admin@example.org')).id);
  const agency = await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON } });
  requirementId = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: agency.id } })).id;
  token = (await createApiToken(db.prisma, { agencyId: agency.id, name: 'Jail system', createdById: head.id })).token;
  portal = await startPortalProcess(db.url);
}, 120_000);
afterAll(async () => {
  await portal?.stop();
  await disconnectPrisma();
  await db.drop();
});

const filingCount = () => db.prisma.filing.count();

/** Gaston's filing for 2025-Q1, opened on first use. */
async function openedFilingId(): Promise<number> {
  const opened = await run(filingsPage.action as Handler, post('/filings', { requirementId, periodKey: '2025-Q1' }, cookies.gaston));
  return Number(/^\/filings\/(\d+)$/.exec(opened.location ?? '')![1]);
}

/** A multipart post whose body is `body` as sent (boundary "B"). */
const multipart = (url: string, body: string, cookie: string) =>
  new Request(`http://portal.test${url}`, { method: 'POST', body, headers: { 'content-type': 'multipart/form-data; boundary=B', cookie } });

/** Bodies a browser never sends: a part without a name, a part header without a colon, a body cut short. */
const MALFORMED_MULTIPART = [
  '--B\r\nContent-Disposition: form-data; name=""\r\n\r\n0000-Q1\r\n--B--\r\n',
  '--B\r\nnot a header\r\n\r\nx\r\n--B--\r\n',
  '--B\r\nContent-Disposition: form-data; name="asOf"\r\n\r\n2025-01-01',
];
const UNREADABLE = 'The form could not be read. Reload the page and send it again.';

describe('addresses with control characters or broken escapes (server/input-guard.ts)', () => {
  it('are told apart from good ones', () => {
    expect(urlProblem('/agencies/nc-gaston-county-sheriffs-office?all=1')).toBeNull();
    // Tab and line breaks are typed in text areas of GET forms; a stray "%" in a query is read as itself.
    expect(urlProblem('/search?q=a%09b%0D%0Ac')).toBeNull();
    expect(urlProblem('/search?q=100%')).toBeNull();
    expect(urlProblem('/agencies/caf%C3%A9')).toBeNull();
    expect(urlProblem('/agencies/a%00')).toBe('controlCharacters');
    expect(urlProblem('/agencies/a%1B')).toBe('controlCharacters');
    expect(urlProblem('/agencies/a%C2%85')).toBe('controlCharacters');
    expect(urlProblem('/search?q=a%00')).toBe('controlCharacters');
    expect(urlProblem('/search?q%7F=a')).toBe('controlCharacters');
    expect(urlProblem('/agencies/%ZZ')).toBe('encoding');
    expect(urlProblem('/agencies/%FF')).toBe('encoding');
  });

  it('are answered 400 before any route runs: JSON under /api/, a page in the reader\'s language elsewhere', async () => {
    const app = express();
    let reached = 0;
    app.use(inputGuard);
    app.use((_req, res) => {
      reached += 1;
      res.send('route');
    });
    const server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const api = await fetch(`${origin}/api/v1/agencies/a%00`);
      expect(api.status).toBe(400);
      expect(await api.json()).toEqual({ error: { status: 400, message: expect.stringMatching(/invisible control characters/) } });
      const page = await fetch(`${origin}/agencies/a%00`, { headers: { 'accept-language': 'es' } });
      expect(page.status).toBe(400);
      expect(await page.text()).toMatch(/<html lang="es">.*caracteres de control invisibles/s);
      const broken = await fetch(`${origin}/agencies/%ZZ`);
      expect(broken.status).toBe(400);
      expect(await broken.text()).toMatch(/broken %-escape/);
      expect(reached).toBe(0);
      expect((await fetch(`${origin}/agencies/gaston?q=100%`)).status).toBe(200);
      expect(reached).toBe(1);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('get 400 from the portal on every public address with a slug, never a 500', async () => {
    const addresses = [
      '/agencies/a%00',
      `/agencies/${GASTON}%00`,
      '/places/nc/gaston-county%00',
      '/places/nc%00',
      '/places/nc%00/gaston-county',
      `/agencies/${GASTON}%00/reports/1`,
      '/api/v1/agencies/a%00',
      '/api/v1/agencies/a%00/figures.csv',
      '/api/v1/agencies/a%00/compliance.csv',
      '/api/v1/agencies/a%00/breakdowns.csv',
      '/api/v1/agencies/a%00/history',
      '/api/v1/places/nc/gaston-county%00',
      '/api/v1/places/nc/gaston-county%00/figures.csv',
      '/api/v1/places/nc/gaston-county%00/compliance.csv',
      '/api/v1/places/nc%00/counties.csv',
      '/feeds/nc%00.xml',
      '/search?q=gaston%00',
    ];
    for (const address of addresses) {
      const response = await fetch(`${portal.origin}${address}`);
      expect(response.status, address).toBe(400);
      const text = await response.text();
      expect(text, address).toMatch(/invisible control characters/);
      if (address.startsWith('/api/')) expect(JSON.parse(text), address).toMatchObject({ error: { status: 400 } });
    }
    // The same addresses without the NUL byte still answer.
    expect((await fetch(`${portal.origin}/agencies/${GASTON}`)).status).toBe(200);
    expect((await fetch(`${portal.origin}/api/v1/places/nc/gaston-county`)).status).toBe(200);
  });

  it('get 404 (not 500) from the portal for ids beyond PostgreSQL\'s integer', async () => {
    for (const address of [`/filings/${TOO_LARGE}`, `/review/filings/${TOO_LARGE}`, `/review/requirements/${TOO_LARGE}`]) {
      const response = await fetch(`${portal.origin}${address}`, { headers: { cookie: address.startsWith('/filings') ? cookies.gaston : cookies.reviewer }, redirect: 'manual' });
      expect(response.status, address).toBe(404);
    }
    // Numbers in other spellings ("1e10" is 10,000,000,000 to Number()) are no ids either.
    for (const address of ['/admin/accounts/1e10', '/admin/imports/1e10', `/admin/accounts/${TOO_LARGE}`, `/admin/imports/${TOO_LARGE}`]) {
      const response = await fetch(`${portal.origin}${address}`, { headers: { cookie: cookies.operator }, redirect: 'manual' });
      expect(response.status, address).toBe(404);
    }
    for (const address of [`/agencies/${GASTON}/reports/${TOO_LARGE}`, `/api/v1/agencies/${GASTON}/reports/${TOO_LARGE}`, `/data/ice-lists/${TOO_LARGE}`, `/sources/${TOO_LARGE}`]) {
      expect((await fetch(`${portal.origin}${address}`)).status, address).toBe(404);
    }
  });
});

describe('route parameters read by the routes themselves (app/utils/route-params.ts)', () => {
  it('parse ids as PostgreSQL integers', () => {
    expect(parseId('1')).toBe(1);
    expect(parseId('2147483647')).toBe(2_147_483_647);
    for (const bad of [undefined, '', '0', '-1', '007', '1.5', '1e3', '12abc', '2147483648', TOO_LARGE, '1\u0000']) expect(parseId(bad), String(bad)).toBeNull();
  });

  it('answer 404 for an id too large, before any query', async () => {
    const cases: [Handler, string, string][] = [
      [filingPage.loader as Handler, `/filings/${TOO_LARGE}`, cookies.gaston],
      [filingPage.action as Handler, `/filings/${TOO_LARGE}`, cookies.gaston],
      [reviewFilingPage.loader as Handler, `/review/filings/${TOO_LARGE}`, cookies.reviewer],
      [reviewFilingPage.action as Handler, `/review/filings/${TOO_LARGE}`, cookies.reviewer],
      [requirementPage.loader as Handler, `/review/requirements/${TOO_LARGE}`, cookies.reviewer],
      [requirementPage.action as Handler, `/review/requirements/${TOO_LARGE}`, cookies.reviewer],
    ];
    for (const [handler, url, cookie] of cases) {
      const request = handler === filingPage.loader || handler === reviewFilingPage.loader || handler === requirementPage.loader ? get(url, cookie) : post(url, { intent: 'save' }, cookie);
      expect((await run(handler, request, { id: TOO_LARGE })).status, url).toBe(404);
    }
  });

  it('answer 404 (403 where an unknown record is not told from another\'s) on every route with an id, for any spelling but the plain one', async () => {
    const filingId = await openedFilingId();
    const headId = (await db.prisma.user.findUniqueOrThrow({ where: { email: 'filer.gaston@example.org' } })).id;
    // Number() reads all of these as ids, some of real rows ("0x…", " 12", "012", "12.0").
    const spellings = (id: number) => ['1e10', TOO_LARGE, `0x${id.toString(16)}`, ` ${id}`, `0${id}`, `${id}.0`];
    const cases: [string, Handler, (raw: string) => Request, (raw: string) => Record<string, string>, number, number][] = [
      ['account page', accountPage.loader as Handler, () => get('/admin/accounts/x', cookies.operator), (id) => ({ id }), headId, 404],
      ['account action', accountPage.action as Handler, () => post('/admin/accounts/x', { intent: 'disable' }, cookies.operator), (id) => ({ id }), headId, 404],
      ['import preview', importPreviewPage.loader as Handler, () => get('/admin/imports/x', cookies.operator), (id) => ({ id }), 1, 404],
      ['import decision', importPreviewPage.action as Handler, () => post('/admin/imports/x', { intent: 'cancel' }, cookies.operator), (id) => ({ id }), 1, 404],
      ['attachments', attachmentsRoute.loader as Handler, () => get('/filings/x/attachments'), (id) => ({ id }), filingId, 404],
      ['attachment post', attachmentsRoute.action as Handler, () => post('/filings/x/attachments', { intent: 'remove', attachmentId: 1 }, cookies.gaston), (id) => ({ id }), filingId, 403],
      ['attachment', attachmentRoute.loader as Handler, () => get('/filings/x/attachments/1', cookies.gaston), (id) => ({ id, attachmentId: '1' }), filingId, 403],
      ['attachment id', attachmentRoute.loader as Handler, () => get('/filings/x/attachments/x', cookies.gaston), (attachmentId) => ({ id: String(filingId), attachmentId }), 1, 404],
      ['CSV upload page', uploadPage.loader as Handler, () => get('/filings/upload/x', cookies.gaston), (id) => ({ requirementId: id }), requirementId, 403],
      ['CSV upload', uploadPage.action as Handler, () => post('/filings/upload/x', {}, cookies.gaston), (id) => ({ requirementId: id }), requirementId, 403],
      ['CSV template', templateRoute.loader as Handler, () => get('/filings/template/x.csv', cookies.gaston), (id) => ({ requirementId: id }), requirementId, 403],
      ['source document', sourcesRoute.loader as Handler, () => get('/sources/x'), (id) => ({ id }), 1, 404],
    ];
    for (const [name, handler, request, params, realId, status] of cases) {
      for (const raw of spellings(realId)) expect((await run(handler, request(raw), params(raw))).status, `${name}: ${JSON.stringify(raw)}`).toBe(status);
    }
    // Nothing happened to the account the spellings named.
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: headId } })).disabledAt).toBeNull();
  });

  it('an account id in range that names no account: every change answers 404, never a failed insert', async () => {
    const missing = '2147483647';
    const intents: Record<string, string | number>[] = [
      { intent: 'grant', role: 'OPERATOR', jurisdictionId: '', agencyId: '' },
      { intent: 'revoke', roleId: 1 },
      { intent: 'disable' },
      { intent: 'enable' },
      { intent: 'reset' },
      { intent: 'signOutEverywhere' },
    ];
    for (const fields of intents) {
      const outcome = await run(accountPage.action as Handler, post(`/admin/accounts/${missing}`, fields, cookies.operator), { id: missing });
      expect(outcome.status, String(fields.intent)).toBeLessThan(500);
      expect([400, 404], String(fields.intent)).toContain(outcome.status);
    }
    const grant = await run(accountPage.action as Handler, post(`/admin/accounts/${missing}`, intents[0], cookies.operator), { id: missing });
    expect(grant).toMatchObject({ status: 404, body: { error: expect.any(String) } });
  });

  it('answer 404 for a slug with a NUL byte: pages, the token page and the JSON API', async () => {
    const nul = 'gaston-county\u0000';
    expect((await run(agencyPage.loader as Handler, get('/agencies/x'), { slug: `${GASTON}\u0000` })).status).toBe(404);
    expect((await run(placePage.loader as Handler, get('/places/nc/x'), { state: 'nc', slug: nul })).status).toBe(404);
    expect((await run(placePage.loader as Handler, get('/places/nc/x'), { state: 'nc\u0000', slug: 'gaston-county' })).status).toBe(404);
    expect((await run(statePage.loader as Handler, get('/places/nc'), { state: 'nc\u0000' })).status).toBe(404);
    expect((await run(tokensPage.loader as Handler, get('/agency/x/tokens', cookies.gaston), { slug: `${GASTON}\u0000` })).status).toBe(403);
    const agency = await run(agencyApi.loader as Handler, get('/api/v1/agencies/x'), { slug: `${GASTON}\u0000` });
    expect(agency).toMatchObject({ status: 404, body: { error: { status: 404 } } });
    const county = await run(countyApi.loader as Handler, get('/api/v1/places/nc/x'), { state: 'nc', county: nul });
    expect(county).toMatchObject({ status: 404, body: { error: { status: 404 } } });
  });
});

describe('forms', () => {
  it('opening a period: an id too large, a NUL byte or a period that is not expected is a 400 that says so, and opens nothing', async () => {
    const before = await filingCount();
    const tooLarge = await run(filingsPage.action as Handler, post('/filings', { requirementId: TOO_LARGE, periodKey: '2025-Q1' }, cookies.gaston));
    expect(tooLarge).toMatchObject({ status: 400, body: { refused: 'This number is too large: at most 2,147,483,647.' } });
    const nul = await run(filingsPage.action as Handler, post('/filings', { requirementId, periodKey: '2025-Q1\u0000' }, cookies.gaston));
    expect(nul).toMatchObject({ status: 400, body: { refused: expect.stringMatching(/invisible control characters/) } });
    for (const periodKey of ['2099-Q1', '1999-Q4', '2025-13']) {
      const refused = await run(filingsPage.action as Handler, post('/filings', { requirementId, periodKey }, cookies.gaston));
      expect(refused.status, periodKey).toBe(400);
      expect((refused.body as { refused: string }).refused, periodKey).toMatch(/No report is expected for period|cannot be used/);
    }
    const unexpected = await run(filingsPage.action as Handler, post('/filings', { requirementId, periodKey: '2099-Q1' }, cookies.gaston));
    expect(unexpected.body).toEqual({ refused: 'No report is expected for period "2099-Q1" of this requirement.' });
    expect(await filingCount()).toBe(before);
  });

  it('an API token: a NUL byte in its name, or a token id too large, is refused with its message and stores nothing', async () => {
    const before = await db.prisma.apiToken.count();
    const nul = await run(tokensPage.action as Handler, post(`/agency/${GASTON}/tokens`, { intent: 'create', name: 'Jail\u0000system' }, cookies.gaston), { slug: GASTON });
    expect(nul).toMatchObject({ status: 400, body: { error: expect.stringMatching(/invisible control characters/) } });
    const huge = await run(tokensPage.action as Handler, post(`/agency/${GASTON}/tokens`, { intent: 'revoke', tokenId: TOO_LARGE }, cookies.gaston), { slug: GASTON });
    expect(huge).toMatchObject({ status: 400, body: { error: 'This number is too large: at most 2,147,483,647.' } });
    expect(await db.prisma.apiToken.count()).toBe(before);
  });

  it('attachments: file names with ";" or "=" are uploaded as named, not refused as a bad request', async () => {
    const opened = await run(filingsPage.action as Handler, post('/filings', { requirementId, periodKey: '2025-Q1' }, cookies.gaston));
    const filingId = /^\/filings\/(\d+)$/.exec(opened.location ?? '')![1];
    for (const fileName of ["O'Neil; Smith.pdf", 'A=B.pdf']) {
      const form = new FormData();
      form.append('intent', 'upload');
      form.append('file', new File([PDF], fileName, { type: 'application/pdf' }));
      const request = new Request(`http://portal.test/filings/${filingId}/attachments`, { method: 'POST', body: form, headers: { cookie: cookies.gaston } });
      const outcome = await run(attachmentsRoute.action as Handler, request, { id: filingId });
      expect(outcome.location, fileName).toMatch(new RegExp(`^/filings/${filingId}\\?attached=\\d+#attachments$`));
    }
    const names = (await db.prisma.attachment.findMany({ where: { filingId: Number(filingId) }, select: { fileName: true } })).map((row) => row.fileName);
    expect(names).toEqual(expect.arrayContaining(["O'Neil; Smith.pdf", 'A=B.pdf']));
  });
});

describe('bodies that cannot be read', () => {
  it('a malformed multipart upload is a 400 that says the form could not be read, on every upload form', async () => {
    const filingId = await openedFilingId();
    for (const body of MALFORMED_MULTIPART) {
      const imports = await run(importsPage.action as Handler, multipart('/admin/imports', body, cookies.operator));
      expect(imports, body).toMatchObject({ status: 400, body: { errors: { file: UNREADABLE } } });
      const agreements = await run(agreementsPage.action as Handler, multipart('/admin/agreements', body, cookies.operator));
      expect(agreements, body).toMatchObject({ status: 400, body: { errors: { document: UNREADABLE } } });
      const csv = await run(uploadPage.action as Handler, multipart(`/filings/upload/${requirementId}`, body, cookies.gaston), { requirementId: String(requirementId) });
      expect(csv, body).toMatchObject({ status: 400, body: { errors: { file: UNREADABLE } } });
      const attachment = await run(attachmentsRoute.action as Handler, multipart(`/filings/${filingId}/attachments`, body, cookies.gaston), { id: String(filingId) });
      expect(attachment, body).toMatchObject({ status: 400, body: { message: 'form.unreadable' } });
    }
    expect(await db.prisma.pendingImport.count()).toBe(0);
  });

  it('a body that is not a form, on a route that reads its own form, is a 400 that says so', async () => {
    const headId = (await db.prisma.user.findUniqueOrThrow({ where: { email: 'filer.gaston@example.org' } })).id;
    const notAForm = (url: string, cookie: string) => new Request(`http://portal.test${url}`, { method: 'POST', body: 'intent=save', headers: { 'content-type': 'text/plain', cookie } });
    const cases: [Handler, Request, Record<string, string>][] = [
      [accountSettings.action as Handler, notAForm('/account', cookies.gaston), {}],
      [languageRoute.action as Handler, notAForm('/language', ''), {}],
      [accountPage.action as Handler, notAForm(`/admin/accounts/${headId}`, cookies.operator), { id: String(headId) }],
      [filingPage.action as Handler, multipart(`/filings/${await openedFilingId()}`, MALFORMED_MULTIPART[1], cookies.gaston), { id: String(await openedFilingId()) }],
    ];
    for (const [handler, request, params] of cases) expect(await run(handler, request, params), request.url).toMatchObject({ status: 400, body: { message: 'form.unreadable' } });
  });

  it('the error page says what was wrong with a 400 that carries a message, in the reader\'s language', async () => {
    const handle = testRequestHandler({ 'routes/filings.$id': { path: 'filings/:id', module: filingPage } });
    const filingId = await openedFilingId();
    const send = (headers: Record<string, string>) =>
      handle(new Request(`http://portal.test/filings/${filingId}`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain', cookie: cookies.gaston, ...headers } }), TEST_CONTEXT);
    const english = await send({});
    expect(english.status).toBe(400);
    expect(await english.text()).toMatch(/This request cannot be read.*The form could not be read\. Reload the page and send it again\./s);
    const spanish = await send({ 'accept-language': 'es' });
    expect(spanish.status).toBe(400);
    expect(await spanish.text()).toMatch(/No se puede leer esta petición.*No se pudo leer el formulario/s);
  });
});

describe('control characters in a form with no field to mark', () => {
  it('the ICE import decision and the attachment form say what was wrong, and change nothing', async () => {
    const decision = await run(importPreviewPage.action as Handler, post('/admin/imports/1', { intent: 'cancel\u0000' }, cookies.operator), { id: '1' });
    expect(decision).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^The form sent invisible control characters/) } });
    const filingId = await openedFilingId();
    const attachments = await db.prisma.attachment.count();
    const removal = await run(attachmentsRoute.action as Handler, post(`/filings/${filingId}/attachments`, { intent: 'remove', attachmentId: '1\u0000' }, cookies.gaston), { id: String(filingId) });
    expect(removal).toMatchObject({ status: 400, body: { message: 'form.controlCharactersSent' } });
    expect(await db.prisma.attachment.count()).toBe(attachments);
  });
});

describe('the filing form with control characters in what was typed', () => {
  it('comes back with each field marked and the text without them, and saves nothing', async () => {
    const filingId = await openedFilingId();
    const before = await db.prisma.filing.findUniqueOrThrow({ where: { id: filingId }, select: { draftValues: true, draftSavedAt: true } });
    const fields = { intent: 'save', 'value:detainers_received': '1\u00002', certifiedName: 'A\u0001 Head', 'explanation:some_rule': 'why\u001b' };
    const outcome = await run(filingPage.action as Handler, post(`/filings/${filingId}`, fields, cookies.gaston), { id: String(filingId) });
    expect(outcome.status).toBe(400);
    const body = outcome.body as { outcome: string; issues: { fields: string[]; message: { code: string } }[]; posted: { values: Record<string, string>; certifiedName: string; explanations: Record<string, string> } };
    expect(body.outcome).toBe('refused');
    const marked = body.issues.filter((issue) => issue.message.code === 'text_control_characters').map((issue) => issue.fields);
    expect(marked).toEqual(expect.arrayContaining([['detainers_received'], ['certifiedName'], []]));
    expect(body.posted.values.detainers_received).toBe('12');
    expect(body.posted.certifiedName).toBe('A Head');
    expect(body.posted.explanations).toEqual({ some_rule: 'why' });
    expect(await db.prisma.filing.findUniqueOrThrow({ where: { id: filingId }, select: { draftValues: true, draftSavedAt: true } })).toEqual(before);
  });

  it('is shown again as a page with the message under the field, in the reader\'s language', async () => {
    const handle = testRequestHandler({ 'routes/filings.$id': { path: 'filings/:id', module: filingPage } });
    const filingId = await openedFilingId();
    const body = new URLSearchParams({ intent: 'save', 'value:detainers_received': '7\u00008' });
    const page = async (language: string) => {
      const response = await handle(
        new Request(`http://portal.test/filings/${filingId}`, { method: 'POST', body, headers: { cookie: cookies.gaston, 'accept-language': language } }),
        TEST_CONTEXT,
      );
      return { status: response.status, html: await response.text() };
    };
    const english = await page('en');
    expect(english.status).toBe(400);
    expect(english.html).toContain('This contained invisible control characters (such as a NUL byte), which were removed.');
    expect(english.html).toMatch(/name="value:detainers_received"[^>]*value="78"|value="78"[^>]*name="value:detainers_received"/);
    expect((await page('es')).html).toContain('Contenía caracteres de control invisibles');
  });
});

describe('POST /api/v1/filings', () => {
  const send = (body: string) =>
    run(
      filingsApi.action as Handler,
      new Request('http://portal.test/api/v1/filings', { method: 'POST', body, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' } }),
    );
  const certification = { name: 'A Head', title: 'Sheriff' };
  /** A period the requirement expects whose filing has not been opened yet. */
  async function unopenedPeriod(): Promise<string> {
    for (const periodKey of ['2025-Q3', '2025-Q4', '2025-Q2', '2026-Q1', '2026-Q2', '2026-Q3']) {
      if (!(await db.prisma.filing.findUnique({ where: { requirementId_periodKey: { requirementId, periodKey } } }))) return periodKey;
    }
    throw new Error('every period is open already');
  }

  it('a NUL byte in any text value, or in a key, is a 400 naming the field, and opens no filing', async () => {
    const periodKey = await unopenedPeriod();
    const before = await filingCount();
    const bodies: [Record<string, unknown>, string][] = [
      [{ requirementId, periodKey, values: { detainers_received: '1\u0000' }, certification }, 'values'],
      [{ requirementId, periodKey, values: { 'detainers_received\u0000': '1' }, certification }, 'values'],
      [{ requirementId, periodKey, values: {}, certification: { name: 'A\u0000Head', title: 'Sheriff' } }, 'certification'],
      [{ requirementId, periodKey, values: {}, explanations: { 'rule\u0000': 'x' }, certification }, 'explanations'],
      [{ requirementId, periodKey, values: {}, amendmentReason: 'x\u001b[31m', certification }, 'amendmentReason'],
      [{ requirementId, periodKey: `${periodKey}\u0000`, values: {}, certification }, 'periodKey'],
    ];
    for (const [body, field] of bodies) {
      const outcome = await send(JSON.stringify(body));
      expect(outcome.status, JSON.stringify(body)).toBe(400);
      expect((outcome.body as { error: { issues: { fields: string[]; message: string }[] } }).error.issues, JSON.stringify(body)).toContainEqual({
        fields: [field],
        message: expect.stringMatching(/invisible control characters/),
      });
    }
    expect(await filingCount()).toBe(before);
  });

  it('a misspelt key is a 400 naming it, in the singular for one key and the plural for several', async () => {
    const periodKey = await unopenedPeriod();
    const before = await filingCount();
    const issues = async (extra: Record<string, unknown>) => {
      const outcome = await send(JSON.stringify({ requirementId, periodKey, values: {}, certification, ...extra }));
      expect(outcome.status).toBe(400);
      return (outcome.body as { error: { issues: { fields: string[]; message: string }[] } }).error.issues;
    };
    expect(await issues({ value: {} })).toEqual([{ fields: [], message: 'Unknown key in the body: "value". Check its spelling against docs/api.md.' }]);
    expect(await issues({ value: {}, period: '2025-Q1' })).toEqual([
      { fields: [], message: 'Unknown keys in the body: "value", "period". Check their spelling against docs/api.md.' },
    ]);
    expect(await filingCount()).toBe(before);
  });

  it('JSON nested thousands deep is a 400 that says so, not a stack overflow', async () => {
    const before = await filingCount();
    const deep = (levels: number) => `${'['.repeat(levels)}${']'.repeat(levels)}`;
    for (const body of [`{"a":${deep(10_000)}}`, `{"requirementId": ${requirementId}, "periodKey": "2025-Q4", "values": {"detainers_received": ${deep(10_000)}}, "certification": {"name": "A", "title": "B"}}`, deep(50_000)]) {
      const outcome = await send(body);
      expect(outcome.status).toBe(400);
      expect((outcome.body as { error: { issues: { message: string }[] } }).error.issues).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/nested too deeply: at most 20 levels/) }));
    }
    expect(await filingCount()).toBe(before);
  });

  it('numbers that are only too large say so, with the limit', async () => {
    const periodKey = await unopenedPeriod();
    const before = await filingCount();
    for (const id of ['2147483648', '1e20', '1e400']) {
      const outcome = await send(`{"requirementId": ${id}, "periodKey": "${periodKey}", "values": {}, "certification": {"name": "A", "title": "B"}}`);
      expect(outcome.status, id).toBe(400);
      expect(JSON.stringify(outcome.body), id).toContain('requirementId must be a whole number from 1 to 2147483647.');
    }
    for (const value of ['1e21', '1e400', '123456789012345']) {
      const outcome = await send(`{"requirementId": ${requirementId}, "periodKey": "${periodKey}", "values": {"detainers_received": ${value}}, "certification": {"name": "A", "title": "B"}}`);
      expect(outcome.status, value).toBe(422);
      expect((outcome.body as { error: { issues: { fields: string[]; message: string }[] } }).error.issues, value).toContainEqual(
        expect.objectContaining({ fields: ['values.detainers_received'], message: 'That number is too large: at most 999,999,999,999. Check it.', code: 'value_too_large' }),
      );
    }
    expect(await filingCount()).toBe(before);
  });

  it('a refused report leaves no filing behind; an unexpected period is a 409 that says so', async () => {
    const periodKey = await unopenedPeriod();
    const before = await filingCount();
    const refused = await send(JSON.stringify({ requirementId, periodKey, values: { detainers_received: 'many' }, certification }));
    expect(refused.status).toBe(422);
    const blankName = await send(JSON.stringify({ requirementId, periodKey, values: {}, nothingToReport: true, certification: { name: ' ', title: 'Sheriff' } }));
    expect(blankName.status).toBe(422);
    const unexpected = await send(JSON.stringify({ requirementId, periodKey: '2099-Q1', values: {}, certification }));
    expect(unexpected).toMatchObject({ status: 409, body: { error: { message: 'No report is expected for period "2099-Q1" of this requirement.' } } });
    const tooLargeId = await send(JSON.stringify({ requirementId: 2 ** 31, periodKey, values: {}, certification }));
    expect(tooLargeId.status).toBe(400);
    expect(await filingCount()).toBe(before);
    expect(await db.prisma.filing.findUnique({ where: { requirementId_periodKey: { requirementId, periodKey } } })).toBeNull();
  });
});
