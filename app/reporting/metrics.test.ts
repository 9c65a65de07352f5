import { describe, expect, it } from 'vitest';
import { translator } from '~/i18n/i18n';
import { describeFilingMessage } from './filing-messages';
import { filingMessageOf, filingValuesSchema } from './filing-values';
import {
  BREAKDOWN_GROUPS,
  METRIC_CATALOGUE_VERSION,
  METRIC_CATALOGUE_VERSIONS,
  METRICS,
  breakdownGroupsInCatalogue,
  displayValue,
  isCatalogueVersion,
  metricsInCatalogue,
  metricByKey,
  metricsForModels,
  netLocalCost,
  parseMetricValue,
  toHundredths,
  type MetricDefinition,
  type Unit,
} from './metrics';

const metric = (key: string): MetricDefinition => {
  const found = metricByKey(key);
  if (!found) throw new Error(`no metric ${key}`);
  return found;
};
const keys = (metrics: MetricDefinition[]) => metrics.map((m) => m.key);
/** Messages are codes with parameters; these tests read them as the English catalog words them. */
const english = translator('en');

describe('the metric catalogue', () => {
  it('is version 2, with unique keys and a label, a definition and models for each metric', () => {
    expect(METRIC_CATALOGUE_VERSION).toBe(2);
    expect(new Set(keys([...METRICS])).size).toBe(METRICS.length);
    for (const m of METRICS) {
      expect([1, 2]).toContain(m.version);
      expect(m.label.length).toBeGreaterThan(3);
      expect(m.definition).toMatch(/^[A-Z].{30,}\.$/);
      expect(m.models.length).toBeGreaterThan(0);
    }
  });

  it('holds the brief’s metrics with their units', () => {
    const units: Record<string, Unit> = {
      staff_fte: 'FTE',
      staff_hours: 'HOURS',
      overtime_hours: 'HOURS',
      overtime_cost: 'USD',
      training_hours: 'HOURS',
      training_cost: 'USD',
      detention_bed_days: 'DAYS',
      detention_cost: 'USD',
      gross_cost: 'USD',
      federal_reimbursement: 'USD',
      igsa_revenue: 'USD',
      ice_funded_equipment: 'USD',
      legal_costs: 'USD',
      net_local_cost: 'USD',
      bookings_screened: 'COUNT',
      interviews: 'COUNT',
      detainers_received: 'COUNT',
      detainers_honored: 'COUNT',
      detainers_declined: 'COUNT',
      hours_held_past_release: 'HOURS',
      transfers_to_ice: 'COUNT',
      people_encountered: 'COUNT',
      warrants_served: 'COUNT',
      task_force_stops: 'COUNT',
      task_force_arrests: 'COUNT',
      ice_requests: 'COUNT',
      officers_certified: 'COUNT',
      complaints_filed: 'COUNT',
      complaints_sustained: 'COUNT',
      lawsuits_filed: 'COUNT',
      settlements_paid: 'USD',
      public_forums_held: 'COUNT',
    };
    for (const [key, unit] of Object.entries(units)) expect(metric(key).unit, key).toBe(unit);
  });

  it('marks net local cost as derived and nothing else', () => {
    expect(METRICS.filter((m) => m.derived).map((m) => [m.key, m.derived?.formula])).toEqual([
      ['net_local_cost', 'gross_cost - federal_reimbursement - igsa_revenue'],
    ]);
  });

  it('breaks transfers to ICE down into count cells, each in a known group (version 1)', () => {
    const cells = METRICS.filter((m) => m.breakdownOf && m.version === 1);
    const groupIds = new Set(BREAKDOWN_GROUPS.map((g) => g.id));
    for (const cell of cells) {
      expect(cell).toMatchObject({ unit: 'COUNT', category: 'PEOPLE', breakdownOf: 'transfers_to_ice' });
      expect(groupIds.has(cell.group!), cell.key).toBe(true);
      expect(cell.key.startsWith(`${cell.group}.`)).toBe(true);
      expect(cell.models).toEqual(metric('transfers_to_ice').models);
    }
    const cellsOf = (group: string) => cells.filter((c) => c.group === group).map((c) => c.key.split('.')[1]);
    expect(cellsOf('transferred_by_charge')).toEqual(['traffic', 'misdemeanor', 'felony', 'none_or_civil']);
    expect(cellsOf('transferred_by_conviction')).toEqual(['convicted', 'pending', 'none']);
    expect(cellsOf('transferred_by_sex')).toEqual(['female', 'male', 'other_or_unknown']);
    expect(cellsOf('transferred_by_age')).toEqual(['under_18', '18_24', '25_34', '35_44', '45_54', '55_plus', 'unknown']);
    expect(cellsOf('transferred_by_citizenship')).toEqual(['mexico', 'guatemala', 'honduras', 'el_salvador', 'other', 'unknown']);
  });

  it('cannot be changed at run time', () => {
    expect(Object.isFrozen(METRICS)).toBe(true);
    expect(Object.isFrozen(METRICS[0])).toBe(true);
  });
});

