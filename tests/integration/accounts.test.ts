/**
 * Accounts: accepting invitations, forgotten and changed passwords, signing out everywhere,
 * and reviewers inviting agency staff — through the route loaders and actions, against a real
 * PostgreSQL database.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashPassword, verifyPassword } from '~/auth/credentials.server';
import { createInvitation, createPasswordReset } from '~/auth/invitations.server';
import { getActor, startSession } from '~/auth/session.server';
import { disconnectPrisma } from '~/db/prisma.server';
import type { Role } from '~/generated/prisma/enums';
import { action as accountAction, loader as accountLoader } from '~/routes/account';
import { action as forgotAction } from '~/routes/forgot-password';
import { action as inviteAction, loader as inviteLoader } from '~/routes/invite.$token';
import { action as resetAction, loader as resetLoader } from '~/routes/reset-password.$token';
import { action as reviewAction, loader as reviewLoader } from '~/routes/review';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const ORIGIN = 'http://portal.test';
const STRONG = 'copper lantern orbit meadow';
const STRONG_2 = 'velvet harbor quiet thunder';

let db: TestDatabase;
let gastonSheriff: { id: number; name: string };
let cabarrusSheriff: { id: number; name: string };
let gastoniaPolice: { id: number; name: string };
let reviewer: { id: number; cookie: string };
let filer: { id: number; cookie: string };

// ---------------------------------------------------------------------------------------------
// Calling routes as a browser would

type Route = (args: { request: Request; params: Record<string, string>; context: { cspNonce: string; clientIp: string } }) => unknown;

interface Answer {
  status: number;
  location: string | null;
  /** The session cookie to send next ("portal_session=…"), when the answer set one. */
  cookie: string | null;
  setCookie: string | null;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever the route answered; each test reads its own fields
  body: any;
}

