/**
 * What reviewers and agencies recorded about periods besides the filings, for the compliance
 * record (compliance.ts judgePeriod): each version's lock, the extension that governs each
 * period (the latest granted) and the latest refusal naming it. One query for any number of
 * requirements, so pages listing many agencies keep a fixed number of queries.
 */
import type { Db } from '~/db/prisma.server';
import { dateOnly } from '~/reporting/calendar';

export interface FollowThrough {
  /** Requirement version id (as the calendar writes it) → days after the due date it locks; null: never. */
  lockDays: Map<string, number | null>;
  /** `${requirementId}/${periodKey}` → the governing extension's last day (YYYY-MM-DD). */
  extendedUntil: Map<string, string>;
  /** `${requirementId}/${periodKey}` → the latest date the agency declined to report it (YYYY-MM-DD). */
  declinedOn: Map<string, string>;
}

export const requirementPeriodId = (requirementId: number, periodKey: string) => `${requirementId}/${periodKey}`;

export async function followThroughOf(db: Db, requirementIds: number[]): Promise<FollowThrough> {
  const result: FollowThrough = { lockDays: new Map(), extendedUntil: new Map(), declinedOn: new Map() };
  if (requirementIds.length === 0) return result;
  const rows = await db.$queryRaw<{ kind: 'lock' | 'extension' | 'refusal'; requirementId: number; key: string; lockDays: number | null; day: Date | null }[]>`
    select 'lock' as kind, v.requirement_id as "requirementId", v.id::text as key, v.lock_days_after_due as "lockDays", null::date as day
      from requirement_version v where v.requirement_id = any(${requirementIds}::int[])
    union all
    select 'extension', e.requirement_id, e.period_key, null, (array_agg(e.until order by e.granted_at desc, e.id desc))[1]
      from filing_extension e where e.requirement_id = any(${requirementIds}::int[])
      group by e.requirement_id, e.period_key
    union all
    select 'refusal', r.requirement_id, k.period_key, null, max(r.declined_on)
      from agency_refusal r cross join lateral unnest(r.period_keys) as k(period_key)
      where r.requirement_id = any(${requirementIds}::int[])
      group by r.requirement_id, k.period_key`;
  for (const row of rows) {
    if (row.kind === 'lock') result.lockDays.set(row.key, row.lockDays);
    else if (row.kind === 'extension') result.extendedUntil.set(requirementPeriodId(row.requirementId, row.key), dateOnly(row.day!));
    else result.declinedOn.set(requirementPeriodId(row.requirementId, row.key), dateOnly(row.day!));
  }
  return result;
}
