/**
 * /review/requirements/:id: a reviewer amends a requirement's rules from a date on; past
 * periods keep theirs; only the reviewers of the policy's place may see or change it.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disconnectPrisma } from '~/db/prisma.server';
import { importIceList } from '~/registry/ice-import.server';
import { createPolicy } from '~/reporting/policies.server';
import * as route from '~/routes/review_.requirements.$id';
import { ICE_LISTS_DIR } from '../../seeds/ice-registry';
import { seedNcJurisdictions } from '../../seeds/nc-jurisdictions';
import { cookieFor, get, run } from '../support/requests';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

type Handler = Parameters<typeof run>[0];
const loader = route.loader as Handler;
const action = route.action as Handler;

let db: TestDatabase;
let requirementId = 0;
const cookies = { reviewer: '', otherReviewer: '', head: '', operator: '' };

function form(url: string, fields: [string, string][], cookie?: string) {
  return new Request(`http://portal.test${url}`, { method: 'POST', body: new URLSearchParams(fields), headers: cookie ? { cookie } : {} });
}

beforeAll(async () => {
  db = await createTestDatabase();
  process.env.DATABASE_URL = db.url;
  await seedNcJurisdictions(db.prisma);
  const name = 'participating-2025-07-18.xlsx';
  await importIceList(db.prisma, { bytes: fs.readFileSync(path.join(ICE_LISTS_DIR, name)), fileName: name, importedBy: 'test' });
  const gaston = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-gaston-county-sheriffs-office' } });
  const county = (fips: string) => db.prisma.jurisdiction.findUniqueOrThrow({ where: { fips } });
  const gastonCounty = await county('37071');
  const person = async (email: string, role: 'HEAD' | 'REVIEWER' | 'OPERATOR', scope: { agencyId?: number; jurisdictionId?: number }) =>
    cookieFor(db.prisma, (await db.prisma.user.create({ data: { email, name: email, roles: { create: { role, ...scope } } } })).id);
  cookies.reviewer = await person('clerk.gaston@example.org', 'REVIEWER', { jurisdictionId: gastonCounty.id });
  cookies.otherReviewer = await person('clerk.cabarrus@example.org', 'REVIEWER', { jurisdictionId: (await county('37025')).id });
  cookies.head = await person('head.gaston@example.org', 'HEAD', { agencyId: gaston.id });
  cookies.operator = await person('ops@example.org', 'OPERATOR', {});
  const policy = await createPolicy(db.prisma, {
    jurisdictionId: gastonCounty.id,
    kind: 'COUNTY_REPORTING',
    title: '287(g) reporting',
    statute: 'G.S. 153A-104',
    adoptedOn: '2024-12-02',
    oathText: 'I certify that this report is true.',
    requirements: [
      { agencyId: gaston.id, title: 'Quarterly report', effectiveFrom: '2025-01-01', frequency: 'QUARTERLY', dueDaysAfterEnd: 30, acceptsLate: true, metricKeys: ['gross_cost', 'detainers_received'] },
    ],
  });
  requirementId = policy.requirements[0].id;
});
afterAll(async () => {
  await disconnectPrisma();
  await db.drop();
});

describe('amending a requirement from a date on', () => {
  const url = () => `/review/requirements/${requirementId}`;
  const params = () => ({ id: String(requirementId) });

  it('shows the reviewer the rules in force', async () => {
    const page = await run(loader, get(url(), cookies.reviewer), params());
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ versions: [{ effectiveFrom: '2025-01-01', frequency: 'QUARTERLY', metricKeys: ['gross_cost', 'detainers_received'] }] });
  });

  it('refuses a date not after the current rules, naming the field, and changes nothing', async () => {
    const outcome = await run(
      action,
      form(url(), [['frequency', 'MONTHLY'], ['dueDaysAfterEnd', '20'], ['effectiveFrom', '2024-10-01'], ['metricKeys', 'gross_cost']], cookies.reviewer),
      params(),
    );
    expect(outcome).toMatchObject({ status: 400, body: { errors: { effectiveFrom: expect.stringMatching(/after 2025-01-01/) }, values: { frequency: 'MONTHLY', effectiveFrom: '2024-10-01' } } });
    expect(await db.prisma.requirementVersion.count({ where: { requirementId } })).toBe(1);
  });

  it('records monthly rules from mid-year, whole breakdowns included, keeping the old version', async () => {
    const outcome = await run(
      action,
      form(
        url(),
        [
          ['frequency', 'MONTHLY'],
          ['dueDaysAfterEnd', '20'],
          ['acceptsLate', 'on'],
          ['effectiveFrom', '2025-07-01'],
          ['metricKeys', 'gross_cost'],
          ['metricKeys', 'transfers_to_ice'],
          ['metricKeys', 'group:transferred_by_sex'],
        ],
        cookies.reviewer,
      ),
      params(),
    );
    expect(outcome).toMatchObject({ status: 302, location: `${url()}?amended=2025-07-01` });
    const versions = await db.prisma.requirementVersion.findMany({ where: { requirementId }, orderBy: { effectiveFrom: 'asc' } });
    expect(versions.map((version) => [version.effectiveFrom.toISOString().slice(0, 10), version.frequency, version.dueDaysAfterEnd])).toEqual([
      ['2025-01-01', 'QUARTERLY', 30],
      ['2025-07-01', 'MONTHLY', 20],
    ]);
    expect(versions[1].metricKeys).toEqual(expect.arrayContaining(['gross_cost', 'transfers_to_ice', 'transferred_by_sex.female', 'transferred_by_sex.male']));
  });

  it('refuses everyone but the reviewers of the policy’s place', async () => {
    for (const cookie of [cookies.otherReviewer, cookies.head, cookies.operator]) {
      expect((await run(loader, get(url(), cookie), params())).status).toBe(403);
      expect((await run(action, form(url(), [['frequency', 'ANNUAL'], ['effectiveFrom', '2026-01-01']], cookie), params())).status).toBe(403);
    }
    expect((await run(loader, get(url()), params())).location).toMatch(/^\/sign-in/);
    expect((await run(loader, get('/review/requirements/99999', cookies.reviewer), { id: '99999' })).status).toBe(403);
    expect(await db.prisma.requirementVersion.count({ where: { requirementId } })).toBe(2);
  });
});