/** Runs a loader or action; thrown redirects and responses are answers too. */
async function call(route: Route, request: Request, params: Record<string, string> = {}): Promise<Answer> {
  let result: unknown;
  try {
    result = await route({ request, params, context: { cspNonce: '', clientIp: '203.0.113.5' } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    const setCookie = result.headers.get('set-cookie');
    const text = await result.text();
    return { status: result.status, location: result.headers.get('location'), setCookie, cookie: setCookie?.split(';')[0] ?? null, body: text };
  }
  // Single fetch: data(value, init) arrives as a DataWithResponseInit.
  if (result && typeof result === 'object' && (result as { type?: string }).type === 'DataWithResponseInit') {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, location: null, setCookie: null, cookie: null, body: data };
  }
  return { status: 200, location: null, setCookie: null, cookie: null, body: result };
}

const get = (path: string, cookie?: string | null) => new Request(`${ORIGIN}${path}`, { headers: cookie ? { cookie } : {} });
const post = (path: string, fields: Record<string, string>, cookie?: string | null) =>
  new Request(`${ORIGIN}${path}`, { method: 'POST', body: new URLSearchParams(fields), headers: cookie ? { cookie } : {} });

/** Who a browser with this cookie is, as the portal sees it on its next request. */
const whoIs = (cookie: string | null) => getActor(get('/account', cookie));

// ---------------------------------------------------------------------------------------------
// Data

async function createUser(email: string, grants: { role: Role; jurisdictionId?: number; agencyId?: number }[] = [], password: string | null = STRONG) {
  const user = await db.prisma.user.create({
    data: {
      email,
      name: email.split('@')[0],
      passwordHash: password ? await hashPassword(password) : null,
      roles: { create: grants.map((g) => ({ role: g.role, jurisdictionId: g.jurisdictionId ?? null, agencyId: g.agencyId ?? null })) },
    },
  });
  return user.id;
}

async function cookieFor(userId: number) {
  return (await startSession(db.prisma, userId, get('/sign-in'), null)).split(';')[0];
}

async function invite(email: string, role: Role, agency: { id: number; name: string }) {
  const link = await createInvitation(db.prisma, get('/review'), {
    email,
    role,
    jurisdictionId: null,
    agencyId: agency.id,
    createdById: reviewer.id,
    placeLabel: agency.name,
  });
  return { id: link.id, token: link.url.split('/invite/')[1] };
}

const events = (kind: string, email?: string) => db.prisma.securityEvent.findMany({ where: { kind, ...(email ? { email } : {}) } });

beforeAll(async () => {
  // Without SMTP the mailer logs each link; the tests read links from what the functions return.
  vi.spyOn(console, 'log').mockImplementation(() => {});
  delete process.env.SMTP_URL;
  delete process.env.PUBLIC_URL;
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  const county = (name: string) => db.prisma.jurisdiction.findFirstOrThrow({ where: { stateCode: 'NC', name } });
  const gaston = await county('Gaston County');
  const cabarrus = await county('Cabarrus County');
  const gastonia = await db.prisma.jurisdiction.create({
    data: { kind: 'MUNICIPALITY', name: 'Gastonia', searchName: 'gastonia', slug: 'gastonia', stateCode: 'NC', parentId: gaston.id },
  });
  const agency = (name: string, slug: string, jurisdictionId: number, kind: 'SHERIFF' | 'POLICE' = 'SHERIFF') =>
    db.prisma.agency.create({
      data: { name, slug, matchKey: `nc|${name.toLowerCase()}`, kind, stateCode: 'NC', jurisdictionId },
      select: { id: true, name: true },
    });
  gastonSheriff = await agency("Gaston County Sheriff's Office", 'nc-gaston-county-sheriffs-office', gaston.id);
  cabarrusSheriff = await agency("Cabarrus County Sheriff's Office", 'nc-cabarrus-county-sheriffs-office', cabarrus.id);
  gastoniaPolice = await agency('Gastonia Police Department', 'nc-gastonia-police-department', gastonia.id, 'POLICE');
  await db.prisma.agreement.create({
    data: {
      publicId: 'nc-gaston-county-sheriffs-office-jem',
      matchKey: 'nc|gaston county sheriffs office|jem',
      agencyId: gastonSheriff.id,
      model: 'JEM',
      status: 'ACTIVE',
      signedOn: new Date('2020-06-09'),
      firstListedOn: new Date('2025-05-01'),
    },
  });

  const reviewerId = await createUser('clerk@gastongov.example', [{ role: 'REVIEWER', jurisdictionId: gaston.id }]);
  reviewer = { id: reviewerId, cookie: await cookieFor(reviewerId) };
  const filerId = await createUser('filer@gastonsheriff.example', [{ role: 'FILER', agencyId: gastonSheriff.id }]);
  filer = { id: filerId, cookie: await cookieFor(filerId) };
});

afterAll(async () => {
  vi.restoreAllMocks();
  await disconnectPrisma();
  await db.drop();
});

// ---------------------------------------------------------------------------------------------

describe('accepting an invitation', () => {
  it('creates the account, grants the role and signs the person in', async () => {
    const { token } = await invite('New.Filer@GastonSheriff.example', 'FILER', gastonSheriff);

    const page = await call(inviteLoader, get(`/invite/${token}`), { token });
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      view: 'open',
      offer: { email: 'new.filer@gastonsheriff.example', role: 'FILER', agencyName: "Gaston County Sheriff's Office", account: 'new' },
    });

    const accepted = await call(inviteAction, post(`/invite/${token}`, { name: 'Dana Filer', password: STRONG, confirm: STRONG }), { token });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe('/account');
    expect(accepted.setCookie).toMatch(/HttpOnly/i);

    const actor = await whoIs(accepted.cookie);
    expect(actor).toMatchObject({ email: 'new.filer@gastonsheriff.example', name: 'Dana Filer' });
    expect(actor!.grants).toEqual([{ role: 'FILER', jurisdictionId: null, agencyId: gastonSheriff.id }]);

    const account = await call(accountLoader, get('/account', accepted.cookie));
    expect(account.body.roles).toEqual([expect.objectContaining({ role: 'FILER', agency: "Gaston County Sheriff's Office" })]);

    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: 'new.filer@gastonsheriff.example' } });
    expect(await verifyPassword(user.passwordHash!, STRONG)).toBe(true);
    expect(await events('invitation_accepted', user.email)).toHaveLength(1);
    expect(await events('role_granted', user.email)).toEqual([
      expect.objectContaining({ actorUserId: reviewer.id, subjectUserId: user.id, ip: '203.0.113.5' }),
    ]);
  });

  it('works only once, even when sent twice at the same moment', async () => {
    const { token } = await invite('twice@gastonsheriff.example', 'HEAD', gastonSheriff);
    const form = { name: 'Twice', password: STRONG, confirm: STRONG };
    const answers = await Promise.all([
      call(inviteAction, post(`/invite/${token}`, form), { token }),
      call(inviteAction, post(`/invite/${token}`, form), { token }),
    ]);
    expect(answers.map((a) => a.status).sort()).toEqual([302, 410]);
    expect(answers.find((a) => a.status === 410)!.body).toEqual({ view: 'gone', reason: 'used' });

    const again = await call(inviteAction, post(`/invite/${token}`, form), { token });
    expect(again.status).toBe(410);
    expect(again.body).toEqual({ view: 'gone', reason: 'used' });
    const page = await call(inviteLoader, get(`/invite/${token}`), { token });
    expect(page.status).toBe(410);
    expect(page.body).toEqual({ view: 'gone', reason: 'used' });
    expect(await db.prisma.user.count({ where: { email: 'twice@gastonsheriff.example' } })).toBe(1);
    expect(await db.prisma.roleAssignment.count({ where: { user: { email: 'twice@gastonsheriff.example' } } })).toBe(1);
  });

  it('refuses an expired link and an unknown one', async () => {
    const { id, token } = await invite('late@gastonsheriff.example', 'FILER', gastonSheriff);
    await db.prisma.invitation.update({ where: { id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const page = await call(inviteLoader, get(`/invite/${token}`), { token });
    expect(page.status).toBe(410);
    expect(page.body).toEqual({ view: 'gone', reason: 'expired' });
    const sent = await call(inviteAction, post(`/invite/${token}`, { name: 'Late', password: STRONG, confirm: STRONG }), { token });
    expect(sent.status).toBe(410);
    expect(await db.prisma.user.count({ where: { email: 'late@gastonsheriff.example' } })).toBe(0);

    const unknown = await call(inviteLoader, get('/invite/not-a-token'), { token: 'not-a-token' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toEqual({ view: 'gone', reason: 'unknown' });
  });

  it('refuses a weak or mistyped password with the reason, keeps the name, and creates nothing', async () => {
    const { id, token } = await invite('weak@gastonsheriff.example', 'FILER', gastonSheriff);

    const weak = await call(inviteAction, post(`/invite/${token}`, { name: 'Wendy Weak', password: 'password1234', confirm: 'password1234' }), { token });
    expect(weak.status).toBe(400);
    expect(weak.body.name).toBe('Wendy Weak');
    expect(weak.body.errors.password).toMatch(/less common password/);
    expect(JSON.stringify(weak.body)).not.toContain('password1234');

    const personal = await call(inviteAction, post(`/invite/${token}`, { name: 'Wendy', password: 'weak@gastonsheriff.example', confirm: 'x' }), { token });
    expect(personal.status).toBe(400);
    expect(personal.body.errors.password).toBeTruthy();

    const mismatch = await call(inviteAction, post(`/invite/${token}`, { name: '', password: STRONG, confirm: STRONG_2 }), { token });
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.errors).toEqual({ name: 'Enter your name.', confirm: 'The two passwords are not the same.' });

    const missing = await call(inviteAction, post(`/invite/${token}`, {}), { token });
    expect(missing.status).toBe(400);
    expect(missing.body.errors).toMatchObject({ name: 'Enter your name.', password: 'Choose a password.' });

    expect(await db.prisma.user.count({ where: { email: 'weak@gastonsheriff.example' } })).toBe(0);
    expect((await db.prisma.invitation.findUniqueOrThrow({ where: { id } })).usedAt).toBeNull();
  });

  it('adds the role to an account that has a password, without changing it, and asks to sign in', async () => {
    const userId = await createUser('existing@gastonsheriff.example', [{ role: 'FILER', agencyId: gastonSheriff.id }]);
    const { token } = await invite('existing@gastonsheriff.example', 'HEAD', gastonSheriff);

    const page = await call(inviteLoader, get(`/invite/${token}`), { token });
    expect(page.body.offer.account).toBe('existing');

    // A password sent anyway (a crafted form) is ignored.
    const accepted = await call(inviteAction, post(`/invite/${token}`, { name: 'X', password: STRONG_2, confirm: STRONG_2 }), { token });
    expect(accepted.status).toBe(302);
    expect(accepted.location).toBe(`/invite/${token}?done=accepted`);
    expect(accepted.cookie).toBeNull();
    const done = await call(inviteLoader, get(accepted.location!), { token });
    expect(done).toMatchObject({ status: 200, body: { view: 'accepted' } });

    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { roles: true } });
    expect(await verifyPassword(user.passwordHash!, STRONG)).toBe(true);
    expect(user.roles.map((r) => r.role).sort()).toEqual(['FILER', 'HEAD']);
  });
});

