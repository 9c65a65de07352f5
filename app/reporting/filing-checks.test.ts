import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import { checkDraft, metricKeyProblems, metricsForKeys, periodHasEnded, valuesSha256 } from './filing-checks';
import { isCalendarDate, newYorkDate } from './calendar';
import { describeFilingMessage } from './filing-messages';

const metrics = metricsForKeys(['detainers_received', 'detainers_honored', 'gross_cost']);
const check = (values: Record<string, string>, extra: Partial<Parameters<typeof checkDraft>[0]> = {}) =>
  checkDraft({ metrics, values, explanations: {}, nothingToReport: false, history: {}, ...extra });

describe('newYorkDate and periodHasEnded', () => {
  it('uses the New York day, not UTC', () => {
    expect(newYorkDate(new Date('2025-10-01T03:59:59Z'))).toBe('2025-09-30');
    expect(newYorkDate(new Date('2025-10-01T04:00:00Z'))).toBe('2025-10-01');
  });
  it('ends a period at midnight New York after its last day', () => {
    expect(periodHasEnded('2025-09-30', new Date('2025-10-01T03:59:59.999Z'))).toBe(false);
    expect(periodHasEnded('2025-09-30', new Date('2025-10-01T04:00:00Z'))).toBe(true);
  });
  it('tells real dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2025-02-29')).toBe(false);
    expect(isCalendarDate('2025-1-01')).toBe(false);
  });
});

describe('metricKeyProblems', () => {
  it('accepts keys of the agency’s models', () => {
    expect(metricKeyProblems(['detainers_received', 'bookings_screened'], ['JEM'], 'X')).toEqual([]);
  });
  it('names the key that does not apply, the unknown, the derived, duplicates and a breakdown without its total', () => {
    const problems = metricKeyProblems(
      ['task_force_stops', 'nope', 'net_local_cost', 'ice_requests', 'ice_requests', 'transferred_by_sex.male'],
      ['JEM'],
      'Gaston County Sheriff’s Office',
    );
    expect(problems).toEqual([
      expect.stringMatching(/^"task_force_stops" \(Task-force stops\) does not apply to Gaston County Sheriff’s Office's agreements \(JEM\)/),
      'Unknown metric "nope".',
      expect.stringContaining('"net_local_cost" is calculated'),
      '"ice_requests" is listed twice.',
      expect.stringContaining('include "transfers_to_ice"'),
    ]);
  });
  it('refuses an empty list and an agency without agreements', () => {
    expect(metricKeyProblems([], ['JEM'], 'X')).toEqual(['Choose at least one metric.']);
    expect(metricKeyProblems(['ice_requests'], [], 'X')[0]).toMatch(/no active or pending agreement/);
  });
  it('keeps a requirement version to the catalogue it was made with: v2 keys only from catalogue 2 on', () => {
    const keys = ['bookings_screened', 'booked_by_race.asian', 'booked_by_race.white'];
    expect(metricKeyProblems(keys, ['JEM'], 'X')).toEqual([]);
    expect(metricKeyProblems(keys, ['JEM'], 'X', 2)).toEqual([]);
    expect(metricKeyProblems(keys, ['JEM'], 'X', 1)).toEqual([
      '"booked_by_race.asian" (Booked: Asian) is in version 2 of the metric catalogue; these rules use version 1.',
      '"booked_by_race.white" (Booked: White) is in version 2 of the metric catalogue; these rules use version 1.',
    ]);
    // A new breakdown needs its total, as the old ones do.
    expect(metricKeyProblems(['ice_requests_by_outcome.pending'], ['WSO'], 'X')).toEqual([expect.stringContaining('include "ice_requests"')]);
    expect(metricsForKeys(keys, 2).map((metric) => metric.version)).toEqual([1, 2, 2]);
    expect(() => metricsForKeys(keys, 1)).toThrow(/catalogue 1 names metric "booked_by_race.asian" of catalogue 2/);
  });
});

describe('checkDraft', () => {
  it('normalises readable values', () => {
    const result = check({ detainers_received: ' 1,200 ', detainers_honored: '3', gross_cost: '$10.5' });
    expect(result.values).toEqual({ detainers_received: '1200', detainers_honored: '3', gross_cost: '10.50' });
    expect(result.issues).toEqual([]);
  });
  it('names unreadable and missing fields, and still runs rules on the readable ones', () => {
    const result = check({ detainers_received: '2', detainers_honored: '5', gross_cost: 'lots' });
    expect(result.values).toBeNull();
    expect(result.issues.map((issue) => [issue.source, issue.fields, issue.blocking])).toEqual([
      ['value', ['gross_cost'], true],
      ['rule', ['detainers_honored', 'detainers_received'], true],
    ]);
    expect(result.issues[0].message).toEqual({ code: 'value_not_a_number', params: { typed: 'lots' } });
    expect(describeFilingMessage(translator('en'), result.issues[0].message)).toBe('"lots" is not a number.');
  });
  it('blocks an outlier until it is explained', () => {
    const history = { detainers_received: ['10', '12', '11'] };
    const values = { detainers_received: '100', detainers_honored: '1', gross_cost: '0' };
    expect(check(values, { history }).issues).toMatchObject([{ rule: 'outlier:detainers_received', severity: 'warning', blocking: true }]);
    const explained = check(values, { history, explanations: { 'outlier:detainers_received': 'A mass booking event.' } });
    expect(explained.issues).toMatchObject([{ rule: 'outlier:detainers_received', blocking: false }]);
  });
  it('takes "nothing to report" with no values, and refuses it with values', () => {
    expect(check({ detainers_received: ' ' }, { nothingToReport: true })).toEqual({ values: {}, issues: [], ruleIssues: [] });
    const refused = check({ detainers_received: '3' }, { nothingToReport: true });
    expect(refused.values).toBeNull();
    expect(refused.issues[0].fields).toEqual(['nothingToReport', 'detainers_received']);
    expect(refused.issues[0].message).toEqual({ code: 'nothing_with_values', params: {} });
  });
});

describe('valuesSha256', () => {
  it('hashes the canonical JSON, so key order does not matter', () => {
    expect(valuesSha256({ b: '1', a: '2' })).toBe(valuesSha256({ a: '2', b: '1' }));
    // sha256('{}')
    expect(valuesSha256({})).toBe('44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a');
  });
});
