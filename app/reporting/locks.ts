/**
 * Deadlines with teeth (issue 15, point 2): a period locks a requirement's `lockDaysAfterDue`
 * days after its due date; after that, filing needs a reviewer's extension, whose new date
 * then governs (the latest grant, even when earlier than the lock). Plain values, New York
 * days like the due dates (calendar.ts): a period locks at midnight in New York, whatever the
 * daylight-saving offset that day.
 */
import { addDays, endOfDayInNewYork, startOfDayInNewYork } from './calendar';

/** The instant a period due on `dueOn` locks: the start of the day after `dueOn` + `lockDays`, New York time, as an ISO string in UTC. */
export function lockedAt(dueOn: string, lockDays: number): string {
  if (!Number.isSafeInteger(lockDays) || lockDays < 0) throw new Error(`lockedAt: lockDays must be a whole number ≥ 0, got ${lockDays}`);
  return startOfDayInNewYork(addDays(dueOn, lockDays + 1));
}

export type FilingWindow = { open: true } | { open: false; lockedOn: string };

/**
 * Whether a period may be filed at `now`: always when the requirement never locks and no
 * extension was granted; with an extension, until the end of its `until` day (New York);
 * otherwise until the lock. `lockedOn` is the first New York day filing is refused.
 */
export function filingWindow(input: { dueOn: string; lockDays: number | null; extendedUntil: string | null; now: string }): FilingWindow {
  const nowMs = Date.parse(input.now);
  if (Number.isNaN(nowMs)) throw new Error(`filingWindow: invalid now ${JSON.stringify(input.now)}`);
  if (input.extendedUntil !== null) {
    return nowMs <= Date.parse(endOfDayInNewYork(input.extendedUntil)) ? { open: true } : { open: false, lockedOn: addDays(input.extendedUntil, 1) };
  }
  if (input.lockDays === null) return { open: true };
  return nowMs < Date.parse(lockedAt(input.dueOn, input.lockDays)) ? { open: true } : { open: false, lockedOn: addDays(input.dueOn, input.lockDays + 1) };
}
