/**
 * The operator pages, through their route loaders and actions against real PostgreSQL: who may
 * open them, accounts and invitations, and importing an ICE list by upload, preview and confirm.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startSession } from '~/auth/session.server';
import { disconnectPrisma } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { parseIceList } from '~/registry/ice-list';
import { agencyKey, agencySlug } from '~/registry/names';
import * as accountRoute from '~/routes/admin.accounts.$id/route';
import * as accountsRoute from '~/routes/admin.accounts';
import * as agenciesRoute from '~/routes/admin.agencies';
import * as eventsRoute from '~/routes/admin.events';
import * as homeRoute from '~/routes/admin._index';
import * as previewRoute from '~/routes/admin.imports.$id/route';
import * as importsRoute from '~/routes/admin.imports/route';
import * as placesRoute from '~/routes/admin.places';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { testRequestHandler } from '../support/page-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const CONTEXT = { cspNonce: '', clientIp: '203.0.113.9' };
const iceList = (name: string) => fs.readFileSync(path.join(ICE_LISTS_DIR, name));

let db: TestDatabase;
let operator: { id: number; cookie: string };
let filer: { id: number; cookie: string };
let gastonCountyId: number;

async function createUser(email: string, roles: { role: 'OPERATOR' | 'REVIEWER' | 'FILER' | 'HEAD'; jurisdictionId?: number; agencyId?: number }[] = []) {
  const user = await db.prisma.user.create({ data: { email, name: email.split('@')[0], roles: { create: roles } } });
  return { id: user.id, cookie: await cookieFor(user.id) };
}

async function cookieFor(userId: number) {
  const setCookie = await startSession(db.prisma, userId, new Request('http://x/'), null);
  return setCookie.split(';')[0]; // "portal_session=<token>"
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  delete process.env.SMTP_URL; // links are shown, never mailed
  vi.spyOn(console, 'log').mockImplementation(() => {}); // the mailer logs each unsent link
  await seedNcJurisdictions(db.prisma);
  // Agencies with agreements, for filer and invitation choices.
  await importIceList(db.prisma, { bytes: iceList('pending-2025-05-15.xlsx'), fileName: 'pending-2025-05-15.xlsx', importedBy: 'seed' });
  gastonCountyId = (await db.prisma.jurisdiction.findFirstOrThrow({ where: { stateCode: 'NC', slug: 'gaston-county' } })).id;
  const agency = await db.prisma.agency.findFirstOrThrow({ where: { agreements: { some: {} } } });
  operator = await createUser('operator@portal.test', [{ role: 'OPERATOR' }]);
  filer = await createUser('filer@agency.test', [{ role: 'FILER', agencyId: agency.id }]);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await disconnectPrisma();
  await db.drop();
});

interface Outcome {
  status: number;
  location: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
}

type RouteFunction = (args: { request: Request; params: Record<string, string>; context: typeof CONTEXT }) => unknown;

/** Runs a loader or action as the browser would see it: thrown responses and data() included. */
async function run(fn: RouteFunction, request: Request, params: Record<string, string> = {}): Promise<Outcome> {
  let result: unknown;
  try {
    result = await fn({ request, params, context: CONTEXT });
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get('location'), body: await result.text() };
  if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') {
    const { data, init } = result as unknown as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, location: null, body: data };
  }
  if (result instanceof Error) throw result;
  return { status: 200, location: null, body: result };
}

const get = (url: string, cookie?: string) => new Request(`http://portal.test${url}`, { headers: cookie ? { cookie } : {} });

function post(url: string, fields: Record<string, string | number | File>, cookie?: string) {
  const multipart = Object.values(fields).some((value) => value instanceof File);
  const body = multipart ? new FormData() : new URLSearchParams();
  for (const [name, value] of Object.entries(fields)) {
    if (value instanceof File) (body as FormData).append(name, value);
    else body.append(name, String(value));
  }
  return new Request(`http://portal.test${url}`, { method: 'POST', body, headers: cookie ? { cookie } : {} });
}

