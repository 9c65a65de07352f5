/**
 * Sign-in throttling under concurrency and attack, through the real sign-in route (Remix's
 * request handler, in-process) against real PostgreSQL: concurrent wrong passwords get no more
 * password checks than the limits allow, an attack on an account slows it down without locking
 * its owner out, and a browser that signed in before (device cookie) still gets in.
 *
 * A password check is seen from outside: every checked wrong password answers 401 and leaves a
 * sign_in_failure row for the account; a refused attempt answers 429 and checks nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '~/auth/credentials.server';
import { THROTTLE } from '~/auth/throttle';
import { disconnectPrisma } from '~/db/prisma.server';
import * as signInRoute from '~/routes/sign-in';
import { testRequestHandler } from '../support/page-handler';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PASSWORD = 'copper lantern orbit meadow';
let db: TestDatabase;
const handler = testRequestHandler({ 'routes/sign-in': { path: 'sign-in', module: signInRoute } });

let nextAddress = 0;
const newAddress = () => `198.51.100.${++nextAddress}`;

async function signIn(email: string, password: string, options: { ip?: string; cookie?: string; origin?: string } = {}) {
  const request = new Request(`${options.origin ?? 'http://portal.test'}/sign-in`, {
    method: 'POST',
    body: new URLSearchParams({ email, password, redirectTo: '/account' }),
    headers: options.cookie ? { cookie: options.cookie } : {},
  });
  const response = await handler(request, { cspNonce: '', clientIp: options.ip ?? newAddress() });
  return { status: response.status, retryAfter: Number(response.headers.get('retry-after')), setCookies: response.headers.getSetCookie(), text: await response.text() };
}

const deviceOf = (answer: { setCookies: string[] }) => answer.setCookies.find((c) => c.startsWith('portal_device='))!.split(';')[0];
const checks = (answers: { status: number }[]) => answers.filter((a) => a.status === 401).length;
const failureRows = (key: string) => db.prisma.signInFailure.count({ where: { key } });

async function createUser(email: string) {
  await db.prisma.user.create({ data: { email, name: email.split('@')[0], passwordHash: await hashPassword(PASSWORD) } });
}

/** Moves an account's counted attempts back in time, as if the person had waited. */
async function wait(email: string, seconds: number) {
  await db.prisma.$executeRaw`UPDATE sign_in_failure SET created_at = created_at - make_interval(secs => ${seconds}::int) WHERE key = ${`account:${email}`}`;
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  for (const name of ['concurrent', 'spread', 'owner', 'known', 'bystander', 'nocookie']) await createUser(`${name}@example.org`);
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

describe('concurrent wrong passwords', () => {
  it('30 at once for one account from one address: at most 10 password checks (the account is slowed after 5)', async () => {
    const ip = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('concurrent@example.org', `wrong guess ${i}`, { ip })));
    expect(answers.filter((a) => a.status === 429)).toHaveLength(30 - checks(answers));
    expect(checks(answers)).toBeLessThanOrEqual(10);
    expect(checks(answers)).toBe(THROTTLE.accountFree);
    expect(await failureRows('account:concurrent@example.org')).toBe(checks(answers));
    expect(await db.prisma.securityEvent.count({ where: { kind: 'sign_in_failed', email: 'concurrent@example.org' } })).toBe(checks(answers));
    // Refusals are counted per address, not logged one by one.
    const blocked = await db.prisma.securityEventTally.findMany({ where: { kind: 'sign_in_blocked', source: ip } });
    expect(blocked.reduce((sum, row) => sum + row.count, 0)).toBe(30 - checks(answers));
    expect(blocked.length).toBeLessThanOrEqual(2); // one per hour
  });

  it('30 at once for one account from 30 addresses: the account alone still gets at most 10 checks', async () => {
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('spread@example.org', `wrong guess ${i}`)));
    expect(checks(answers)).toBeLessThanOrEqual(10);
    expect(checks(answers)).toBe(THROTTLE.accountFree);
    expect(await failureRows('account:spread@example.org')).toBe(checks(answers));
  });

  it('30 at once from one address against 30 accounts: at most 10 checks', async () => {
    const ip = newAddress();
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn(`nobody${i}@example.org`, 'wrong guess', { ip })));
    expect(checks(answers)).toBe(THROTTLE.addressMax);
    expect(await failureRows(`ip:${ip}`)).toBe(THROTTLE.addressMax);
    // Failures for accounts that do not exist are counted, not logged one by one.
    expect(await db.prisma.securityEvent.count({ where: { email: { startsWith: 'nobody' } } })).toBe(0);
    const failed = await db.prisma.securityEventTally.findMany({ where: { kind: 'sign_in_failed', source: ip } });
    expect(failed.reduce((sum, row) => sum + row.count, 0)).toBe(THROTTLE.addressMax);
    // The same address is refused for a real account too, with the right password.
    const refused = await signIn('bystander@example.org', PASSWORD, { ip });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many failed sign-ins for this account or from this network.');
  });
});

