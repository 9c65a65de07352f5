/**
 * server/security.ts on a real Express server (no database): how TRUST_PROXY is read, which
 * answers are kept out of caches, and which posts the same-origin check lets through.
 * tests/integration/redirects-and-headers.test.ts checks the same on the built portal.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sameOriginOnly, securityHeaders, trustProxySetting } from '../../server/security';

describe('trustProxySetting', () => {
  it('reads a number of proxies, true or false, or a list of addresses and subnets', () => {
    expect(trustProxySetting(undefined)).toBeUndefined();
    expect(trustProxySetting('  ')).toBeUndefined();
    expect(trustProxySetting('1')).toBe(1);
    expect(trustProxySetting('2')).toBe(2);
    expect(trustProxySetting('0')).toBe(0);
    expect(trustProxySetting('true')).toBe(true);
    expect(trustProxySetting('FALSE')).toBe(false);
    expect(trustProxySetting('loopback')).toEqual(['loopback']);
    expect(trustProxySetting('loopback, 10.0.0.0/8,192.0.2.7, fd00::/8, 172.16.0.0/255.240.0.0, ::1')).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.0.2.7',
      'fd00::/8',
      '172.16.0.0/255.240.0.0',
      '::1',
    ]);
  });

  it('stops with a message naming what it does not understand', () => {
    expect(() => trustProxySetting('yes')).toThrow(/TRUST_PROXY=yes is not understood \("yes"\)/);
    expect(() => trustProxySetting('loopback, proxy.internal')).toThrow(/"proxy.internal"/);
    expect(() => trustProxySetting('10.0.0.0/33')).toThrow(/"10.0.0.0\/33"/);
    expect(() => trustProxySetting('10.0.0.0/8/8')).toThrow(/not understood/);
    expect(() => trustProxySetting('1.5')).toThrow(/not understood/);
    expect(() => trustProxySetting('loopback,')).toThrow(/""/);
  });
});

let origin = '';
let server: ReturnType<ReturnType<typeof express>['listen']>;

beforeAll(async () => {
  const app = express();
  // As server/index.ts does with TRUST_PROXY=1: one proxy in front.
  app.set('trust proxy', trustProxySetting('1'));
  app.use(securityHeaders);
  app.use(sameOriginOnly);
  app.get('/ip', (req, res) => {
    res.json({ ip: req.ip, secure: req.secure });
  });
  app.all('/api/v1/filings', (req, res) => {
    res.status(401).json({ error: { status: 401 } });
  });
  app.post('/sign-in', (req, res) => {
    res.cookie('portal_session', 'abc', { httpOnly: true }).redirect(302, '/account');
  });
  app.get('/sign-in', (req, res) => {
    res.type('html').send('<form></form>');
  });
  app.get('/account', (req, res) => {
    res.redirect(302, '/sign-in?redirectTo=%2Faccount');
  });
  app.get('/filings/1/attachments/2', (req, res) => {
    res.set('Cache-Control', 'private, max-age=60').send('a download');
  });
  app.get('/filings/1/public-looking', (req, res) => {
    res.set('Cache-Control', 'public, max-age=300').send('should not be public');
  });
  app.get('/api/v1/agreements.csv', (req, res) => {
    res.set('Cache-Control', 'public, max-age=300').type('text/csv').send('id\n');
  });
  app.get('/nonce', (req, res) => {
    res.send(res.locals.cspNonce);
  });
  app.get('/places/nc', (req, res) => {
    res.type('html').send('<p>public</p>');
  });
  app.get('/language', (req, res) => {
    res.cookie('portal_session', 'x', { maxAge: 0 }).set('Cache-Control', 'public, max-age=60').send('ok');
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('TRUST_PROXY=1 on Express', () => {
  it('takes the client address and protocol from the one proxy in front', async () => {
    const seen = await (await fetch(`${origin}/ip`, { headers: { 'x-forwarded-for': '203.0.113.9, 198.51.100.4', 'x-forwarded-proto': 'https' } })).json();
    // The last hop the proxy added, not what the client wrote before it.
    expect(seen).toEqual({ ip: '198.51.100.4', secure: true });
    // Express given the string "1" would have trusted only the address 0.0.0.1.
    const unparsed = express();
    unparsed.set('trust proxy', '1');
    expect(unparsed.get('trust proxy fn')('127.0.0.1', 0)).toBe(false);
  });
});

describe('script nonces', () => {
  it('gives every response its own 16 random bytes, also across refills of the pool they are cut from', async () => {
    const nonces: string[] = [];
    for (let batch = 0; batch < 6; batch++) {
      // 600 responses: more than two pools of 256.
      const answers = await Promise.all(Array.from({ length: 100 }, () => fetch(`${origin}/nonce`)));
      for (const answer of answers) {
        const nonce = await answer.text();
        expect(answer.headers.get('content-security-policy')).toContain(`'nonce-${nonce}'`);
        nonces.push(nonce);
      }
    }
    expect(new Set(nonces).size).toBe(600);
    for (const nonce of nonces) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
    // Not a counter or a repeating pattern: the bytes of all of them are spread over the range.
    const bytes = Buffer.concat(nonces.map((nonce) => Buffer.from(nonce, 'base64')));
    expect(new Set(bytes).size).toBe(256);
  });
});

describe('Cache-Control on private answers', () => {
  const cacheControl = async (path: string, init: RequestInit = {}) =>
    (await fetch(`${origin}${path}`, { redirect: 'manual', ...init })).headers.get('cache-control');
  const session = { cookie: 'portal_session=abc' };

  it('keeps every answer that sets or clears the session cookie out of caches, whatever the route said', async () => {
    expect(await cacheControl('/sign-in', { method: 'POST', headers: { origin } })).toBe('private, no-store');
    expect(await cacheControl('/language')).toBe('private, no-store');
  });

  it('keeps the signed-in areas out of caches, also for anonymous requests, unless the route keeps its answer private itself', async () => {
    expect(await cacheControl('/sign-in')).toBe('private, no-store');
    expect(await cacheControl('/account')).toBe('private, no-store');
    expect(await cacheControl('/filings/1/public-looking', { headers: session })).toBe('private, no-store');
    expect(await cacheControl('/filings/1/attachments/2', { headers: session })).toBe('private, max-age=60');
  });

  it('gives a signed-in request no-store where nothing was said, and keeps the policy of public data', async () => {
    expect(await cacheControl('/places/nc', { headers: session })).toBe('private, no-store');
    expect(await cacheControl('/api/v1/agreements.csv', { headers: session })).toBe('public, max-age=300');
    // Anonymous public pages are publicPageCaching's business.
    expect(await cacheControl('/places/nc')).toBeNull();
  });
});

describe('the same-origin check', () => {
  const post = (path: string, headers: Record<string, string>) => fetch(`${origin}${path}`, { method: 'POST', redirect: 'manual', headers });

  it('lets a cookieless API request through to the route, with or without a token', async () => {
    const bare = await post('/api/v1/filings', {});
    expect(bare.status).toBe(401);
    expect(await bare.json()).toEqual({ error: { status: 401 } });
    expect((await post('/api/v1/filings', { origin: 'https://evil.example' })).status).toBe(401);
    expect((await post('/api/v1/filings', { authorization: 'Bearer opt_x' })).status).toBe(401);
  });

  it('still refuses a cross-site API request that carries cookies, and cookieless forms elsewhere', async () => {
    const forged = await post('/api/v1/filings', { cookie: 'portal_session=abc', origin: 'https://evil.example' });
    expect(forged.status).toBe(403);
    expect(await forged.text()).toMatch(/sent from another site/);
    expect((await post('/api/v1/filings', { cookie: 'portal_session=abc' })).status).toBe(403);
    // Login CSRF: the sign-in form has no cookie to ride on, and is still checked.
    expect((await post('/sign-in', { origin: 'https://evil.example' })).status).toBe(403);
    // Dot segments that Remix resolves to a page are not the API (sent raw: fetch would resolve them).
    const status = await new Promise<number | undefined>((resolve, reject) =>
      http
        .request({ host: '127.0.0.1', port: new URL(origin).port, path: '/api/v1/%2e%2e/%2e%2e/sign-in', method: 'POST', headers: { origin: 'https://evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject)
        .end(),
    );
    expect(status).toBe(403);
  });
});
