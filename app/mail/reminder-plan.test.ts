import { describe, expect, it } from 'vitest';
import { daysBetween, mondayOf, planReminders, reminderStage, type PlanActivity, type PlanPeriod, type PlanPerson } from './reminder-plan';

const person = (over: Partial<PlanPerson> = {}): PlanPerson => ({
  userId: 1,
  email: 'filer@example.org',
  name: 'Filer',
  disabled: false,
  reminderMail: true,
  digestMail: true,
  language: null,
  filesFor: [10],
  reviews: [],
  ...over,
});

const period = (over: Partial<PlanPeriod> = {}): PlanPeriod => ({
  agencyId: 10,
  agencyName: 'Gaston County Sheriff',
  jurisdictionId: 5,
  requirementId: 3,
  requirementTitle: 'Quarterly report',
  periodKey: '2026-Q1',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  dueOn: '2026-04-30',
  extendedUntil: null,
  filed: false,
  ...over,
});

const plan = (now: string, people: PlanPerson[], periods: PlanPeriod[], filed: PlanActivity[] = [], returned: PlanActivity[] = []) =>
  planReminders({ now: new Date(now), people, periods, filed, returned });

describe('reminderStage', () => {
  it('gives each day one stage, 7 and 1 days before and 1 and 7 days after, with catch-up windows', () => {
    const stages = Object.fromEntries([9, 8, 7, 6, 2, 1, 0, -1, -6, -7, -13, -14].map((d) => [d, reminderStage(d)]));
    expect(stages).toEqual({
      9: null,
      8: null,
      7: 'before_7',
      6: 'before_7',
      2: 'before_7',
      1: 'before_1',
      0: 'before_1',
      '-1': 'after_1',
      '-6': 'after_1',
      '-7': 'after_7',
      '-13': 'after_7',
      '-14': null,
    });
  });
});

