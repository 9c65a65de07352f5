/**
 * The reporting calendar: which periods an agency must report for under a policy's reporting
 * requirement, when each report falls due, and where a period stands.
 *
 * Plain values in and out: no Remix, no Prisma, no clock. Calendar dates are `YYYY-MM-DD`
 * strings meaning days in America/New_York; instants are ISO strings with an explicit offset.
 * Date arithmetic is done on day numbers (UTC-based, which has no daylight saving), and the
 * only conversion between a New York day and an instant goes through Intl.DateTimeFormat with
 * timeZone 'America/New_York', so the machine's own time zone never matters.
 *
 * Rules (see the tests for worked examples):
 *
 * - Periods are calendar months ('2025-07'), calendar quarters ('2025-Q3': Jan–Mar, Apr–Jun,
 *   Jul–Sep, Oct–Dec) or calendar years ('2025').
 * - A period is governed by the version in force on its first day. The calendar begins with
 *   the first period of the first version's frequency that starts on or after its
 *   `effectiveFrom`: a period already under way when a policy is first adopted is not expected.
 * - An amendment takes over at a period boundary: periods are walked one after the other, and
 *   at each boundary the version in force that day takes over if the day is also the first day
 *   of one of its own periods. So periods tile the timeline without gaps or overlaps:
 *     - same frequency: periods that start on or after `effectiveFrom` use the new rules, a
 *       period already under way keeps the old ones;
 *     - to a finer frequency (quarterly → monthly from 2025-08-15): the quarter under way (Q3)
 *       is completed under the old rules, monthly periods start 2025-10-01;
 *     - to a coarser frequency (monthly → quarterly from 2025-08-15): months go on under the
 *       old rules until a quarter can start (August and September), the first quarter is Q4.
 *       This is the one case where a period starting after `effectiveFrom` keeps the old rules:
 *       a quarter cannot start in the middle of months already being reported.
 *   A version superseded before it could take over never governs a period.
 * - A period is expected only if the agency's agreement was active on at least one day of it;
 *   `partial` when the active ranges do not cover the whole period.
 * - A report is on time until the end of `dueOn` (= period end + dueDaysAfterEnd) in New York.
 */

import { remembered } from '~/utils/remembered';

export type Frequency = 'MONTHLY' | 'QUARTERLY' | 'ANNUAL';

/** One version of a requirement's rules, in force from `effectiveFrom` (YYYY-MM-DD) until the next version's effectiveFrom. */
export interface RequirementVersion {
  id: string;
  effectiveFrom: string;
  frequency: Frequency;
  dueDaysAfterEnd: number;
  acceptsLate: boolean;
}

/** A span during which the agency's 287(g) agreement(s) were active: inclusive dates; `to` null = still active. */
export interface ActiveRange {
  from: string;
  to: string | null;
}

export interface ExpectedPeriod {
  /** Stable id, unique per requirement: '2025-Q3', '2025-07' or '2025'. */
  key: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  /** Last day (inclusive), YYYY-MM-DD. */
  end: string;
  /** The last day a filing is on time (end + dueDaysAfterEnd). */
  dueOn: string;
  /** The instant the deadline passes: the last millisecond of `dueOn` in America/New_York, as an ISO string in UTC. */
  dueAt: string;
  /** The requirement version whose rules govern this period. */
  versionId: string;
  acceptsLate: boolean;
  /** The agreement was active for only part of the period. */
  partial: boolean;
}

export type PeriodStatus = 'upcoming' | 'open' | 'due' | 'overdue' | 'on_time' | 'late';

/** The reporting frequencies, in the order forms offer them. */
export const FREQUENCIES = ['MONTHLY', 'QUARTERLY', 'ANNUAL'] as const satisfies readonly Frequency[];
/** Months per period. */
const MONTHS: Record<Frequency, number> = { MONTHLY: 1, QUARTERLY: 3, ANNUAL: 12 };
const DAY_MS = 86_400_000;
const TIME_ZONE = 'America/New_York';

/* ---------------------------------------------------------------------- */
/* Calendar dates                                                          */
/* ---------------------------------------------------------------------- */

