/**
 * Sign-in state as browsers see it, across two portal processes on one database: sessions and
 * throttling live in PostgreSQL, never in one process's memory. Also the same-origin check
 * and the security headers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../scripts/db/prepare';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let a: PortalProcess;
let b: PortalProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  // TRUST_PROXY lets the tests speak from several client addresses (X-Forwarded-For).
  [a, b] = await Promise.all([startPortalProcess(db.url, { TRUST_PROXY: 'loopback' }), startPortalProcess(db.url, { TRUST_PROXY: 'loopback' })]);
}, 120_000);
afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db.drop();
});

let address = 0;
const newAddress = () => `198.51.100.${++address}`;

function signIn(portal: PortalProcess, email: string, password: string, from = newAddress(), cookie?: string) {
  return fetch(`${portal.origin}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: portal.origin, 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': from, ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams({ email, password, redirectTo: '/account' }),
  });
}

const cookieOf = (response: Response) => response.headers.get('set-cookie')!.split(';')[0];
const account = (portal: PortalProcess, cookie: string) => fetch(`${portal.origin}/account`, { redirect: 'manual', headers: { cookie } });

describe('two portal instances on one database', () => {
  it('share sessions: signed in on one, known on the other; signed out on one, gone on both', async () => {
    const signedIn = await signIn(a, 'filer.gaston@example.org', 'demo-pass-287g');
    expect(signedIn.status).toBe(302);
    expect(signedIn.headers.get('location')).toBe('/account');
    const cookie = cookieOf(signedIn);
    expect(signedIn.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(signedIn.headers.get('set-cookie')).toMatch(/SameSite=Lax/i);

    expect((await account(b, cookie)).status).toBe(200);

    const out = await fetch(`${b.origin}/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie, origin: b.origin } });
    expect(out.status).toBe(302);
    const after = await account(a, cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/sign-in/);
  });

  it('share throttling: five wrong passwords across both slow the account down, whatever the case or spaces of the email', async () => {
    // The reviewer signed in from this browser before: it keeps a device cookie for the account.
    const before = await signIn(a, 'reviewer.gaston@example.org', 'demo-pass-287g');
    expect(before.status).toBe(302);
    const device = before.headers.getSetCookie().find((c) => c.startsWith('portal_device='))!.split(';')[0];
    const spellings = ['reviewer.gaston@example.org', 'Reviewer.Gaston@Example.org', ' reviewer.gaston@example.org ', 'REVIEWER.GASTON@EXAMPLE.ORG'];
    for (let i = 0; i < 5; i++) {
      const failed = await signIn(i % 2 ? a : b, spellings[i % spellings.length], 'wrong password guess');
      expect(failed.status).toBe(401);
    }
    // The right password, from a browser the account has not seen, on either instance: wait a little.
    const slowed = await signIn(a, 'reviewer.gaston@example.org', 'demo-pass-287g');
    expect(slowed.status).toBe(429);
    expect(Number(slowed.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(slowed.headers.get('retry-after'))).toBeLessThanOrEqual(30);
    expect(await slowed.text()).toMatch(/Too many failed sign-ins for this account\./);
    expect((await signIn(b, 'REVIEWER.gaston@example.org', 'demo-pass-287g')).status).toBe(429);
    // The browser that signed in before gets in, on the other instance, from another address.
    expect((await signIn(b, 'reviewer.gaston@example.org', 'demo-pass-287g', newAddress(), device)).status).toBe(302);
    // Other accounts are unaffected.
    expect((await signIn(b, 'filer.cabarrus@example.org', 'demo-pass-287g')).status).toBe(302);
  });

  it('throttle an address that tries many accounts', async () => {
    const attacker = newAddress();
    for (let i = 0; i < 10; i++) {
      expect((await signIn(i % 2 ? a : b, `nobody${i}@example.org`, 'guess guess guess', attacker)).status).toBe(401);
    }
    expect((await signIn(a, 'admin@example.org', 'demo-pass-287g', attacker)).status).toBe(429);
    expect((await signIn(a, 'admin@example.org', 'demo-pass-287g')).status).toBe(302);
  });

  it('record failed and successful sign-ins with the address they came from; count anonymous refusals per address', async () => {
    const failures = await db.prisma.securityEvent.count({ where: { kind: 'sign_in_failed', ip: { startsWith: '198.51.100.' } } });
    expect(failures).toBe(5);
    expect(await db.prisma.securityEvent.count({ where: { kind: 'sign_in' } })).toBe(5);
    // Blocked sign-ins and sign-ins to unknown accounts can come from anyone: counted, not logged one by one.
    expect(await db.prisma.securityEvent.count({ where: { kind: { in: ['sign_in_blocked', 'sign_in_failed'] }, subjectUserId: null } })).toBe(0);
    const counted = await db.prisma.securityEventTally.groupBy({ by: ['kind'], _sum: { count: true }, orderBy: { kind: 'asc' } });
    expect(counted.map((row) => [row.kind, row._sum.count])).toEqual([
      ['sign_in_blocked', 3],
      ['sign_in_failed', 10],
    ]);
  });
});

describe('requests from other sites', () => {
  it('refuses a form posted from another origin, or with nothing to show where it came from', async () => {
    const forged = await fetch(`${a.origin}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: 'admin@example.org', password: 'demo-pass-287g' }),
    });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/sent from another site/);

    const signedIn = await signIn(a, 'filer.cabarrus@example.org', 'demo-pass-287g');
    const cookie = cookieOf(signedIn);
    const bare = await fetch(`${a.origin}/sign-out`, { method: 'POST', redirect: 'manual', headers: { cookie } });
    expect(bare.status).toBe(403);
    expect((await account(a, cookie)).status).toBe(200); // the forged sign-out did nothing
  });

  it('marks the session cookie Secure and sends HSTS when the portal is reached over HTTPS', async () => {
    const overHttps = await fetch(`${a.origin}/sign-in`, {
      method: 'POST',
      redirect: 'manual',
      headers: {
        origin: a.origin.replace('http:', 'https:'),
        'x-forwarded-proto': 'https',
        'x-forwarded-for': newAddress(),
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ email: 'filer.cabarrus@example.org', password: 'demo-pass-287g' }),
    });
    expect(overHttps.status).toBe(302);
    expect(overHttps.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    expect(overHttps.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    // Plain HTTP (a local install): not Secure, or the browser would drop the cookie.
    const overHttp = await signIn(a, 'filer.cabarrus@example.org', 'demo-pass-287g');
    expect(overHttp.headers.get('set-cookie')).not.toMatch(/Secure/i);
    expect(overHttp.headers.get('strict-transport-security')).toBeNull();
  });

  it('sends security headers, with a per-response script nonce', async () => {
    // A page rendered for every request (a public page kept whole is another matter: below).
    const [one, two] = await Promise.all([fetch(`${a.origin}/forgot-password`), fetch(`${a.origin}/forgot-password`)]);
    const csp = one.headers.get('content-security-policy')!;
    expect(csp).toMatch(/default-src 'self'/);
    expect(csp).toMatch(/frame-ancestors 'none'/);
    const nonce = /'nonce-([^']+)'/.exec(csp)![1];
    expect(await one.text()).toContain(`nonce="${nonce}"`);
    expect(two.headers.get('content-security-policy')).not.toBe(csp);
    expect(one.headers.get('x-frame-options')).toBe('DENY');
    expect(one.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('compression', () => {
  it('sends pages, scripts and data gzip- or brotli-compressed as the browser accepts, and plain to clients that ask for nothing', async () => {
    const get = (path: string, encoding: string) => fetch(`${a.origin}${path}`, { headers: { 'accept-encoding': encoding } });
    const page = await get('/', 'gzip, deflate, br');
    expect(page.headers.get('content-encoding')).toBe('br');
    const html = await page.text();
    expect(html).toContain('</html>');
    expect((await get('/', 'gzip')).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/api/v1/agreements', 'gzip')).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/api/v1/agreements.csv', 'br')).headers.get('content-encoding')).toBe('br');
    // The largest script the page loads (bodies under 1 KB are not worth compressing).
    const scripts = [...new Set([...html.matchAll(/"(\/build\/[^"]+\.js)"/g)].map((m) => m[1]))];
    const sizes = await Promise.all(scripts.map(async (path) => [path, (await (await get(path, 'identity')).arrayBuffer()).byteLength] as const));
    const [largest, bytes] = sizes.sort((x, y) => y[1] - x[1])[0];
    expect(bytes).toBeGreaterThan(1024);
    expect((await get(largest, 'gzip')).headers.get('content-encoding')).toBe('gzip');
    expect((await get('/', 'identity')).headers.get('content-encoding')).toBeNull();
  });
});

describe('caching of public pages', () => {
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${a.origin}${path}`, { headers, redirect: 'manual' });

  /**
   * `read()` once its answer satisfies `done` (at most two seconds): an instance learns of a commit
   * made elsewhere from the database's notification, moments after it (data-version-watch.server.ts).
   */
  async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean): Promise<T> {
    let value = await read();
    for (let tries = 0; !done(value) && tries < 80; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      value = await read();
    }
    return value;
  }

  it('answers a repeated request for a public page with 304 until the public data changes', async () => {
    const first = await get('/');
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(first.headers.get('cache-control')).toMatch(/public.*s-maxage=\d+.*stale-while-revalidate=\d+/);
    expect(first.headers.get('vary')).toMatch(/Accept-Language/);

    const again = await get('/', { 'if-none-match': etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe('');
    expect(again.headers.get('etag')).toBe(etag);
    // The same page on another instance carries the same ETag: it names the data, not the process.
    expect((await fetch(`${b.origin}/`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    // Another language is another page.
    expect((await get('/', { 'if-none-match': etag, 'accept-language': 'es' })).status).toBe(200);

    const county = await db.prisma.jurisdiction.findFirstOrThrow({ where: { kind: 'COUNTY', name: { startsWith: 'Gaston' } } });
    await db.prisma.jurisdiction.update({ where: { id: county.id }, data: { population: (county.population ?? 0) + 1 } });
    try {
      const changed = await eventually(() => get('/', { 'if-none-match': etag }), (response) => response.status !== 304);
      expect(changed.status).toBe(200);
      expect(changed.headers.get('etag')).not.toBe(etag);
    } finally {
      await db.prisma.jurisdiction.update({ where: { id: county.id }, data: { population: county.population } });
    }
  });

  it('does the same for the open-data API and feeds, keeping their own Cache-Control, but not for a request with a token', async () => {
    for (const path of ['/api/v1/places/nc/gaston-county', '/api/v1/agreements.csv', '/feeds/nc.atom']) {
      const first = await get(path);
      expect(first.status, path).toBe(200);
      const etag = first.headers.get('etag')!;
      expect(first.headers.get('cache-control'), path).toMatch(/^public, (no-cache|max-age=300)$/); // the download's own
      expect((await get(path, { 'if-none-match': etag })).status, path).toBe(304);
    }
    // A request with a token is the API's own business: no version ETag, no 304 from it.
    const versionEtag = (await get('/api/v1/places/nc/gaston-county')).headers.get('etag')!;
    const withToken = await get('/api/v1/places/nc/gaston-county', { authorization: 'Bearer not-a-real-token', 'if-none-match': versionEtag });
    expect(withToken.status).toBe(200);
    expect(withToken.headers.get('etag')).not.toBe(versionEtag);
  });

  it('serves a registry answer from its cache only until the registry changes, on every instance', async () => {
    const active = async (portal: PortalProcess) =>
      ((await (await fetch(`${portal.origin}/api/v1/agreements?status=ACTIVE&state=NC`)).json()) as { meta: { count: number } }).meta.count;
    const before = await active(a);
    expect(await active(a)).toBe(before);
    const agreement = await db.prisma.agreement.findFirstOrThrow({ where: { status: 'ACTIVE', agency: { stateCode: 'NC' } } });
    await db.prisma.agreement.update({ where: { id: agreement.id }, data: { status: 'ENDED' } });
    try {
      expect(await eventually(() => active(a), (count) => count !== before)).toBe(before - 1);
      expect(await eventually(() => active(b), (count) => count !== before)).toBe(before - 1);
    } finally {
      await db.prisma.agreement.update({ where: { id: agreement.id }, data: { status: 'ACTIVE' } });
    }
    expect(await eventually(() => active(b), (count) => count !== before - 1)).toBe(before);
  });

  it('sends a public page again from its copy, in the encoding asked for, with the nonce its body carries, until the data changes', async () => {
    const path = '/places/nc/gaston-county';
    const nonceOf = (response: Response) => /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy')!)![1];
    const first = await get(path, { 'accept-encoding': 'identity' });
    const page = await first.text();
    const nonce = nonceOf(first);
    expect(page).toContain(`nonce="${nonce}"`);
    // The copy is kept once compressed, just after the first answer: the next one is sent from it.
    let again = await get(path, { 'accept-encoding': 'identity' });
    for (let tries = 0; nonceOf(again) !== nonce && tries < 50; tries++) {
      await again.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, 50));
      again = await get(path, { 'accept-encoding': 'identity' });
    }
    expect(nonceOf(again)).toBe(nonce); // a new rendering would have drawn a new nonce
    expect(await again.text()).toBe(page);
    expect(again.headers.get('etag')).toBe(first.headers.get('etag'));
    expect(again.headers.get('vary')).toMatch(/Accept-Language.*Accept-Encoding/);
    for (const encoding of ['br', 'gzip']) {
      const compressed = await get(path, { 'accept-encoding': encoding });
      expect(compressed.headers.get('content-encoding'), encoding).toBe(encoding);
      expect(await compressed.text(), encoding).toBe(page); // fetch decompresses
    }
    const head = await fetch(`${a.origin}${path}`, { method: 'HEAD', headers: { 'accept-encoding': 'identity' } });
    expect(Number(head.headers.get('content-length'))).toBe(Buffer.byteLength(page));
    // Another language, a signed-in reader: not this copy.
    const spanish = await get(path, { 'accept-language': 'es' });
    expect(nonceOf(spanish)).not.toBe(nonce);
    expect(await spanish.text()).toContain('lang="es"');
    const cookie = cookieOf(await signIn(a, 'filer.gaston@example.org', 'demo-pass-287g'));
    const signedIn = await get(path, { cookie });
    expect(nonceOf(signedIn)).not.toBe(nonce);
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');

    const county = await db.prisma.jurisdiction.findFirstOrThrow({ where: { kind: 'COUNTY', name: { startsWith: 'Gaston' } } });
    await db.prisma.jurisdiction.update({ where: { id: county.id }, data: { population: 987_654_321 } });
    try {
      const changed = await eventually(
        () => get(path, { 'accept-encoding': 'identity' }),
        (response) => response.headers.get('etag') !== first.headers.get('etag'),
      );
      expect(changed.headers.get('etag')).not.toBe(first.headers.get('etag'));
      expect(nonceOf(changed)).not.toBe(nonce);
      expect(await changed.text()).not.toBe(page);
    } finally {
      await db.prisma.jurisdiction.update({ where: { id: county.id }, data: { population: county.population } });
    }
  });

  it('keeps a copy per address the portal is reached at: open data carries absolute links', async () => {
    const path = '/api/v1/agencies/nc-gaston-county-sheriffs-office';
    const links = async (host: string) => JSON.stringify(await (await get(path, { 'x-forwarded-host': host })).json());
    for (let round = 0; round < 2; round++) {
      expect(await links('one.example.org')).toContain('//one.example.org');
      expect(await links('two.example.org')).toContain('//two.example.org');
      expect(await links('two.example.org')).not.toContain('one.example.org');
      await new Promise((resolve) => setTimeout(resolve, 100)); // the copies are kept by now
    }
  });

  it('gives no ETag to a page that is not found, and keeps answers to a signed-in reader private', async () => {
    const missing = await get('/agencies/no-such-agency');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('etag')).toBeNull();
    expect(missing.headers.get('cache-control')).toBe('no-store');

    const cookie = cookieOf(await signIn(a, 'filer.gaston@example.org', 'demo-pass-287g'));
    const signedIn = await get('/', { cookie });
    expect(signedIn.status).toBe(200);
    expect(signedIn.headers.get('etag')).toBeNull();
    expect(signedIn.headers.get('cache-control')).toBe('private, no-store');
    expect((await get('/filings', { cookie })).headers.get('cache-control')).toBe('private, no-store');
  });
});
