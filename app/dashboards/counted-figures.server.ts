/**
 * The SQL every public figure starts from: the values of counted revisions only
 * (filing.counted_revision_id, kept by reporting/counted-revision.server.ts from the rule in
 * reporting/counting.ts), one row per agency, period and metric.
 *
 * One per agency and period: should an agency report the same period under two requirements (a
 * policy replaced by another without ending the first), its figure for a metric is the one in
 * the most recently certified counted report, rather than both added up.
 */
import { isCalendarDate } from '~/reporting/calendar';
import { Prisma } from '~/generated/prisma/client';
import type { PeriodRange } from './dashboard-types';

export const ALL_PERIODS: PeriodRange = { from: null, to: null };

export function checkRange(range: PeriodRange | undefined): PeriodRange {
  const checked = { from: range?.from ?? null, to: range?.to ?? null };
  for (const day of [checked.from, checked.to]) {
    if (day !== null && !isCalendarDate(day)) throw new Error(`Not a date (YYYY-MM-DD): "${day}"`);
  }
  if (checked.from && checked.to && checked.from > checked.to) throw new Error(`Range starts (${checked.from}) after it ends (${checked.to})`);
  return checked;
}

function rangeSql(range: PeriodRange): Prisma.Sql {
  return Prisma.sql`${range.from === null ? Prisma.empty : Prisma.sql`and f.period_start >= ${range.from}::date`}
    ${range.to === null ? Prisma.empty : Prisma.sql`and f.period_end <= ${range.to}::date`}`;
}

/**
 * A subquery of counted figures (agency_id, period_key, period_start, period_end, metric_key,
 * value) for filings matching `where` (on filing f), limited to `keys` and `range`.
 */
export function countedFigures(where: Prisma.Sql, keys: string[], range: PeriodRange = ALL_PERIODS): Prisma.Sql {
  return Prisma.sql`(
    select distinct on (f.agency_id, f.period_start, f.period_end, v.metric_key)
      f.agency_id, f.period_key, f.period_start, f.period_end, v.metric_key, v.value
    from filing f
    join filing_revision r on r.id = f.counted_revision_id
    join revision_value v on v.revision_id = r.id
    where ${where} and v.metric_key = any(${keys}::text[]) ${rangeSql(range)}
    order by f.agency_id, f.period_start, f.period_end, v.metric_key, r.certified_at desc, r.id desc
  )`;
}

/** Counted filings (one per agency and period, as above) matching `where`, with their revision. */
export function countedFilings(where: Prisma.Sql, range: PeriodRange = ALL_PERIODS): Prisma.Sql {
  return Prisma.sql`(
    select distinct on (f.agency_id, f.period_start, f.period_end)
      f.id as filing_id, f.agency_id, f.requirement_id, f.period_key, f.period_start, f.period_end,
      r.id as revision_id, r.number, r.certified_at, r.nothing_to_report, coalesce(u.is_demo, false) as demo
    from filing f
    join filing_revision r on r.id = f.counted_revision_id
    left join app_user u on u.id = r.submitted_by_id
    where ${where} ${rangeSql(range)}
    order by f.agency_id, f.period_start, f.period_end, r.certified_at desc, r.id desc
  )`;
}

export interface PeriodSumRow {
  periodKey: string;
  start: string;
  end: string;
  metricKey: string;
  /** numeric text, e.g. "12500.50" */
  value: string;
  /** Agencies whose counted report has this metric for the period. */
  agencies: number;
}

/** Sums per period and metric over counted figures matching `where`. */
export function periodSumsSql(where: Prisma.Sql, keys: string[], range?: PeriodRange): Prisma.Sql {
  return Prisma.sql`
    select c.period_key as "periodKey", c.period_start::text as "start", c.period_end::text as "end",
      c.metric_key as "metricKey", sum(c.value)::text as "value", count(distinct c.agency_id)::int as "agencies"
    from ${countedFigures(where, keys, range)} c
    group by c.period_key, c.period_start, c.period_end, c.metric_key
    order by c.period_start, c.period_end, c.metric_key`;
}

export interface RangeSumRow {
  metricKey: string;
  value: string;
  /** Agency-periods contributing. */
  periods: number;
  agencies: number;
}

/** Sums per metric over the range. */
export function rangeSumsSql(where: Prisma.Sql, keys: string[], range: PeriodRange): Prisma.Sql {
  return Prisma.sql`
    select c.metric_key as "metricKey", sum(c.value)::text as "value", count(*)::int as "periods",
      count(distinct c.agency_id)::int as "agencies"
    from ${countedFigures(where, keys, range)} c
    group by c.metric_key`;
}

export interface CountedFilingRow {
  filingId: number;
  agencyId: number;
  requirementId: number;
  periodKey: string;
  start: string;
  end: string;
  revisionNumber: number;
  certifiedAt: Date;
  nothingToReport: boolean;
  demo: boolean;
}

export function countedFilingsSql(where: Prisma.Sql, range?: PeriodRange): Prisma.Sql {
  return Prisma.sql`
    select c.filing_id as "filingId", c.agency_id as "agencyId", c.requirement_id as "requirementId",
      c.period_key as "periodKey", c.period_start::text as "start", c.period_end::text as "end",
      c.number as "revisionNumber", c.certified_at as "certifiedAt", c.nothing_to_report as "nothingToReport", c.demo
    from ${countedFilings(where, range)} c
    order by c.period_start, c.period_end, c.agency_id`;
}