describe('forgotten passwords', () => {
  it('answers the same for known and unknown addresses, and sends a link only to the known one', async () => {
    const userId = await createUser('forgetful@gastonsheriff.example', [{ role: 'FILER', agencyId: gastonSheriff.id }]);
    const known = await call(forgotAction, post('/forgot-password', { email: ' Forgetful@GastonSheriff.example ' }));
    const unknown = await call(forgotAction, post('/forgot-password', { email: 'nobody@gastonsheriff.example' }));
    expect(known.status).toBe(200);
    expect(unknown).toEqual(known);
    expect(JSON.stringify(known.body)).not.toMatch(/reset-password/);

    // The work runs after the answer (so its timing tells nothing); its events mark the end.
    await vi.waitFor(async () => expect(await events('password_reset_requested')).toHaveLength(2), { timeout: 10_000 });
    expect(await db.prisma.invitation.count({ where: { kind: 'PASSWORD_RESET', email: 'forgetful@gastonsheriff.example' } })).toBe(1);
    expect(await db.prisma.invitation.count({ where: { kind: 'PASSWORD_RESET', email: 'nobody@gastonsheriff.example' } })).toBe(0);
    expect(await events('password_reset_requested', 'forgetful@gastonsheriff.example')).toEqual([
      expect.objectContaining({ subjectUserId: userId, detail: { outcome: 'not_sent_no-smtp' } }),
    ]);

    const invalid = await call(forgotAction, post('/forgot-password', { email: 'not an address' }));
    expect(invalid).toMatchObject({ status: 400, body: { email: 'not an address', error: 'Enter an email address like name@example.org.' } });
  });

  it('a reset sets the new password, ends every old session and signs in afresh', async () => {
    const userId = await createUser('reset@gastonsheriff.example', [{ role: 'FILER', agencyId: gastonSheriff.id }]);
    const oldCookie = await cookieFor(userId);
    expect(await whoIs(oldCookie)).not.toBeNull();
    const link = await createPasswordReset(db.prisma, get('/forgot-password'), { id: userId, email: 'reset@gastonsheriff.example' }, null);
    const token = link.url.split('/reset-password/')[1];

    expect(await call(resetLoader, get(`/reset-password/${token}`), { token })).toMatchObject({
      status: 200,
      body: { view: 'open', email: 'reset@gastonsheriff.example' },
    });
    const weak = await call(resetAction, post(`/reset-password/${token}`, { password: 'short', confirm: 'short' }), { token });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.password).toMatch(/at least 12 characters/);

    const done = await call(resetAction, post(`/reset-password/${token}`, { password: STRONG_2, confirm: STRONG_2 }, oldCookie), { token });
    expect(done.status).toBe(302);
    expect(done.location).toBe('/account');
    expect(await whoIs(oldCookie)).toBeNull();
    expect(await whoIs(done.cookie)).toMatchObject({ userId });

    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword(user.passwordHash!, STRONG_2)).toBe(true);
    expect(user.passwordChangedAt).not.toBeNull();
    expect(await events('password_changed', 'reset@gastonsheriff.example')).toHaveLength(1);

    const reused = await call(resetAction, post(`/reset-password/${token}`, { password: STRONG, confirm: STRONG }), { token });
    expect(reused).toMatchObject({ status: 410, body: { view: 'gone', reason: 'used' } });
  });
});

