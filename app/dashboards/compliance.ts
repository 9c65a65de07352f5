/**
 * An agency's compliance record in plain words: for each period its policy expects, whether the
 * report came on time, late, not yet (due, or overdue once the deadline passed), or was returned
 * by the reviewers and not yet fixed. Plain TypeScript; the calendar (reporting/calendar.ts) and
 * the counting rule (reporting/counting.ts) decide the inputs.
 */
import type { PeriodStatus } from '~/reporting/calendar';
import type { ReviewState } from '~/reporting/counting';
import { percent } from './figures';

export type Timeliness = 'on_time' | 'late' | 'overdue' | 'due' | 'not_yet_due';
export type ComplianceStatus = Timeliness | 'returned';

export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = ['on_time', 'late', 'returned', 'overdue', 'due', 'not_yet_due'];

/** The calendar's status without its internal distinctions: a period under way or to come is not yet due. */
export function timeliness(status: PeriodStatus): Timeliness {
  return status === 'upcoming' || status === 'open' ? 'not_yet_due' : status;
}

/**
 * One word for a period: 'returned' while the newest revision stands returned (whatever its
 * timing: the public figures do not count it), otherwise its timeliness. Timeliness is judged by
 * the first revision, so an amendment never makes a report late.
 */
export function complianceStatus(status: PeriodStatus, review: ReviewState): ComplianceStatus {
  return review === 'returned' ? 'returned' : timeliness(status);
}

export interface ComplianceSummary {
  /** Periods expected so far. */
  expected: number;
  counts: Record<ComplianceStatus, number>;
  /**
   * Reports filed on time, in percent of the periods whose deadline has passed or that were
   * filed (on time, late or overdue; a returned report counts by its first revision's timing).
   * Null when no deadline has passed yet.
   */
  onTimePercent: string | null;
}

export function summariseCompliance(periods: { status: ComplianceStatus; timeliness: Timeliness }[]): ComplianceSummary {
  const counts = Object.fromEntries(COMPLIANCE_STATUSES.map((status) => [status, 0])) as Record<ComplianceStatus, number>;
  let decided = 0;
  let onTime = 0;
  for (const period of periods) {
    counts[period.status] += 1;
    if (period.timeliness === 'on_time' || period.timeliness === 'late' || period.timeliness === 'overdue') decided += 1;
    if (period.timeliness === 'on_time') onTime += 1;
  }
  return { expected: periods.length, counts, onTimePercent: percent(onTime, decided) };
}
