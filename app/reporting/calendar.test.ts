import { afterEach, describe, expect, it } from 'vitest';
import { addDays, endOfDayInNewYork, expectedPeriods, holdsEndOfNewYorkDay, newYorkDate, periodStatus, startOfDayInNewYork, type ActiveRange, type ExpectedPeriod, type Frequency, type RequirementVersion } from './calendar';

/*
 * Every expected value below is a literal worked out by hand from a printed calendar:
 * New York is on EST (UTC−5) until the second Sunday of March at 02:00 and on EDT (UTC−4)
 * until the first Sunday of November at 02:00 (2024: Mar 10 / Nov 3; 2025: Mar 9 / Nov 2).
 * So the end of a New York day is …T04:59:59.999Z the next day in EST and …T03:59:59.999Z in EDT.
 */

/* ---------------------------------------------------------------------- */
/* Helpers                                                                 */
/* ---------------------------------------------------------------------- */

function version(
  id: string,
  effectiveFrom: string,
  frequency: Frequency,
  dueDaysAfterEnd: number,
  acceptsLate = true,
): RequirementVersion {
  return { id, effectiveFrom, frequency, dueDaysAfterEnd, acceptsLate };
}

/** One expected period, written as a row. */
function row(
  key: string,
  start: string,
  end: string,
  dueOn: string,
  dueAt: string,
  versionId: string,
  acceptsLate = true,
  partial = false,
): ExpectedPeriod {
  return { key, start, end, dueOn, dueAt, versionId, acceptsLate, partial };
}

const ALWAYS: ActiveRange[] = [{ from: '2000-01-01', to: null }];

function periods(versions: RequirementVersion[], through: string, active = ALWAYS, includeCurrent = false) {
  return expectedPeriods({ versions, active, through, includeCurrent });
}

function keys(list: ExpectedPeriod[]) {
  return list.map((p) => p.key);
}

/* ---------------------------------------------------------------------- */
/* Dates and instants                                                      */
/* ---------------------------------------------------------------------- */

describe('addDays', () => {
  it('crosses month ends', () => {
    expect(addDays('2025-01-31', 30)).toBe('2025-03-02');
    expect(addDays('2025-01-31', 1)).toBe('2025-02-01');
    expect(addDays('2025-04-30', 15)).toBe('2025-05-15');
    expect(addDays('2025-09-30', 45)).toBe('2025-11-14');
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2025-12-31', 30)).toBe('2026-01-30');
  });

  it('knows leap years', () => {
    expect(addDays('2024-01-31', 30)).toBe('2024-03-01');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2025-02-28', 1)).toBe('2025-03-01');
    expect(addDays('2024-02-29', 365)).toBe('2025-02-28');
    expect(addDays('2024-01-01', 366)).toBe('2025-01-01');
    expect(addDays('1900-02-28', 1)).toBe('1900-03-01'); // divisible by 100: not leap
    expect(addDays('2000-02-28', 1)).toBe('2000-02-29'); // divisible by 400: leap
  });

  it('goes backwards and stays put', () => {
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect(addDays('2025-03-01', -1)).toBe('2025-02-28');
    expect(addDays('2025-01-01', -1)).toBe('2024-12-31');
    expect(addDays('2025-07-04', 0)).toBe('2025-07-04');
  });

  it('rejects days that do not exist and malformed dates', () => {
    expect(() => addDays('2025-02-29', 1)).toThrow(/no such day/);
    expect(() => addDays('2025-04-31', 1)).toThrow(/no such day/);
    expect(() => addDays('2025-13-01', 1)).toThrow(/no such day/);
    expect(() => addDays('2025-7-1', 1)).toThrow(/YYYY-MM-DD/);
    expect(() => addDays('2025-07-01T00:00:00Z', 1)).toThrow(/YYYY-MM-DD/);
    expect(() => addDays('2025-07-01', 1.5)).toThrow(/integer/);
  });
});

