/**
 * Who gets which reminder mail today (issue 15, point 1). Plain values in and out: no Prisma,
 * no Remix, the clock passed in, so the rules are tested with fixed clocks.
 *
 * - Filers and heads of an agency get, for each period of its requirements not yet filed, a
 *   mail 7 and 1 days before its due date and 1 and 7 days after it when overdue. "Days" are
 *   New York calendar days (calendar.ts), so a daylight-saving change moves nothing.
 * - Each stage has a window up to the next one (7 before: 7 to 2 days before; 1 before: the day
 *   before and the day itself; 1 after: 1 to 6 days late; 7 after: 7 to 13 days late): a run
 *   missed for a day (every instance down) still sends the stage due, never an older one. The
 *   dedupe key makes each stage go out once whatever the number of runs.
 * - An extension moves the due date to its `until` day; the stages start again for the new date
 *   (the key names it).
 * - Nobody disabled, nobody who turned reminders off, nobody whose filing role was removed
 *   (the roles passed in are the current ones).
 * - Reviewers get one digest a week (Monday to Sunday, New York) of their jurisdictions'
 *   reports filed and returned in the last 7 days and periods overdue; none when all three are
 *   empty, none when they turned the digest off.
 */
import { newYorkDate } from '~/reporting/calendar';

export type MailLocale = 'en' | 'es';

export const BEFORE_DAYS = [7, 1] as const;
export const AFTER_DAYS = [1, 7] as const;
/** How long after its stage day a late reminder may still go out (a run missed for days). */
const LAST_STAGE_WINDOW = 7;

export interface PlanPerson {
  userId: number;
  email: string;
  name: string;
  disabled: boolean;
  reminderMail: boolean;
  digestMail: boolean;
  /** The language stored for their mail; null: English. */
  language: MailLocale | null;
  /** Agencies they file for (FILER or HEAD), from their current roles. */
  filesFor: number[];
  /** Jurisdictions they review (REVIEWER), from their current roles. */
  reviews: number[];
}

export interface PlanPeriod {
  agencyId: number;
  agencyName: string;
  jurisdictionId: number | null;
  requirementId: number;
  requirementTitle: string;
  periodKey: string;
  /** YYYY-MM-DD */
  periodStart: string;
  periodEnd: string;
  dueOn: string;
  /** The latest extension's last day, if any. */
  extendedUntil: string | null;
  /** Any revision submitted. */
  filed: boolean;
}

/** A report filed or returned in the last week, for digests. */
export interface PlanActivity {
  agencyId: number;
  agencyName: string;
  jurisdictionId: number | null;
  requirementTitle: string;
  periodStart: string;
  periodEnd: string;
  filingId: number;
  /** ISO instant */
  at: string;
}

export type ReminderStage = `before_${(typeof BEFORE_DAYS)[number]}` | `after_${(typeof AFTER_DAYS)[number]}`;

export interface PlannedReminder {
  kind: 'reminder_before' | 'reminder_after';
  stage: ReminderStage;
  dedupeKey: string;
  to: string;
  name: string;
  locale: MailLocale;
  period: PlanPeriod;
  /** The due date the mail is about (the extension's when extended). */
  dueOn: string;
  /** Days until the due date (before) or days late (after), today. */
  days: number;
}

export interface PlannedDigest {
  kind: 'digest';
  dedupeKey: string;
  to: string;
  name: string;
  locale: MailLocale;
  /** Monday of the week, YYYY-MM-DD. */
  weekOf: string;
  filed: PlanActivity[];
  returned: PlanActivity[];
  overdue: (PlanPeriod & { daysLate: number })[];
}

