/**
 * An agency's compliance record in plain words: for each period its policy expects, whether the
 * report came on time or late (and by how many days), said there was nothing to report, was
 * returned by the reviewers and not yet fixed, was declined by the agency, has an extension
 * still running, or is not yet filed (due, or overdue once the deadline passed, and by how many
 * days). One definition, used by the public record, the reviewers' matrix, the meeting summary
 * and the statewide list of overdue reports. Plain TypeScript; the calendar
 * (reporting/calendar.ts), the locks (reporting/locks.ts) and the counting rule
 * (reporting/counting.ts) decide the inputs.
 */
import { daysBetween, newYorkDate, periodStatus, type ExpectedPeriod, type PeriodStatus } from '~/reporting/calendar';
import type { ReviewState } from '~/reporting/counting';
import { filingWindow } from '~/reporting/locks';
import { percent } from './figures';

export type Timeliness = 'on_time' | 'late' | 'overdue' | 'due' | 'not_yet_due';
export type ComplianceStatus = Timeliness | 'returned' | 'nothing_to_report' | 'declined' | 'extended';

/** Every status, in the order tallies list them. */
export const COMPLIANCE_STATUSES: readonly ComplianceStatus[] = ['on_time', 'late', 'nothing_to_report', 'returned', 'declined', 'extended', 'overdue', 'due', 'not_yet_due'];

/** The calendar's status without its internal distinctions: a period under way or to come is not yet due. */
export function timeliness(status: PeriodStatus): Timeliness {
  return status === 'upcoming' || status === 'open' ? 'not_yet_due' : status;
}

/**
 * One word for a filed or unfiled period from its timing and review alone: 'returned' while the
 * newest revision stands returned (whatever its timing: the public figures do not count it),
 * otherwise its timeliness. Timeliness is judged by the first revision, so an amendment never
 * makes a report late. judgePeriod adds what reviewers and agencies recorded besides.
 */
export function complianceStatus(status: PeriodStatus, review: ReviewState): ComplianceStatus {
  return review === 'returned' ? 'returned' : timeliness(status);
}

/** What is known about one expected period, as plain values. */
export interface PeriodFacts {
  period: Pick<ExpectedPeriod, 'start' | 'end' | 'dueOn' | 'dueAt'>;
  /** The first revision's certification (judges timeliness) and the newest's; null when nothing was submitted. */
  firstFiledAt: string | null;
  lastFiledAt: string | null;
  /** The newest revision says there was nothing to report. */
  nothingToReport: boolean;
  review: ReviewState;
  /** The latest extension's last day (YYYY-MM-DD, New York); null when none was granted. */
  extendedUntil: string | null;
  /** Days after the due date the period locks; null: never. */
  lockDays: number | null;
  /** The latest date (YYYY-MM-DD) the agency declined to report this period; null when it never did. */
  declinedOn: string | null;
}

export interface PeriodVerdict {
  status: ComplianceStatus;
  timeliness: Timeliness;
  /**
   * New York calendar days past the due date: of the first filing when late, of today while
   * unfiled after the deadline (overdue, declined, or under an extension); null otherwise.
   */
  daysLate: number | null;
  /** Filing is refused without a (new) extension: unfiled, and past the lock or the extension's last day. */
  locked: boolean;
}

/**
 * Where a period stands at `now`, in this order:
 * - declined: a refusal names the period and nothing was submitted on or after its date (New York);
 * - returned: the newest revision stands returned;
 * - nothing to report: the newest revision says so;
 * - on time / late: by the first revision, against the original due date (an extension lets a
 *   locked period be filed; it does not make the filing on time);
 * - extended: unfiled after the period ended, and the extension's last day has not passed;
 * - otherwise the calendar's word: overdue, due, not yet due.
 */
export function judgePeriod(facts: PeriodFacts, now: string): PeriodVerdict {
  const { period } = facts;
  const calendar = periodStatus({ ...period, key: '', versionId: '', acceptsLate: true, partial: false }, facts.firstFiledAt, now);
  const timing = timeliness(calendar);
  const today = newYorkDate(now);
  const daysLate =
    timing === 'late' ? daysBetween(period.dueOn, newYorkDate(facts.firstFiledAt!)) : timing === 'overdue' ? daysBetween(period.dueOn, today) : null;
  const filed = facts.lastFiledAt !== null;
  const locked = !filed && timing !== 'not_yet_due' && !filingWindow({ dueOn: period.dueOn, lockDays: facts.lockDays, extendedUntil: facts.extendedUntil, now }).open;
  const verdict = (status: ComplianceStatus): PeriodVerdict => ({ status, timeliness: timing, daysLate, locked });
  if (facts.declinedOn !== null && (!filed || newYorkDate(facts.lastFiledAt!) < facts.declinedOn)) return verdict('declined');
  if (filed) {
    if (facts.review === 'returned') return verdict('returned');
    return verdict(facts.nothingToReport ? 'nothing_to_report' : timing);
  }
  if (timing !== 'not_yet_due' && facts.extendedUntil !== null && today <= facts.extendedUntil) return verdict('extended');
  return verdict(timing);
}

export interface ComplianceSummary {
  /** Periods expected so far. */
  expected: number;
  counts: Record<ComplianceStatus, number>;
  /**
   * Reports filed on time, in percent of the periods whose deadline has passed or that were
   * filed (on time, late or overdue by the first revision's timing, whatever the status: a
   * returned, declined or extended period counts by its timing). Null when no deadline has
   * passed yet.
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
