/**
 * A private, migrated PostgreSQL database for one test file, copied from the template that
 * the global setup prepared. Real PostgreSQL, never a mock.
 */
import crypto from 'node:crypto';
import { inject } from 'vitest';
import { createPrismaClient, type PrismaClient } from '~/db/prisma.server';
import { quoteIdent, withClient } from '../../scripts/db/database';
import { prepareDatabase } from '../../scripts/db/prepare';

export interface TestDatabase {
  url: string;
  prisma: PrismaClient;
  drop: () => Promise<void>;
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const adminUrl = inject('adminDatabaseUrl');
  const name = `${inject('testDatabasePrefix')}${crypto.randomBytes(5).toString('hex')}`;
  await withClient(adminUrl, (client) =>
    client.query(`create database ${quoteIdent(name)} template ${quoteIdent(inject('templateDatabase'))}`),
  );
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const prisma = createPrismaClient(url.toString());
  return {
    url: url.toString(),
    prisma,
    async drop() {
      await prisma.$disconnect();
      await withClient(adminUrl, (client) => client.query(`drop database if exists ${quoteIdent(name)} with (force)`));
    },
  };
}

/** A private database seeded as the demo is, demonstration reports included (off by default under Vitest). */
export async function createDemoDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  const saved = process.env.PORTAL_DEMO_FILINGS;
  process.env.PORTAL_DEMO_FILINGS = '1';
  try {
    await prepareDatabase(db.url, () => {}, true);
  } finally {
    if (saved === undefined) delete process.env.PORTAL_DEMO_FILINGS;
    else process.env.PORTAL_DEMO_FILINGS = saved;
  }
  return db;
}
