/**
 * The PostgreSQL cluster the portal uses, resolved as scripts/db does (DATABASE_URL, else the
 * embedded server), and URLs of other databases on it. The embedded server is never stopped
 * here: the portal's own processes own it.
 */
import { openDatabase } from '../../scripts/db/database';

export interface Cluster {
  /** URL of the `postgres` maintenance database. */
  adminUrl: string;
  urlFor: (database: string) => string;
  location: string;
}

export async function resolveCluster(): Promise<Cluster> {
  // With DATABASE_URL unset this joins (or starts) the embedded server. Its close() is not
  // called: stopping the dev database under the other processes is not ours to do.
  const db = await openDatabase(() => {});
  const urlFor = (database: string) => {
    const url = new URL(db.url);
    url.pathname = `/${database}`;
    return url.toString();
  };
  return { adminUrl: urlFor('postgres'), urlFor, location: db.location };
}