describe('New York days as instants', () => {
  it('ends a winter day at 04:59:59.999 UTC the next day and a summer day at 03:59:59.999', () => {
    expect(endOfDayInNewYork('2025-01-15')).toBe('2025-01-16T04:59:59.999Z');
    expect(endOfDayInNewYork('2025-07-15')).toBe('2025-07-16T03:59:59.999Z');
    expect(endOfDayInNewYork('2025-11-14')).toBe('2025-11-15T04:59:59.999Z');
    expect(endOfDayInNewYork('2025-12-31')).toBe('2026-01-01T04:59:59.999Z');
  });

  it('handles the spring-forward day (2025-03-09: 23 hours, ends in EDT)', () => {
    expect(endOfDayInNewYork('2025-03-08')).toBe('2025-03-09T04:59:59.999Z');
    expect(startOfDayInNewYork('2025-03-09')).toBe('2025-03-09T05:00:00.000Z');
    expect(endOfDayInNewYork('2025-03-09')).toBe('2025-03-10T03:59:59.999Z');
    expect(startOfDayInNewYork('2025-03-10')).toBe('2025-03-10T04:00:00.000Z');
    expect(startOfDayInNewYork('2024-03-10')).toBe('2024-03-10T05:00:00.000Z');
    expect(endOfDayInNewYork('2024-03-10')).toBe('2024-03-11T03:59:59.999Z');
  });

  it('handles the fall-back day (2025-11-02: 25 hours, ends in EST)', () => {
    expect(endOfDayInNewYork('2025-11-01')).toBe('2025-11-02T03:59:59.999Z');
    expect(startOfDayInNewYork('2025-11-02')).toBe('2025-11-02T04:00:00.000Z');
    expect(endOfDayInNewYork('2025-11-02')).toBe('2025-11-03T04:59:59.999Z');
    expect(startOfDayInNewYork('2025-11-03')).toBe('2025-11-03T05:00:00.000Z');
    expect(startOfDayInNewYork('2024-11-03')).toBe('2024-11-03T04:00:00.000Z');
    expect(endOfDayInNewYork('2024-11-03')).toBe('2024-11-04T04:59:59.999Z');
  });

  describe('whatever the machine’s time zone', () => {
    const original = process.env.TZ;
    afterEach(() => {
      if (original === undefined) delete process.env.TZ;
      else process.env.TZ = original;
    });

    for (const zone of ['Pacific/Auckland', 'Asia/Kolkata', 'America/Los_Angeles', 'UTC']) {
      it(`gives the same instants with TZ=${zone}`, () => {
        process.env.TZ = zone;
        expect(endOfDayInNewYork('2025-03-09')).toBe('2025-03-10T03:59:59.999Z');
        expect(endOfDayInNewYork('2025-11-02')).toBe('2025-11-03T04:59:59.999Z');
        expect(startOfDayInNewYork('2025-07-01')).toBe('2025-07-01T04:00:00.000Z');
        expect(addDays('2025-03-08', 1)).toBe('2025-03-09');
      });
    }
  });
});

/* ---------------------------------------------------------------------- */
/* expectedPeriods                                                         */
/* ---------------------------------------------------------------------- */

