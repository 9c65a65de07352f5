/**
 * Public reads from the read replica (DATABASE_READ_URL), never older than the request says.
 *
 * A public page's ETag and cached data are keyed by the public data version the request read
 * from the primary (server/public-pages.ts, page-cache.server.ts). A replica lags behind, so it
 * serves such a read only while its own public_data_version is that same version: the row is
 * bumped in the transaction that changes public data, and a replica applies transactions in
 * commit order, so at version V it holds everything the primary held at V. Otherwise, and
 * whenever the replica fails, the primary serves the read: a lagging or stopped replica costs
 * speed, never correctness. Writes, sessions, signed-in pages and /audit never come here.
 *
 * Reading the replica's version, cheaply:
 * - a read that matched is trusted for a second, without asking again: the replica's version
 *   only grows, so it is still at least that version (the second bounds how long a match is
 *   believed if DATABASE_READ_URL is moved to another replica, which may be further behind);
 * - one that did not match (the primary has moved on) is read again by the next request that
 *   needs it, one read shared by the requests waiting at that moment;
 * - after a failure the primary serves alone; five seconds later the replica is asked again in
 *   the background, so no page waits on a replica that is down. It is logged once, and once
 *   more when the replica serves again.
 */
import { publicDataVersion } from '~/dashboards/data-version.server';
import { replicaOf, type Db, type PrismaClient } from './prisma.server';

const TRUST_MATCH_MS = 1_000;
const RETRY_AFTER_FAILURE_MS = 5_000;

interface Probe {
  at: number;
  /** The replica's version, or null when it did not answer. */
  version: Promise<string | null>;
}

interface ReplicaState {
  probe: Probe | null;
  /** While set, the replica is out: when it is asked again. */
  retryAt: number | null;
  /** The failure is in the log, its recovery not yet. */
  warned: boolean;
}

// Per replica client: a new client (tests, or after disconnectPrisma) starts afresh.
const states = new WeakMap<PrismaClient, ReplicaState>();

/**
 * `read(db)` for a public read of data at `version` (read from `primary` by this request):
 * on the replica when there is one and it is at that version, else on `primary`. A read that
 * fails on the replica is done again on the primary.
 */
export async function readAtVersion<T>(primary: Db, version: string, read: (db: Db) => Promise<T>): Promise<T> {
  const replica = replicaOf(primary);
  if (!replica || !(await isAt(replica, version))) return read(primary);
  let value: T;
  try {
    value = await read(replica);
  } catch (error) {
    // If the primary fails too, that error is the caller's, and the replica is not to blame.
    const fromPrimary = await read(primary);
    failed(replica, error);
    return fromPrimary;
  }
  const state = stateOf(replica);
  if (state.warned) {
    state.warned = false;
    console.error('Read replica (DATABASE_READ_URL) answers again: public reads go to it.');
  }
  return value;
}

function stateOf(replica: PrismaClient): ReplicaState {
  let state = states.get(replica);
  if (!state) states.set(replica, (state = { probe: null, retryAt: null, warned: false }));
  return state;
}

async function isAt(replica: PrismaClient, version: string): Promise<boolean> {
  const state = stateOf(replica);
  if (state.retryAt !== null) {
    if (Date.now() >= state.retryAt && !state.probe) probe(replica, state);
    return false;
  }
  const seen = state.probe;
  if (seen && Date.now() - seen.at < TRUST_MATCH_MS && (await seen.version) === version) return true;
  if (state.retryAt !== null) return false; // that read failed
  // Too old, or another version: read it again, unless a request has done so since.
  const fresh = state.probe && state.probe !== seen ? state.probe : probe(replica, state);
  return (await fresh.version) === version;
}

function probe(replica: PrismaClient, state: ReplicaState): Probe {
  const next: Probe = {
    at: Date.now(),
    version: publicDataVersion(replica).then(
      (version) => {
        if (state.probe === next) state.retryAt = null;
        return version;
      },
      (error: unknown) => {
        failed(replica, error);
        return null;
      },
    ),
  };
  state.probe = next;
  return next;
}

function failed(replica: PrismaClient, error: unknown) {
  const state = stateOf(replica);
  state.probe = null;
  state.retryAt = Date.now() + RETRY_AFTER_FAILURE_MS;
  if (state.warned) return;
  state.warned = true;
  const reason = (error instanceof Error ? error.message : String(error)).trim().split('\n').at(-1);
  console.error(`Read replica (DATABASE_READ_URL) failed, public reads go to the primary until it answers again: ${reason}`);
}