describe('metricsForModels', () => {
  it('gives a WSO filing warrants but no task-force or jail-screening metrics', () => {
    const wso = keys(metricsForModels(['WSO']));
    expect(wso).toContain('warrants_served');
    expect(wso).toContain('detainers_received');
    expect(wso).not.toContain('task_force_arrests');
    expect(wso).not.toContain('task_force_stops');
    expect(wso).not.toContain('bookings_screened');
  });

  it('gives a TFM filing task-force metrics but no warrants or detainers', () => {
    const tfm = keys(metricsForModels(['TFM']));
    expect(tfm).toContain('task_force_arrests');
    expect(tfm).toContain('task_force_stops');
    expect(tfm).not.toContain('warrants_served');
    expect(tfm).not.toContain('detainers_honored');
  });

  it('gives every model the cost, transfer and accountability metrics, never the derived one', () => {
    for (const model of ['JEM', 'WSO', 'TFM'] as const) {
      const list = keys(metricsForModels([model]));
      expect(list).toEqual(expect.arrayContaining(['gross_cost', 'federal_reimbursement', 'transfers_to_ice', 'transferred_by_age.unknown', 'complaints_filed']));
      expect(list).not.toContain('net_local_cost');
    }
  });

  it('joins several models in catalogue order, each metric once', () => {
    const both = keys(metricsForModels(['TFM', 'JEM']));
    expect(both).toContain('bookings_screened');
    expect(both).toContain('task_force_arrests');
    expect(both).not.toContain('warrants_served');
    expect(new Set(both).size).toBe(both.length);
    const order = keys([...METRICS]);
    expect([...both].sort((a, b) => order.indexOf(a) - order.indexOf(b))).toEqual(both);
    expect(metricsForModels([])).toEqual([]);
  });
});