describe('expectedPeriods: periods and due dates', () => {
  it('lists the quarters of a year with their deadlines (EDT and EST)', () => {
    expect(periods([version('v1', '2025-01-01', 'QUARTERLY', 30)], '2025-12-31')).toEqual([
      row('2025-Q1', '2025-01-01', '2025-03-31', '2025-04-30', '2025-05-01T03:59:59.999Z', 'v1'),
      row('2025-Q2', '2025-04-01', '2025-06-30', '2025-07-30', '2025-07-31T03:59:59.999Z', 'v1'),
      row('2025-Q3', '2025-07-01', '2025-09-30', '2025-10-30', '2025-10-31T03:59:59.999Z', 'v1'),
      row('2025-Q4', '2025-10-01', '2025-12-31', '2026-01-30', '2026-01-31T04:59:59.999Z', 'v1'),
    ]);
  });

  it('gives months their real lengths, February 2024 included (29 days)', () => {
    expect(periods([version('v1', '2024-01-01', 'MONTHLY', 30)], '2024-04-30')).toEqual([
      row('2024-01', '2024-01-01', '2024-01-31', '2024-03-01', '2024-03-02T04:59:59.999Z', 'v1'),
      row('2024-02', '2024-02-01', '2024-02-29', '2024-03-30', '2024-03-31T03:59:59.999Z', 'v1'),
      row('2024-03', '2024-03-01', '2024-03-31', '2024-04-30', '2024-05-01T03:59:59.999Z', 'v1'),
      row('2024-04', '2024-04-01', '2024-04-30', '2024-05-30', '2024-05-31T03:59:59.999Z', 'v1'),
    ]);
  });

  it('gives February 2025 28 days; January 31 + 30 days is March 2', () => {
    expect(periods([version('v1', '2025-01-01', 'MONTHLY', 30)], '2025-02-28')).toEqual([
      row('2025-01', '2025-01-01', '2025-01-31', '2025-03-02', '2025-03-03T04:59:59.999Z', 'v1'),
      row('2025-02', '2025-02-01', '2025-02-28', '2025-03-30', '2025-03-31T03:59:59.999Z', 'v1'),
    ]);
  });

  it('ends Q1 2024 on March 31 and the 2024 year on December 31', () => {
    expect(periods([version('q', '2024-01-01', 'QUARTERLY', 30)], '2024-03-31')).toEqual([
      row('2024-Q1', '2024-01-01', '2024-03-31', '2024-04-30', '2024-05-01T03:59:59.999Z', 'q'),
    ]);
    expect(periods([version('a', '2024-01-01', 'ANNUAL', 60)], '2024-12-31')).toEqual([
      row('2024', '2024-01-01', '2024-12-31', '2025-03-01', '2025-03-02T04:59:59.999Z', 'a'),
    ]);
  });

  it('puts a due date on the spring-forward day at the end of that day in EDT', () => {
    expect(periods([version('v1', '2025-01-01', 'MONTHLY', 9)], '2025-02-28')).toEqual([
      row('2025-01', '2025-01-01', '2025-01-31', '2025-02-09', '2025-02-10T04:59:59.999Z', 'v1'),
      row('2025-02', '2025-02-01', '2025-02-28', '2025-03-09', '2025-03-10T03:59:59.999Z', 'v1'),
    ]);
  });

  it('puts a due date on the fall-back day at the end of that day in EST', () => {
    expect(periods([version('v1', '2025-09-01', 'MONTHLY', 2)], '2025-10-31')).toEqual([
      row('2025-09', '2025-09-01', '2025-09-30', '2025-10-02', '2025-10-03T03:59:59.999Z', 'v1'),
      row('2025-10', '2025-10-01', '2025-10-31', '2025-11-02', '2025-11-03T04:59:59.999Z', 'v1'),
    ]);
  });

  it('falls due on the last day of the period when dueDaysAfterEnd is 0', () => {
    expect(periods([version('v1', '2025-01-01', 'QUARTERLY', 0)], '2025-03-31')).toEqual([
      row('2025-Q1', '2025-01-01', '2025-03-31', '2025-03-31', '2025-04-01T03:59:59.999Z', 'v1'),
    ]);
  });

  it('does not expect a period already under way when the policy is first adopted', () => {
    expect(keys(periods([version('v1', '2025-02-10', 'QUARTERLY', 30)], '2025-12-31'))).toEqual([
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
    ]);
    expect(keys(periods([version('v1', '2025-04-01', 'QUARTERLY', 30)], '2025-06-30'))).toEqual(['2025-Q2']);
  });
});