describe('planReminders', () => {
  it('mails filers 7 days before the due date, New York time, with a dedupe key per stage, period and person', () => {
    // 2026-04-23 09:00 in New York (EDT, UTC−4).
    const { reminders } = plan('2026-04-23T13:00:00Z', [person()], [period()]);
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ kind: 'reminder_before', stage: 'before_7', days: 7, dueOn: '2026-04-30', to: 'filer@example.org', locale: 'en' });
    expect(reminders[0].dedupeKey).toBe('reminder_before_7:3:2026-Q1:1');
  });

  it('uses the New York day, not UTC: 23:30 the evening before is still 8 days before', () => {
    // 2026-04-23 03:30 UTC is 2026-04-22 23:30 in New York.
    expect(plan('2026-04-23T03:30:00Z', [person()], [period()]).reminders).toEqual([]);
    expect(plan('2026-04-23T04:00:00Z', [person()], [period()]).reminders.map((r) => r.stage)).toEqual(['before_7']);
  });

  it('counts days across the spring daylight-saving change (8 March 2026) by calendar days', () => {
    const due = period({ periodKey: '2026-02', periodStart: '2026-02-01', periodEnd: '2026-02-28', dueOn: '2026-03-15' });
    // 2026-03-08 04:30 UTC = 23:30 EST on 7 March: 8 days before, nothing yet.
    expect(plan('2026-03-08T04:30:00Z', [person()], [due]).reminders).toEqual([]);
    // 2026-03-08 05:00 UTC = midnight EST on 8 March (the clocks go forward at 2:00): 7 days before.
    expect(plan('2026-03-08T05:00:00Z', [person()], [due]).reminders.map((r) => [r.stage, r.days])).toEqual([['before_7', 7]]);
    // 2026-03-15 03:59 UTC = 23:59 EDT on 14 March: the day before.
    expect(plan('2026-03-15T03:59:00Z', [person()], [due]).reminders.map((r) => [r.stage, r.days])).toEqual([['before_1', 1]]);
    // 2026-03-16 04:00 UTC = midnight EDT on 16 March: 1 day late.
    expect(plan('2026-03-16T04:00:00Z', [person()], [due]).reminders.map((r) => [r.stage, r.days])).toEqual([['after_1', 1]]);
  });

  it('counts days across the autumn change (1 November 2026)', () => {
    const due = period({ dueOn: '2026-10-31' });
    // 2026-11-07 04:30 UTC = 23:30 EST on 6 November: 6 days late.
    expect(plan('2026-11-07T04:30:00Z', [person()], [due]).reminders.map((r) => [r.stage, r.days])).toEqual([['after_1', 6]]);
    // 2026-11-07 05:00 UTC = midnight EST on 7 November: 7 days late.
    expect(plan('2026-11-07T05:00:00Z', [person()], [due]).reminders.map((r) => [r.stage, r.days])).toEqual([['after_7', 7]]);
  });

  it('mails nothing for a period already filed, nor to the disabled, those who turned reminders off, or those who no longer file for the agency', () => {
    const now = '2026-04-29T14:00:00Z';
    expect(plan(now, [person()], [period({ filed: true })]).reminders).toEqual([]);
    expect(plan(now, [person({ disabled: true })], [period()]).reminders).toEqual([]);
    expect(plan(now, [person({ reminderMail: false })], [period()]).reminders).toEqual([]);
    expect(plan(now, [person({ filesFor: [11] })], [period()]).reminders).toEqual([]);
  });

  it('mails every filer and head of the agency, each in their language', () => {
    const people = [person(), person({ userId: 2, email: 'head@example.org', language: 'es' })];
    const { reminders } = plan('2026-04-29T14:00:00Z', people, [period()]);
    expect(reminders.map((r) => [r.to, r.stage, r.locale, r.dedupeKey])).toEqual([
      ['filer@example.org', 'before_1', 'en', 'reminder_before_1:3:2026-Q1:1'],
      ['head@example.org', 'before_1', 'es', 'reminder_before_1:3:2026-Q1:2'],
    ]);
  });

  it('follows an extension: the stages start again for the new date, under their own keys', () => {
    const extended = period({ extendedUntil: '2026-05-20' });
    // 2026-05-07 is 7 days late for the original date, 13 before the new one: nothing.
    expect(plan('2026-05-07T14:00:00Z', [person()], [extended]).reminders).toEqual([]);
    const { reminders } = plan('2026-05-13T14:00:00Z', [person()], [extended]);
    expect(reminders.map((r) => [r.stage, r.dueOn, r.dedupeKey])).toEqual([['before_7', '2026-05-20', 'reminder_before_7:3:2026-Q1:1:until-2026-05-20']]);
  });

  it('sends reviewers one digest a week of their places, none when nothing happened or they turned it off', () => {
    const reviewer = person({ userId: 9, email: 'reviewer@example.org', filesFor: [], reviews: [5] });
    const activity = (over: Partial<PlanActivity>): PlanActivity => ({
      agencyId: 10,
      agencyName: 'Gaston County Sheriff',
      jurisdictionId: 5,
      requirementTitle: 'Quarterly report',
      periodStart: '2025-10-01',
      periodEnd: '2025-12-31',
      filingId: 77,
      at: '2026-05-05T15:00:00Z',
      ...over,
    });
    // Wednesday 6 May 2026: the week of Monday 4 May.
    const now = '2026-05-06T14:00:00Z';
    const overdue = period();
    const elsewhere = period({ agencyId: 20, jurisdictionId: 6, agencyName: 'Elsewhere PD' });
    const { digests, reminders } = plan(now, [reviewer], [overdue, elsewhere], [activity({}), activity({ jurisdictionId: 6 })], [activity({ filingId: 78 })]);
    expect(reminders).toEqual([]);
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({ dedupeKey: 'digest:2026-05-04:9', weekOf: '2026-05-04', to: 'reviewer@example.org' });
    expect(digests[0].filed.map((a) => a.filingId)).toEqual([77]);
    expect(digests[0].returned.map((a) => a.filingId)).toEqual([78]);
    expect(digests[0].overdue.map((p) => [p.agencyName, p.daysLate])).toEqual([['Gaston County Sheriff', 6]]);

    expect(plan(now, [{ ...reviewer, digestMail: false }], [overdue]).digests).toEqual([]);
    expect(plan(now, [{ ...reviewer, disabled: true }], [overdue]).digests).toEqual([]);
    expect(plan(now, [reviewer], [period({ filed: true })]).digests).toEqual([]);
  });
});

describe('calendar helpers', () => {
  it('counts days and finds the week’s Monday', () => {
    expect(daysBetween('2026-03-07', '2026-03-15')).toBe(8);
    expect(daysBetween('2026-11-07', '2026-10-31')).toBe(-7);
    expect(mondayOf('2026-05-10')).toBe('2026-05-04');
    expect(mondayOf('2026-05-04')).toBe('2026-05-04');
  });
});
