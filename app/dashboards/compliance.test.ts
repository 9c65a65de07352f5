import { describe, expect, it } from 'vitest';
import { endOfDayInNewYork } from '~/reporting/calendar';
import { complianceStatus, judgePeriod, summariseCompliance, timeliness, type PeriodFacts } from './compliance';

describe('complianceStatus', () => {
  it('says returned while the newest revision stands returned, whatever its timing', () => {
    expect(complianceStatus('on_time', 'returned')).toBe('returned');
    expect(complianceStatus('late', 'returned')).toBe('returned');
  });

  it("otherwise keeps the calendar's word, a period under way or to come being not yet due", () => {
    expect(complianceStatus('on_time', 'accepted')).toBe('on_time');
    expect(complianceStatus('late', 'awaiting_review')).toBe('late');
    expect(complianceStatus('overdue', 'not_submitted')).toBe('overdue');
    expect(complianceStatus('due', 'not_submitted')).toBe('due');
    expect(complianceStatus('open', 'not_submitted')).toBe('not_yet_due');
    expect(complianceStatus('upcoming', 'not_submitted')).toBe('not_yet_due');
  });
});

describe('summariseCompliance', () => {
  it('counts each status and the on-time share of the periods whose deadline has passed or that were filed', () => {
    const periods = [
      { status: 'on_time' as const, timeliness: timeliness('on_time') },
      { status: 'on_time' as const, timeliness: timeliness('on_time') },
      { status: 'late' as const, timeliness: timeliness('late') },
      { status: 'returned' as const, timeliness: timeliness('on_time') },
      { status: 'overdue' as const, timeliness: timeliness('overdue') },
      { status: 'due' as const, timeliness: timeliness('due') },
    ];
    expect(summariseCompliance(periods)).toEqual({
      expected: 6,
      counts: { on_time: 2, late: 1, nothing_to_report: 0, returned: 1, declined: 0, extended: 0, overdue: 1, due: 1, not_yet_due: 0 },
      // 3 on time (the returned report was filed on time) of 5 decided; the one still due is not counted.
      onTimePercent: '60.0',
    });
  });

  it('has no on-time share before any deadline', () => {
    expect(summariseCompliance([{ status: 'due', timeliness: 'due' }]).onTimePercent).toBeNull();
    expect(summariseCompliance([])).toMatchObject({ expected: 0, onTimePercent: null });
  });
});

/*
 * judgePeriod with fixed clocks around New York's daylight-saving changes: 2026-03-08 (clocks
 * go forward at 2:00, the day has 23 hours) and 2026-11-01 (back at 2:00, 25 hours). Every
 * boundary is midnight New York time, and days late are New York calendar days.
 */
const FEBRUARY = { start: '2026-02-01', end: '2026-02-28', dueOn: '2026-03-08', dueAt: endOfDayInNewYork('2026-03-08') };
const OCTOBER = { start: '2026-10-01', end: '2026-10-31', dueOn: '2026-11-01', dueAt: endOfDayInNewYork('2026-11-01') };
const MARCH = { start: '2026-03-01', end: '2026-03-31', dueOn: '2026-04-15', dueAt: endOfDayInNewYork('2026-04-15') };
const NOTHING: Omit<PeriodFacts, 'period'> = {
  firstFiledAt: null,
  lastFiledAt: null,
  nothingToReport: false,
  review: 'not_submitted',
  extendedUntil: null,
  lockDays: null,
  declinedOn: null,
};
const filed = (at: string, review: PeriodFacts['review'] = 'awaiting_review', lastAt = at) => ({ firstFiledAt: at, lastFiledAt: lastAt, review });
const judge = (period: PeriodFacts['period'], facts: Partial<PeriodFacts>, now: string) => judgePeriod({ period, ...NOTHING, ...facts }, now);

