import { describe, expect, it } from 'vitest';
import { METRICS } from '~/reporting/metrics';
import { SNAKE_CASE } from './columns';
import { documentColumns, snakeDocument, snakeKey, withSnakeKeysBeside } from './json-keys';

describe('snakeKey', () => {
  it('turns camelCase names into the open data’s snake_case names', () => {
    expect(snakeKey('perResident')).toBe('per_resident');
    expect(snakeKey('firstListedOn')).toBe('first_listed_on');
    expect(snakeKey('onTimePercent')).toBe('on_time_percent');
    expect(snakeKey('activeJEM')).toBe('active_jem');
    expect(snakeKey('httpStatus')).toBe('http_status');
    // The compare download's name for the same figure.
    expect(snakeKey('per100k')).toBe('per_100k_residents');
  });

  it('leaves names already snake_case and keys that are data as they are', () => {
    for (const key of ['slug', 'sha256', 'not_yet_due', '2025-Q1', '2025-07', 'JEM', 'content-type', 'ETag', 'transferred_by_charge.traffic', 'constructor']) {
      expect(snakeKey(key), key).toBe(key);
    }
  });

  it('never meets a metric key with a capital (metric keys are data keys of the figures maps)', () => {
    for (const metric of METRICS) expect(metric.key, metric.key).toMatch(/^[a-z0-9_.]+$/);
  });
});

describe('snakeDocument', () => {
  it('turns names, not data keys, at every depth', () => {
    const document = {
      asOf: '2025-07-18',
      totals: { byModel: { JEM: 3, WSO: 19 }, pendingByModel: { TFM: 0 } },
      latestFilings: [{ filingId: 146, revisionNumber: 2, period: { key: '2026-Q3' } }],
      headers: { 'content-type': 'application/vnd.ms-excel', lastModified: 'Fri' },
      compliance: { summary: { counts: { on_time: 4, not_yet_due: 1 }, onTimePercent: '57.1' } },
    };
    expect(snakeDocument(document)).toEqual({
      as_of: '2025-07-18',
      totals: { by_model: { JEM: 3, WSO: 19 }, pending_by_model: { TFM: 0 } },
      latest_filings: [{ filing_id: 146, revision_number: 2, period: { key: '2026-Q3' } }],
      // Header names are data, whatever they look like.
      headers: { 'content-type': 'application/vnd.ms-excel', lastModified: 'Fri' },
      compliance: { summary: { counts: { on_time: 4, not_yet_due: 1 }, on_time_percent: 57.1 } },
    });
  });

  it('gives figures as numbers, keeping null, and leaves text that looks like a number as text', () => {
    const county = {
      county: { fips: '37071', population: null, slug: 'gaston-county' },
      agency: { id: 7, publicId: '0042', zip: '28052' },
      periods: [
        {
          key: '2025-Q1',
          missing: ['nc-gaston-county-sheriffs-office'],
          values: {
            gross_cost: { value: '12770.05', agenciesReporting: 1, complete: true, perResident: '0.06', per100k: '5602.3' },
            staff_fte: { value: null, agenciesReporting: 0, complete: false, perResident: null, per100k: null },
          },
        },
      ],
    };
    expect(snakeDocument(county)).toEqual({
      county: { fips: '37071', population: null, slug: 'gaston-county' },
      agency: { id: 7, public_id: '0042', zip: '28052' },
      periods: [
        {
          key: '2025-Q1',
          missing: ['nc-gaston-county-sheriffs-office'],
          values: {
            gross_cost: { value: 12770.05, agencies_reporting: 1, complete: true, per_resident: 0.06, per_100k_residents: 5602.3 },
            staff_fte: { value: null, agencies_reporting: 0, complete: false, per_resident: null, per_100k_residents: null },
          },
        },
      ],
    });
  });

  it('turns metric-keyed figure maps, breakdowns and totals', () => {
    const report = {
      revisions: [
        {
          nothingToReport: false,
          figures: { gross_cost: '19226.76', federal_reimbursement: '0.00', staff_fte: null },
          changed: ['gross_cost'],
          breakdowns: [{ id: 'transferred_by_charge', total: '5', periodsReported: 1, suppressedCells: 1, cells: [{ key: 'transferred_by_charge.traffic', value: null, suppressed: true }, { key: 'transferred_by_charge.felony', value: '5', suppressed: false }] }],
        },
      ],
      periods: [{ key: '2025-Q1', values: { gross_cost: '-12.5', detainers_received: null } }],
      breakdowns: { lowLevelCharges: { people: '3', of: '7', percent: '42.9', reason: null } },
      costs: { totals: [{ key: 'gross_cost', value: '50218.45', periodsReported: 4 }] },
    };
    expect(snakeDocument(report)).toEqual({
      revisions: [
        {
          nothing_to_report: false,
          figures: { gross_cost: 19226.76, federal_reimbursement: 0, staff_fte: null },
          changed: ['gross_cost'],
          breakdowns: [
            {
              id: 'transferred_by_charge',
              total: 5,
              periods_reported: 1,
              suppressed_cells: 1,
              cells: [{ key: 'transferred_by_charge.traffic', value: null, suppressed: true }, { key: 'transferred_by_charge.felony', value: 5, suppressed: false }],
            },
          ],
        },
      ],
      periods: [{ key: '2025-Q1', values: { gross_cost: -12.5, detainers_received: null } }],
      breakdowns: { low_level_charges: { people: 3, of: 7, percent: 42.9, reason: null } },
      costs: { totals: [{ key: 'gross_cost', value: 50218.45, periods_reported: 4 }] },
    });
  });

  it('does not change the document it is given (the dashboards cache it)', () => {
    const document = { periodsReported: 1, values: { gross_cost: '1.50' } };
    snakeDocument(document);
    expect(document).toEqual({ periodsReported: 1, values: { gross_cost: '1.50' } });
  });
});

describe('withSnakeKeysBeside', () => {
  it('keeps meta’s keys and adds the snake_case ones beside them', () => {
    const meta = withSnakeKeysBeside({ source: 's', suppressionThreshold: 5, links: { page: '/', countiesCsv: '/c.csv' }, notes: ['a'] });
    expect(meta).toEqual({
      source: 's',
      suppressionThreshold: 5,
      suppression_threshold: 5,
      links: { page: '/', countiesCsv: '/c.csv', counties_csv: '/c.csv' },
      notes: ['a'],
    });
    for (const key of Object.keys(meta)) expect(SNAKE_CASE.test(key) || SNAKE_CASE.test(snakeKey(key))).toBe(true);
  });
});

describe('documentColumns', () => {
  it('reads columns=legacy and refuses anything else', () => {
    expect(documentColumns(new URLSearchParams(''))).toEqual({ ok: true, legacy: false });
    expect(documentColumns(new URLSearchParams('columns=legacy'))).toEqual({ ok: true, legacy: true });
    expect(documentColumns(new URLSearchParams('columns=Legacy'))).toEqual({ ok: true, legacy: true });
    expect(documentColumns(new URLSearchParams('columns=camel')).ok).toBe(false);
    expect(documentColumns(new URLSearchParams('columns=legacy&columns=legacy')).ok).toBe(false);
  });
});
