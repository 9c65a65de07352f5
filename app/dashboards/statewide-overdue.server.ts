/**
 * The statewide list of reports an agency owes (issue 15, point 6): every period of the state's
 * agencies that is overdue (not filed after its due date, no extension running) or that the
 * agency declined to report, most overdue first. The status is the compliance record's
 * (compliance.ts judgePeriod on the calendar's periods, with the same locks, extensions and
 * refusals as complianceRecords), never judged again here. The whole state costs a fixed number
 * of queries, however many agencies and periods it has, and loads one small row per filed period
 * rather than every revision and review (bench database, Florida's 259 agencies and 65,000
 * periods: 1.6 s, against 4.3 s through complianceRecords, with the same rows).
 */
import type { Db } from '~/db/prisma.server';
import { prisma } from '~/db/prisma.server';
import { CALENDAR_SELECT, periodsOf } from '~/reporting/filings.server';
import { periodRef } from './agency-dashboard.server';
import { judgePeriod } from './compliance';
import { followThroughOf, requirementPeriodId } from './compliance.server';
import type { PeriodRef } from './dashboard-types';
import { cachedByDataVersion } from './page-cache.server';

/** How many rows the statewide page shows; the CSV has them all. */
export const OVERDUE_PAGE_ROWS = 50;

export interface OverdueReport {
  agency: { slug: string; name: string };
  requirement: { id: number; title: string; policyTitle: string };
  period: PeriodRef;
  dueOn: string;
  status: 'overdue' | 'declined';
  /** New York days past the due date while unfiled; null for a period declined before its deadline passed. */
  daysLate: number | null;
  /** When the agency declined to report the period (status 'declined'). */
  declinedOn: string | null;
}

export interface OverdueReports {
  stateCode: string;
  /** Every overdue or declined period, most overdue first. */
  reports: OverdueReport[];
}

// One collator for the whole sort: localeCompare builds one per call, slow over tens of thousands of rows.
const byName = new Intl.Collator('en').compare;

/**
 * Most overdue first; periods declined before their deadline passed (no days late) after them;
 * then by agency, requirement and period, so the order is stable.
 */
export function compareOverdue(a: OverdueReport, b: OverdueReport): number {
  return (
    (b.daysLate ?? -1) - (a.daysLate ?? -1) ||
    byName(a.agency.name, b.agency.name) ||
    byName(a.agency.slug, b.agency.slug) ||
    a.requirement.id - b.requirement.id ||
    a.period.start.localeCompare(b.period.start)
  );
}

/** The state's overdue and declined reports at `now`, or null when stateCode is no state of the registry. */
export async function overdueReports(db: Db, stateCode: string, { now = new Date() }: { now?: Date } = {}): Promise<OverdueReports | null> {
  const code = stateCode.toUpperCase();
  if (!/^[A-Z]{2}$/.test(code)) return null;
  const [state, requirements, filed] = await Promise.all([
    db.jurisdiction.findFirst({ where: { stateCode: code, kind: 'STATE' }, select: { id: true } }),
    // What the calendar needs (the same select as every compliance record), with the agency's name.
    db.requirement.findMany({
      where: { agency: { stateCode: code } },
      select: { ...CALENDAR_SELECT, agency: { select: { slug: true, name: true, agreements: CALENDAR_SELECT.agency.select.agreements } } },
      orderBy: { id: 'asc' },
    }),
    // One row per period filed at all: a filed period is judged by its dates alone here, since
    // the review and "nothing to report" only tell filed periods apart (complianceRecords loads
    // them), and none of those is overdue or declined.
    db.$queryRaw<{ requirementId: number; periodKey: string; firstFiledAt: Date; lastFiledAt: Date }[]>`
      select f.requirement_id as "requirementId", f.period_key as "periodKey",
        min(r.certified_at) as "firstFiledAt", max(r.certified_at) as "lastFiledAt"
      from filing f
      join filing_revision r on r.filing_id = f.id
      join agency a on a.id = f.agency_id
      where a.state_code = ${code}
      group by f.requirement_id, f.period_key`,
  ]);
  if (!state) return null;
  const filings = new Map(filed.map((row) => [requirementPeriodId(row.requirementId, row.periodKey), row]));
  const recorded = await followThroughOf(db, requirements.map((requirement) => requirement.id));
  const reports: OverdueReport[] = [];
  for (const requirement of requirements) {
    for (const period of periodsOf(requirement, now, false)) {
      const id = requirementPeriodId(requirement.id, period.key);
      const filing = filings.get(id);
      const declinedOn = recorded.declinedOn.get(id) ?? null;
      const verdict = judgePeriod(
        {
          period,
          firstFiledAt: filing?.firstFiledAt.toISOString() ?? null,
          lastFiledAt: filing?.lastFiledAt.toISOString() ?? null,
          nothingToReport: false,
          review: filing ? 'awaiting_review' : 'not_submitted',
          extendedUntil: recorded.extendedUntil.get(id) ?? null,
          lockDays: recorded.lockDays.get(period.versionId) ?? null,
          declinedOn,
        },
        now.toISOString(),
      );
      if (verdict.status !== 'overdue' && verdict.status !== 'declined') continue;
      reports.push({
        agency: { slug: requirement.agency.slug, name: requirement.agency.name },
        requirement: { id: requirement.id, title: requirement.title, policyTitle: requirement.policy.title },
        period: periodRef(period.key, period.start, period.end),
        dueOn: period.dueOn,
        status: verdict.status,
        daysLate: verdict.daysLate,
        declinedOn: verdict.status === 'declined' ? declinedOn : null,
      });
    }
  }
  return { stateCode: code, reports: reports.sort(compareOverdue) };
}

/** overdueReports at the current time, computed once per public data version (which changes with the New York date, as days late do). */
export function cachedOverdueReports(stateCode: string, version?: string | null): Promise<OverdueReports | null> {
  const db = prisma();
  return cachedByDataVersion(db, `statewide-overdue:${stateCode.toUpperCase()}`, (reader) => overdueReports(reader, stateCode), version);
}

export interface OverdueShare {
  /** The most overdue, at most OVERDUE_PAGE_ROWS. */
  reports: OverdueReport[];
  total: number;
  /** Rows left out (in the CSV only). */
  more: number;
}

/** The page's share: the first rows and how many more the CSV has. */
export function overdueForPage(data: OverdueReports): OverdueShare {
  const reports = data.reports.slice(0, OVERDUE_PAGE_ROWS);
  return { reports, total: data.reports.length, more: data.reports.length - reports.length };
}
