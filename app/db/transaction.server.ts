/** One way to run work in a transaction, for every service that takes `db` first. */
import type { Db } from './prisma.server';

/**
 * Runs `work` in a transaction, or in the caller's when `db` already is one, so a service can be
 * called on its own or as one step of a larger transaction (a CSV upload filing many periods).
 */
export async function inTransaction<T>(db: Db, work: (tx: Db) => Promise<T>, options?: { timeout?: number; maxWait?: number }): Promise<T> {
  if ('$transaction' in db) return db.$transaction((tx) => work(tx), options);
  return work(db);
}
