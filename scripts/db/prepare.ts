import { createPrismaClient } from '~/db/prisma.server';
import { seedDatabase } from '../../seeds/index';
import { migrate, openDatabase, type Database } from './database';

type Log = (message: string) => void;

/** Brings a database up to date: applies pending migrations, then any seed step not yet run. */
export async function prepareDatabase(url: string, log: Log = console.log) {
  await migrate(url, log);
  const prisma = createPrismaClient(url);
  try {
    await seedDatabase(prisma, log);
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