describe('parseMetricValue', () => {
  const parse = (key: string, raw: string) => {
    const parsed = parseMetricValue(metric(key), raw);
    return parsed.ok ? parsed : { ok: false, message: describeFilingMessage(english, parsed.message) };
  };
  const ok = (value: string) => ({ ok: true, value });
  const fail = (message: string) => ({ ok: false, message });

  it('keeps dollars with exactly two decimals', () => {
    expect(parse('gross_cost', '1,234.5')).toEqual(ok('1234.50'));
    expect(parse('gross_cost', ' $1,234,567.89 ')).toEqual(ok('1234567.89'));
    expect(parse('gross_cost', '$ 12')).toEqual(ok('12.00'));
    expect(parse('gross_cost', '0')).toEqual(ok('0.00'));
    expect(parse('gross_cost', '.5')).toEqual(ok('0.50'));
    expect(parse('gross_cost', '007.10')).toEqual(ok('7.10'));
    expect(parse('gross_cost', '12.500')).toEqual(ok('12.50'));
  });

  it('refuses dollars with fractions of a cent', () => {
    expect(parse('gross_cost', '$1,234.567')).toEqual(fail('Use dollars and cents: at most 2 decimals.'));
    expect(parse('settlements_paid', '0.001')).toEqual(fail('Use dollars and cents: at most 2 decimals.'));
  });

  it('keeps counts and days as whole numbers', () => {
    expect(parse('detainers_received', ' 1,200 ')).toEqual(ok('1200'));
    expect(parse('detainers_received', '12.0')).toEqual(ok('12'));
    expect(parse('detention_bed_days', '0')).toEqual(ok('0'));
    expect(parse('detainers_received', '12.5')).toEqual(fail('Enter a whole number.'));
    expect(parse('detention_bed_days', '3.25')).toEqual(fail('Enter a whole number.'));
  });

  it('keeps hours and FTE with at most two decimals, without trailing zeros', () => {
    expect(parse('staff_hours', '1,040.25')).toEqual(ok('1040.25'));
    expect(parse('overtime_hours', '7.50')).toEqual(ok('7.5'));
    expect(parse('staff_fte', '2')).toEqual(ok('2'));
    expect(parse('staff_fte', '0.75')).toEqual(ok('0.75'));
    expect(parse('staff_fte', '0.333')).toEqual(fail('Use at most 2 decimals.'));
    expect(parse('hours_held_past_release', '1.125')).toEqual(fail('Use at most 2 decimals.'));
  });

  it('refuses negative values in every unit, and reads -0 as 0', () => {
    expect(parse('detainers_received', '-3')).toEqual(fail('Cannot be negative.'));
    expect(parse('gross_cost', '-$3.00')).toEqual(fail('Cannot be negative.'));
    expect(parse('gross_cost', '$-3')).toEqual(fail('Cannot be negative.'));
    expect(parse('staff_hours', '−2')).toEqual(fail('Cannot be negative.')); // U+2212 minus sign
    expect(parse('detention_bed_days', '-0')).toEqual(ok('0'));
  });

  it('asks for a value when nothing was typed', () => {
    expect(parse('detainers_received', '')).toEqual(fail('Enter a value, or 0 if there was none.'));
    expect(parse('gross_cost', '   ')).toEqual(fail('Enter a value, or 0 if there was none.'));
  });

  it('quotes anything else that was typed', () => {
    expect(parse('transfers_to_ice', '12 people')).toEqual(fail('"12 people" is not a number.'));
    expect(parse('transfers_to_ice', ' twelve ')).toEqual(fail('"twelve" is not a number.'));
    expect(parse('transfers_to_ice', '$12')).toEqual(fail('"$12" is not a number.')); // dollars only for USD
    expect(parse('gross_cost', '12,34')).toEqual(fail('"12,34" is not a number.')); // not a thousands separator
    expect(parse('gross_cost', '1.234,56')).toEqual(fail('"1.234,56" is not a number.'));
    expect(parse('gross_cost', '1e6')).toEqual(fail('"1e6" is not a number.'));
    expect(parse('gross_cost', '.')).toEqual(fail('"." is not a number.'));
    expect(parse('gross_cost', '--3')).toEqual(fail('"--3" is not a number.'));
    expect(parse('gross_cost', 'x'.repeat(60))).toEqual(fail(`"${'x'.repeat(40)}…" is not a number.`));
  });

  it('refuses values too large to be right', () => {
    expect(parse('gross_cost', '999,999,999,999.99')).toEqual(ok('999999999999.99'));
    expect(parse('gross_cost', '1,000,000,000,000')).toEqual(fail('That number is too large: at most $999,999,999,999.99. Check it.'));
    expect(parse('transfers_to_ice', '1000000000000')).toEqual(fail('That number is too large: at most 999,999,999,999. Check it.'));
  });
});

describe('netLocalCost', () => {
  it('subtracts reimbursement and IGSA revenue exactly, to the cent', () => {
    expect(netLocalCost({ gross_cost: '1000000.10', federal_reimbursement: '999999.95', igsa_revenue: '0.10' })).toBe('0.05');
    expect(netLocalCost({ gross_cost: '0.30', federal_reimbursement: '0.10', igsa_revenue: '0.20' })).toBe('0.00');
    expect(netLocalCost({ gross_cost: '123456789012.34', federal_reimbursement: '0.01', igsa_revenue: '0.00' })).toBe('123456789012.33');
  });

  it('can be negative when the county takes in more than it spends', () => {
    expect(netLocalCost({ gross_cost: '100.00', federal_reimbursement: '50.00', igsa_revenue: '75.25' })).toBe('-25.25');
    expect(netLocalCost({ gross_cost: '0.00', igsa_revenue: '0.05' })).toBe('-0.05');
  });

  it('counts missing reimbursement or revenue as 0 and needs the gross cost', () => {
    expect(netLocalCost({ gross_cost: '10.00' })).toBe('10.00');
    expect(netLocalCost({ gross_cost: '10.00', federal_reimbursement: undefined, igsa_revenue: '' })).toBe('10.00');
    expect(netLocalCost({ federal_reimbursement: '10.00' })).toBeNull();
    expect(netLocalCost({ gross_cost: '' })).toBeNull();
  });

  it('refuses values that were not normalised', () => {
    expect(() => netLocalCost({ gross_cost: '1,000' })).toThrow(/Not a stored metric value/);
  });
});

