/**
 * A short string that changes whenever anything the public pages and downloads show may have
 * changed: a counted revision (submissions, amendments, reviews), ICE imports and agreement
 * history and sources (MOAs), operators' edits to agreements, agencies and places (population,
 * the counties a town lies in and ZIP codes included), policies and their requirements; and the New York
 * date, because a report becomes overdue at midnight there without any write. Public pages' ETags (server/public-pages.ts) and
 * their data cache (page-cache.server.ts) rely on it: what a public page shows must be here.
 */
import type { Db } from '~/db/prisma.server';
import { newYorkDate } from '~/reporting/calendar';

export async function publicDataVersion(db: Db, now: Date = new Date()): Promise<string> {
  // One row, bumped at commit by triggers on every table public pages read (migration
  // 20261206230000_public_data_version): a primary-key read, whatever the size of the data.
  const [row] = await db.$queryRaw<{ version: string }[]>`select to_hex(version) as version from public_data_version where id = 1`;
  return formatDataVersion(row.version, now);
}

/** The version string for the counter (in hexadecimal) on the New York day of `now`. */
export function formatDataVersion(counterHex: string, now: Date): string {
  return `${compactNewYorkDay(now)}-${counterHex.padStart(16, '0')}`;
}

// The day, worked out once per second rather than by Intl on every request (the ETag check asks
// each time): at midnight the version turns within that second.
let dayOfSecond = { second: Number.NaN, day: '' };
function compactNewYorkDay(now: Date): string {
  const second = Math.floor(now.getTime() / 1000);
  if (dayOfSecond.second !== second) dayOfSecond = { second, day: newYorkDate(now).replaceAll('-', '') };
  return dayOfSecond.day;
}

const inFlight = new WeakMap<Db, Promise<string>>();

/**
 * publicDataVersion(db) now, sharing the read with requests that ask while one is under way:
 * under a spike, one primary-key read serves every request that arrives during it, instead of
 * one each. Each caller still gets a version read after it asked or moments before (the read
 * already running when it came), as with any read racing a commit; sequential calls each read.
 */
export function currentPublicDataVersion(db: Db): Promise<string> {
  const running = inFlight.get(db);
  if (running) return running;
  const read = publicDataVersion(db).finally(() => inFlight.delete(db));
  inFlight.set(db, read);
  return read;
}
