import { comparePath } from '~/paths';
import { describe, expect, it } from 'vitest';
import { chartValues, complianceRows, compareRows, figureRows, fullyReported, isDay, parseCompareQuery, parseRange, partialFigure, FIGURE_COLUMNS, COMPLIANCE_COLUMNS, COMPARE_COLUMNS, figureStatus } from './county-figures';

const query = (text: string) => new URLSearchParams(text);
const ALLOWED = ['gross_cost', 'net_local_cost', 'detainers_received'];

describe('the query strings', () => {
  it('reads real days only', () => {
    expect(isDay('2024-02-29')).toBe(true);
    expect(isDay('2025-02-29')).toBe(false);
    expect(isDay('2025-13-01')).toBe(false);
    expect(isDay('2025-1-01')).toBe(false);
  });

  it('takes an empty form field as no bound, and refuses a range that ends before it starts', () => {
    expect(parseRange(query('from=&to='))).toEqual({ ok: true, value: { from: null, to: null } });
    expect(parseRange(query('from=2025-01-01&to=2025-12-31'))).toEqual({ ok: true, value: { from: '2025-01-01', to: '2025-12-31' } });
    expect(parseRange(query('from=2025-12-31&to=2025-01-01'))).toMatchObject({ ok: false, field: 'to' });
    expect(parseRange(query('from=yesterday'))).toMatchObject({ ok: false, field: 'from', message: expect.stringContaining('YYYY-MM-DD') });
    expect(parseRange(query('to=2025-01-01&to=2025-02-01'))).toMatchObject({ ok: false, message: 'Give to only once.' });
  });

  it('defaults to gross cost, highest first, and lists the allowed metrics when refusing one', () => {
    expect(parseCompareQuery(query(''), ALLOWED)).toEqual({ ok: true, value: { metric: 'gross_cost', range: { from: null, to: null }, sort: 'desc' } });
    expect(parseCompareQuery(query('metric=net_local_cost&sort=name&from=2025-01-01'), ALLOWED)).toEqual({
      ok: true,
      value: { metric: 'net_local_cost', range: { from: '2025-01-01', to: null }, sort: 'name' },
    });
    const refused = parseCompareQuery(query('metric=staff_fte'), ALLOWED);
    expect(refused).toEqual({ ok: false, field: 'metric', message: 'metric "staff_fte" cannot be compared across counties. Allowed metrics: gross_cost, net_local_cost, detainers_received.' });
    expect(parseCompareQuery(query('sort=random'), ALLOWED)).toMatchObject({ ok: false, field: 'sort' });
  });

  it('builds the comparison link a county page gives', () => {
    expect(comparePath('net_local_cost')).toBe('/compare?metric=net_local_cost');
    expect(comparePath('gross_cost', { from: '2025-01-01', to: null }, 'asc')).toBe('/compare?metric=gross_cost&from=2025-01-01&sort=asc');
  });
});

describe('coverage', () => {
  const period = (expected: number, reported: number, values: Record<string, string | null>) => ({
    coverage: { expected, reported },
    values: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, { value }])),
  });

  it('draws only the periods every expected agency reported: a partial sum is a gap, not a total', () => {
    const periods = [period(2, 2, { gross_cost: '10.50' }), period(2, 1, { gross_cost: '7' }), period(2, 0, { gross_cost: null }), period(1, 1, { gross_cost: '0' })];
    expect(chartValues(periods, 'gross_cost')).toEqual([10.5, null, null, 0]);
    expect(fullyReported({ expected: 0, reported: 0 })).toBe(false);
    expect(fullyReported({ expected: 3, reported: 3 })).toBe(true);
  });

  it('marks a figure partial when fewer agencies gave it than were expected', () => {
    expect(partialFigure({ value: '5', agenciesReporting: 1 }, 2)).toBe(true);
    expect(partialFigure({ value: '5', agenciesReporting: 2 }, 2)).toBe(false);
    expect(partialFigure({ value: null, agenciesReporting: 0 }, 2)).toBe(false);
  });
});

