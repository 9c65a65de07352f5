import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPassword } from '~/auth/credentials.server';
import { prepareDatabase } from '../../scripts/db/prepare';
import { DEMO_PASSWORD } from '../../seeds/demo-accounts';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, false);
});
afterAll(async () => {
  await db.drop();
});

describe('seeding a new database', () => {
  it('creates North Carolina and its 100 counties with FIPS codes', async () => {
    const counties = await db.prisma.jurisdiction.findMany({ where: { stateCode: 'NC', kind: 'COUNTY' } });
    expect(counties).toHaveLength(100);
    expect(counties.every((county) => /^37\d{3}$/.test(county.fips ?? ''))).toBe(true);
    expect(counties.find((county) => county.fips === '37071')?.name).toBe('Gaston County');
    expect(await db.prisma.jurisdiction.findUnique({ where: { fips: '37' } })).toMatchObject({ kind: 'STATE', name: 'North Carolina' });
  });

  it("imports ICE's real lists in date order into the registry", async () => {
    const imports = await db.prisma.iceImport.findMany({ orderBy: { id: 'asc' } });
    expect(imports.map((i) => i.fileName)).toEqual([
      'pending-2025-05-15.xlsx',
      'participating-2025-05-16.xlsx',
      'participating-2025-07-18.xlsx',
      'pending-2025-07-18.xlsx',
    ]);
    expect(imports.every((i) => i.importedBy === 'seed')).toBe(true);
    const active = await db.prisma.agreement.count({ where: { status: 'ACTIVE', agency: { stateCode: 'NC' } } });
    expect(active).toBe(22);
    // Albemarle District Jail: ICE's "Albemarle County" is no county; the jail is in Pasquotank.
    const jail = await db.prisma.agency.findUniqueOrThrow({ where: { slug: 'nc-albemarle-district-jail' }, include: { jurisdiction: true } });
    expect(jail.jurisdiction?.name).toBe('Pasquotank County');
  });

  it('creates no accounts outside demo mode', async () => {
    expect(await db.prisma.user.count()).toBe(0);
  });

  it('marks no real data as demo data', async () => {
    const demo = await Promise.all([
      db.prisma.jurisdiction.count({ where: { isDemo: true } }),
      db.prisma.agency.count({ where: { isDemo: true } }),
      db.prisma.agreement.count({ where: { isDemo: true } }),
    ]);
    expect(demo).toEqual([0, 0, 0]);
  });

  it('seeds once: preparing the database again adds nothing', async () => {
    const before = [await db.prisma.iceImport.count(), await db.prisma.jurisdiction.count(), await db.prisma.agreementEvent.count()];
    await prepareDatabase(db.url, () => {}, false);
    expect([await db.prisma.iceImport.count(), await db.prisma.jurisdiction.count(), await db.prisma.agreementEvent.count()]).toEqual(before);
  });
});

describe('demo mode', () => {
  it('adds the four demo accounts, marked as demo, with their roles', async () => {
    const demo = await createTestDatabase();
    try {
      await prepareDatabase(demo.url, () => {}, true);
      const users = await demo.prisma.user.findMany({
        include: { roles: { include: { agency: true, jurisdiction: true } } },
        orderBy: { email: 'asc' },
      });
      expect(users.map((u) => u.email)).toEqual([
        'admin@example.org',
        'filer.cabarrus@example.org',
        'filer.gaston@example.org',
        'reviewer.gaston@example.org',
      ]);
      expect(users.every((u) => u.isDemo)).toBe(true);
      const roles = Object.fromEntries(
        users.map((u) => [u.email, u.roles.map((r) => `${r.role}:${r.agency?.name ?? r.jurisdiction?.name ?? '-'}`).sort()]),
      );
      expect(roles).toEqual({
        'admin@example.org': ['OPERATOR:-'],
        'filer.cabarrus@example.org': ["FILER:Cabarrus County Sheriff's Office", "HEAD:Cabarrus County Sheriff's Office"],
        'filer.gaston@example.org': ["FILER:Gaston County Sheriff's Office", "HEAD:Gaston County Sheriff's Office"],
        'reviewer.gaston@example.org': ['REVIEWER:Gaston County'],
      });
      expect(await verifyPassword(users[0].passwordHash!, DEMO_PASSWORD)).toBe(true);
    } finally {
      await demo.drop();
    }
  });
});
