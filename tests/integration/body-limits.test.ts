/**
 * Body size limits hold while the body streams in (server/body-limits.ts): a 300 MB chunked
 * body, generated as it is sent, is refused 413 as soon as it passes the limit, and the
 * server's memory does not grow by the body's size. For the API, a form and an upload, through
 * the real server (the built app in its own process, whose memory we can read).
 */
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '~/auth/api-tokens.server';
import { prepareDatabase } from '../../scripts/db/prepare';
import { API_BODY_LIMIT } from '../../server/body-limits';
import { startPortalProcess, type PortalProcess } from '../support/portal-process';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let portal: PortalProcess;
let token: string;
let requirementId: number;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  const head = await db.prisma.user.findUniqueOrThrow({ where: { email: 'filer.gaston@example.org' } });
  const agency = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-gaston-county-sheriffs-office' } });
  token = (await createApiToken(db.prisma, { agencyId: agency.id, name: 'Jail system', createdById: head.id })).token;
  requirementId = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: agency.id } })).id;
  portal = await startPortalProcess(db.url);
}, 120_000);
afterAll(async () => {
  await portal?.stop();
  await db?.drop();
});

const MB = 1024 * 1024;

function rssBytes(pid: number): number {
  const line = fs.readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB/m);
  return Number(line![1]) * 1024;
}

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Until the status line arrived. */
  ms: number;
  /** Body bytes written before the answer came. */
  sent: number;
  /** Largest growth of the server's memory while sending. */
  rssGrowth: number;
}

/**
 * POSTs `head`, then `chunk` again and again (chunked: no Content-Length) until the server
 * answers or `total` bytes went out, then `tail`. Nothing is built in memory here either.
 */
/**
 * The server closes the connection right after its 413 without reading the rest, so TCP may
 * reset it before this client has read the answer (ECONNRESET on a write; browsers can meet the
 * same). That race depends on the machine's load, not on the portal: tried up to three times,
 * the refusal must come as an answer at least once.
 */
async function send(path: string, headers: Record<string, string>, parts: { head: string; chunk: string; tail?: string; total?: number }): Promise<Answer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await sendOnce(path, headers, parts);
    } catch (error) {
      if (attempt >= 3 || (error as NodeJS.ErrnoException).code !== 'ECONNRESET') throw error;
    }
  }
}

function sendOnce(path: string, headers: Record<string, string>, parts: { head: string; chunk: string; tail?: string; total?: number }): Promise<Answer> {
  const baseline = rssBytes(portal.pid);
  let peak = baseline;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(portal.pid))), 20);
  const started = performance.now();
  return new Promise<Answer>((resolve, reject) => {
    const request = http.request(`${portal.origin}${path}`, { method: 'POST', headers: { origin: portal.origin, ...headers } });
    let answered = false;
    let sent = 0;
    const finish = (answer: Omit<Answer, 'rssGrowth' | 'sent'>) => {
      clearInterval(sampler);
      peak = Math.max(peak, rssBytes(portal.pid));
      request.destroy();
      resolve({ ...answer, sent, rssGrowth: peak - baseline });
    };
    request.on('response', (response) => {
      answered = true;
      const ms = performance.now() - started;
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (text) => (body += text));
      const done = () => finish({ status: response.statusCode!, headers: response.headers, body, ms });
      response.on('end', done);
      response.on('error', done); // the server closes the connection after answering
    });
    request.on('error', (error) => {
      if (answered) return;
      clearInterval(sampler);
      reject(error);
    });
    const total = parts.total ?? 300 * MB;
    const chunk = Buffer.from(parts.chunk);
    request.write(parts.head);
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!request.write(chunk)) return void request.once('drain', pump);
      }
      if (!answered) request.end(parts.tail ?? '');
    };
    pump();
  });
}

