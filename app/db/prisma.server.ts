/**
 * The Prisma client. The server sets DATABASE_URL before loading the app (scripts/db resolves
 * it, starting the embedded PostgreSQL when needed); tools and tests create their own clients.
 * DATABASE_READ_URL, when set, names a read replica of that database for public reads
 * (read-replica.server.ts decides when it may be used).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '~/generated/prisma/client';

export type { PrismaClient };
export type Db = PrismaClient | Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

export function createPrismaClient(connectionString: string, pool: { connectionTimeoutMillis?: number } = {}) {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 10, ...pool }) });
}

// Kept on globalThis so the server entry and the Remix build (which bundles its own copy of
// this module) share one client and one pool.
const shared = globalThis as typeof globalThis & { __portalPrisma?: PrismaClient; __portalReplica?: PrismaClient };

/** The app's shared client, created on first use from DATABASE_URL. */
export function prisma(): PrismaClient {
  if (!shared.__portalPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start`.');
    shared.__portalPrisma = createPrismaClient(url);
  }
  return shared.__portalPrisma;
}

/**
 * The read replica's client, for reads that `db` would otherwise do: null when DATABASE_READ_URL
 * is unset, or when `db` is not the app's client (a tool's or a test's own database, or a
 * transaction), whose replica, if any, is unknown.
 */
export function replicaOf(db: Db): PrismaClient | null {
  const url = process.env.DATABASE_READ_URL;
  if (!url || db !== shared.__portalPrisma) return null;
  // A replica that does not answer must not hold pages up for long: they go to the primary.
  shared.__portalReplica ??= createPrismaClient(url, { connectionTimeoutMillis: 2_000 });
  return shared.__portalReplica;
}

export async function disconnectPrisma() {
  await Promise.all([shared.__portalPrisma?.$disconnect(), shared.__portalReplica?.$disconnect()]);
  shared.__portalPrisma = undefined;
  shared.__portalReplica = undefined;
}