describe('decimal helpers', () => {
  it('read stored values as hundredths and show them for people', () => {
    expect(toHundredths('1234.5')).toBe(123450n);
    expect(toHundredths('-0.05')).toBe(-5n);
    // Exact on both sides of the shortcut through a double (13 digits), and far beyond it.
    expect(toHundredths('9999999999999.99')).toBe(999999999999999n);
    expect(toHundredths('-9999999999999.01')).toBe(-999999999999901n);
    expect(toHundredths('90071992547409.93')).toBe(9007199254740993n);
    expect(toHundredths('123456789012345678901234567890.12')).toBe(12345678901234567890123456789012n);
    expect(toHundredths('0007')).toBe(700n);
    expect(displayValue('USD', '1234567.8')).toBe('$1,234,567.80');
    expect(displayValue('USD', -2525n)).toBe('-$25.25');
    expect(displayValue('COUNT', '1200')).toBe('1,200');
    expect(displayValue('HOURS', '7.50')).toBe('7.5');
  });
});

describe('filingValuesSchema', () => {
  const wso = metricsForModels(['WSO']);
  const complete = () => Object.fromEntries(wso.filter((m) => !m.breakdownOf).map((m) => [m.key, '0']));
  const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string; params?: unknown }[] } }) =>
    result.error?.issues.map((issue) => ({ path: issue.path, message: describeFilingMessage(english, filingMessageOf(issue)!) }));

  it('normalises form strings and JSON numbers into canonical strings', () => {
    const result = filingValuesSchema(wso).safeParse({
      ...complete(),
      gross_cost: '$12,000.5',
      federal_reimbursement: 4000,
      staff_fte: 1.5,
      detainers_received: ' 12 ',
      'transferred_by_sex.female': 2,
      'transferred_by_sex.male': '',
      'transferred_by_sex.other_or_unknown': null,
    });
    expect(result.success).toBe(true);
    expect(result.data).toMatchObject({ gross_cost: '12000.50', federal_reimbursement: '4000.00', staff_fte: '1.5', detainers_received: '12', 'transferred_by_sex.female': '2' });
    expect(result.data).not.toHaveProperty('transferred_by_sex.male');
    expect(result.data).not.toHaveProperty('transferred_by_sex.other_or_unknown');
  });

  it('reports each bad value at its key with parseMetricValue’s message', () => {
    const result = filingValuesSchema(wso).safeParse({ ...complete(), detainers_received: '12.5', gross_cost: '-1', warrants_served: '3 warrants' });
    expect(issues(result)).toEqual([
      { path: ['gross_cost'], message: 'Cannot be negative.' },
      { path: ['detainers_received'], message: 'Enter a whole number.' },
      { path: ['warrants_served'], message: '"3 warrants" is not a number.' },
    ]);
  });

  it('requires every metric except breakdown cells, the same from the form (empty) and JSON (missing)', () => {
    const { detainers_received: _, ...rest } = complete();
    expect(issues(filingValuesSchema(wso).safeParse(rest))).toEqual([{ path: ['detainers_received'], message: 'Enter a value, or 0 if there was none.' }]);
    expect(issues(filingValuesSchema(wso).safeParse({ ...complete(), gross_cost: ' ' }))).toEqual([{ path: ['gross_cost'], message: 'Enter a value, or 0 if there was none.' }]);
    expect(filingValuesSchema(wso).safeParse(complete()).success).toBe(true);
  });

  it('refuses unknown keys and derived keys', () => {
    const result = filingValuesSchema(wso).safeParse({ ...complete(), foo: '1', net_local_cost: '10.00' });
    expect(issues(result)).toEqual([
      { path: ['foo'], message: 'Unknown metric "foo".' },
      { path: ['net_local_cost'], message: 'net_local_cost is calculated, not entered.' },
    ]);
  });

  it('refuses catalogue metrics that do not apply to the filing’s models', () => {
    const result = filingValuesSchema(wso).safeParse({ ...complete(), task_force_arrests: '2' });
    expect(issues(result)).toEqual([{ path: ['task_force_arrests'], message: '"task_force_arrests" does not apply to this filing\'s agreement models.' }]);
  });

  it('is not fooled by keys inherited from Object', () => {
    const result = filingValuesSchema(wso).safeParse(JSON.parse(`{"__proto__": "1", "constructor": "2", ${JSON.stringify(complete()).slice(1)}`));
    expect(issues(result)).toEqual([
      { path: ['__proto__'], message: 'Unknown metric "__proto__".' },
      { path: ['constructor'], message: 'Unknown metric "constructor".' },
    ]);
  });

  it('refuses values that are neither text nor numbers, and a body that is not an object', () => {
    expect(issues(filingValuesSchema(wso).safeParse({ ...complete(), gross_cost: true }))).toEqual([{ path: ['gross_cost'], message: 'Enter a number.' }]);
    expect(issues(filingValuesSchema(wso).safeParse(['1']))).toEqual([{ path: [], message: 'Send the values as an object whose keys are metric keys.' }]);
  });

  it('gives each issue a code with parameters, and the bare code as zod’s message', () => {
    const [issue] = filingValuesSchema(wso).safeParse({ ...complete(), gross_cost: 'lots' }).error!.issues;
    expect(issue.message).toBe('value_not_a_number');
    expect(filingMessageOf(issue)).toEqual({ code: 'value_not_a_number', params: { typed: 'lots' } });
    expect(filingMessageOf({ message: 'Required' })).toBeNull();
  });

  it('reports issues under the values field when nested in a larger schema', async () => {
    const { z } = await import('zod');
    const body = z.object({ values: filingValuesSchema(wso) });
    expect(issues(body.safeParse({ values: { ...complete(), foo: 1 } }))).toEqual([{ path: ['values', 'foo'], message: 'Unknown metric "foo".' }]);
  });
});