describe('judgePeriod', () => {
  it('says due until midnight New York time on the due date in March (EDT starts that day), overdue one minute later', () => {
    expect(FEBRUARY.dueAt).toBe('2026-03-09T03:59:59.999Z');
    expect(judge(FEBRUARY, {}, '2026-03-08T23:59:00-04:00')).toEqual({ status: 'due', timeliness: 'due', daysLate: null, locked: false });
    expect(judge(FEBRUARY, {}, '2026-03-09T00:01:00-04:00')).toEqual({ status: 'overdue', timeliness: 'overdue', daysLate: 1, locked: false });
    expect(judge(FEBRUARY, {}, '2026-03-15T23:59:00-04:00').daysLate).toBe(7);
    // The first hours of the due date: still due (EST before 2:00, EDT after).
    expect(judge(FEBRUARY, {}, '2026-03-08T01:30:00-05:00').status).toBe('due');
    expect(judge(FEBRUARY, {}, '2026-03-08T03:30:00-04:00').status).toBe('due');
  });

  it('says due until midnight New York time on the due date in November (EST from that day on), overdue after', () => {
    expect(OCTOBER.dueAt).toBe('2026-11-02T04:59:59.999Z');
    // 03:00 UTC on Nov 2 is still Nov 1 in New York: a UTC calendar would call it overdue.
    expect(judge(OCTOBER, {}, '2026-11-02T03:00:00Z').status).toBe('due');
    expect(judge(OCTOBER, {}, '2026-11-01T23:59:59-05:00').status).toBe('due');
    expect(judge(OCTOBER, {}, '2026-11-02T00:00:00-05:00')).toEqual({ status: 'overdue', timeliness: 'overdue', daysLate: 1, locked: false });
    expect(judge(OCTOBER, {}, '2026-11-08T00:00:01-05:00').daysLate).toBe(7);
  });

  it('says not yet due while the period runs or before it starts', () => {
    expect(judge(MARCH, {}, '2026-03-08T12:00:00-04:00').status).toBe('not_yet_due');
    expect(judge(MARCH, {}, '2026-02-28T23:59:00-05:00').status).toBe('not_yet_due');
    expect(judge(MARCH, {}, '2026-04-01T00:00:00-04:00').status).toBe('due');
  });

  it('judges a filing on time up to the last millisecond of the due date, late by New York days after it', () => {
    expect(judge(FEBRUARY, filed('2026-03-08T23:59:59-04:00'), '2026-04-01T12:00:00Z')).toEqual({ status: 'on_time', timeliness: 'on_time', daysLate: null, locked: false });
    expect(judge(FEBRUARY, filed('2026-03-09T00:00:00-04:00'), '2026-04-01T12:00:00Z')).toEqual({ status: 'late', timeliness: 'late', daysLate: 1, locked: false });
    expect(judge(FEBRUARY, filed('2026-03-10T00:30:00-04:00'), '2026-04-01T12:00:00Z').daysLate).toBe(2);
    expect(judge(OCTOBER, filed('2026-11-02T03:30:00Z'), '2026-12-01T12:00:00Z').status).toBe('on_time');
    expect(judge(OCTOBER, filed('2026-11-02T05:00:00Z'), '2026-12-01T12:00:00Z')).toMatchObject({ status: 'late', daysLate: 1 });
    // An amendment never makes a report late: the first revision judges.
    expect(judge(FEBRUARY, filed('2026-03-01T12:00:00Z', 'accepted', '2026-05-01T12:00:00Z'), '2026-06-01T12:00:00Z').status).toBe('on_time');
  });

  it('says returned while the newest revision stands returned, nothing to report when it says so', () => {
    expect(judge(FEBRUARY, { ...filed('2026-03-09T10:00:00-04:00', 'returned') }, '2026-04-01T12:00:00Z')).toEqual({ status: 'returned', timeliness: 'late', daysLate: 1, locked: false });
    expect(judge(FEBRUARY, { ...filed('2026-03-02T10:00:00-05:00', 'accepted'), nothingToReport: true }, '2026-04-01T12:00:00Z')).toEqual({ status: 'nothing_to_report', timeliness: 'on_time', daysLate: null, locked: false });
    expect(judge(FEBRUARY, { ...filed('2026-03-02T10:00:00-05:00', 'returned'), nothingToReport: true }, '2026-04-01T12:00:00Z').status).toBe('returned');
  });

  it('locks an unfiled period at midnight New York time lockDays after the due date, never a filed one', () => {
    expect(judge(FEBRUARY, { lockDays: 5 }, '2026-03-13T23:59:59-04:00')).toMatchObject({ status: 'overdue', locked: false, daysLate: 5 });
    expect(judge(FEBRUARY, { lockDays: 5 }, '2026-03-14T00:00:00-04:00')).toMatchObject({ status: 'overdue', locked: true, daysLate: 6 });
    expect(judge(OCTOBER, { lockDays: 0 }, '2026-11-01T23:59:59-05:00')).toMatchObject({ status: 'due', locked: false });
    expect(judge(OCTOBER, { lockDays: 0 }, '2026-11-02T00:00:00-05:00')).toMatchObject({ status: 'overdue', locked: true });
    expect(judge(FEBRUARY, { lockDays: 5, ...filed('2026-03-20T12:00:00Z') }, '2026-04-01T12:00:00Z').locked).toBe(false);
    expect(judge(MARCH, { lockDays: 0 }, '2026-03-20T12:00:00Z').locked).toBe(false);
  });

  it('says extended while the extension runs (through its last day, New York), overdue and locked after it', () => {
    const extension = { lockDays: 5, extendedUntil: '2026-03-20' };
    expect(judge(FEBRUARY, extension, '2026-03-20T23:59:00-04:00')).toEqual({ status: 'extended', timeliness: 'overdue', daysLate: 12, locked: false });
    expect(judge(FEBRUARY, extension, '2026-03-21T00:00:00-04:00')).toEqual({ status: 'overdue', timeliness: 'overdue', daysLate: 13, locked: true });
    // Granted before the deadline: extended already while due.
    expect(judge(OCTOBER, { extendedUntil: '2026-11-10' }, '2026-11-01T12:00:00-05:00')).toMatchObject({ status: 'extended', timeliness: 'due', daysLate: null });
    // Filed under the extension: late by the original due date, no longer extended.
    expect(judge(FEBRUARY, { ...extension, ...filed('2026-03-19T12:00:00-04:00') }, '2026-03-20T12:00:00-04:00')).toMatchObject({ status: 'late', daysLate: 11, locked: false });
    // Not while the period is still under way.
    expect(judge(MARCH, { extendedUntil: '2026-05-01' }, '2026-03-20T12:00:00-04:00').status).toBe('not_yet_due');
  });

  it('says declined when a refusal names the period and nothing was submitted on or after its date', () => {
    expect(judge(FEBRUARY, { declinedOn: '2026-03-10', lockDays: 5 }, '2026-03-20T12:00:00-04:00')).toEqual({ status: 'declined', timeliness: 'overdue', daysLate: 12, locked: true });
    // Even under an extension: the refusal is what the agency said.
    expect(judge(FEBRUARY, { declinedOn: '2026-03-10', extendedUntil: '2026-03-31' }, '2026-03-20T12:00:00-04:00').status).toBe('declined');
    // A report submitted before the refusal (then returned) does not answer it…
    expect(judge(FEBRUARY, { declinedOn: '2026-03-10', ...filed('2026-03-09T10:00:00-04:00', 'returned') }, '2026-03-20T12:00:00-04:00').status).toBe('declined');
    // …one submitted on or after its date does.
    expect(judge(FEBRUARY, { declinedOn: '2026-03-10', ...filed('2026-03-10T09:00:00-04:00') }, '2026-03-20T12:00:00-04:00')).toMatchObject({ status: 'late', daysLate: 2 });
    expect(judge(FEBRUARY, { declinedOn: '2026-03-10', ...filed('2026-03-09T10:00:00-04:00', 'awaiting_review', '2026-03-12T10:00:00-04:00') }, '2026-03-20T12:00:00-04:00').status).toBe('late');
  });
});

