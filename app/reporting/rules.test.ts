import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import { describeFilingMessage, filingMessage } from './filing-messages';
import { metricsForModels, type MetricDefinition } from './metrics';
import { blockingIssues, checkRules, historyOf, OUTLIER_HISTORY_PERIODS, type RuleInput, type RuleIssue } from './rules';

const JEM = metricsForModels(['JEM']);
const WSO = metricsForModels(['WSO']);
const TFM = metricsForModels(['TFM']);

type Options = { metrics?: MetricDefinition[]; history?: RuleInput['history'] };
function checkRaw(values: Record<string, string>, options: Options = {}) {
  return checkRules({ values, history: options.history ?? {}, explanations: {} }, options.metrics ?? JEM);
}
/** The issues with their messages (codes with parameters) as the English catalog words them. */
const english = translator('en');
const check = (values: Record<string, string>, options: Options = {}) =>
  checkRaw(values, options).map((issue) => ({ ...issue, message: describeFilingMessage(english, issue.message) }));
const messages = (issues: { message: string }[]) => issues.map((issue) => issue.message);
const rules = (issues: { rule: string }[]) => issues.map((issue) => issue.rule);

describe('detainer outcomes', () => {
  it('passes when honored and declined fit within received (some may still be open)', () => {
    expect(check({ detainers_received: '12', detainers_honored: '12', detainers_declined: '0' })).toEqual([]);
    expect(check({ detainers_received: '12', detainers_honored: '5', detainers_declined: '4' })).toEqual([]);
  });

  it('refuses more honored than received, once', () => {
    expect(check({ detainers_received: '12', detainers_honored: '14', detainers_declined: '0' })).toEqual([
      {
        rule: 'detainers_honored_within_received',
        severity: 'error',
        fields: ['detainers_honored', 'detainers_received'],
        message: 'Detainers honored (14) cannot be more than detainers received (12).',
        explainable: false,
      },
    ]);
  });

  it('refuses honored plus declined above received', () => {
    expect(check({ detainers_received: '12', detainers_honored: '10', detainers_declined: '5' })).toEqual([
      {
        rule: 'detainer_outcomes_within_received',
        severity: 'error',
        fields: ['detainers_honored', 'detainers_declined', 'detainers_received'],
        message: 'Detainers honored (10) and detainers declined (5) add up to 15, more than detainers received (12).',
        explainable: false,
      },
    ]);
  });

  it('says it as a code with the metrics’ keys and the amounts as shown, for the page to word', () => {
    expect(checkRaw({ detainers_received: '12', detainers_honored: '14', detainers_declined: '0' })[0].message).toEqual({
      code: 'rule_cannot_exceed',
      params: { partMetric: 'detainers_honored', partAmount: '14', wholeMetric: 'detainers_received', wholeAmount: '12' },
    });
  });

  it('shows large counts with thousands separators', () => {
    expect(messages(check({ detainers_received: '1200', detainers_honored: '1201' }))).toEqual([
      'Detainers honored (1,201) cannot be more than detainers received (1,200).',
    ]);
  });

  it('stays silent when a value is missing or the metrics are not part of the filing', () => {
    expect(check({ detainers_honored: '14' })).toEqual([]);
    expect(check({ detainers_received: '12', detainers_honored: '10' })).toEqual([]);
    expect(check({ detainers_received: '1', detainers_honored: '14', detainers_declined: '9' }, { metrics: TFM })).toEqual([]);
  });
});

describe('transfers and people encountered', () => {
  it('passes when transfers are at most the people encountered', () => {
    expect(check({ transfers_to_ice: '9', people_encountered: '9' }, { metrics: TFM })).toEqual([]);
    expect(check({ transfers_to_ice: '9' }, { metrics: TFM })).toEqual([]);
  });

  it('flags more transfers than people encountered, explainable (earlier periods’ people)', () => {
    expect(check({ transfers_to_ice: '11', people_encountered: '9' }, { metrics: TFM })).toEqual([
      {
        rule: 'transfers_within_encountered',
        severity: 'error',
        fields: ['transfers_to_ice', 'people_encountered'],
        message: 'Transfers to ICE (11) is more than people encountered (9). If some were encountered in an earlier period, explain.',
        explainable: true,
      },
    ]);
  });
});