describe('catalogue versions', () => {
  const V1_KEYS = keys(metricsInCatalogue(1));
  const cellsOf = (group: string) => METRICS.filter((m) => m.group === group).map((m) => m.key.split('.')[1]);
  const RACE = ['american_indian_alaska_native', 'asian', 'black', 'hispanic_latino', 'middle_eastern_north_african', 'native_hawaiian_pacific_islander', 'white', 'multiple', 'not_recorded'];

  it('keeps version 1 as it was: the same 55 metrics in the same order, v2 only adds after them', () => {
    expect(METRIC_CATALOGUE_VERSIONS).toEqual([1, 2]);
    expect(V1_KEYS).toHaveLength(55);
    expect(keys([...METRICS]).slice(0, V1_KEYS.length)).toEqual(V1_KEYS);
    expect(metricsInCatalogue(1).every((m) => m.version === 1)).toBe(true);
    expect(metricsInCatalogue(2)).toEqual([...METRICS]);
    expect(breakdownGroupsInCatalogue(1).map((g) => g.id)).toEqual(['transferred_by_charge', 'transferred_by_conviction', 'transferred_by_sex', 'transferred_by_age', 'transferred_by_citizenship']);
    expect(isCatalogueVersion(1)).toBe(true);
    expect(isCatalogueVersion(3)).toBe(false);
    expect(isCatalogueVersion('2')).toBe(false);
  });

  it('adds the race and ethnicity, reason, charge-level and ICE-request breakdowns in version 2', () => {
    const v2Groups = BREAKDOWN_GROUPS.filter((g) => g.version === 2).map((g) => [g.id, g.total]);
    expect(v2Groups).toEqual([
      ['booked_by_race', 'bookings_screened'],
      ['transferred_by_race', 'transfers_to_ice'],
      ['detained_by_race', 'detainers_honored'],
      ['task_force_stops_by_race', 'task_force_stops'],
      ['task_force_stops_by_reason', 'task_force_stops'],
      ['task_force_arrests_by_race', 'task_force_arrests'],
      ['task_force_arrests_by_reason', 'task_force_arrests'],
      ['detainers_by_charge', 'detainers_received'],
      ['ice_requests_by_type', 'ice_requests'],
      ['ice_requests_by_outcome', 'ice_requests'],
    ]);
    for (const group of ['booked_by_race', 'transferred_by_race', 'detained_by_race', 'task_force_stops_by_race', 'task_force_arrests_by_race']) expect(cellsOf(group), group).toEqual(RACE);
    expect(cellsOf('detainers_by_charge')).toEqual(['felony', 'misdemeanor', 'traffic', 'none']);
    expect(cellsOf('ice_requests_by_type')).toEqual(['detainer', 'notification', 'transfer', 'interview_access', 'other']);
    expect(cellsOf('ice_requests_by_outcome')).toEqual(['honored', 'declined', 'pending']);
    expect(cellsOf('task_force_stops_by_reason')).toEqual(cellsOf('task_force_arrests_by_reason'));
  });

  it('gives every breakdown group a typed version 1 total with the same models, and count cells in PEOPLE (published only suppressed)', () => {
    for (const group of BREAKDOWN_GROUPS) {
      const total = metric(group.total);
      expect(total.version, group.id).toBe(1);
      expect(total.derived, group.id).toBeUndefined();
      expect(total.group, group.id).toBeUndefined();
      const cells = METRICS.filter((m) => m.group === group.id);
      expect(cells.length, group.id).toBeGreaterThanOrEqual(3);
      for (const cell of cells) {
        expect(cell, cell.key).toMatchObject({ unit: 'COUNT', category: 'PEOPLE', breakdownOf: group.total, version: group.version });
        expect(cell.key.startsWith(`${group.id}.`)).toBe(true);
        expect(cell.models).toEqual(total.models);
      }
    }
    // Every cell belongs to a group, and every group id is unique.
    expect(METRICS.filter((m) => m.breakdownOf).every((m) => BREAKDOWN_GROUPS.some((g) => g.id === m.group))).toBe(true);
    expect(new Set(BREAKDOWN_GROUPS.map((g) => g.id)).size).toBe(BREAKDOWN_GROUPS.length);
  });

  it('labels every metric and group in English and Spanish', () => {
    for (const locale of ['en', 'es'] as const) {
      const t = translator(locale);
      for (const m of METRICS) {
        for (const part of ['label', 'definition']) {
          const key = `metric.${m.key}.${part}`;
          expect(t(key as Parameters<typeof t>[0]), `${locale} ${key}`).not.toBe(key);
        }
      }
      for (const group of BREAKDOWN_GROUPS) {
        for (const key of [`breakdown.${group.id}`, `filingCheck.group.${group.id}`]) expect(t(key as Parameters<typeof t>[0]), `${locale} ${key}`).not.toBe(key);
      }
    }
    // The English catalog says what the catalogue says.
    for (const m of METRICS.filter((m) => m.version === 2)) expect(english(`metric.${m.key}.label` as Parameters<typeof english>[0])).toBe(m.label);
  });

  it('gives a v1 requirement only v1 metrics, and a v2 one the new cells of its models', () => {
    expect(keys(metricsForModels(['JEM'], 1)).every((key) => V1_KEYS.includes(key))).toBe(true);
    expect(keys(metricsForModels(['JEM'], 1))).not.toContain('booked_by_race.asian');
    const jem = keys(metricsForModels(['JEM']));
    expect(jem).toContain('booked_by_race.asian');
    expect(jem).toContain('detainers_by_charge.felony');
    expect(jem).not.toContain('task_force_stops_by_race.asian');
    const tfm = keys(metricsForModels(['TFM'], 2));
    expect(tfm).toContain('task_force_arrests_by_reason.traffic');
    expect(tfm).not.toContain('booked_by_race.asian');
    expect(tfm).not.toContain('detained_by_race.white');
  });
});