const upload = (fileName: string, bytes: Uint8Array<ArrayBuffer>, cookie: string, asOf = '') =>
  run(importsRoute.action, post('/admin/imports', { file: new File([bytes], fileName), asOf }, cookie));

const LOADERS: [string, RouteFunction, string, Record<string, string>][] = [
  ['/admin', homeRoute.loader, '/admin', {}],
  ['/admin/accounts', accountsRoute.loader, '/admin/accounts', {}],
  ['/admin/accounts/:id', accountRoute.loader, '/admin/accounts/1', { id: '1' }],
  ['/admin/places', placesRoute.loader, '/admin/places', {}],
  ['/admin/agencies', agenciesRoute.loader, '/admin/agencies', {}],
  ['/admin/imports', importsRoute.loader, '/admin/imports', {}],
  ['/admin/imports/:id', previewRoute.loader, '/admin/imports/1', { id: '1' }],
  ['/admin/events', eventsRoute.loader, '/admin/events?kind=sign_in', {}],
];

const ACTIONS: [string, RouteFunction, string, Record<string, string>, Record<string, string>][] = [
  ['/admin/accounts', accountsRoute.action, '/admin/accounts', {}, { email: 'x@y.test', role: 'OPERATOR' }],
  ['/admin/accounts/:id', accountRoute.action, '/admin/accounts/1', { id: '1' }, { intent: 'disable' }],
  ['/admin/places', placesRoute.action, '/admin/places', {}, { intent: 'create', name: 'Nowhere', countyId: '1' }],
  ['/admin/agencies', agenciesRoute.action, '/admin/agencies', {}, { intent: 'create', name: 'Nowhere PD', kind: 'POLICE', jurisdictionId: '1' }],
  ['/admin/imports', importsRoute.action, '/admin/imports', {}, { asOf: '' }],
  ['/admin/imports/:id', previewRoute.action, '/admin/imports/1', { id: '1' }, { intent: 'confirm' }],
];

describe('who may open the operator pages', () => {
  it.each(LOADERS)('sends anonymous visitors from %s to sign in', async (_name, loader, url, params) => {
    const outcome = await run(loader, get(url), params);
    expect(outcome.status).toBe(302);
    expect(outcome.location).toBe(`/sign-in?redirectTo=${encodeURIComponent(url)}`);
  });

  it.each(LOADERS)('answers 403 to a filer on %s', async (_name, loader, url, params) => {
    expect((await run(loader, get(url, filer.cookie), params)).status).toBe(403);
  });

  it.each(ACTIONS)('answers 403 to a filer posting to %s, changing nothing', async (_name, action, url, params, fields) => {
    const before = await Promise.all([db.prisma.invitation.count(), db.prisma.jurisdiction.count(), db.prisma.agency.count(), db.prisma.iceImport.count()]);
    expect((await run(action, post(url, fields, filer.cookie), params)).status).toBe(403);
    const after = await Promise.all([db.prisma.invitation.count(), db.prisma.jurisdiction.count(), db.prisma.agency.count(), db.prisma.iceImport.count()]);
    expect(after).toEqual(before);
  });

  it('shows operators every page', async () => {
    for (const [, loader, url, params] of LOADERS.filter(([name]) => !name.endsWith(':id'))) {
      expect((await run(loader, get(url, operator.cookie), params)).status).toBe(200);
    }
    expect((await run(accountRoute.loader, get(`/admin/accounts/${filer.id}`, operator.cookie), { id: String(filer.id) })).status).toBe(200);
  });
});