describe('complaints', () => {
  it('passes when sustained complaints are at most those filed', () => {
    expect(check({ complaints_filed: '3', complaints_sustained: '3' })).toEqual([]);
  });

  it('flags more sustained than filed, explainable (complaints filed earlier)', () => {
    expect(check({ complaints_filed: '2', complaints_sustained: '3' })).toEqual([
      {
        rule: 'complaints_sustained_within_filed',
        severity: 'error',
        fields: ['complaints_sustained', 'complaints_filed'],
        message: 'Complaints sustained (3) is more than complaints filed (2). If some were filed in an earlier period, explain.',
        explainable: true,
      },
    ]);
  });
});

describe('breakdowns of the transfers to ICE', () => {
  const charge = { 'transferred_by_charge.traffic': '2', 'transferred_by_charge.misdemeanor': '4', 'transferred_by_charge.felony': '3', 'transferred_by_charge.none_or_civil': '2' };

  it('passes when a group adds up to the total exactly', () => {
    expect(check({ transfers_to_ice: '11', ...charge })).toEqual([]);
  });

  it('passes when no cell of a group is filled: the group is not reported', () => {
    expect(check({ transfers_to_ice: '11' })).toEqual([]);
  });

  it('counts a missing cell as 0 once any cell of the group is filled', () => {
    const { 'transferred_by_charge.none_or_civil': _, ...withoutCivil } = charge;
    expect(check({ transfers_to_ice: '9', ...withoutCivil })).toEqual([]);
    expect(check({ transfers_to_ice: '11', ...withoutCivil })).toEqual([
      {
        rule: 'breakdown_sum:transferred_by_charge',
        severity: 'error',
        fields: ['transferred_by_charge.traffic', 'transferred_by_charge.misdemeanor', 'transferred_by_charge.felony', 'transferred_by_charge.none_or_civil', 'transfers_to_ice'],
        message: 'The charge-tier breakdown adds up to 9, but transfers to ICE is 11.',
        explainable: false,
      },
    ]);
  });

  it('refuses a sum above the total too, and checks each group on its own', () => {
    const issues = check({
      transfers_to_ice: '11',
      ...charge,
      'transferred_by_sex.female': '3',
      'transferred_by_sex.male': '9',
      'transferred_by_age.18_24': '0',
      'transferred_by_citizenship.mexico': '11',
    });
    expect(messages(issues)).toEqual([
      'The sex breakdown adds up to 12, but transfers to ICE is 11.',
      'The age-band breakdown adds up to 0, but transfers to ICE is 11.',
    ]);
    expect(rules(issues)).toEqual(['breakdown_sum:transferred_by_sex', 'breakdown_sum:transferred_by_age']);
  });

  it('names the conviction and citizenship groups', () => {
    expect(messages(check({ transfers_to_ice: '5', 'transferred_by_conviction.convicted': '1', 'transferred_by_citizenship.other': '6' }))).toEqual([
      'The conviction breakdown adds up to 1, but transfers to ICE is 5.',
      'The citizenship breakdown adds up to 6, but transfers to ICE is 5.',
    ]);
  });

  it('says so when cells are filled but the total is not', () => {
    expect(messages(check({ 'transferred_by_sex.female': '1' }))).toEqual(['The sex breakdown is filled in, but transfers to ICE is not.']);
  });

  it('only checks cells that belong to the filing', () => {
    const withoutSex = JEM.filter((metric) => metric.group !== 'transferred_by_sex');
    expect(check({ transfers_to_ice: '11', 'transferred_by_sex.female': '3' }, { metrics: withoutSex })).toEqual([]);
  });
});

