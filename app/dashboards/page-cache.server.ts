/**
 * Public page data kept in this instance's memory, keyed by the public data version
 * (data-version.server.ts): an entry is used only while the version it was computed under is
 * still current, so a submission, review, import or operator's edit committed on any instance
 * invalidates it everywhere on the next request, without messages between instances.
 *
 * The promise is stored, not its result: a spike of requests for a page no one has read since
 * the last change shares one computation. Least recently used entries go first.
 */
import type { Db } from '~/db/prisma.server';
import { readAtVersion } from '~/db/read-replica.server';
import { currentPublicDataVersion } from './data-version.server';

const MAX_ENTRIES = 200;

interface Entry {
  version: string;
  value: Promise<unknown>;
}

// One cache per database client: a process talks to one database, but tests switch.
const caches = new WeakMap<Db, Map<string, Entry>>();

/**
 * `compute(reader)`'s result for `key`, computed at most once per public data version.
 * `version`: the version this request already read (the server's ETag check passes it on in
 * the load context, for public requests only), else it is read here. With one, `reader` is the
 * read replica when it has caught up with that version (app/db/read-replica.server.ts), else
 * `db`; without one, always `db`.
 */
export async function cachedByDataVersion<T>(db: Db, key: string, compute: (reader: Db) => Promise<T>, version?: string | null): Promise<T> {
  const current = version ?? (await currentPublicDataVersion(db));
  let entries = caches.get(db);
  if (!entries) caches.set(db, (entries = new Map()));
  const hit = entries.get(key);
  if (hit?.version === current) {
    entries.delete(key); // re-inserted: the Map's order is the recency order
    entries.set(key, hit);
    return hit.value as Promise<T>;
  }
  const entry: Entry = { version: current, value: version ? readAtVersion(db, version, compute) : compute(db) };
  entries.set(key, entry);
  while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  // A failure is not kept: the next request tries again.
  entry.value.catch(() => {
    if (entries.get(key) === entry) entries.delete(key);
  });
  return entry.value as Promise<T>;
}