describe('accounts', () => {
  it('invites a reviewer and shows the link to pass on, once', async () => {
    const outcome = await run(
      accountsRoute.action,
      post('/admin/accounts', { email: ' Clerk@Gaston.NC.gov ', role: 'REVIEWER', jurisdictionId: gastonCountyId, agencyId: '' }, operator.cookie),
    );
    expect(outcome.status).toBe(200);
    expect(outcome.body.link).toMatchObject({ email: 'clerk@gaston.nc.gov', delivery: 'no-smtp' });
    expect(outcome.body.link.url).toMatch(/^http:\/\/portal\.test\/invite\/[\w-]{20,}$/);

    const invitation = await db.prisma.invitation.findFirstOrThrow({ where: { email: 'clerk@gaston.nc.gov' } });
    expect(invitation).toMatchObject({ kind: 'INVITE', role: 'REVIEWER', jurisdictionId: gastonCountyId, agencyId: null, createdById: operator.id });
    const event = await db.prisma.securityEvent.findFirstOrThrow({ where: { kind: 'invitation_created', email: 'clerk@gaston.nc.gov' } });
    expect(event).toMatchObject({ actorUserId: operator.id, ip: CONTEXT.clientIp });

    // Only the token's hash is stored: the list of open invitations cannot show the link again.
    const list = await run(accountsRoute.loader, get('/admin/accounts', operator.cookie));
    expect(JSON.stringify(list.body)).not.toContain(outcome.body.link.url);
    expect(list.body.invitations.map((i: { email: string }) => i.email)).toContain('clerk@gaston.nc.gov');
  });

  it('refuses an invitation with no email and a reviewer with no place, keeping what was typed', async () => {
    const before = await db.prisma.invitation.count();
    const outcome = await run(accountsRoute.action, post('/admin/accounts', { email: 'not an email', role: 'REVIEWER', jurisdictionId: '', agencyId: '' }, operator.cookie));
    expect(outcome.status).toBe(400);
    expect(outcome.body.errors).toEqual({
      email: 'Enter an email address, like name@county.gov.',
      jurisdictionId: 'A reviewer role needs a county or town, and no agency.',
    });
    expect(outcome.body.values).toMatchObject({ email: 'not an email', role: 'REVIEWER' });
    expect(await db.prisma.invitation.count()).toBe(before);
  });

  it('refuses to grant a reviewer role without a place, with the message', async () => {
    const person = await createUser('person@county.test');
    const outcome = await run(
      accountRoute.action,
      post(`/admin/accounts/${person.id}`, { intent: 'grant', role: 'REVIEWER', jurisdictionId: '', agencyId: '' }, operator.cookie),
      { id: String(person.id) },
    );
    expect(outcome.status).toBe(400);
    expect(outcome.body.errors.jurisdictionId).toBe('A reviewer role needs a county or town, and no agency.');
    expect(outcome.body.values.role).toBe('REVIEWER');
    expect(await db.prisma.roleAssignment.count({ where: { userId: person.id } })).toBe(0);
  });

  it('grants and revokes a role, recording both', async () => {
    const person = await createUser('reviewer@county.test');
    const params = { id: String(person.id) };
    const granted = await run(
      accountRoute.action,
      post(`/admin/accounts/${person.id}`, { intent: 'grant', role: 'REVIEWER', jurisdictionId: gastonCountyId, agencyId: '' }, operator.cookie),
      params,
    );
    expect(granted.status).toBe(200);
    const role = await db.prisma.roleAssignment.findFirstOrThrow({ where: { userId: person.id } });
    expect(role).toMatchObject({ role: 'REVIEWER', jurisdictionId: gastonCountyId, agencyId: null });

    const again = await run(
      accountRoute.action,
      post(`/admin/accounts/${person.id}`, { intent: 'grant', role: 'REVIEWER', jurisdictionId: gastonCountyId }, operator.cookie),
      params,
    );
    expect(again.status).toBe(400);
    expect(again.body.errors.role).toBe('This account already has that role.');

    const revoked = await run(accountRoute.action, post(`/admin/accounts/${person.id}`, { intent: 'revoke', roleId: role.id }, operator.cookie), params);
    expect(revoked.status).toBe(200);
    expect(await db.prisma.roleAssignment.count({ where: { userId: person.id } })).toBe(0);
    const events = await db.prisma.securityEvent.findMany({ where: { subjectUserId: person.id }, orderBy: { id: 'asc' } });
    expect(events.map((e) => [e.kind, e.actorUserId])).toEqual([
      ['role_granted', operator.id],
      ['role_revoked', operator.id],
    ]);
  });

  it('ends every session of an account it disables, and lets it back in once enabled', async () => {
    const person = await createUser('leaving@agency.test');
    const otherBrowser = await cookieFor(person.id);
    // Signed in, not an operator: 403, not the sign-in page.
    expect((await run(homeRoute.loader, get('/admin', person.cookie))).status).toBe(403);

    const params = { id: String(person.id) };
    const outcome = await run(accountRoute.action, post(`/admin/accounts/${person.id}`, { intent: 'disable' }, operator.cookie), params);
    expect(outcome.status).toBe(200);
    expect(outcome.body.notice).toBe('Account disabled, and all its sessions ended.');

    for (const cookie of [person.cookie, otherBrowser]) {
      expect((await run(homeRoute.loader, get('/admin', cookie))).location).toMatch(/^\/sign-in/);
    }
    expect(await db.prisma.session.count({ where: { userId: person.id, revokedAt: null } })).toBe(0);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: person.id } })).disabledAt).not.toBeNull();
    expect(await db.prisma.securityEvent.count({ where: { kind: 'account_disabled', subjectUserId: person.id, actorUserId: operator.id } })).toBe(1);

    expect((await run(accountRoute.action, post(`/admin/accounts/${person.id}`, { intent: 'enable' }, operator.cookie), params)).status).toBe(200);
    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: person.id } })).disabledAt).toBeNull();
    expect(await db.prisma.securityEvent.count({ where: { kind: 'account_enabled', subjectUserId: person.id } })).toBe(1);
  });

  it('does not let an operator disable themselves or revoke their own operator role', async () => {
    const params = { id: String(operator.id) };
    const disable = await run(accountRoute.action, post(`/admin/accounts/${operator.id}`, { intent: 'disable' }, operator.cookie), params);
    expect(disable.status).toBe(400);
    expect(disable.body.error).toBe('You cannot disable your own account. Another operator can.');

    const own = await db.prisma.roleAssignment.findFirstOrThrow({ where: { userId: operator.id, role: 'OPERATOR' } });
    const revoke = await run(accountRoute.action, post(`/admin/accounts/${operator.id}`, { intent: 'revoke', roleId: own.id }, operator.cookie), params);
    expect(revoke.status).toBe(400);
    expect(revoke.body.error).toBe('You cannot revoke your own operator role. Another operator can.');

    expect((await db.prisma.user.findUniqueOrThrow({ where: { id: operator.id } })).disabledAt).toBeNull();
    expect(await db.prisma.roleAssignment.count({ where: { id: own.id } })).toBe(1);
    expect((await run(homeRoute.loader, get('/admin', operator.cookie))).status).toBe(200);
  });

  it('creates a password reset link to pass on, and signs an account out everywhere', async () => {
    const person = await createUser('forgetful@agency.test');
    const params = { id: String(person.id) };
    const reset = await run(accountRoute.action, post(`/admin/accounts/${person.id}`, { intent: 'reset' }, operator.cookie), params);
    expect(reset.status).toBe(200);
    expect(reset.body.link.url).toMatch(/\/reset-password\/[\w-]{20,}$/);
    expect(await db.prisma.invitation.count({ where: { kind: 'PASSWORD_RESET', email: 'forgetful@agency.test', createdById: operator.id } })).toBe(1);
    expect(await db.prisma.securityEvent.count({ where: { kind: 'password_reset_requested', subjectUserId: person.id, actorUserId: operator.id } })).toBe(1);

    const out = await run(accountRoute.action, post(`/admin/accounts/${person.id}`, { intent: 'signOutEverywhere' }, operator.cookie), params);
    expect(out.status).toBe(200);
    expect((await run(homeRoute.loader, get('/admin', person.cookie))).location).toMatch(/^\/sign-in/);
    expect(await db.prisma.securityEvent.count({ where: { kind: 'sign_out_everywhere', subjectUserId: person.id, actorUserId: operator.id } })).toBe(1);
  });
});