describe('CSV rows', () => {
  it('give one row per period and metric, then the totals; empty (not 0) where not reported', () => {
    const rows = figureRows({
      county: { name: 'Gaston County', fips: '37071' },
      metrics: [{ key: 'gross_cost', unit: 'USD' }],
      periods: [
        {
          key: '2025-Q3',
          start: '2025-07-01',
          end: '2025-09-30',
          coverage: { expected: 2, reported: 2 },
          reports: [
            { url: 'https://x/agencies/a/reports/1', amended: true },
            { url: 'https://x/agencies/b/reports/2', amended: false },
          ],
          values: { gross_cost: { value: '12.00', agenciesReporting: 2, complete: true, perResident: null, per100k: null } },
        },
        {
          key: '2025-Q4',
          start: '2025-10-01',
          end: '2025-12-31',
          coverage: { expected: 2, reported: 0 },
          reports: [],
          values: { gross_cost: { value: null, agenciesReporting: 0, complete: false, perResident: null, per100k: null } },
        },
      ],
      totals: { range: { from: null, to: null }, values: { gross_cost: { value: '12.00', periodsReported: 2, complete: false, perResident: null, per100k: null } } },
      inRange: { expected: 4, counted: 2 },
    });
    expect(rows.every((row) => row.length === FIGURE_COLUMNS.length)).toBe(true);
    expect(rows).toEqual([
      ['Gaston County', '37071', '2025-Q3', '2025-07-01', '2025-09-30', 'gross_cost', 'USD', '12.00', 'reported', 2, 2, 2, 'yes', null, null, 'https://x/agencies/a/reports/1'],
      ['Gaston County', '37071', '2025-Q4', '2025-10-01', '2025-12-31', 'gross_cost', 'USD', null, 'not_reported', 0, 2, 0, 'no', null, null, null],
      ['Gaston County', '37071', 'total', '2025-07-01', '2025-12-31', 'gross_cost', 'USD', '12.00', 'reported', 2, 4, 2, 'no', null, null, null],
    ]);
  });

  it('leave the counts of an agency without a reporting policy empty', () => {
    const counts = { on_time: 3, late: 1, returned: 0, overdue: 2, due: 0, not_yet_due: 1 };
    const rows = complianceRows({
      county: { name: 'Gaston County' },
      origin: 'https://portal.test',
      agencies: [
        { slug: 'a', name: 'A', place: { name: 'Gaston County' }, reports: true, compliance: { expected: 7, counts, onTimePercent: '50.0' } },
        { slug: 'b', name: 'B', place: { name: 'Town' }, reports: false, compliance: { expected: 0, counts: { ...counts, on_time: 0, late: 0, overdue: 0, not_yet_due: 0 }, onTimePercent: null } },
      ],
    });
    expect(rows.every((row) => row.length === COMPLIANCE_COLUMNS.length)).toBe(true);
    expect(rows[0]).toEqual(['Gaston County', 'a', 'A', 'Gaston County', 'yes', 7, 3, 1, 0, 2, 0, 1, '50.0', 'https://portal.test/agencies/a']);
    expect(rows[1]).toEqual(['Gaston County', 'b', 'B', 'Town', 'no', null, null, null, null, null, null, null, null, 'https://portal.test/agencies/b']);
  });

  it('say no_requirement for a county no policy asks for reports, and not_reported for one whose agencies did not give the figure', () => {
    const rows = compareRows({
      metric: { key: 'gross_cost', unit: 'USD' },
      range: { from: '2025-01-01', to: null },
      origin: 'https://portal.test',
      stateCode: 'NC',
      counties: [
        { name: 'Wake County', slug: 'wake-county', fips: '37183', value: null, periodsReported: 0, agenciesReporting: 0, agenciesRequired: 0, population: null, perResident: null, per100k: null },
        { name: 'Gaston County', slug: 'gaston-county', fips: '37071', value: null, periodsReported: 0, agenciesReporting: 0, agenciesRequired: 1, population: null, perResident: null, per100k: null },
      ],
    });
    expect(rows).toEqual([
      ['Wake County', '37183', 'gross_cost', 'USD', '2025-01-01', null, null, 'no_requirement', 0, 0, 0, null, null, null, 'https://portal.test/places/nc/wake-county'],
      ['Gaston County', '37071', 'gross_cost', 'USD', '2025-01-01', null, null, 'not_reported', 0, 0, 1, null, null, null, 'https://portal.test/places/nc/gaston-county'],
    ]);
    expect(rows[0]).toHaveLength(COMPARE_COLUMNS.length);
  });
});

describe('figureStatus', () => {
  it('tells a figure nobody was asked for (no_requirement) from one that was due and not given (not_reported)', () => {
    expect(figureStatus('12', 1)).toBe('reported');
    expect(figureStatus('0', 0)).toBe('reported');
    expect(figureStatus(null, 2)).toBe('not_reported');
    expect(figureStatus(null, 0)).toBe('no_requirement');
  });
});