describe('the account page', () => {
  it('sends anonymous visitors to sign in', async () => {
    expect(await call(accountLoader, get('/account'))).toMatchObject({ status: 302, location: '/sign-in?redirectTo=%2Faccount' });
    expect(await call(accountAction, post('/account', { intent: 'sign-out-everywhere' }))).toMatchObject({ status: 302 });
  });

  it('changes the password: every old cookie dies, the new one works', async () => {
    const userId = await createUser('changer@gastonsheriff.example', [{ role: 'HEAD', agencyId: gastonSheriff.id }]);
    const here = await cookieFor(userId);
    const elsewhere = await cookieFor(userId);

    const wrong = await call(accountAction, post('/account', { intent: 'change-password', currentPassword: 'not it', password: STRONG_2, confirm: STRONG_2 }, here));
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors).toEqual({ currentPassword: 'That is not your current password.' });

    const changed = await call(accountAction, post('/account', { intent: 'change-password', currentPassword: STRONG, password: STRONG_2, confirm: STRONG_2 }, here));
    expect(changed.status).toBe(302);
    expect(changed.location).toBe('/account?done=password');
    expect(await whoIs(here)).toBeNull();
    expect(await whoIs(elsewhere)).toBeNull();
    expect(await whoIs(changed.cookie)).toMatchObject({ userId });

    const page = await call(accountLoader, get(changed.location!, changed.cookie));
    expect(page.body).toMatchObject({ passwordChanged: true, email: 'changer@gastonsheriff.example' });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { id: userId } });
    expect(await verifyPassword(user.passwordHash!, STRONG_2)).toBe(true);
    expect(user.passwordChangedAt).not.toBeNull();
    expect(await events('password_changed', 'changer@gastonsheriff.example')).toHaveLength(1);
  });

  it('signs out everywhere: every session of the account ends', async () => {
    const userId = await createUser('everywhere@gastonsheriff.example', [{ role: 'FILER', agencyId: gastonSheriff.id }]);
    const here = await cookieFor(userId);
    const elsewhere = await cookieFor(userId);

    const answer = await call(accountAction, post('/account', { intent: 'sign-out-everywhere' }, here));
    expect(answer.status).toBe(302);
    expect(answer.location).toBe('/sign-in');
    expect(answer.setCookie).toMatch(/portal_session=;.*Max-Age=0/i);
    expect(await whoIs(here)).toBeNull();
    expect(await whoIs(elsewhere)).toBeNull();
    expect(await db.prisma.session.count({ where: { userId, revokedAt: null } })).toBe(0);
    expect(await db.prisma.securityEvent.count({ where: { kind: 'sign_out_everywhere', actorUserId: userId } })).toBe(1);
  });
});