interface YMD {
  y: number;
  m: number; // 1–12
  d: number; // 1–31
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

function daysInMonth(y: number, m: number): number {
  if (m === 2) return isLeapYear(y) ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

function parseDate(date: string, what = 'date'): YMD {
  const match = typeof date === 'string' ? DATE_RE.exec(date) : null;
  if (!match) throw new Error(`Invalid ${what} ${JSON.stringify(date)}: expected YYYY-MM-DD`);
  const y = Number(match[1]);
  const m = Number(match[2]);
  const d = Number(match[3]);
  if (y < 1 || m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new Error(`Invalid ${what} ${JSON.stringify(date)}: no such day`);
  }
  return { y, m, d };
}

function formatDate({ y, m, d }: YMD): string {
  if (y < 1 || y > 9999) throw new Error(`Date out of range (year ${y})`);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** Days since 1970-01-01 (proleptic Gregorian). setUTCFullYear avoids Date.UTC's 0–99 → 1900s quirk. */
function toDayNumber({ y, m, d }: YMD): number {
  const t = new Date(0);
  t.setUTCFullYear(y, m - 1, d);
  return Math.round(t.getTime() / DAY_MS);
}

function fromDayNumber(n: number): YMD {
  const t = new Date(n * DAY_MS);
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** `date` + `days` calendar days (days may be negative): addDays('2025-01-31', 30) → '2025-03-02'. */
export function addDays(date: string, days: number): string {
  if (!Number.isSafeInteger(days)) throw new Error(`addDays: days must be an integer, got ${days}`);
  return formatDate(fromDayNumber(toDayNumber(parseDate(date)) + days));
}

/** Calendar days from `from` to `to` (negative when `to` is earlier): daysBetween('2026-03-07', '2026-03-09') → 2, whatever the clocks did in between. */
export function daysBetween(from: string, to: string): number {
  return toDayNumber(parseDate(to)) - toDayNumber(parseDate(from));
}

/* ---------------------------------------------------------------------- */
/* New York days as instants                                               */
/* ---------------------------------------------------------------------- */

let newYorkFormat: Intl.DateTimeFormat | undefined;

/** How far New York's wall clock is ahead of UTC at `instantMs` (negative: −5 h in EST, −4 h in EDT). */
function newYorkOffsetMs(instantMs: number): number {
  newYorkFormat ??= new Intl.DateTimeFormat('en-US', {
    timeZone: TIME_ZONE,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const wholeSecond = Math.floor(instantMs / 1000) * 1000;
  const parts: Record<string, number> = {};
  for (const part of newYorkFormat.formatToParts(new Date(wholeSecond))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = new Date(0);
  wall.setUTCFullYear(parts.year, parts.month - 1, parts.day);
  wall.setUTCHours(parts.hour, parts.minute, parts.second, 0);
  return wall.getTime() - wholeSecond;
}

// Kept per date below (remembered: at most 20,000, about 55 years of days): a calendar walks the
// same dates for every request (ten years of monthly periods for each submission), and each
// answer costs parsing, formatting or Intl.

/** The instant (ms) New York's wall clock reads 00:00 on `date`. Midnight is never skipped or repeated there (changes happen at 02:00). */
const newYorkMidnightMs = remembered((date: string): number => {
  const wallMs = toDayNumber(parseDate(date)) * DAY_MS; // the wall-clock reading, as if it were UTC
  const first = wallMs - newYorkOffsetMs(wallMs);
  return wallMs - newYorkOffsetMs(first);
});

/** The first instant of `date` in America/New_York, as an ISO string in UTC: '2025-07-01' → '2025-07-01T04:00:00.000Z'. */
export function startOfDayInNewYork(date: string): string {
  return new Date(newYorkMidnightMs(date)).toISOString();
}

/** The last millisecond of `date` in America/New_York, as an ISO string in UTC: '2025-11-14' → '2025-11-15T04:59:59.999Z'. */
export const endOfDayInNewYork = remembered((date: string): string => new Date(newYorkMidnightMs(addDays(date, 1)) - 1).toISOString());

/**
 * Whether (from, to] holds the last instant of a New York day: the moment every deadline ends
 * at (endOfDayInNewYork), so a window without one cannot see a period become overdue.
 */
export function holdsEndOfNewYorkDay(from: Date, to: Date): boolean {
  const first = new Date(endOfDayInNewYork(newYorkDate(from)));
  return (first > from ? first : new Date(endOfDayInNewYork(addDays(newYorkDate(from), 1)))) <= to;
}

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO instant to ms. An explicit offset is required: without one, Date.parse would use the machine's zone. */
function parseInstant(instant: string, what: string): number {
  const ms = typeof instant === 'string' && INSTANT_RE.test(instant) ? Date.parse(instant) : NaN;
  if (Number.isNaN(ms)) {
    throw new Error(`Invalid ${what} ${JSON.stringify(instant)}: expected an ISO instant with Z or an offset`);
  }
  return ms;
}

/* ---------------------------------------------------------------------- */
/* Periods                                                                 */
/* ---------------------------------------------------------------------- */

interface Period {
  key: string;
  start: string;
  end: string;
}

/** The calendar period of `frequency` that contains `date` (shared: never changed by a caller). */
function periodContaining(date: string, frequency: Frequency): Readonly<Period> {
  return periodOf(`${frequency} ${date}`);
}

const periodOf = remembered((asked: string): Readonly<Period> => {
  const [frequency, date] = asked.split(' ') as [Frequency, string];
  const { y, m } = parseDate(date);
  const span = MONTHS[frequency];
  const firstMonth = Math.floor((m - 1) / span) * span + 1;
  const lastMonth = firstMonth + span - 1;
  const year = String(y).padStart(4, '0');
  const key =
    frequency === 'MONTHLY'
      ? `${year}-${String(m).padStart(2, '0')}`
      : frequency === 'QUARTERLY'
        ? `${year}-Q${(firstMonth + 2) / 3}`
        : year;
  return Object.freeze({
    key,
    start: formatDate({ y, m: firstMonth, d: 1 }),
    end: formatDate({ y, m: lastMonth, d: daysInMonth(y, lastMonth) }),
  });
});

/** The first period boundary (first day of a period) of `frequency` on or after `date`. */
function boundaryOnOrAfter(date: string, frequency: Frequency): string {
  const period = periodContaining(date, frequency);
  return period.start === date ? date : addDays(period.end, 1);
}

function checkVersion(version: RequirementVersion): void {
  if (typeof version.id !== 'string' || version.id === '') throw new Error('Requirement version without an id');
  parseDate(version.effectiveFrom, `effectiveFrom of version ${version.id}`);
  if (!(FREQUENCIES as readonly string[]).includes(version.frequency)) {
    throw new Error(`Version ${version.id}: unknown frequency ${JSON.stringify(version.frequency)}`);
  }
  if (!Number.isSafeInteger(version.dueDaysAfterEnd) || version.dueDaysAfterEnd < 0) {
    throw new Error(`Version ${version.id}: dueDaysAfterEnd must be a whole number ≥ 0`);
  }
}

/** Versions checked and sorted by effectiveFrom; two versions taking effect the same day are an error. */
function sortVersions(versions: RequirementVersion[]): RequirementVersion[] {
  versions.forEach(checkVersion);
  const sorted = [...versions].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i].effectiveFrom === sorted[i - 1].effectiveFrom) {
      throw new Error(
        `Versions ${sorted[i - 1].id} and ${sorted[i].id} both take effect on ${sorted[i].effectiveFrom}`,
      );
    }
  }
  return sorted;
}

/** The version in force on `date` (the last one whose effectiveFrom is on or before it), if any. */
function inForce(sorted: RequirementVersion[], date: string): RequirementVersion | null {
  let found: RequirementVersion | null = null;
  for (const version of sorted) {
    if (version.effectiveFrom > date) break;
    found = version;
  }
  return found;
}

/**
 * Where the calendar begins: the first period boundary of a version's frequency on or after
 * its effectiveFrom, unless the next version is already in force by then (it then begins
 * under that one).
 */
function calendarStart(sorted: RequirementVersion[]): { version: RequirementVersion; start: string } | null {
  for (let i = 0; i < sorted.length; i++) {
    const start = boundaryOnOrAfter(sorted[i].effectiveFrom, sorted[i].frequency);
    const next = sorted[i + 1];
    if (!next || next.effectiveFrom > start) return { version: sorted[i], start };
  }
  return null;
}

/** Active ranges sorted and merged, touching ones included (…–06-30 and 07-01–… are one range). */
function mergeRanges(active: ActiveRange[]): ActiveRange[] {
  const ranges = active.map((range) => {
    parseDate(range.from, 'active range start');
    if (range.to !== null) {
      parseDate(range.to, 'active range end');
      if (range.to < range.from) throw new Error(`Active range ends (${range.to}) before it starts (${range.from})`);
    }
    return { from: range.from, to: range.to };
  });
  ranges.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const merged: ActiveRange[] = [];
  for (const range of ranges) {
    const last = merged[merged.length - 1];
    if (last && (last.to === null || range.from <= addDays(last.to, 1))) {
      if (last.to !== null && (range.to === null || range.to > last.to)) last.to = range.to;
    } else {
      merged.push(range);
    }
  }
  return merged;
}

/**
 * The periods an agency is expected to report for, in date order: every period whose end is on
 * or before `through`, plus the period containing `through` when `includeCurrent` is set.
 */
export function expectedPeriods(input: {
  versions: RequirementVersion[];
  active: ActiveRange[];
  through: string;
  includeCurrent?: boolean;
}): ExpectedPeriod[] {
  const { through } = input;
  parseDate(through, 'through date');
  const ranges = mergeRanges(input.active);
  const result: ExpectedPeriod[] = [];
  if (ranges.length === 0) return result;

  const versions = sortVersions(input.versions);
  const first = calendarStart(versions);
  if (!first) return result;

  let governing = first.version;
  let cursor = first.start; // always the first day of a period of governing.frequency
  for (;;) {
    const period = periodContaining(cursor, governing.frequency);
    if (period.start > through) break;
    if (period.end > through && !input.includeCurrent) break;

    const overlaps = ranges.some((r) => r.from <= period.end && (r.to === null || r.to >= period.start));
    if (overlaps) {
      const covered = ranges.some((r) => r.from <= period.start && (r.to === null || r.to >= period.end));
      const dueOn = addDays(period.end, governing.dueDaysAfterEnd);
      result.push({
        key: period.key,
        start: period.start,
        end: period.end,
        dueOn,
        dueAt: endOfDayInNewYork(dueOn),
        versionId: governing.id,
        acceptsLate: governing.acceptsLate,
        partial: !covered,
      });
    }

    // At each boundary the version in force takes over, if the boundary also starts one of its
    // periods; otherwise (a switch to a coarser frequency) the old frequency and rules go on.
    cursor = addDays(period.end, 1);
    const next = inForce(versions, cursor)!;
    if (next !== governing && periodContaining(cursor, next.frequency).start === cursor) governing = next;
  }
  return result;
}

/**
 * Where a period stands at `now`. Without a filing: 'upcoming' before the period's first day
 * (New York), 'open' during it, 'due' after it until `dueAt` inclusive, 'overdue' after that.
 * With a filing: 'on_time' if filed at or before `dueAt`, else 'late' (whether a late filing is
 * accepted at all is `acceptsLate`, for the caller to enforce).
 */
export function periodStatus(period: ExpectedPeriod, filedAt: string | null, now: string): PeriodStatus {
  const dueAtMs = parseInstant(period.dueAt, 'dueAt');
  const nowMs = parseInstant(now, 'now');
  if (filedAt !== null) return parseInstant(filedAt, 'filedAt') <= dueAtMs ? 'on_time' : 'late';
  if (nowMs < newYorkMidnightMs(period.start)) return 'upcoming';
  if (nowMs < newYorkMidnightMs(addDays(period.end, 1))) return 'open';
  return nowMs <= dueAtMs ? 'due' : 'overdue';
}

// Built once: constructing an Intl formatter costs about a hundred times what using one does.
const NEW_YORK_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' });

/** The calendar day in New York at an instant (a Date or an ISO string), YYYY-MM-DD: the portal's "today". */
export function newYorkDate(instant: Date | string): string {
  // en-CA formats as YYYY-MM-DD; the zone is explicit so the machine's own never matters.
  return NEW_YORK_DAY.format(typeof instant === 'string' ? new Date(instant) : instant);
}

/** A stored date column (midnight UTC) as YYYY-MM-DD. */
export function dateOnly(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Whether `text` is a real YYYY-MM-DD day. */
export function isCalendarDate(text: string): boolean {
  try {
    return addDays(text, 0) === text;
  } catch {
    return false;
  }
}
