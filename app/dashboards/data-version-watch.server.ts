/**
 * The public data version without a query per request: one connection per instance LISTENs on
 * the channel the database announces each new version on (migration
 * 20261210120000_public_data_version_notify), after reading the current one.
 *
 * While that connection is up, the version it knows is never behind a commit this instance
 * could have seen by more than the notification's trip (PostgreSQL sends it as the writer
 * commits). While it is down (the database restarted, a pooler that does not keep sessions),
 * it knows nothing and callers read the version as before; it reconnects with back-off.
 * Used for anonymous readers only (server/public-pages.ts): someone who just wrote reads the
 * version from the database, so they always see their own change.
 */
import pg from 'pg';
import type { Db } from '~/db/prisma.server';
import { formatDataVersion } from './data-version.server';

const CHANNEL = 'public_data_version';
/** How the watch's connection is named in pg_stat_activity. */
export const WATCH_APPLICATION_NAME = 'oversight-portal data version watch';

export interface DataVersionWatch {
  /** The counter as of the last notification, or null while not connected. */
  counter(): bigint | null;
  stop(): Promise<void>;
}

interface WatchOptions {
  /** First wait before reconnecting, doubled after each failure up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  log?: (message: string) => void;
}

export function watchDataVersion(connectionString: string, { retryMs = 1_000, maxRetryMs = 30_000, log = console.error }: WatchOptions = {}): DataVersionWatch {
  let known: bigint | null = null;
  let ready = false; // connected, listening, and the version read since
  let client: pg.Client | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let wait = retryMs;
  let loggedAt = 0;

  const raise = (value: bigint) => {
    if (known === null || value > known) known = value;
  };

  const lost = (current: pg.Client, error?: Error) => {
    if (client !== current) return; // an earlier connection's late event
    client = null;
    known = null;
    ready = false;
    current.end().catch(() => {});
    if (stopped) return;
    if (error && Date.now() - loggedAt > 60_000) {
      loggedAt = Date.now();
      log(`Listening for public data changes failed (pages read the version meanwhile): ${error.message}`);
    }
    timer = setTimeout(connect, wait);
    timer.unref();
    wait = Math.min(wait * 2, maxRetryMs);
  };

  async function connect() {
    timer = null;
    const current = new pg.Client({ connectionString, keepAlive: true, connectionTimeoutMillis: 5_000, application_name: WATCH_APPLICATION_NAME });
    client = current;
    current.on('notification', (message) => {
      // Versions only grow (their row is locked until commit), so the highest one heard is current.
      if (message.channel === CHANNEL && message.payload && client === current) raise(BigInt(message.payload));
    });
    current.on('error', (error) => lost(current, error));
    current.on('end', () => lost(current, new Error('the connection closed')));
    try {
      await current.connect();
      // LISTEN first: a version committed after it is announced; one committed before it is read.
      await current.query(`LISTEN ${CHANNEL}`);
      const { rows } = await current.query<{ version: string }>('select version::text as version from public_data_version where id = 1');
      if (client !== current) return;
      raise(BigInt(rows[0]!.version));
      ready = true;
      wait = retryMs;
    } catch (error) {
      lost(current, error as Error);
    }
  }

  void connect();
  return {
    counter: () => (ready ? known : null),
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      const current = client;
      client = null;
      known = null;
      ready = false;
      await current?.end().catch(() => {});
    },
  };
}

const watches = new WeakMap<Db, DataVersionWatch>();

/** Starts watching for `db` (the app's client) over a connection of its own to the same database. */
export function startDataVersionWatch(db: Db, connectionString: string, options?: WatchOptions): DataVersionWatch {
  const watch = watchDataVersion(connectionString, options);
  watches.set(db, watch);
  return {
    counter: watch.counter,
    async stop() {
      if (watches.get(db) === watch) watches.delete(db);
      await watch.stop();
    },
  };
}

/** The public data version for `db` as the watch knows it, or null when no watch knows it now. */
export function watchedDataVersion(db: Db, now: Date = new Date()): string | null {
  const counter = watches.get(db)?.counter();
  return counter == null ? null : formatDataVersion(counter.toString(16), now);
}
