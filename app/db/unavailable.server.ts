/**
 * Is this error "the database is not there right now"? Such a request is answered 503 with
 * Retry-After (server/database-errors.ts), not 500: the client may simply try again, and
 * nothing it sent was wrong. Errors reach us in several wrappings: pg's own (a socket error, a
 * server error with a SQLSTATE, a pool timeout), the Prisma pg adapter's DriverAdapterError,
 * and Prisma's client errors around that (P1001 and friends, or P2010 for raw queries with the
 * adapter's error in `meta`).
 */

/** How long a client is asked to wait before trying again (Retry-After, seconds). */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

const PRISMA_CODES = new Set([
  'P1001', // can't reach database server
  'P1002', // reached it, but it timed out
  'P1008', // operation timed out
  'P1017', // server has closed the connection
  'P2024', // timed out fetching a connection from the pool
  'P2037', // too many connections
]);

const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN']);

/**
 * SQLSTATEs of a server going away or not yet back: admin/crash shutdown, cannot connect now
 * (starting up, recovering), connection exceptions, too many connections.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '53300']);

/** pg's own messages for a connection that died or never came (they carry no code). */
const PG_MESSAGES = [/Connection terminated/i, /timeout exceeded when trying to connect/i, /Client has encountered a connection error/i, /Can't reach database server/i];

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object' && !seen.has(current); ) {
    seen.add(current);
    const value = current as { code?: unknown; kind?: unknown; message?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };
    const code = typeof value.code === 'string' ? value.code : '';
    if (PRISMA_CODES.has(code) || SOCKET_CODES.has(code) || SQLSTATES.has(code)) return true;
    if (typeof value.kind === 'string') {
      if (ADAPTER_KINDS.has(value.kind)) return true;
      // The adapter's wrapping of any other server error keeps its SQLSTATE as `code`.
      if (value.kind === 'postgres' && SQLSTATES.has(code)) return true;
    }
    if (typeof value.message === 'string' && PG_MESSAGES.some((pattern) => pattern.test(value.message as string))) return true;
    // Prisma: meta.driverAdapterError.cause; the adapter error: cause; others: cause.
    current = value.meta?.driverAdapterError ?? value.cause;
  }
  return false;
}