describe('places and agencies', () => {
  it('adds a town and an agency that a later ICE import will recognise', async () => {
    const town = await run(placesRoute.action, post('/admin/places', { intent: 'create', name: 'Cramerton', countyId: gastonCountyId }, operator.cookie));
    expect(town.status).toBe(200);
    const cramerton = await db.prisma.jurisdiction.findFirstOrThrow({ where: { stateCode: 'NC', kind: 'MUNICIPALITY', searchName: 'cramerton' } });
    expect(cramerton).toMatchObject({ slug: 'cramerton', parentId: gastonCountyId });

    const twin = await run(placesRoute.action, post('/admin/places', { intent: 'create', name: 'cramerton', countyId: gastonCountyId }, operator.cookie));
    expect(twin.status).toBe(400);
    expect(twin.body.errors.name).toBe('A town or city of that name already exists in North Carolina.');
    expect(twin.body.values.name).toBe('cramerton');

    const population = await run(placesRoute.action, post('/admin/places', { intent: 'population', placeId: cramerton.id, population: '4,450' }, operator.cookie));
    expect(population.status).toBe(200);
    expect((await db.prisma.jurisdiction.findUniqueOrThrow({ where: { id: cramerton.id } })).population).toBe(4450);

    const agency = await run(
      agenciesRoute.action,
      post('/admin/agencies', { intent: 'create', name: "Cramerton  Police Department", kind: 'POLICE', jurisdictionId: cramerton.id }, operator.cookie),
    );
    expect(agency.status).toBe(302);
    const row = await db.prisma.agency.findUniqueOrThrow({ where: { slug: agencySlug('NC', 'Cramerton Police Department') } });
    expect(row).toMatchObject({ name: 'Cramerton Police Department', matchKey: agencyKey('NC', 'Cramerton Police Department'), jurisdictionId: cramerton.id });

    const edited = await run(agenciesRoute.action, post('/admin/agencies', { intent: 'update', agencyId: row.id, kind: 'OTHER', jurisdictionId: gastonCountyId }, operator.cookie));
    expect(edited.status).toBe(302);
    expect(await db.prisma.agency.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ kind: 'OTHER', jurisdictionId: gastonCountyId });
  });
});

