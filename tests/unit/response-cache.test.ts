/**
 * server/response-cache.ts on a real Express server (no database): what is kept, what is not,
 * and that a spike renders a page once.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResponseCache } from '../../server/response-cache';

let origin = '';
let server: ReturnType<ReturnType<typeof express>['listen']>;
let version = 'v1';
const rendered: Record<string, number> = {};
const cache = new ResponseCache({ maxBodyBytes: 64 * 1024, maxTotalBytes: 1024 * 1024 });

beforeAll(async () => {
  const app = express();
  // As public-pages.ts does: the ETag names the version, and only a kept-worthy 200 carries it.
  app.use(async (req, res, next) => {
    const etag = `"${version}"`;
    res.setHeader('ETag', etag);
    if (await cache.serveOrKeep(req, res, req.originalUrl, version, etag)) return;
    next();
  });
  const count = (path: string) => (rendered[path] = (rendered[path] ?? 0) + 1);
  app.get('/page', async (req, res) => {
    const n = count('/page');
    await new Promise((resolve) => setTimeout(resolve, 100)); // a page that takes a while to render
    res.type('html').send(`<p>page ${n} at ${version}</p>`.padEnd(2000, ' '));
  });
  app.get('/cookie', (req, res) => {
    res.cookie('a', String(count('/cookie'))).type('html').send('<p>with a cookie</p>');
  });
  app.get('/missing', (req, res) => {
    res.status(404).type('html').send(`<p>missing ${count('/missing')}</p>`);
  });
  app.get('/big', async (req, res) => {
    count('/big');
    res.type('text/csv');
    for (let i = 0; i < 20; i++) {
      res.write('x'.repeat(10_000));
      await new Promise((resolve) => setTimeout(resolve, 50)); // a second in all: a long download
    }
    res.end();
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const get = (path: string, headers: Record<string, string> = {}) => fetch(`${origin}${path}`, { headers });

describe('the response cache', () => {
  it('renders a page once for a spike of readers, then sends the copy, compressed as asked', async () => {
    const bodies = await Promise.all(Array.from({ length: 20 }, async () => (await get('/page')).text()));
    expect(rendered['/page']).toBe(1);
    expect(new Set(bodies)).toEqual(new Set([bodies[0]]));
    expect(bodies[0]).toContain('page 1 at v1');
    const br = await get('/page', { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers.get('content-encoding')).toBe('br'); // the smaller, whatever the order named
    expect((await get('/page', { 'accept-encoding': 'gzip, br;q=0' })).headers.get('content-encoding')).toBe('gzip');
    expect(await br.text()).toBe(bodies[0]);
    const plain = await get('/page', { 'accept-encoding': 'identity' });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(plain.headers.get('vary')).toMatch(/Accept-Encoding/);
    expect(rendered['/page']).toBe(1);
  });

  it('drops every copy when the version changes', async () => {
    version = 'v2';
    expect(await (await get('/page')).text()).toContain('page 2 at v2');
    expect(rendered['/page']).toBe(2);
    await new Promise((resolve) => setTimeout(resolve, 100)); // kept once compressed
    expect(cache.size).toBe(1); // the v1 copy is gone
  });

  it('keeps no answer that sets a cookie or is not a 200', async () => {
    for (const path of ['/cookie', '/missing']) {
      await (await get(path)).text();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await (await get(path)).text();
      expect(rendered[path], path).toBe(2);
    }
  });

  it('does not keep a large download, nor make a second reader wait for the first to end', async () => {
    const first = get('/big');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const started = Date.now();
    const second = await get('/big'); // headers arrive as soon as its own rendering starts
    expect(Date.now() - started).toBeLessThan(800);
    expect(rendered['/big']).toBe(2);
    expect((await second.text()).length).toBe(200_000);
    expect((await (await first).text()).length).toBe(200_000);
    await (await get('/big')).text();
    expect(rendered['/big']).toBe(3);
  });
});
