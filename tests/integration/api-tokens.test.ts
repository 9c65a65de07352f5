/**
 * Agency API tokens: heads create and revoke them, they are stored hashed, shown once, and a
 * request with one acts for that agency only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '~/auth/session.server';
import { disconnectPrisma } from '~/db/prisma.server';
import { action, loader } from '~/routes/agency.$slug.tokens';
import { loader as meLoader } from '~/routes/api.v1.me';
import { prepareDatabase } from '../../scripts/db/prepare';
import { cookieFor, get, post, run, TEST_CONTEXT } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
let gastonHead: string;
let cabarrusHead: string;
const GASTON = { slug: 'nc-gaston-county-sheriffs-office' };
const CABARRUS = { slug: 'nc-cabarrus-county-sheriffs-office' };

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const user = (email: string) => db.prisma.user.findUniqueOrThrow({ where: { email } });
  gastonHead = await cookieFor(db.prisma, (await user('filer.gaston@example.org')).id);
  cabarrusHead = await cookieFor(db.prisma, (await user('filer.cabarrus@example.org')).id);
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

const tokensUrl = (agency: { slug: string }) => `/agency/${agency.slug}/tokens`;

describe('agency API tokens', () => {
  it('are created by the head, shown once, stored only as a hash, and identify the agency', async () => {
    const created = await run(action, post(tokensUrl(GASTON), { intent: 'create', name: 'Jail system' }, gastonHead), GASTON);
    expect(created.status).toBe(200);
    const { token } = (created.body as { created: { token: string } }).created;
    expect(token).toMatch(/^opt_[A-Za-z0-9_-]{40,}$/);

    const stored = await db.prisma.apiToken.findFirstOrThrow({ where: { name: 'Jail system' } });
    expect(stored.tokenHash).toBe(sha256(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    const listed = await run(loader, get(tokensUrl(GASTON), gastonHead), GASTON);
    expect(JSON.stringify(listed.body)).not.toContain(token);

    const me = await run(meLoader as never, new Request('http://portal.test/api/v1/me', { headers: { authorization: `Bearer ${token}` } }));
    expect(me).toMatchObject({ status: 200, body: { data: { agency: { slug: GASTON.slug } } } });
    expect(await db.prisma.securityEvent.count({ where: { kind: 'api_token_created' } })).toBe(1);
  });

  it("refuse another agency's head, even with the right ids crafted in the URL or the form", async () => {
    const gastonToken = await db.prisma.apiToken.findFirstOrThrow({ where: { agency: { slug: GASTON.slug } } });
    expect((await run(loader, get(tokensUrl(GASTON), cabarrusHead), GASTON)).status).toBe(403);
    expect((await run(action, post(tokensUrl(GASTON), { intent: 'create', name: 'x' }, cabarrusHead), GASTON)).status).toBe(403);
    // Cabarrus's own page, with Gaston's token id in the form: not theirs to revoke.
    const crafted = await run(action, post(tokensUrl(CABARRUS), { intent: 'revoke', tokenId: gastonToken.id }, cabarrusHead), CABARRUS);
    expect(crafted.status).toBe(404);
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: gastonToken.id } })).revokedAt).toBeNull();
    expect((await run(loader, get(tokensUrl(GASTON)), GASTON)).location).toMatch(/^\/sign-in\?redirectTo=/);
  });

  it('record when they were last used, rewriting it at most once a minute', async () => {
    const created = await run(action, post(tokensUrl(GASTON), { intent: 'create', name: 'Busy system' }, gastonHead), GASTON);
    const { token } = (created.body as { created: { token: string } }).created;
    const use = () => run(meLoader as never, new Request('http://portal.test/api/v1/me', { headers: { authorization: `Bearer ${token}` } }));
    const lastUsed = async () => (await db.prisma.apiToken.findFirstOrThrow({ where: { name: 'Busy system' } })).lastUsedAt;
    expect(await lastUsed()).toBeNull();
    await use();
    const first = await lastUsed();
    expect(Date.now() - first!.getTime()).toBeLessThan(60_000);
    await use();
    expect(await lastUsed()).toEqual(first);
    // A minute later it is written again.
    await db.prisma.apiToken.updateMany({ where: { name: 'Busy system' }, data: { lastUsedAt: new Date(Date.now() - 61_000) } });
    expect((await use()).status).toBe(200);
    expect(Date.now() - (await lastUsed())!.getTime()).toBeLessThan(60_000);
  });

  it('stop working once revoked', async () => {
    const created = await run(action, post(tokensUrl(GASTON), { intent: 'create', name: 'Old script' }, gastonHead), GASTON);
    const { token } = (created.body as { created: { token: string } }).created;
    const row = await db.prisma.apiToken.findFirstOrThrow({ where: { name: 'Old script' } });
    const revoked = await run(action, post(tokensUrl(GASTON), { intent: 'revoke', tokenId: row.id }, gastonHead), GASTON);
    expect(revoked.status).toBe(200);
    const me = await run(meLoader as never, new Request('http://portal.test/api/v1/me', { headers: { authorization: `Bearer ${token}` } }));
    expect(me.status).toBe(401);
    expect(await db.prisma.securityEvent.count({ where: { kind: 'api_token_revoked' } })).toBe(1);
    // Refusals are counted per address and hour (security_event_tally), not logged one by one.
    expect(await db.prisma.securityEvent.count({ where: { kind: 'api_token_refused' } })).toBe(0);
    expect(await db.prisma.securityEventTally.findMany({ where: { kind: 'api_token_refused' }, select: { source: true, count: true } })).toEqual([
      { source: TEST_CONTEXT.clientIp, count: 1 },
    ]);
  });

  it('refuse a nameless token with a message', async () => {
    const result = await run(action, post(tokensUrl(GASTON), { intent: 'create', name: '  ' }, gastonHead), GASTON);
    expect(result).toMatchObject({ status: 400, body: { error: expect.stringMatching(/Give the token a name/) } });
  });
});