describe('importing an ICE list by upload', () => {
  it('previews the upload, then imports it on confirm and drops the upload', async () => {
    const fileName = 'participating-2025-05-16.xlsx';
    const bytes = iceList(fileName);
    const uploaded = await upload(fileName, bytes, operator.cookie);
    expect(uploaded.status).toBe(302);
    const pending = await db.prisma.pendingImport.findFirstOrThrow({ where: { fileName } });
    expect(uploaded.location).toBe(`/admin/imports/${pending.id}`);
    expect(pending.uploadedById).toBe(operator.id);

    const params = { id: String(pending.id) };
    const preview = await run(previewRoute.loader, get(`/admin/imports/${pending.id}`, operator.cookie), params);
    expect(preview.status).toBe(200);
    const expected = await importIceList(db.prisma, { bytes, fileName, dryRun: true, importedBy: 'test' });
    expect(preview.body.refused).toBeNull();
    expect(preview.body.preview).toMatchObject({ listKind: 'participating', asOf: '2025-05-16', rowsRead: expected.rowsRead, counts: expected.counts, homeActive: 20 });
    expect(preview.body.preview.counts.new).toBeGreaterThan(0);
    expect(preview.body.preview.home.length).toBeGreaterThan(0);
    expect(preview.body.preview.home.every((c: { stateCode: string }) => c.stateCode === 'NC')).toBe(true);

    const confirmed = await run(previewRoute.action, post(`/admin/imports/${pending.id}`, { intent: 'confirm' }, operator.cookie), params);
    expect(confirmed.status).toBe(302);
    const record = await db.prisma.iceImport.findFirstOrThrow({ where: { fileName }, orderBy: { id: 'desc' } });
    expect(confirmed.location).toBe(`/admin/imports?imported=${record.id}`);
    expect(record).toMatchObject({
      importedBy: `user:${operator.id}`,
      listKind: 'PARTICIPATING',
      newCount: expected.counts.new,
      changedCount: expected.counts.changed,
      endedCount: expected.counts.ended,
    });
    expect(await db.prisma.pendingImport.count({ where: { id: pending.id } })).toBe(0);
    expect(await db.prisma.agreement.count({ where: { status: 'ACTIVE', agency: { stateCode: 'NC' } } })).toBe(20);

    const list = await run(importsRoute.loader, get(`/admin/imports?imported=${record.id}`, operator.cookie));
    expect(list.body.imported).toMatchObject({ listKind: 'PARTICIPATING', asOf: '2025-05-16', new: expected.counts.new });
    expect(list.body.imports[0]).toMatchObject({ fileName, importedBy: 'operator' });
  });

  it('refuses a file that is not an ICE list with the importer’s message, and keeps nothing', async () => {
    const bytes = new TextEncoder().encode('name,favourite colour\nAnn,green\n');
    const expected = await parseIceList(bytes, 'notes.csv').then(
      () => null,
      (error: Error) => error.message,
    );
    expect(expected).toBeTruthy();
    const before = await db.prisma.pendingImport.count();
    const outcome = await upload('notes.csv', bytes, operator.cookie);
    expect(outcome.status).toBe(400);
    expect(outcome.body.errors.file).toBe(expected);
    expect(await db.prisma.pendingImport.count()).toBe(before);
  });

  it('imports a list that would end most agreements only once the operator says it is complete', async () => {
    // Against the pending list of May 15, July's drops most applications (ICE granted them, and
    // the participating list of July that would show them active is not imported here).
    const fileName = 'pending-2025-07-18.xlsx';
    const uploaded = await upload(fileName, iceList(fileName), operator.cookie);
    expect(uploaded.status).toBe(302);
    const pending = await db.prisma.pendingImport.findFirstOrThrow({ where: { fileName } });
    const params = { id: String(pending.id) };

    const preview = await run(previewRoute.loader, get(`/admin/imports/${pending.id}`, operator.cookie), params);
    expect(preview.body.massEnd).toBe(true);
    expect(preview.body.refused).toMatch(/would end \d+ of the \d+ pending agreements/);
    expect(preview.body.refused).not.toContain('--allow-mass-end'); // the page has a checkbox instead
    expect(preview.body.preview.counts.ended).toBeGreaterThan(10);

    const refused = await run(previewRoute.action, post(`/admin/imports/${pending.id}`, { intent: 'confirm' }, operator.cookie), params);
    expect(refused.status).toBe(400);
    expect(refused.body.error).toBe(preview.body.refused);
    expect(await db.prisma.pendingImport.count({ where: { id: pending.id } })).toBe(1);

    const confirmed = await run(previewRoute.action, post(`/admin/imports/${pending.id}`, { intent: 'confirm', allowMassEnd: 'on' }, operator.cookie), params);
    expect(confirmed.status).toBe(302);
    const record = await db.prisma.iceImport.findFirstOrThrow({ where: { fileName }, orderBy: { id: 'desc' } });
    expect(record).toMatchObject({ listKind: 'PENDING', endedCount: preview.body.preview.counts.ended, importedBy: `user:${operator.id}` });
    expect(await db.prisma.pendingImport.count({ where: { id: pending.id } })).toBe(0);
  });

  it('refuses a list older than one already imported, and a file over 10 MB, keeping nothing', async () => {
    const fileName = 'participating-2025-05-16.xlsx';
    await importIceList(db.prisma, { bytes: iceList(fileName), fileName, importedBy: 'test' }); // none older may follow
    const before = await db.prisma.pendingImport.count();
    const older = await upload('participating.xlsx', iceList(fileName), operator.cookie, '2025-05-01');
    expect(older.status).toBe(400);
    expect(older.body.errors.file).toMatch(/dated 2025-05-01, older than the participating list of 2025-05-16/);
    // Worded for this page (its "Date of the list" field), not the command line's --as-of.
    expect(older.body.errors.file).toContain('“Date of the list”');
    expect(older.body.errors.file).not.toContain('--');
    expect(older.body.asOf).toBe('2025-05-01');

    const huge = await upload('participating-2025-09-01.csv', new Uint8Array(10_000_001), operator.cookie);
    expect(huge.status).toBe(413);
    expect(huge.body.errors.file).toMatch(/larger than 10 MB/);
    expect(await db.prisma.pendingImport.count()).toBe(before);
  });

  it('discards an upload on cancel, importing nothing', async () => {
    const fileName = 'participating-2025-07-18.xlsx';
    const imports = await db.prisma.iceImport.count();
    const uploaded = await upload(fileName, iceList(fileName), operator.cookie);
    expect(uploaded.status).toBe(302);
    const pending = await db.prisma.pendingImport.findFirstOrThrow({ where: { fileName } });
    const params = { id: String(pending.id) };

    const cancelled = await run(previewRoute.action, post(`/admin/imports/${pending.id}`, { intent: 'cancel' }, operator.cookie), params);
    expect(cancelled).toMatchObject({ status: 302, location: '/admin/imports?cancelled=1' });
    expect(await db.prisma.pendingImport.count({ where: { id: pending.id } })).toBe(0);
    expect(await db.prisma.iceImport.count()).toBe(imports);
    expect((await run(previewRoute.loader, get(`/admin/imports/${pending.id}`, operator.cookie), params)).status).toBe(404);
  });
});

