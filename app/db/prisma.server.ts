/**
 * The Prisma client. The server sets DATABASE_URL before loading the app (scripts/db resolves
 * it, starting the embedded PostgreSQL when needed); tools and tests create their own clients.
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '~/generated/prisma/client';

export type { PrismaClient };
export type Db = PrismaClient | Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export function createPrismaClient(connectionString: string) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10 }) });
}

// Kept on globalThis so the server entry and the Remix build (which bundles its own copy of
// this module) share one client and one pool.
const shared = globalThis as typeof globalThis & { __portalPrisma?: PrismaClient };

/** The app's shared client, created on first use from DATABASE_URL. */
export function prisma(): PrismaClient {
  if (!shared.__portalPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start`.');
    shared.__portalPrisma = createPrismaClient(url);
  }
  return shared.__portalPrisma;
}

export async function disconnectPrisma() {
  await shared.__portalPrisma?.$disconnect();
  shared.__portalPrisma = undefined;
}