describe('reimbursement and jail-bed revenue against the gross cost', () => {
  const message = 'Reimbursement and jail-bed revenue exceed the gross cost. If that is right, explain why.';

  it('passes when they are at most the gross cost', () => {
    expect(check({ gross_cost: '1000.00', federal_reimbursement: '600.00', igsa_revenue: '400.00' })).toEqual([]);
    expect(check({ gross_cost: '1000.00' })).toEqual([]);
  });

  it('flags them above the gross cost, by a cent, as an explainable error', () => {
    expect(check({ gross_cost: '1000.00', federal_reimbursement: '600.00', igsa_revenue: '400.01' })).toEqual([
      { rule: 'offsets_within_gross_cost', severity: 'error', fields: ['federal_reimbursement', 'igsa_revenue', 'gross_cost'], message, explainable: true },
    ]);
    expect(check({ gross_cost: '10.00', igsa_revenue: '10.50' })).toEqual([
      { rule: 'offsets_within_gross_cost', severity: 'error', fields: ['igsa_revenue', 'gross_cost'], message, explainable: true },
    ]);
  });
});

describe('values far from the agency’s own history', () => {
  const history = (...values: string[]) => ({ detainers_received: values });

  it('compares with the last 12 periods filed only, a period with nothing to report counting as one', () => {
    expect(OUTLIER_HISTORY_PERIODS).toBe(12);
    // Years of 100 detainers a month, then a year of about 1: a new 1 is usual by now.
    const periods = [...Array.from({ length: 30 }, () => ({ values: { detainers_received: '100' } })), ...Array.from({ length: 12 }, () => ({ values: { detainers_received: '1' } }))];
    expect(historyOf(periods).detainers_received).toEqual(Array(12).fill('1'));
    expect(check({ detainers_received: '1' }, { history: historyOf(periods) })).toEqual([]);
    // With the whole history (median 100) it would look far below.
    expect(rules(check({ detainers_received: '1' }, { history: history(...Array(30).fill('100'), ...Array(12).fill('1')) }))).toEqual(['outlier:detainers_received']);
    const withNothing = [...periods.slice(0, 31), { values: null }, ...periods.slice(31)];
    expect(historyOf(withNothing).detainers_received).toEqual(Array(11).fill('1'));
  });

  it('reads history from stored JSON as stringRecord does: numbers and booleans as text, nothing else', () => {
    const stored = [
      { values: { a: '1.50', b: 2, c: true, d: null, e: { nested: '1' }, ['__proto__']: '7' } as Record<string, unknown> },
      { values: ['not', 'an', 'object'] as unknown as Record<string, unknown> },
      { values: { a: '3', b: 4.5 } },
    ];
    const history = historyOf(stored);
    expect(history).toEqual(Object.fromEntries([['a', ['1.50', '3']], ['b', ['2', '4.5']], ['c', ['true']], ['__proto__', ['7']]]));
    expect(Object.getPrototypeOf(history)).toBe(Object.prototype);
  });

  it('flags a value far above the median, with the median and the number of periods', () => {
    expect(check({ detainers_received: '48' }, { history: history('10', '12', '12', '14', '11', '13') })).toEqual([
      {
        rule: 'outlier:detainers_received',
        severity: 'warning',
        fields: ['detainers_received'],
        message: "Detainers received (48) is far above this agency's usual (median 12 over 6 periods). Check it, or explain.",
        explainable: true,
      },
    ]);
  });

  it('does not flag exactly three times the median, flags just above', () => {
    expect(check({ detainers_received: '36' }, { history: history('12', '12', '12') })).toEqual([]);
    expect(rules(check({ detainers_received: '37' }, { history: history('12', '12', '12') }))).toEqual(['outlier:detainers_received']);
    expect(check({ gross_cost: '3000.00' }, { history: { gross_cost: ['1000.00', '1000.00', '1000.00'] } })).toEqual([]);
    expect(messages(check({ gross_cost: '3000.01' }, { history: { gross_cost: ['1000.00', '1000.00', '1000.00'] } }))).toEqual([
      "Gross cost ($3,000.01) is far above this agency's usual (median $1,000.00 over 3 periods). Check it, or explain.",
    ]);
  });

  it('does not flag exactly a third of the median, flags just below', () => {
    expect(check({ detainers_received: '4' }, { history: history('12', '12', '12') })).toEqual([]);
    expect(messages(check({ detainers_received: '3' }, { history: history('12', '12', '12') }))).toEqual([
      "Detainers received (3) is far below this agency's usual (median 12 over 3 periods). Check it, or explain.",
    ]);
    expect(check({ staff_hours: '100' }, { history: { staff_hours: ['300', '300', '300'] } })).toEqual([]);
    expect(rules(check({ staff_hours: '99.99' }, { history: { staff_hours: ['300', '300', '300'] } }))).toEqual(['outlier:staff_hours']);
  });

  it('uses the mean of the middle two values for an even number of periods', () => {
    // median (10 + 11) / 2 = 10.5: 31.5 is exactly three times it, 32 is above
    expect(check({ detainers_received: '31' }, { history: history('1', '10', '11', '40') })).toEqual([]);
    expect(messages(check({ detainers_received: '32' }, { history: history('1', '10', '11', '40') }))).toEqual([
      "Detainers received (32) is far above this agency's usual (median 10.5 over 4 periods). Check it, or explain.",
    ]);
  });

  it('needs at least three earlier values', () => {
    expect(check({ detainers_received: '480' }, { history: history('12', '12') })).toEqual([]);
    expect(check({ detainers_received: '480' }, { history: history('12', '', '12') })).toEqual([]);
  });

  it('with a median of 0 flags only values above 10', () => {
    expect(check({ detainers_received: '10' }, { history: history('0', '0', '3') })).toEqual([]);
    expect(check({ detainers_received: '0' }, { history: history('0', '0', '3') })).toEqual([]);
    expect(messages(check({ detainers_received: '11' }, { history: history('0', '0', '3') }))).toEqual([
      "Detainers received (11) is far above this agency's usual (median 0 over 3 periods). Check it, or explain.",
    ]);
  });

  it('only looks at metrics of the filing that have a value', () => {
    expect(check({ task_force_arrests: '90' }, { metrics: WSO, history: { task_force_arrests: ['1', '1', '1'] } })).toEqual([]);
    expect(check({}, { history: history('12', '12', '12') })).toEqual([]);
  });
});

