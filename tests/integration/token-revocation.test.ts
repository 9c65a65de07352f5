/**
 * API tokens die with their creator's right to certify (issue #12): a head's token stops filing
 * once an operator disables the account or removes the head role, the token is shown revoked on
 * the agency's page, and the security log says why. Checked again at authentication, so a change
 * made outside the operator pages cannot leave a token acting for someone who may not certify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '~/auth/permissions';
import { disconnectPrisma } from '~/db/prisma.server';
import * as accountRoute from '~/routes/admin.accounts.$id/route';
import { action as tokensAction, loader as tokensLoader } from '~/routes/agency.$slug.tokens';
import { action as filingsApi } from '~/routes/api.v1.filings';
import { loader as meLoader } from '~/routes/api.v1.me';
import { DEMO_METRIC_KEYS } from '../../seeds/demo-policies';
import { prepareDatabase } from '../../scripts/db/prepare';
import { cookieFor, get, post, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

const GASTON = 'nc-gaston-county-sheriffs-office';
const CABARRUS = 'nc-cabarrus-county-sheriffs-office';

let db: TestDatabase;
let operator: { id: number; cookie: string };
let otherGastonHead: { id: number; cookie: string };
const agency = { gaston: 0, cabarrus: 0 };
const requirement = { gaston: 0, cabarrus: 0 };
let people = 0;

beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, true);
  process.env.DATABASE_URL = db.url;
  const admin = await db.prisma.user.findUniqueOrThrow({ where: { email: 'admin@example.org' } });
  operator = { id: admin.id, cookie: await cookieFor(db.prisma, admin.id) };
  agency.gaston = (await db.prisma.agency.findUniqueOrThrow({ where: { slug: GASTON } })).id;
  agency.cabarrus = (await db.prisma.agency.findUniqueOrThrow({ where: { slug: CABARRUS } })).id;
  // The demo policies' quarterly requirements, one per sheriff.
  requirement.gaston = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: agency.gaston } })).id;
  requirement.cabarrus = (await db.prisma.requirement.findFirstOrThrow({ where: { agencyId: agency.cabarrus } })).id;
  otherGastonHead = await person([{ role: 'HEAD', agencyId: agency.gaston }]);
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

async function person(roles: { role: Role; agencyId: number }[]) {
  const user = await db.prisma.user.create({ data: { email: `head${++people}@sheriff.test`, name: `Head ${people}`, roles: { create: roles } } });
  return { id: user.id, cookie: await cookieFor(db.prisma, user.id) };
}

/** A token made on the agency's token page, as its head does. */
async function createToken(head: { cookie: string }, slug: string, name: string) {
  const created = await run(tokensAction, post(`/agency/${slug}/tokens`, { intent: 'create', name }, head.cookie), { slug });
  expect(created.status).toBe(200);
  const { token } = (created.body as { created: { token: string } }).created;
  const row = await db.prisma.apiToken.findFirstOrThrow({ where: { name } });
  return { token, id: row.id };
}

const VALUES = Object.fromEntries(DEMO_METRIC_KEYS.map((key) => [key, key === 'gross_cost' ? '1200.00' : '0']));

function fileReport(token: string, requirementId: number, periodKey: string) {
  const body = { requirementId, periodKey, values: VALUES, certification: { name: 'Pat Head', title: 'Sheriff' } };
  return run(
    filingsApi,
    new Request('http://portal.test/api/v1/filings', {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    }),
  );
}

const me = (token: string) => run(meLoader as never, new Request('http://portal.test/api/v1/me', { headers: { authorization: `Bearer ${token}` } }));

const operatorDoes = (userId: number, fields: Record<string, string | number>) =>
  run(accountRoute.action, post(`/admin/accounts/${userId}`, fields, operator.cookie), { id: String(userId) });

const filedPeriods = async (requirementId: number) =>
  (await db.prisma.filing.findMany({ where: { requirementId, revisions: { some: {} } }, select: { periodKey: true } })).map((f) => f.periodKey).sort();

/** The agency's token list as another of its heads sees it on the token page. */
async function listedToken(slug: string, tokenId: number) {
  const page = await run(tokensLoader, get(`/agency/${slug}/tokens`, otherGastonHead.cookie), { slug });
  expect(page.status).toBe(200);
  return (page.body as { tokens: { id: number; revokedAt: string | null }[] }).tokens.find((token) => token.id === tokenId);
}

const revocations = (tokenId: number) =>
  db.prisma.securityEvent.findMany({ where: { kind: 'api_token_revoked', detail: { path: ['tokenId'], equals: tokenId } } });

