/**
 * A short string that changes whenever anything the public pages and downloads show may have
 * changed, for ETags: submissions, amendments and reviews (the audit chain), ICE imports and
 * agreement history and sources (MOAs), operators' edits to agreements, agencies and places
 * (population and the counties a town lies in included), policies and their requirements,
 * and the New York date, because a report becomes overdue at midnight there without any write. Public pages' ETags (server/public-pages.ts) and
 * their data cache (page-cache.server.ts) rely on it: what a public page shows must be here.
 */
import type { Db } from '~/db/prisma.server';
import { newYorkDate } from '~/reporting/calendar';

export async function publicDataVersion(db: Db, now: Date = new Date()): Promise<string> {
  // Row hashes (hashtext) cover tables without an updated_at; they are small (places and
  // agencies), so one pass is cheap. The filing tables are covered by the audit chain's head.
  const [row] = await db.$queryRaw<{ fingerprint: string }[]>`
    select md5(concat_ws('|',
      (select coalesce(max(seq), 0) from audit_entry),
      (select coalesce(max(id), 0) from ice_import),
      (select coalesce(max(id), 0) from agreement_event),
      (select concat_ws(':', count(*), max(updated_at)) from agreement),
      (select concat_ws(':', count(*), sum(hashtext(concat_ws(',', id, slug, name, kind, jurisdiction_id, state_code)))) from agency),
      (select concat_ws(':', count(*), sum(hashtext(concat_ws(',', id, slug, name, kind, parent_id, fips, population)))) from jurisdiction),
      (select concat_ws(':', count(*), sum(hashtext(concat_ws(',', id, title, statute, kind, adopted_on, jurisdiction_id)))) from policy),
      (select concat_ws(':', count(*), max(id)) from requirement_version),
      (select concat_ws(':', count(*), max(id)) from filing_review),
      (select concat_ws(':', count(*), max(id)) from agreement_source),
      (select concat_ws(':', count(*), sum(hashtext(concat_ws(',', municipality_id, county_id, position)))) from municipality_county)
    )) as fingerprint`;
  return `${newYorkDate(now).replaceAll('-', '')}-${row.fingerprint.slice(0, 16)}`;
}