async function signInCookie() {
  const response = await fetch(`${portal.origin}/sign-in`, {
    method: 'POST',
    redirect: 'manual',
    headers: { origin: portal.origin, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ email: 'filer.gaston@example.org', password: 'demo-pass-287g', redirectTo: '/account' }),
  });
  expect(response.status).toBe(302);
  return response.headers.get('set-cookie')!.split(';')[0];
}

describe('a 300 MB chunked body', () => {
  it('to the API is refused 413 in JSON once past 256 KB, without the server holding it', async () => {
    const answer = await send(
      '/api/v1/filings',
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      { head: '{"requirementId": 1, "padding": "', chunk: 'x'.repeat(64 * 1024), tail: '"}' },
    );
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body)).toEqual({ error: { status: 413, message: `The body is larger than ${API_BODY_LIMIT} bytes.` } });
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.sent).toBeLessThan(50 * MB); // it stopped reading: the client could not send on
    expect(answer.rssGrowth).toBeLessThan(50 * MB);
  });

  it('to a form is refused 413 with a page once past 1 MB', async () => {
    const answer = await send(
      '/sign-in',
      { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'es' },
      { head: 'email=someone%40example.org&password=', chunk: 'a'.repeat(64 * 1024) },
    );
    expect(answer.status).toBe(413);
    expect(answer.headers['content-type']).toMatch(/^text\/html/);
    expect(answer.body).toContain('Lo que envió es demasiado grande');
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.sent).toBeLessThan(50 * MB);
    expect(answer.rssGrowth).toBeLessThan(50 * MB);
  });

  it('to an upload is refused 413 once past the file limit, even as many small fields the file limit does not see', async () => {
    const cookie = await signInCookie();
    const boundary = 'portal-test-boundary';
    const field = `--${boundary}\r\nContent-Disposition: form-data; name="certifiedName"\r\n\r\n${'n'.repeat(16 * 1024)}\r\n`;
    const answer = await send(
      `/filings/upload/${requirementId}`,
      { cookie, 'content-type': `multipart/form-data; boundary=${boundary}` },
      { head: '', chunk: field, tail: `--${boundary}--\r\n` },
    );
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('What you sent is too large');
    expect(answer.ms).toBeLessThan(5_000);
    expect(answer.sent).toBeLessThan(50 * MB);
    expect(answer.rssGrowth).toBeLessThan(50 * MB);
  });
});

describe('limits', () => {
  it('refuse a declared Content-Length over the limit before reading any of it', async () => {
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(`${portal.origin}/api/v1/filings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'content-length': String(300 * MB) },
      });
      request.on('response', (response) => {
        let body = '';
        response.on('data', (text) => (body += text));
        response.on('end', () => resolve({ status: response.statusCode!, body }));
      });
      request.on('error', reject);
      request.write('{"requirementId": 1'); // and nothing more: the answer must not wait for it
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.status).toBe(413);
  });

  it('let a chunked body under the limit through whole', async () => {
    // Signing in with a chunked form: Remix reads the same bytes the client sent.
    const answer = await send(
      '/sign-in',
      { 'content-type': 'application/x-www-form-urlencoded' },
      { head: 'email=filer.gaston%40example.org&password=demo-pass-287g&redirectTo=%2Faccount&pad=', chunk: 'p'.repeat(1024), total: 700 * 1024 },
    );
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/account');
    // An API body near its limit, chunked, is read and parsed (an unknown requirement: 403, not 413 or "not JSON").
    const api = await send(
      '/api/v1/filings',
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      {
        head: `{"requirementId": 2147483000, "periodKey": "2025-Q1", "values": {}, "certification": {"name": "A Head", "title": "Sheriff"}, "amendmentReason": "`,
        chunk: 'r'.repeat(1000),
        total: 4_000,
        tail: `"}`,
      },
    );
    expect(api.status).not.toBe(413);
    expect(api.body).not.toContain('not valid JSON');
    expect(JSON.parse(api.body).error.status).toBe(api.status);
  });
});