export interface ReminderPlanInput {
  now: Date;
  people: PlanPerson[];
  periods: PlanPeriod[];
  /** Filed (first or amended revision) and returned in the 7 days before `now`. */
  filed: PlanActivity[];
  returned: PlanActivity[];
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Days from `from` to `to`, both YYYY-MM-DD (UTC day numbers: no daylight saving in between). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** The Monday of the (New York) day's week. */
export function mondayOf(day: string): string {
  const date = new Date(`${day}T00:00:00Z`);
  const back = (date.getUTCDay() + 6) % 7;
  return new Date(date.getTime() - back * DAY_MS).toISOString().slice(0, 10);
}

/** The period's due date, moved by an extension to a later day. */
export function effectiveDueOn(period: Pick<PlanPeriod, 'dueOn' | 'extendedUntil'>): string {
  return period.extendedUntil && period.extendedUntil > period.dueOn ? period.extendedUntil : period.dueOn;
}

/** The stage whose window `daysUntil` (negative: days late) falls in, or null. */
export function reminderStage(daysUntil: number): ReminderStage | null {
  const before = [...BEFORE_DAYS].sort((a, b) => b - a);
  for (const [index, days] of before.entries()) {
    const next = before[index + 1] ?? -1;
    if (daysUntil <= days && daysUntil > next) return `before_${days}`;
  }
  const late = -daysUntil;
  const after = [...AFTER_DAYS].sort((a, b) => a - b);
  for (const [index, days] of after.entries()) {
    const next = after[index + 1] ?? days + LAST_STAGE_WINDOW;
    if (late >= days && late < next) return `after_${days}`;
  }
  return null;
}

export function planReminders(input: ReminderPlanInput): { reminders: PlannedReminder[]; digests: PlannedDigest[] } {
  const today = newYorkDate(input.now);
  const active = input.people.filter((person) => !person.disabled);
  const reminders: PlannedReminder[] = [];
  for (const period of input.periods) {
    if (period.filed) continue;
    const dueOn = effectiveDueOn(period);
    const daysUntil = daysBetween(today, dueOn);
    const stage = reminderStage(daysUntil);
    if (!stage) continue;
    const extended = dueOn !== period.dueOn ? `:until-${dueOn}` : '';
    for (const person of active) {
      if (!person.reminderMail || !person.filesFor.includes(period.agencyId)) continue;
      reminders.push({
        kind: stage.startsWith('before') ? 'reminder_before' : 'reminder_after',
        stage,
        dedupeKey: `reminder_${stage}:${period.requirementId}:${period.periodKey}:${person.userId}${extended}`,
        to: person.email,
        name: person.name,
        locale: person.language ?? 'en',
        period,
        dueOn,
        days: Math.abs(daysUntil),
      });
    }
  }

  const weekOf = mondayOf(today);
  const digests: PlannedDigest[] = [];
  // Once for every reviewer: the periods past due and unfiled, by place (a national portal has
  // hundreds of reviewers and a hundred thousand periods).
  const overdueByPlace = new Map<number, (PlanPeriod & { daysLate: number })[]>();
  for (const period of input.periods) {
    if (period.filed || period.jurisdictionId === null) continue;
    const daysLate = daysBetween(effectiveDueOn(period), today);
    if (daysLate <= 0) continue;
    const list = overdueByPlace.get(period.jurisdictionId) ?? [];
    list.push({ ...period, daysLate });
    overdueByPlace.set(period.jurisdictionId, list);
  }
  for (const person of active) {
    if (!person.digestMail || person.reviews.length === 0) continue;
    const mine = (jurisdictionId: number | null) => jurisdictionId !== null && person.reviews.includes(jurisdictionId);
    const filed = input.filed.filter((activity) => mine(activity.jurisdictionId));
    const returned = input.returned.filter((activity) => mine(activity.jurisdictionId));
    const overdue = [...new Set(person.reviews)]
      .flatMap((place) => overdueByPlace.get(place) ?? [])
      .sort((a, b) => b.daysLate - a.daysLate || a.agencyName.localeCompare(b.agencyName));
    if (filed.length + returned.length + overdue.length === 0) continue;
    digests.push({
      kind: 'digest',
      dedupeKey: `digest:${weekOf}:${person.userId}`,
      to: person.email,
      name: person.name,
      locale: person.language ?? 'en',
      weekOf,
      filed,
      returned,
      overdue,
    });
  }
  return { reminders, digests };
}