describe('expectedPeriods: amended policies', () => {
  it('uses the new due days for quarters starting on or after the amendment (from 2025-07-01)', () => {
    const versions = [version('v1', '2025-01-01', 'QUARTERLY', 30, true), version('v2', '2025-07-01', 'QUARTERLY', 15, false)];
    expect(periods(versions, '2025-12-31')).toEqual([
      row('2025-Q1', '2025-01-01', '2025-03-31', '2025-04-30', '2025-05-01T03:59:59.999Z', 'v1', true),
      row('2025-Q2', '2025-04-01', '2025-06-30', '2025-07-30', '2025-07-31T03:59:59.999Z', 'v1', true),
      row('2025-Q3', '2025-07-01', '2025-09-30', '2025-10-15', '2025-10-16T03:59:59.999Z', 'v2', false),
      row('2025-Q4', '2025-10-01', '2025-12-31', '2026-01-15', '2026-01-16T04:59:59.999Z', 'v2', false),
    ]);
  });

  it('keeps the old rules for the quarter under way when amended mid-quarter (from 2025-08-15)', () => {
    const versions = [version('v1', '2025-01-01', 'QUARTERLY', 30, true), version('v2', '2025-08-15', 'QUARTERLY', 15, false)];
    expect(periods(versions, '2025-12-31').slice(2)).toEqual([
      row('2025-Q3', '2025-07-01', '2025-09-30', '2025-10-30', '2025-10-31T03:59:59.999Z', 'v1', true),
      row('2025-Q4', '2025-10-01', '2025-12-31', '2026-01-15', '2026-01-16T04:59:59.999Z', 'v2', false),
    ]);
  });

  it('completes Q3 under the quarterly rules and starts monthly on 2025-10-01 (amended 2025-08-15)', () => {
    const versions = [version('v1', '2025-01-01', 'QUARTERLY', 30), version('v2', '2025-08-15', 'MONTHLY', 10, false)];
    expect(periods(versions, '2025-12-31')).toEqual([
      row('2025-Q1', '2025-01-01', '2025-03-31', '2025-04-30', '2025-05-01T03:59:59.999Z', 'v1'),
      row('2025-Q2', '2025-04-01', '2025-06-30', '2025-07-30', '2025-07-31T03:59:59.999Z', 'v1'),
      row('2025-Q3', '2025-07-01', '2025-09-30', '2025-10-30', '2025-10-31T03:59:59.999Z', 'v1'),
      row('2025-10', '2025-10-01', '2025-10-31', '2025-11-10', '2025-11-11T04:59:59.999Z', 'v2', false),
      row('2025-11', '2025-11-01', '2025-11-30', '2025-12-10', '2025-12-11T04:59:59.999Z', 'v2', false),
      row('2025-12', '2025-12-01', '2025-12-31', '2026-01-10', '2026-01-11T04:59:59.999Z', 'v2', false),
    ]);
  });

  it('switches quarterly → monthly at once when the amendment takes effect on a quarter boundary', () => {
    const versions = [version('v1', '2025-01-01', 'QUARTERLY', 30), version('v2', '2025-07-01', 'MONTHLY', 10)];
    expect(periods(versions, '2025-08-31')).toEqual([
      row('2025-Q1', '2025-01-01', '2025-03-31', '2025-04-30', '2025-05-01T03:59:59.999Z', 'v1'),
      row('2025-Q2', '2025-04-01', '2025-06-30', '2025-07-30', '2025-07-31T03:59:59.999Z', 'v1'),
      row('2025-07', '2025-07-01', '2025-07-31', '2025-08-10', '2025-08-11T03:59:59.999Z', 'v2'),
      row('2025-08', '2025-08-01', '2025-08-31', '2025-09-10', '2025-09-11T03:59:59.999Z', 'v2'),
    ]);
  });

  it('goes on monthly under the old rules until a quarter can start (monthly → quarterly from 2025-08-15)', () => {
    const versions = [version('v1', '2025-01-01', 'MONTHLY', 30), version('v2', '2025-08-15', 'QUARTERLY', 15, false)];
    expect(periods(versions, '2025-12-31').slice(6)).toEqual([
      row('2025-07', '2025-07-01', '2025-07-31', '2025-08-30', '2025-08-31T03:59:59.999Z', 'v1'),
      row('2025-08', '2025-08-01', '2025-08-31', '2025-09-30', '2025-10-01T03:59:59.999Z', 'v1'),
      row('2025-09', '2025-09-01', '2025-09-30', '2025-10-30', '2025-10-31T03:59:59.999Z', 'v1'),
      row('2025-Q4', '2025-10-01', '2025-12-31', '2026-01-15', '2026-01-16T04:59:59.999Z', 'v2', false),
    ]);
  });

  it('completes the year under way when annual becomes quarterly (from 2025-03-01)', () => {
    const versions = [version('v1', '2024-01-01', 'ANNUAL', 60), version('v2', '2025-03-01', 'QUARTERLY', 15)];
    expect(periods(versions, '2026-06-30')).toEqual([
      row('2024', '2024-01-01', '2024-12-31', '2025-03-01', '2025-03-02T04:59:59.999Z', 'v1'),
      row('2025', '2025-01-01', '2025-12-31', '2026-03-01', '2026-03-02T04:59:59.999Z', 'v1'),
      row('2026-Q1', '2026-01-01', '2026-03-31', '2026-04-15', '2026-04-16T03:59:59.999Z', 'v2'),
      row('2026-Q2', '2026-04-01', '2026-06-30', '2026-07-15', '2026-07-16T03:59:59.999Z', 'v2'),
    ]);
  });

  it('never uses a version superseded before it could take over', () => {
    const versions = [
      version('v1', '2025-01-01', 'QUARTERLY', 30),
      version('v2', '2025-08-15', 'ANNUAL', 60), // would have started 2026-01-01
      version('v3', '2025-09-01', 'MONTHLY', 10), // in force on 2025-10-01, a month boundary
    ];
    const list = periods(versions, '2025-11-30');
    expect(keys(list)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-10', '2025-11']);
    expect(list.map((p) => p.versionId)).toEqual(['v1', 'v1', 'v1', 'v3', 'v3']);
  });

  it('does not depend on the order the versions are given in', () => {
    const a = version('v1', '2025-01-01', 'QUARTERLY', 30);
    const b = version('v2', '2025-08-15', 'MONTHLY', 10);
    expect(periods([b, a], '2025-12-31')).toEqual(periods([a, b], '2025-12-31'));
  });

  it('rejects two versions taking effect the same day, and invalid rules', () => {
    expect(() =>
      periods([version('v1', '2025-01-01', 'QUARTERLY', 30), version('v2', '2025-01-01', 'MONTHLY', 10)], '2025-12-31'),
    ).toThrow(/both take effect on 2025-01-01/);
    expect(() => periods([version('v1', '2025-01-01', 'QUARTERLY', -1)], '2025-12-31')).toThrow(/dueDaysAfterEnd/);
    expect(() => periods([version('v1', '2025-01-01', 'WEEKLY' as Frequency, 7)], '2025-12-31')).toThrow(/frequency/);
    expect(() => periods([version('v1', '2025-02-30', 'QUARTERLY', 30)], '2025-12-31')).toThrow(/effectiveFrom/);
  });

  it('expects nothing without versions', () => {
    expect(periods([], '2025-12-31')).toEqual([]);
  });
});

describe('expectedPeriods: when the agreement was active', () => {
  const quarterly = [version('v1', '2024-01-01', 'QUARTERLY', 30)];

  it('marks the first quarter partial when the agreement starts mid-quarter', () => {
    const list = periods(quarterly, '2025-12-31', [{ from: '2025-05-20', to: null }]);
    expect(list).toEqual([
      row('2025-Q2', '2025-04-01', '2025-06-30', '2025-07-30', '2025-07-31T03:59:59.999Z', 'v1', true, true),
      row('2025-Q3', '2025-07-01', '2025-09-30', '2025-10-30', '2025-10-31T03:59:59.999Z', 'v1', true, false),
      row('2025-Q4', '2025-10-01', '2025-12-31', '2026-01-30', '2026-01-31T04:59:59.999Z', 'v1', true, false),
    ]);
  });

  it('marks the last quarter partial and expects nothing after an agreement ends mid-quarter', () => {
    const list = periods(quarterly, '2025-12-31', [{ from: '2024-01-01', to: '2025-08-10' }]);
    expect(keys(list)).toEqual(['2024-Q1', '2024-Q2', '2024-Q3', '2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3']);
    expect(list.map((p) => p.partial)).toEqual([false, false, false, false, false, false, true]);
  });

  it('counts a single day: first or last day of a quarter', () => {
    expect(periods(quarterly, '2025-06-30', [{ from: '2025-03-31', to: null }]).map((p) => [p.key, p.partial])).toEqual([
      ['2025-Q1', true],
      ['2025-Q2', false],
    ]);
    expect(periods(quarterly, '2025-12-31', [{ from: '2025-01-01', to: '2025-07-01' }]).map((p) => [p.key, p.partial])).toEqual([
      ['2025-Q1', false],
      ['2025-Q2', false],
      ['2025-Q3', true],
    ]);
    expect(keys(periods(quarterly, '2025-12-31', [{ from: '2025-01-01', to: '2025-06-30' }]))).toEqual(['2025-Q1', '2025-Q2']);
  });

  it('expects no periods in a gap between two agreements', () => {
    const active = [
      { from: '2025-02-01', to: null },
      { from: '2024-01-01', to: '2024-05-15' },
    ];
    expect(periods(quarterly, '2025-06-30', active)).toEqual([
      row('2024-Q1', '2024-01-01', '2024-03-31', '2024-04-30', '2024-05-01T03:59:59.999Z', 'v1', true, false),
      row('2024-Q2', '2024-04-01', '2024-06-30', '2024-07-30', '2024-07-31T03:59:59.999Z', 'v1', true, true),
      row('2025-Q1', '2025-01-01', '2025-03-31', '2025-04-30', '2025-05-01T03:59:59.999Z', 'v1', true, true),
      row('2025-Q2', '2025-04-01', '2025-06-30', '2025-07-30', '2025-07-31T03:59:59.999Z', 'v1', true, false),
    ]);
  });

  it('treats back-to-back agreements as one (not partial), and a gap inside a quarter as partial', () => {
    const backToBack = [
      { from: '2025-02-15', to: null },
      { from: '2024-10-01', to: '2025-02-14' },
    ];
    expect(periods(quarterly, '2025-03-31', backToBack).map((p) => [p.key, p.partial])).toEqual([
      ['2024-Q4', false],
      ['2025-Q1', false],
    ]);
    const gapInside = [
      { from: '2025-01-01', to: '2025-01-31' },
      { from: '2025-03-01', to: '2025-12-31' },
    ];
    expect(periods(quarterly, '2025-06-30', gapInside).map((p) => [p.key, p.partial])).toEqual([
      ['2025-Q1', true],
      ['2025-Q2', false],
    ]);
  });

  it('expects nothing without an agreement, and rejects a range that ends before it starts', () => {
    expect(periods(quarterly, '2025-12-31', [])).toEqual([]);
    expect(() => periods(quarterly, '2025-12-31', [{ from: '2025-05-01', to: '2025-04-30' }])).toThrow(/before it starts/);
  });
});

describe('expectedPeriods: through and includeCurrent', () => {
  const quarterly = [version('v1', '2025-01-01', 'QUARTERLY', 30)];

  it('lists the periods ended by `through`, and the current one on request', () => {
    expect(keys(periods(quarterly, '2025-08-20'))).toEqual(['2025-Q1', '2025-Q2']);
    expect(keys(periods(quarterly, '2025-08-20', ALWAYS, true))).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect(keys(periods(quarterly, '2025-09-30'))).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect(keys(periods(quarterly, '2025-09-30', ALWAYS, true))).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
    expect(keys(periods(quarterly, '2025-10-01', ALWAYS, true))).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4']);
  });

  it('lists nothing before the first period ends', () => {
    expect(periods(quarterly, '2024-12-31')).toEqual([]);
    expect(periods(quarterly, '2025-03-30')).toEqual([]);
    expect(keys(periods(quarterly, '2025-03-30', ALWAYS, true))).toEqual(['2025-Q1']);
  });

  it('rejects a malformed through date', () => {
    expect(() => periods(quarterly, '2025-9-30')).toThrow(/through/);
  });
});

/* ---------------------------------------------------------------------- */
/* periodStatus                                                            */
/* ---------------------------------------------------------------------- */

describe('periodStatus', () => {
  // Q3 2025, due 30 days after: the deadline passes at the end of 2025-10-30 in EDT.
  const q3 = row('2025-Q3', '2025-07-01', '2025-09-30', '2025-10-30', '2025-10-31T03:59:59.999Z', 'v1');
  // Q4 2025, due 2026-01-30: the period starts in EDT and the deadline passes in EST.
  const q4 = row('2025-Q4', '2025-10-01', '2025-12-31', '2026-01-30', '2026-01-31T04:59:59.999Z', 'v1');

  it('is upcoming before the first day starts in New York, open until the last day ends', () => {
    expect(periodStatus(q3, null, '2025-06-15T12:00:00Z')).toBe('upcoming');
    expect(periodStatus(q3, null, '2025-07-01T03:59:59.999Z')).toBe('upcoming'); // 23:59:59.999 on June 30, EDT
    expect(periodStatus(q3, null, '2025-07-01T04:00:00.000Z')).toBe('open');
    expect(periodStatus(q3, null, '2025-09-30T23:30:00-04:00')).toBe('open');
    expect(periodStatus(q3, null, '2025-10-01T03:59:59.999Z')).toBe('open');
  });

  it('is due from the end of the period up to and including the deadline instant, then overdue', () => {
    expect(periodStatus(q3, null, '2025-10-01T04:00:00.000Z')).toBe('due');
    expect(periodStatus(q3, null, '2025-10-31T03:59:59.999Z')).toBe('due');
    expect(periodStatus(q3, null, '2025-10-30T23:59:59.999-04:00')).toBe('due');
    expect(periodStatus(q3, null, '2025-10-31T04:00:00.000Z')).toBe('overdue');
    expect(periodStatus(q3, null, '2026-03-01T00:00:00Z')).toBe('overdue');
  });

  it('uses EST offsets for a winter period and deadline', () => {
    expect(periodStatus(q4, null, '2025-10-01T03:59:59.999Z')).toBe('upcoming');
    expect(periodStatus(q4, null, '2025-10-01T04:00:00.000Z')).toBe('open');
    expect(periodStatus(q4, null, '2026-01-01T04:59:59.999Z')).toBe('open'); // 23:59:59.999 on Dec 31, EST
    expect(periodStatus(q4, null, '2026-01-01T05:00:00.000Z')).toBe('due');
    expect(periodStatus(q4, null, '2026-01-31T04:00:00.000Z')).toBe('due'); // would be past the deadline in EDT
    expect(periodStatus(q4, null, '2026-01-31T04:59:59.999Z')).toBe('due');
    expect(periodStatus(q4, null, '2026-01-31T05:00:00.000Z')).toBe('overdue');
  });

  it('is on_time when filed at or before the deadline instant, late after it', () => {
    const now = '2026-06-01T12:00:00Z';
    expect(periodStatus(q3, '2025-09-15T12:00:00Z', now)).toBe('on_time'); // filed before the period ended
    expect(periodStatus(q3, '2025-10-15T14:00:00Z', now)).toBe('on_time');
    expect(periodStatus(q3, '2025-10-31T03:59:59.999Z', now)).toBe('on_time');
    expect(periodStatus(q3, '2025-10-30T23:59:59.999-04:00', now)).toBe('on_time');
    expect(periodStatus(q3, '2025-10-31T04:00:00.000Z', now)).toBe('late');
    expect(periodStatus(q3, '2025-10-31T00:00:00-04:00', now)).toBe('late');
    expect(periodStatus(q4, '2026-01-31T04:59:59.999Z', now)).toBe('on_time');
    expect(periodStatus(q4, '2026-01-31T05:00:00.000Z', now)).toBe('late');
  });

  it('agrees with the periods expectedPeriods produces', () => {
    const [p] = periods([version('v1', '2025-07-01', 'QUARTERLY', 30)], '2025-09-30');
    expect(p).toEqual(q3);
    expect(periodStatus(p, null, '2025-10-31T03:59:59.999Z')).toBe('due');
    expect(periodStatus(p, null, '2025-10-31T04:00:00.000Z')).toBe('overdue');
  });

  it('refuses instants without an explicit offset (they would be read in the machine’s zone)', () => {
    expect(() => periodStatus(q3, null, '2025-10-31T00:00:00')).toThrow(/offset/);
    expect(() => periodStatus(q3, '2025-10-31', '2025-10-31T00:00:00Z')).toThrow(/filedAt/);
  });
});

describe('newYorkDate', () => {
  it("gives the day in New York, not UTC's", () => {
    expect(newYorkDate('2026-01-16T03:30:00.000Z')).toBe('2026-01-15');
    expect(newYorkDate('2026-07-16T12:00:00.000Z')).toBe('2026-07-16');
  });
});

describe('holdsEndOfNewYorkDay', () => {
  const at = (iso: string) => new Date(iso);
  it('finds the last instant of a New York day in a window, and none inside one day', () => {
    // 11 p.m. to 1 a.m. EST holds midnight; 1 a.m. to 11 p.m. does not.
    expect(holdsEndOfNewYorkDay(at('2026-12-07T04:00:00Z'), at('2026-12-07T06:00:00Z'))).toBe(true);
    expect(holdsEndOfNewYorkDay(at('2026-12-07T06:00:00Z'), at('2026-12-08T04:00:00Z'))).toBe(false);
    // The deadline's own instant counts in the window it ends, not in the next.
    expect(holdsEndOfNewYorkDay(at('2026-12-08T04:59:00Z'), at('2026-12-08T04:59:59.999Z'))).toBe(true);
    expect(holdsEndOfNewYorkDay(at('2026-12-08T04:59:59.999Z'), at('2026-12-08T05:30:00Z'))).toBe(false);
  });

  it('follows daylight-saving time: midnight is 04:00 UTC in summer, 05:00 in winter', () => {
    expect(holdsEndOfNewYorkDay(at('2026-07-01T03:30:00Z'), at('2026-07-01T04:30:00Z'))).toBe(true);
    expect(holdsEndOfNewYorkDay(at('2026-01-15T03:30:00Z'), at('2026-01-15T04:30:00Z'))).toBe(false);
    // The night clocks go forward (March 8, 2026) and back (November 1, 2026).
    expect(holdsEndOfNewYorkDay(at('2026-03-08T04:30:00Z'), at('2026-03-08T05:30:00Z'))).toBe(true);
    expect(holdsEndOfNewYorkDay(at('2026-11-01T03:30:00Z'), at('2026-11-01T04:30:00Z'))).toBe(true);
    expect(holdsEndOfNewYorkDay(at('2026-11-01T04:30:00Z'), at('2026-11-02T04:30:00Z'))).toBe(false);
  });
});
