/**
 * The Prisma client. The server sets DATABASE_URL before loading the app (scripts/db resolves
 * it, starting the embedded PostgreSQL when needed); tools and tests create their own clients.
 * DATABASE_READ_URL, when set, names a read replica of that database for public reads
 * (read-replica.server.ts decides when it may be used).
 */
import { PrismaPg } from '@prisma/adapter-pg';
import pg, { type PoolConfig } from 'pg';
import { PrismaClient } from '~/generated/prisma/client';
import { installRawQueryPlans } from './raw-query-plans.server';
import { SerialClient } from './serial-client.server';
import { registerPool } from './sql.server';

export type { PrismaClient };
export type Db = PrismaClient | Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

/**
 * Every client's pool: a connection that cannot be made within 5 s fails (a database that is
 * down or unreachable answers 503 at once rather than holding requests; see
 * unavailable.server.ts), and TCP keepalive notices a peer that vanished without closing.
 * pg discards a client whose connection broke, so the pool recovers by itself when the
 * database is back; an idle client's error is logged, never thrown (it would end the process).
 * Its connections run one query at a time (serial-client.server.ts: Prisma's reads with
 * relations inside a transaction would otherwise queue queries on one pg client).
 */
const POOL_DEFAULTS: PoolConfig = { max: 10, connectionTimeoutMillis: 5_000, keepAlive: true, keepAliveInitialDelayMillis: 10_000, Client: SerialClient };

/**
 * The server's own clients also bound what the database does for one request: a statement
 * runs at most 30 s, and a transaction left idle (its client waits on something else) is ended
 * after 15 s, releasing its locks and connection. Tools (imports, seeds, the audit check) keep
 * no such limits: their long statements are expected.
 */
export const SERVER_TIMEOUTS: PoolConfig = { statement_timeout: 30_000, idle_in_transaction_session_timeout: 15_000 };

let poolErrorLoggedAt = 0;

function logPoolError(error: Error) {
  // Once a minute at most: a database going away breaks every idle connection at once.
  if (Date.now() - poolErrorLoggedAt < 60_000) return;
  poolErrorLoggedAt = Date.now();
  console.error(`A database connection failed (the pool replaces it): ${error.message}`);
}

/** A client on its own pool, which sql.server.ts may use directly (the client's $disconnect ends it). */
export function createPrismaClient(connectionString: string, config: PoolConfig = {}) {
  installRawQueryPlans();
  const pool = new pg.Pool({ connectionString, ...POOL_DEFAULTS, ...config });
  // The adapter listens only once Prisma first connects; statements may run on the pool before that.
  pool.on('error', logPoolError);
  const client = new PrismaClient({
    adapter: new PrismaPg(pool, { onPoolError: logPoolError, onConnectionError: logPoolError, disposeExternalPool: true }),
  });
  registerPool(client, pool);
  // The adapter ends the pool only if Prisma itself connected; a client used only through
  // sql.server.ts would keep its connections (and the process) alive until they idle out.
  const disconnect = client.$disconnect.bind(client);
  Object.defineProperty(client, '$disconnect', {
    value: async () => {
      await disconnect();
      if (!pool.ended) await pool.end();
    },
  });
  return client;
}

// Kept on globalThis so the server entry and the Remix build (which bundles its own copy of
// this module) share one client and one pool.
const shared = globalThis as typeof globalThis & { __portalPrisma?: PrismaClient; __portalReplica?: PrismaClient };

/** The app's shared client, created on first use from DATABASE_URL. */
export function prisma(): PrismaClient {
  if (!shared.__portalPrisma) {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the portal with `npm start`.');
    shared.__portalPrisma = createPrismaClient(url, SERVER_TIMEOUTS);
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
  shared.__portalReplica ??= createPrismaClient(url, { ...SERVER_TIMEOUTS, connectionTimeoutMillis: 2_000 });
  return shared.__portalReplica;
}

export async function disconnectPrisma() {
  await Promise.all([shared.__portalPrisma?.$disconnect(), shared.__portalReplica?.$disconnect()]);
  shared.__portalPrisma = undefined;
  shared.__portalReplica = undefined;
}