describe("a head's API token", () => {
  it('stops filing once an operator disables its creator, shows as revoked, and says why in the security log', async () => {
    const head = await person([{ role: 'HEAD', agencyId: agency.gaston }, { role: 'HEAD', agencyId: agency.cabarrus }]);
    const gaston = await createToken(head, GASTON, 'Jail system (disabled head)');
    const cabarrus = await createToken(head, CABARRUS, 'Cabarrus system (disabled head)');
    const colleague = await createToken(otherGastonHead, GASTON, 'Colleague system');
    expect(await fileReport(gaston.token, requirement.gaston, '2025-Q1')).toMatchObject({ status: 201 });

    expect(await operatorDoes(head.id, { intent: 'disable' })).toMatchObject({ status: 200 });

    const refused = await fileReport(gaston.token, requirement.gaston, '2025-Q2');
    expect(refused).toMatchObject({ status: 401, body: { error: { status: 401 } } });
    expect((await fileReport(cabarrus.token, requirement.cabarrus, '2025-Q2')).status).toBe(401);
    expect((await me(gaston.token)).status).toBe(401);
    expect(await filedPeriods(requirement.gaston)).toEqual(['2025-Q1']);
    expect(await filedPeriods(requirement.cabarrus)).toEqual([]);

    // Every token the person made, for either agency; a colleague's token keeps working.
    expect((await listedToken(GASTON, gaston.id))?.revokedAt).not.toBeNull();
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id: cabarrus.id } })).revokedAt).not.toBeNull();
    expect((await listedToken(GASTON, colleague.id))?.revokedAt).toBeNull();
    expect((await me(colleague.token)).status).toBe(200);
    for (const [token, agencyId] of [
      [gaston, agency.gaston],
      [cabarrus, agency.cabarrus],
    ] as const) {
      const events = await revocations(token.id);
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({
        actorUserId: operator.id,
        subjectUserId: head.id,
        ip: '203.0.113.7',
        detail: { tokenId: token.id, agencyId, reason: 'creator_disabled' },
      });
    }

    // Enabling the account again brings no token back: the head makes new ones.
    expect(await operatorDoes(head.id, { intent: 'enable' })).toMatchObject({ status: 200 });
    expect((await me(gaston.token)).status).toBe(401);
    // (Disabling ended the person's sessions: they sign in again.)
    const fresh = await createToken({ cookie: await cookieFor(db.prisma, head.id) }, GASTON, 'Jail system, again');
    expect((await me(fresh.token)).status).toBe(200);
  });

  it("stops filing once an operator removes the head role for its agency, and only that agency's tokens", async () => {
    const head = await person([{ role: 'HEAD', agencyId: agency.gaston }, { role: 'FILER', agencyId: agency.gaston }, { role: 'HEAD', agencyId: agency.cabarrus }]);
    const gaston = await createToken(head, GASTON, 'Jail system (role removed)');
    const cabarrus = await createToken(head, CABARRUS, 'Cabarrus system (role kept)');
    expect(await fileReport(gaston.token, requirement.gaston, '2025-Q3')).toMatchObject({ status: 201 });

    // The filer role for Gaston first: it never let anyone make a token, so nothing changes.
    const filerRole = await db.prisma.roleAssignment.findFirstOrThrow({ where: { userId: head.id, role: 'FILER' } });
    expect(await operatorDoes(head.id, { intent: 'revoke', roleId: filerRole.id })).toMatchObject({ status: 200 });
    expect((await me(gaston.token)).status).toBe(200);
    expect(await revocations(gaston.id)).toHaveLength(0);

    const headRole = await db.prisma.roleAssignment.findFirstOrThrow({ where: { userId: head.id, role: 'HEAD', agencyId: agency.gaston } });
    expect(await operatorDoes(head.id, { intent: 'revoke', roleId: headRole.id })).toMatchObject({ status: 200 });

    expect(await fileReport(gaston.token, requirement.gaston, '2025-Q4')).toMatchObject({ status: 401 });
    expect(await filedPeriods(requirement.gaston)).not.toContain('2025-Q4');
    expect((await listedToken(GASTON, gaston.id))?.revokedAt).not.toBeNull();
    const [event] = await revocations(gaston.id);
    expect(event).toMatchObject({ actorUserId: operator.id, subjectUserId: head.id, detail: { tokenId: gaston.id, agencyId: agency.gaston, reason: 'role_removed' } });

    // Still head of Cabarrus: that token files on.
    expect(await fileReport(cabarrus.token, requirement.cabarrus, '2025-Q3')).toMatchObject({ status: 201 });
    expect(await revocations(cabarrus.id)).toHaveLength(0);
  });

  it('is refused at authentication when its creator is disabled or no longer heads the agency, however that came about', async () => {
    const head = await person([{ role: 'HEAD', agencyId: agency.cabarrus }]);
    const { token, id } = await createToken(head, CABARRUS, 'Changed behind the portal');
    expect((await me(token)).status).toBe(200);

    // Disabled straight in the database, not through the operator pages: no revocation ran.
    await db.prisma.user.update({ where: { id: head.id }, data: { disabledAt: new Date() } });
    expect((await me(token)).status).toBe(401);
    await db.prisma.user.update({ where: { id: head.id }, data: { disabledAt: null } });
    expect((await me(token)).status).toBe(200);

    // Demoted to filer: a filer may draft, not certify, so the token may not file.
    await db.prisma.roleAssignment.deleteMany({ where: { userId: head.id } });
    await db.prisma.roleAssignment.create({ data: { userId: head.id, role: 'FILER', agencyId: agency.cabarrus } });
    expect((await me(token)).status).toBe(401);
    expect(await fileReport(token, requirement.cabarrus, '2025-Q4')).toMatchObject({ status: 401 });

    // Head of another agency instead: still not this token's agency.
    await db.prisma.roleAssignment.create({ data: { userId: head.id, role: 'HEAD', agencyId: agency.gaston } });
    expect((await me(token)).status).toBe(401);
    expect((await db.prisma.apiToken.findUniqueOrThrow({ where: { id } })).revokedAt).toBeNull();
    expect(await filedPeriods(requirement.cabarrus)).not.toContain('2025-Q4');
  });
});
