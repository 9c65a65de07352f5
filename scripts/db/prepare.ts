import pg from 'pg';
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

/** pg advisory lock id: one instance at a time brings the database up to date. */
const PREPARE_LOCK = 287_000;

/**
 * Brings a database up to date: applies pending migrations, then any seed step not yet run.
 * Several portal instances starting at once on one database take turns (a session advisory
 * lock held on its own connection), so each seed step runs once; the ones that wait then find
 * nothing left to do.
 */
export async function prepareDatabase(url: string, log: Log = console.log, demo = demoMode()) {
  const lock = new pg.Client({ connectionString: url });
  await lock.connect();
  try {
    await lock.query('select pg_advisory_lock($1)', [PREPARE_LOCK]);
    await migrate(url, log);
    const prisma = createPrismaClient(url);
    try {
      await seedDatabase(prisma, { demo, log });
    } finally {
      await prisma.$disconnect();
    }
  } finally {
    await lock.end(); // ending the session releases the lock
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