describe('blockingIssues', () => {
  const issues = checkRaw(
    { detainers_received: '12', detainers_honored: '14', gross_cost: '10.00', federal_reimbursement: '20.00', complaints_filed: '0', complaints_sustained: '1' },
    { history: { ice_requests: ['5', '5', '5'] } },
  );
  const outlier = checkRaw({ ice_requests: '50' }, { history: { ice_requests: ['5', '5', '5'] } });
  const all = [...issues, ...outlier];

  it('blocks every error and unexplained issue when nothing is explained', () => {
    expect(rules(all)).toEqual(['detainers_honored_within_received', 'complaints_sustained_within_filed', 'offsets_within_gross_cost', 'outlier:ice_requests']);
    expect(blockingIssues(all, {})).toEqual(all);
  });

  it('lets an explanation of at least 10 characters lift an explainable issue, and only that one', () => {
    const explanations = { offsets_within_gross_cost: 'Back pay for 2024 arrived this quarter.', 'outlier:ice_requests': 'Raid week.' };
    expect(rules(blockingIssues(all, explanations))).toEqual(['detainers_honored_within_received', 'complaints_sustained_within_filed']);
  });

  it('does not lift an error that is not explainable, whatever the explanation', () => {
    expect(rules(blockingIssues(all, { detainers_honored_within_received: 'Our jail software counts them differently.' }))).toContain('detainers_honored_within_received');
  });

  it('does not count explanations shorter than 10 characters once trimmed', () => {
    const short = { offsets_within_gross_cost: '  too short  ', 'outlier:ice_requests': '123456789' };
    expect(rules(blockingIssues(all, short))).toEqual(rules(all));
  });

  it('never blocks a warning that cannot be explained', () => {
    const notice: RuleIssue = { rule: 'notice', severity: 'warning', fields: [], message: filingMessage('rule_offsets_exceed_gross'), explainable: false };
    expect(blockingIssues([notice], {})).toEqual([]);
  });
});
