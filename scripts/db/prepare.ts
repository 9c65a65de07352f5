import { createPrismaClient } from '~/db/prisma.server';
import { seedDatabase } from '../../seeds/index';
import { migrate, openDatabase, type Database } from './database';

type Log = (message: string) => void;

/**
 * Demo mode adds made-up data (demo accounts). It is on for the embedded database and off for
 * a configured DATABASE_URL (production), unless PORTAL_DEMO says otherwise (1 or 0).
 */
export function demoMode(): boolean {
  if (process.env.PORTAL_DEMO) return process.env.PORTAL_DEMO === '1';
  return !process.env.DATABASE_URL;
}

/** Brings a database up to date: applies pending migrations, then any seed step not yet run. */
export async function prepareDatabase(url: string, log: Log = console.log, demo = demoMode()) {
  await migrate(url, log);
  const prisma = createPrismaClient(url);
  try {
    await seedDatabase(prisma, { demo, log });
  } finally {
    await prisma.$disconnect();
  }
}

/** What every command-line tool starts with: the portal's database, migrated and seeded. */
export async function openPreparedDatabase(log: Log = console.log): Promise<Database> {
  const db = await openDatabase(log);
  try {
    await prepareDatabase(db.url, log);
  } catch (error) {
    await db.close();
    throw error;
  }
  return db;
}