describe('summariseCompliance over every status', () => {
  it('counts each status and judges the on-time rate by timing, whatever was recorded besides', () => {
    const now = '2026-03-20T12:00:00-04:00';
    const verdicts = [
      judge(FEBRUARY, filed('2026-03-01T12:00:00Z', 'accepted'), now), // on time
      judge(FEBRUARY, filed('2026-03-12T12:00:00Z'), now), // late
      judge(FEBRUARY, { ...filed('2026-03-02T12:00:00Z', 'accepted'), nothingToReport: true }, now), // nothing to report, on time
      judge(FEBRUARY, filed('2026-03-02T12:00:00Z', 'returned'), now), // returned, on time
      judge(FEBRUARY, { declinedOn: '2026-03-10' }, now), // declined, overdue
      judge(FEBRUARY, { extendedUntil: '2026-03-31' }, now), // extended, overdue
      judge(FEBRUARY, { lockDays: 1 }, now), // overdue, locked
      judge(MARCH, {}, '2026-04-02T12:00:00-04:00'), // due
      judge(MARCH, {}, now), // not yet due
    ];
    expect(verdicts.map((verdict) => verdict.status)).toEqual(['on_time', 'late', 'nothing_to_report', 'returned', 'declined', 'extended', 'overdue', 'due', 'not_yet_due']);
    expect(summariseCompliance(verdicts)).toEqual({
      expected: 9,
      counts: { on_time: 1, late: 1, nothing_to_report: 1, returned: 1, declined: 1, extended: 1, overdue: 1, due: 1, not_yet_due: 1 },
      // On time: the on-time, nothing-to-report and returned reports (3) of the 7 whose deadline passed.
      onTimePercent: '42.9',
    });
  });
});
