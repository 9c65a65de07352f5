/**
 * Refusals anyone can cause (bogus API tokens, blocked sign-ins, sign-ins to unknown accounts)
 * are counted per kind, source and hour, so anonymous traffic cannot grow the append-only
 * security record without bound; operators see the counts on the security events page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tallySecurityEvent } from '~/auth/events.server';
import { disconnectPrisma } from '~/db/prisma.server';
import * as eventsRoute from '~/routes/admin.events';
import { action as filingsAction } from '~/routes/api.v1.filings';
import { loader as meLoader } from '~/routes/api.v1.me';
import { testRequestHandler } from '../support/page-handler';
import { cookieFor, get, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let operator: string;

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  const user = await db.prisma.user.create({ data: { email: 'operator@portal.test', name: 'Op', roles: { create: { role: 'OPERATOR' } } } });
  operator = await cookieFor(db.prisma, user.id);
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

type Route = Parameters<typeof run>[0];

/** A request with a made-up bearer token, from a given client address. */
function bogus(route: Route, path: string, ip: string, i: number) {
  const request = new Request(`http://portal.test${path}`, {
    method: path.endsWith('filings') ? 'POST' : 'GET',
    headers: { authorization: `Bearer opt_bogus${i}`, 'user-agent': 'scanner/1.0', 'content-type': 'application/json' },
    ...(path.endsWith('filings') ? { body: '{}' } : {}),
  });
  return route({ request, params: {}, context: { cspNonce: '', clientIp: ip } } as never) as Promise<Response>;
}

const tallies = (source: string) => db.prisma.securityEventTally.findMany({ where: { source }, orderBy: { id: 'asc' } });
const sum = (rows: { count: number }[]) => rows.reduce((total, row) => total + row.count, 0);

describe('refused API tokens', () => {
  it('2,000 bogus bearer requests from one client: a bounded number of rows with the right count', async () => {
    const ip = '203.0.113.50';
    const events = await db.prisma.securityEvent.count();
    for (let batch = 0; batch < 20; batch++) {
      const answers = await Promise.all(
        Array.from({ length: 100 }, (_, i) => (i % 2 ? bogus(meLoader as Route, '/api/v1/me', ip, batch * 100 + i) : bogus(filingsAction as Route, '/api/v1/filings', ip, batch * 100 + i))),
      );
      expect(answers.every((answer) => answer.status === 401)).toBe(true);
    }
    // Nothing added to the append-only record.
    expect(await db.prisma.securityEvent.count()).toBe(events);
    const rows = await tallies(ip);
    // One row per hour: two if the run straddled the hour.
    expect(rows.length).toBeGreaterThanOrEqual(1);
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(rows.every((row) => row.kind === 'api_token_refused' && row.lastUserAgent === 'scanner/1.0')).toBe(true);
    expect(sum(rows)).toBe(2000);
  });

  it('are counted per source: an IPv6 client by its /64, so fresh addresses do not add rows', async () => {
    await Promise.all(Array.from({ length: 50 }, (_, i) => bogus(meLoader as Route, '/api/v1/me', `2001:db8:1:2::${(i + 1).toString(16)}`, i)));
    const rows = await tallies('2001:db8:1:2::/64');
    expect(rows.length).toBeLessThanOrEqual(2);
    expect(sum(rows)).toBe(50);
    await bogus(meLoader as Route, '/api/v1/me', '203.0.113.51', 0);
    expect(sum(await tallies('203.0.113.51'))).toBe(1);
  });

  it('a request without any token is not counted (nothing was refused)', async () => {
    const before = await db.prisma.securityEventTally.count();
    const answer = await meLoader({ request: new Request('http://portal.test/api/v1/me'), params: {}, context: { cspNonce: '', clientIp: '203.0.113.52' } } as never);
    expect((answer as Response).status).toBe(401);
    expect(await db.prisma.securityEventTally.count()).toBe(before);
  });
});

describe('the counts', () => {
  it('forget hours older than 90 days when a new hour starts', async () => {
    const old = new Date(Date.now() - 100 * 24 * 3600 * 1000);
    await db.prisma.securityEventTally.create({ data: { kind: 'api_token_refused', source: '192.0.2.1', windowStart: old, firstAt: old, lastAt: old, count: 7 } });
    await tallySecurityEvent(db.prisma, { kind: 'sign_in_blocked', ip: '192.0.2.2', email: 'someone@example.org' });
    expect(await tallies('192.0.2.1')).toEqual([]);
    expect(await tallies('192.0.2.2')).toMatchObject([{ kind: 'sign_in_blocked', count: 1, lastEmail: 'someone@example.org' }]);
  });

  it('are shown to operators on the security events page, with their counts, and filtered by kind', async () => {
    const page = await run(eventsRoute.loader as never, get('/admin/events', operator));
    expect(page.status).toBe(200);
    const { counted } = page.body as { counted: { total: number; tallies: { kind: string; source: string; count: number; lastEmail: string | null }[] } };
    expect(counted.tallies).toContainEqual(expect.objectContaining({ kind: 'api_token_refused', source: '2001:db8:1:2::/64', count: 50 }));
    expect(counted.tallies).toContainEqual(expect.objectContaining({ kind: 'sign_in_blocked', source: '192.0.2.2', count: 1, lastEmail: 'someone@example.org' }));

    const blocked = (await run(eventsRoute.loader as never, get('/admin/events?kind=sign_in_blocked', operator))).body as typeof page.body & { counted: { tallies: { kind: string }[] } };
    expect(blocked.counted.tallies.map((t) => t.kind)).toEqual(['sign_in_blocked']);
    // The page as the operator's browser gets it.
    const handler = testRequestHandler({ 'routes/admin.events': { path: 'admin/events', module: eventsRoute } });
    const html = await (await handler(get('/admin/events?kind=api_token_refused', operator), { cspNonce: '', clientIp: '203.0.113.9' })).text();
    expect(html).toContain('Refusals counted by address');
    const shown = [...html.matchAll(/API token refused<\/th><td>(\d+)<\/td><td>203\.0\.113\.50</g)].map((m) => Number(m[1]));
    expect(sum(shown.map((count) => ({ count })))).toBe(2000);
    // A kind that is logged one by one has no counts.
    const signIns = (await run(eventsRoute.loader as never, get('/admin/events?kind=sign_in', operator))).body as { counted: { tallies: unknown[] } };
    expect(signIns.counted.tallies).toEqual([]);
  });
});
