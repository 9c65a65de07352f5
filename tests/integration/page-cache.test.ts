/**
 * Public page data cached per instance by public data version: computed once while nothing
 * public changes (also for many requests at once), again after a change, never kept on failure.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { currentPublicDataVersion, publicDataVersion } from '~/dashboards/data-version.server';
import { cachedByDataVersion } from '~/dashboards/page-cache.server';
import { createPrismaClient } from '~/db/prisma.server';
import { PrismaClient } from '~/generated/prisma/client';
import { prepareDatabase } from '../../scripts/db/prepare';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
  await prepareDatabase(db.url, () => {}, false);
}, 180_000);
afterAll(async () => {
  await db.drop();
});

describe('publicDataVersion', () => {
  const counter = async () => (await db.prisma.publicDataVersion.findUniqueOrThrow({ where: { id: 1 } })).version;

  it('changes once per committing transaction, when its data becomes visible, and not for a rolled-back one', async () => {
    const before = await counter();
    const agency = await db.prisma.agency.findFirstOrThrow({ where: { stateCode: 'NC' } });
    let seenInside: bigint | null = null;
    await db.prisma.$transaction(async (tx) => {
      await tx.agency.update({ where: { id: agency.id }, data: { name: `${agency.name} ` } });
      await tx.agency.update({ where: { id: agency.id }, data: { name: agency.name } });
      await tx.jurisdiction.updateMany({ where: { kind: 'COUNTY', stateCode: 'NC', population: { lt: 20_000 } }, data: { population: { increment: 0 } } });
      seenInside = await counter(); // another connection: the change is not committed yet
    });
    expect(seenInside).toBe(before);
    expect(await counter()).toBe(before + 1n);

    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.agency.update({ where: { id: agency.id }, data: { name: 'Rolled back' } });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await counter()).toBe(before + 1n);
  });

  it('changes with the ZIP codes /search finds places by', async () => {
    const before = await counter();
    const place = await db.prisma.jurisdiction.findFirstOrThrow({ where: { kind: 'COUNTY', stateCode: 'NC' } });
    await db.prisma.zipCode.create({ data: { zip: '00001', jurisdictionId: place.id } });
    expect(await counter()).toBe(before + 1n);
    await db.prisma.zipCode.deleteMany({ where: { zip: '00001' } });
    expect(await counter()).toBe(before + 2n);
  });
});

describe('currentPublicDataVersion', () => {
  it('shares one read among requests that ask at once, and reads again for a later request', async () => {
    // A client that counts the SQL it sends.
    const counting = new PrismaClient({ adapter: new PrismaPg({ connectionString: db.url, max: 2 }), log: [{ emit: 'event' as const, level: 'query' as const }] });
    let queries = 0;
    counting.$on('query', () => void (queries += 1));
    try {
      const versions = await Promise.all(Array.from({ length: 20 }, () => currentPublicDataVersion(counting)));
      expect(new Set(versions)).toEqual(new Set([await publicDataVersion(db.prisma)]));
      expect(queries).toBe(1);

      const agency = await db.prisma.agency.findFirstOrThrow({ where: { stateCode: 'NC' } });
      await db.prisma.agency.update({ where: { id: agency.id }, data: { name: `${agency.name} (renamed)` } });
      await db.prisma.agency.update({ where: { id: agency.id }, data: { name: agency.name } });
      // A request after the commit sees it: nothing is kept once the shared read is done.
      expect(await currentPublicDataVersion(counting)).not.toBe(versions[0]);
      expect(queries).toBe(2);
      expect(await currentPublicDataVersion(counting)).toBe(await publicDataVersion(db.prisma));
    } finally {
      await counting.$disconnect();
    }
  });
});

describe('cachedByDataVersion', () => {
  it('computes once for concurrent and repeated requests, and again once the public data changed', async () => {
    let computed = 0;
    const compute = async () => {
      computed += 1;
      return db.prisma.jurisdiction.count({ where: { population: { gt: 1_000_000 } } });
    };
    const first = await Promise.all(Array.from({ length: 20 }, () => cachedByDataVersion(db.prisma, 'test:big-counties', compute)));
    expect(new Set(first)).toEqual(new Set([first[0]]));
    expect(await cachedByDataVersion(db.prisma, 'test:big-counties', compute)).toBe(first[0]);
    expect(computed).toBe(1);

    const before = await publicDataVersion(db.prisma);
    const wake = await db.prisma.jurisdiction.findFirstOrThrow({ where: { kind: 'COUNTY', name: { startsWith: 'Wake' } } });
    await db.prisma.jurisdiction.update({ where: { id: wake.id }, data: { population: 999_999 } });
    expect(await publicDataVersion(db.prisma)).not.toBe(before);
    expect(await cachedByDataVersion(db.prisma, 'test:big-counties', compute)).toBe(first[0] - 1);
    expect(computed).toBe(2);
  });

  it('uses the version the request already read, and keeps entries apart by key', async () => {
    let computed = 0;
    const compute = async () => ++computed;
    expect(await cachedByDataVersion(db.prisma, 'test:a', compute, 'v1')).toBe(1);
    expect(await cachedByDataVersion(db.prisma, 'test:a', compute, 'v1')).toBe(1);
    expect(await cachedByDataVersion(db.prisma, 'test:b', compute, 'v1')).toBe(2);
    expect(await cachedByDataVersion(db.prisma, 'test:a', compute, 'v2')).toBe(3);
  });

  it('keeps one cache per database client (a test may switch databases; versions can coincide)', async () => {
    const other = createPrismaClient(db.url);
    try {
      expect(await cachedByDataVersion(db.prisma, 'test:client', async () => 'first', 'v9')).toBe('first');
      expect(await cachedByDataVersion(other, 'test:client', async () => 'second', 'v9')).toBe('second');
      expect(await cachedByDataVersion(db.prisma, 'test:client', async () => 'third', 'v9')).toBe('first');
    } finally {
      await other.$disconnect();
    }
  });

  it('does not keep a failure', async () => {
    let calls = 0;
    const flaky = async () => {
      calls += 1;
      if (calls === 1) throw new Error('database went away');
      return 'ok';
    };
    await expect(cachedByDataVersion(db.prisma, 'test:flaky', flaky, 'v1')).rejects.toThrow('database went away');
    expect(await cachedByDataVersion(db.prisma, 'test:flaky', flaky, 'v1')).toBe('ok');
  });
});