describe('an upload the registry already matches', () => {
  const pages = testRequestHandler({ 'routes/admin.imports.$id': { path: 'admin/imports/:id', module: previewRoute } });
  const html = async (url: string, headers: Record<string, string> = {}) =>
    (await pages(new Request(`http://portal.test${url}`, { headers: { cookie: operator.cookie, ...headers } }), CONTEXT)).text();

  it('says there is nothing to import, offers only to discard it, and records nothing on confirm', async () => {
    const fileName = 'participating-2025-05-16.xlsx';
    // The registry holds this very list (imported by the tests above, or here if run alone).
    const latest = await db.prisma.iceImport.findFirst({ where: { listKind: 'PARTICIPATING' }, orderBy: { id: 'desc' } });
    if (latest?.fileName !== fileName) await importIceList(db.prisma, { bytes: iceList(fileName), fileName, importedBy: 'test' });
    const imports = await db.prisma.iceImport.count();

    const uploaded = await upload(fileName, iceList(fileName), operator.cookie);
    expect(uploaded.status).toBe(302);
    const pending = await db.prisma.pendingImport.findFirstOrThrow({ where: { fileName }, orderBy: { id: 'desc' } });
    const params = { id: String(pending.id) };
    const url = `/admin/imports/${pending.id}`;

    const preview = await run(previewRoute.loader, get(url, operator.cookie), params);
    expect(preview.body).toMatchObject({ refused: null, nothingToImport: true, sameFileImported: { listKind: 'PARTICIPATING', asOf: '2025-05-16' } });
    expect(preview.body.preview.counts).toMatchObject({ new: 0, changed: 0, ended: 0 });
    const page = await html(url);
    expect(page).toContain('Nothing to import: this list matches the registry.');
    expect(page).toContain('The same file was imported on');
    expect(page).not.toContain('Confirm and import');
    expect(page).toMatch(/<button type="submit" class="secondary">Discard the upload<\/button>/);
    const spanish = await html(url, { 'accept-language': 'es-MX,es;q=0.9' });
    expect(spanish).toContain('Nada que importar: esta lista coincide con el registro.');

    // A confirm posted anyway (a page opened before, another tab) is refused and records nothing.
    const confirmed = await run(previewRoute.action, post(url, { intent: 'confirm' }, operator.cookie), params);
    expect(confirmed.status).toBe(400);
    expect(confirmed.body.error).toMatch(/^Nothing to import: this list matches the registry/);
    expect(await db.prisma.iceImport.count()).toBe(imports);
    expect(await db.prisma.pendingImport.count({ where: { id: pending.id } })).toBe(1);

    const discarded = await run(previewRoute.action, post(url, { intent: 'cancel' }, operator.cookie), params);
    expect(discarded).toMatchObject({ status: 302, location: '/admin/imports?cancelled=1' });
    expect(await db.prisma.pendingImport.count({ where: { id: pending.id } })).toBe(0);
  });

  it('still offers to confirm a list that changes something', async () => {
    const fileName = 'participating-2025-07-18.xlsx';
    const uploaded = await upload(fileName, iceList(fileName), operator.cookie);
    expect(uploaded.status).toBe(302);
    const pending = await db.prisma.pendingImport.findFirstOrThrow({ where: { fileName }, orderBy: { id: 'desc' } });
    const preview = await run(previewRoute.loader, get(`/admin/imports/${pending.id}`, operator.cookie), { id: String(pending.id) });
    expect(preview.body).toMatchObject({ nothingToImport: false, sameFileImported: null });
    const page = await html(`/admin/imports/${pending.id}`);
    expect(page).toContain('Confirm and import');
    expect(page).not.toContain('Nothing to import');
    await run(previewRoute.action, post(`/admin/imports/${pending.id}`, { intent: 'cancel' }, operator.cookie), { id: String(pending.id) });
  });
});