describe('the review page', () => {
  it("shows a reviewer the agencies based in their county, and lets them invite a filer for the county's sheriff", async () => {
    const page = await call(reviewLoader, get('/review', reviewer.cookie));
    expect(page.status).toBe(200);
    expect(page.body.places).toHaveLength(1);
    expect(page.body.places[0]).toMatchObject({ name: 'Gaston County' });
    // Only agencies based in the county itself: not a town's police, nor another county's sheriff.
    expect(page.body.places[0].agencies.map((a: { name: string }) => a.name)).toEqual(["Gaston County Sheriff's Office"]);
    expect(page.body.places[0].agencies[0].agreements).toEqual([
      { publicId: 'nc-gaston-county-sheriffs-office-jem', model: 'JEM', status: 'ACTIVE', signedOn: '2020-06-09' },
    ]);

    const created = await call(
      reviewAction,
      post('/review', { email: 'Deputy@GastonSheriff.example', role: 'FILER', agencyId: String(gastonSheriff.id) }, reviewer.cookie),
    );
    expect(created.status).toBe(200);
    expect(created.body.created).toMatchObject({ email: 'deputy@gastonsheriff.example', role: 'FILER', delivery: 'no-smtp' });
    expect(created.body.created.url).toMatch(/^http:\/\/portal\.test\/invite\/[\w-]{40,}$/);
    const row = await db.prisma.invitation.findFirstOrThrow({ where: { email: 'deputy@gastonsheriff.example' } });
    expect(row).toMatchObject({ kind: 'INVITE', role: 'FILER', agencyId: gastonSheriff.id, jurisdictionId: null, createdById: reviewer.id });
    expect(await events('invitation_created', 'deputy@gastonsheriff.example')).toEqual([expect.objectContaining({ actorUserId: reviewer.id })]);

    const invalid = await call(reviewAction, post('/review', { email: 'nope', role: '', agencyId: '' }, reviewer.cookie));
    expect(invalid.status).toBe(400);
    expect(invalid.body.values.email).toBe('nope');
    expect(Object.keys(invalid.body.errors).sort()).toEqual(['agencyId', 'email', 'role']);
  });

  it("refuses, with 403, an invitation to another place's agency crafted into the form", async () => {
    for (const agency of [cabarrusSheriff, gastoniaPolice]) {
      const refused = await call(reviewAction, post('/review', { email: 'mole@example.org', role: 'HEAD', agencyId: String(agency.id) }, reviewer.cookie));
      expect(refused.status).toBe(403);
    }
    const unknown = await call(reviewAction, post('/review', { email: 'mole@example.org', role: 'FILER', agencyId: '999999' }, reviewer.cookie));
    expect(unknown.status).toBe(403);
    const roleTooHigh = await call(reviewAction, post('/review', { email: 'mole@example.org', role: 'OPERATOR', agencyId: String(gastonSheriff.id) }, reviewer.cookie));
    expect(roleTooHigh.status).toBe(400);
    expect(await db.prisma.invitation.count({ where: { email: 'mole@example.org' } })).toBe(0);
  });

  it('is closed to filers (403) and sends anonymous visitors to sign in', async () => {
    expect((await call(reviewLoader, get('/review', filer.cookie))).status).toBe(403);
    expect((await call(reviewAction, post('/review', { email: 'x@example.org', role: 'FILER', agencyId: String(gastonSheriff.id) }, filer.cookie))).status).toBe(403);
    expect(await call(reviewLoader, get('/review'))).toMatchObject({ status: 302, location: '/sign-in?redirectTo=%2Freview' });
  });
});
