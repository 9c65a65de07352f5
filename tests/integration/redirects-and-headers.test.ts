/**
 * Findings of issue #12 about redirects and HTTP: no open redirect after sign-in (a tab or a
 * newline in redirectTo), Cache-Control on signed-in answers, a tokenless API post answered
 * with the documented 401 JSON, and TRUST_PROXY=1 meaning one proxy. The sign-in route first
 * through its loader and action, then everything on the built portal as a browser meets it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { action as signInAction, loader as signInLoader } from '~/routes/sign-in';
import { DEMO_PASSWORD } from '~/auth/demo-password';
import { prepareDatabase } from '../../scripts/db/prepare';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { cookieFor, get, post, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const PHISH = '/sign-in?redirectTo=%2F%09%2Fevil.example%2Fphish';
const NEWLINE = '/sign-in?redirectTo=%2F%0A%2Fevil.example';

let db: TestDatabase;
let portal: PortalProcess;
let filerId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  filerId = (await db.prisma.user.findUniqueOrThrow({ where: { email: 'filer.cabarrus@example.org' } })).id;
  // TRUST_PROXY=1: one proxy in front, as a deployment behind a single load balancer says it.
  portal = await startPortalProcess(db.url, { TRUST_PROXY: '1' });
}, 120_000);
afterAll(async () => {
  await portal?.stop();
  await disconnectPrisma();
  await db?.drop();
});

describe('the sign-in route', () => {
  it('sends a signed-in person opening a crafted link to the portal, not to another site', async () => {
    const cookie = await cookieFor(db.prisma, filerId);
    // A filer's own landing is their reports.
    expect(await run(signInLoader, get(PHISH, cookie))).toMatchObject({ status: 302, location: '/filings' });
    // A newline used to reach the Location header and answer 500.
    expect(await run(signInLoader, get(NEWLINE, cookie))).toMatchObject({ status: 302, location: '/filings' });
    expect(await run(signInLoader, get(`/sign-in?redirectTo=${encodeURIComponent('/filings?period=2025-Q1#due')}`, cookie))).toMatchObject({
      status: 302,
      location: '/filings?period=2025-Q1#due',
    });
  });

  it('puts only a target it would follow into the form, so a crafted one is not refused with the password', async () => {
    expect(((await run(signInLoader, get(PHISH))).body as { redirectTo: string }).redirectTo).toBe('');
    expect(((await run(signInLoader, get('/sign-in?redirectTo=%2Freview'))).body as { redirectTo: string }).redirectTo).toBe('/review');
  });

  it('signs in and then goes to the portal when the posted target would leave it', async () => {
    const form = { email: 'filer.cabarrus@example.org', password: DEMO_PASSWORD, redirectTo: '/\t/evil.example/phish' };
    const signedIn = await run(signInAction, post('/sign-in', form));
    expect(signedIn).toMatchObject({ status: 302, location: '/filings' });
    expect(signedIn.setCookie).toMatch(/^portal_session=/);
    const newline = await run(signInAction, post('/sign-in', { ...form, redirectTo: '/\n/evil.example' }));
    expect(newline).toMatchObject({ status: 302, location: '/filings' });
  });
});

describe('the built portal', () => {
  const signIn = (redirectTo: string) =>
    fetch(`${portal.origin}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: portal.origin, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '198.51.100.20' },
      body: new URLSearchParams({ email: 'filer.gaston@example.org', password: DEMO_PASSWORD, redirectTo }),
    });

  it('redirects a signed-in browser opening the crafted links to the portal, never answering 500', async () => {
    const signedIn = await signIn('/account');
    expect(signedIn.status).toBe(302);
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    for (const path of [PHISH, NEWLINE, '/sign-in?redirectTo=%2F%5C%2Fevil.example', '/sign-in?redirectTo=%2F..%2F%2Fevil.example']) {
      const response = await fetch(`${portal.origin}${path}`, { redirect: 'manual', headers: { cookie } });
      expect(response.status, path).toBe(302);
      const location = response.headers.get('location')!;
      expect(location, path).toBe('/filings');
      expect(new URL(location, portal.origin).origin, path).toBe(portal.origin);
    }
  });

  it('keeps signed-in answers out of caches: the sign-in that sets the cookie, the signed-in pages, the sign-in page itself', async () => {
    const signedIn = await signIn('/filings');
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    for (const path of ['/account', '/filings', '/', '/places/nc/gaston-county']) {
      const response = await fetch(`${portal.origin}${path}`, { redirect: 'manual', headers: { cookie } });
      expect(response.status, path).toBe(200);
      expect(response.headers.get('cache-control'), path).toBe('private, no-store');
    }
    // Anonymous: the sign-in form and the redirect to it are not for a cache either.
    for (const path of ['/sign-in', '/account']) {
      expect((await fetch(`${portal.origin}${path}`, { redirect: 'manual' })).headers.get('cache-control'), path).toBe('private, no-store');
    }
    // An anonymous public page keeps its public caching.
    expect((await fetch(`${portal.origin}/`)).headers.get('cache-control')).toMatch(/^public, /);
  });

  it('answers a tokenless POST /api/v1/filings with the documented 401 JSON, and still refuses a cross-site one with cookies', async () => {
    const bare = await fetch(`${portal.origin}/api/v1/filings`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(bare.status).toBe(401);
    expect(bare.headers.get('content-type')).toMatch(/application\/json/);
    expect(bare.headers.get('www-authenticate')).toBe('Bearer');
    expect(await bare.json()).toMatchObject({ error: { status: 401, message: expect.stringMatching(/API token/) } });

    const signedIn = await signIn('/account');
    const cookie = signedIn.headers.get('set-cookie')!.split(';')[0];
    const forged = await fetch(`${portal.origin}/api/v1/filings`, {
      method: 'POST',
      headers: { cookie, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/sent from another site/);
  });

  it('with TRUST_PROXY=1, records the address the one proxy saw', async () => {
    const signedIn = await fetch(`${portal.origin}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: portal.origin, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': '203.0.113.50, 198.51.100.77' },
      body: new URLSearchParams({ email: 'reviewer.gaston@example.org', password: DEMO_PASSWORD }),
    });
    expect(signedIn.status).toBe(302);
    const event = await db.prisma.securityEvent.findFirstOrThrow({ where: { kind: 'sign_in', email: 'reviewer.gaston@example.org' }, orderBy: { id: 'desc' } });
    // The proxy's own entry (the last), not what the client wrote before it, nor the proxy itself.
    expect(event.ip).toBe('198.51.100.77');
  });
});