describe('the importer’s refusals in the reader’s language', () => {
  it('words the importer’s refusal in Spanish on a Spanish page', async () => {
    const bytes = new TextEncoder().encode('name,favourite colour\nAnn,green\n');
    const form = new FormData();
    form.append('file', new File([bytes], 'notas.csv'));
    form.append('asOf', '');
    const request = new Request('http://portal.test/admin/imports', { method: 'POST', body: form, headers: { cookie: operator.cookie, 'accept-language': 'es-MX,es;q=0.9' } });
    const outcome = await run(importsRoute.action, request);
    expect(outcome.status).toBe(400);
    expect(outcome.body.errors.file).toBe(
      'Esto no parece una lista 287(g) de ICE: faltan las columnas STATE, LAW ENFORCEMENT AGENCY, TYPE, COUNTY, SUPPORT TYPE. ' +
        'Se esperaban STATE, LAW ENFORCEMENT AGENCY, TYPE, COUNTY, SUPPORT TYPE (y SIGNED, MOA en la lista de agencias participantes). ' +
        'Las columnas encontradas fueron: name, favourite colour.',
    );
  });
});

describe('security events', () => {
  it('lists events newest first, filtered by kind, with who did it', async () => {
    const outcome = await run(eventsRoute.loader, get('/admin/events?kind=role_granted', operator.cookie));
    expect(outcome.status).toBe(200);
    expect(outcome.body.total).toBeGreaterThan(0);
    expect(outcome.body.events.every((e: { kind: string }) => e.kind === 'role_granted')).toBe(true);
    expect(outcome.body.events[0].actor).toMatchObject({ id: operator.id, email: 'operator@portal.test' });

    const all = await run(eventsRoute.loader, get('/admin/events?page=999', operator.cookie));
    expect(all.body.page).toBe(all.body.pages);
    const ids = all.body.events.map((e: { id: number }) => e.id);
    expect(ids).toEqual([...ids].sort((a, b) => b - a));
  });
});