describe('an attack on one account', () => {
  it('does not keep out a browser that signed in before, and slows others down instead of locking them out', async () => {
    const before = await signIn('owner@example.org', PASSWORD);
    expect(before.status).toBe(302);
    const device = deviceOf(before);

    const attack = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('owner@example.org', `guess ${i}`)));
    expect(checks(attack)).toBeLessThanOrEqual(10);

    // The right password from a browser the account has not seen: wait half a minute, not 15.
    const stranger = await signIn('owner@example.org', PASSWORD);
    expect(stranger.status).toBe(429);
    expect(stranger.retryAfter).toBeGreaterThan(0);
    expect(stranger.retryAfter).toBeLessThanOrEqual(30);
    expect(stranger.text).toContain('Too many failed sign-ins for this account. To protect it');
    expect(stranger.text).toMatch(/try again in \d+ seconds/);

    // The browser that signed in before, from wherever it is now: in, with a fresh device cookie.
    const known = await signIn('owner@example.org', PASSWORD, { cookie: device });
    expect(known.status).toBe(302);
    expect(known.setCookies[0]).toMatch(/^portal_session=/);
    expect(deviceOf(known)).not.toBe(device);
    // Its success does not hand the attacker a fresh set of free tries.
    expect((await signIn('owner@example.org', 'another guess')).status).toBe(429);
  });

  it('waits twice as long after each further failure, never more than 15 minutes', async () => {
    const email = 'nocookie@example.org';
    for (let i = 0; i < THROTTLE.accountFree; i++) expect((await signIn(email, `guess ${i}`)).status).toBe(401);
    const waits: number[] = [];
    for (let i = 0; i < 3; i++) {
      const refused = await signIn(email, 'too soon');
      expect(refused.status).toBe(429);
      waits.push(refused.retryAfter);
      await wait(email, refused.retryAfter);
      expect((await signIn(email, `guess after waiting ${i}`)).status).toBe(401);
    }
    // 30 s, then 60 s, then 120 s (within a second of each: the clock ran between).
    expect(waits.map((s) => Math.round(s / 30) * 30)).toEqual([30, 60, 120]);

    // However many failures (a day's worth), the wait after the last one is capped.
    await db.prisma.signInFailure.createMany({ data: Array.from({ length: 100 }, () => ({ key: `account:${email}` })) });
    const capped = await signIn(email, PASSWORD);
    expect(capped.status).toBe(429);
    expect(capped.retryAfter).toBeLessThanOrEqual(THROTTLE.accountMaxDelayMs / 1000);
    expect(capped.text).toMatch(/try again in 15 minutes/);
    // After that wait, the right password gets in: nobody is locked out for good.
    await wait(email, THROTTLE.accountMaxDelayMs / 1000);
    expect((await signIn(email, PASSWORD)).status).toBe(302);
  });

  it("a forged device cookie, or another account's, does not help", async () => {
    const known = await signIn('known@example.org', PASSWORD);
    const device = deviceOf(known);
    const knownUser = await db.prisma.user.findUniqueOrThrow({ where: { email: 'known@example.org' } });
    const bystander = await db.prisma.user.findUniqueOrThrow({ where: { email: 'bystander@example.org' } });
    await Promise.all(Array.from({ length: 10 }, (_, i) => signIn('bystander@example.org', `guess ${i}`)));
    expect((await signIn('bystander@example.org', PASSWORD)).status).toBe(429);

    // Known's cookie is for known's account only.
    expect((await signIn('bystander@example.org', PASSWORD, { cookie: device })).status).toBe(429);
    // Known's cookie with bystander's id: the signature no longer matches.
    const relabelled = device.replace(`portal_device=${knownUser.id}.`, `portal_device=${bystander.id}.`);
    expect(relabelled).not.toBe(device);
    expect((await signIn('bystander@example.org', PASSWORD, { cookie: relabelled })).status).toBe(429);
    // A made-up signature.
    const forged = `portal_device=${bystander.id}.${'A'.repeat(22)}.${'B'.repeat(43)}`;
    expect((await signIn('bystander@example.org', PASSWORD, { cookie: forged })).status).toBe(429);
  });

  it("a known browser has its own limit: 30 concurrent wrong passwords with it get at most 10 checks", async () => {
    const device = deviceOf(await signIn('known@example.org', PASSWORD));
    const answers = await Promise.all(Array.from({ length: 30 }, (_, i) => signIn('known@example.org', `guess ${i}`, { cookie: device })));
    expect(checks(answers)).toBe(THROTTLE.deviceMax);
    const refused = await signIn('known@example.org', PASSWORD, { cookie: device });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many failed sign-ins for this account or from this network.');
    // Those failures were the cookie's, not the account's: a browser without it is not slowed down.
    expect((await signIn('known@example.org', PASSWORD)).status).toBe(302);
  });
});

describe('the device cookie', () => {
  it('is HttpOnly, SameSite=Lax, long-lived, and Secure over HTTPS', async () => {
    const overHttp = (await signIn('known@example.org', PASSWORD)).setCookies.find((c) => c.startsWith('portal_device='))!;
    expect(overHttp).toMatch(/HttpOnly/i);
    expect(overHttp).toMatch(/SameSite=Lax/i);
    expect(overHttp).not.toMatch(/Secure/i);
    const expires = new Date(/Expires=([^;]+)/i.exec(overHttp)![1]);
    expect(expires.getTime() - Date.now()).toBeGreaterThan(300 * 24 * 3600 * 1000);
    const overHttps = (await signIn('known@example.org', PASSWORD, { origin: 'https://portal.test' })).setCookies;
    expect(overHttps.find((c) => c.startsWith('portal_device='))).toMatch(/;\s*Secure/i);
  });

  it('is not given for a wrong password or a disabled account', async () => {
    expect((await signIn('known@example.org', 'wrong')).setCookies).toEqual([]);
    await db.prisma.user.update({ where: { email: 'known@example.org' }, data: { disabledAt: new Date() } });
    const disabled = await signIn('known@example.org', PASSWORD);
    expect(disabled.status).toBe(401);
    expect(disabled.setCookies).toEqual([]);
  });
});
