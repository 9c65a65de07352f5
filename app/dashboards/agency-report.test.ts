import { describe, expect, it } from 'vitest';
import { filingIdParam, publicReport, type RevisionRow } from './agency-report';

const revision = (number: number, values: Record<string, string>, extra: Partial<RevisionRow> = {}): RevisionRow => ({
  number,
  values,
  nothingToReport: false,
  amendmentReason: number > 1 ? 'Fixed a typing error in the gross cost.' : null,
  certifiedName: 'Ann Sheriff',
  certifiedTitle: 'Sheriff',
  certifiedAt: new Date(`2025-10-${10 + number}T15:00:00Z`),
  ...extra,
});

const FIRST = {
  gross_cost: '1000.00',
  federal_reimbursement: '200.00',
  igsa_revenue: '0.00',
  transfers_to_ice: '10',
  'transferred_by_charge.traffic': '3',
  'transferred_by_charge.misdemeanor': '1',
  'transferred_by_charge.felony': '6',
  'transferred_by_charge.none_or_civil': '0',
};
const SECOND = { ...FIRST, gross_cost: '1250.00' };

describe('a report’s public revisions', () => {
  const report = publicReport({
    revisions: [revision(2, SECOND), revision(1, FIRST)],
    requiredKeys: ['gross_cost', 'federal_reimbursement', 'igsa_revenue', 'transfers_to_ice', 'detainers_received'],
    reviews: [],
    countedRevision: 2,
    threshold: 5,
  });

  it('lists every revision oldest first, the newest counted and the first replaced', () => {
    expect(report.revisions.map((entry) => [entry.number, entry.state, entry.amendmentReason])).toEqual([
      [1, 'superseded', null],
      [2, 'counted', 'Fixed a typing error in the gross cost.'],
    ]);
    expect(report.revisions[0].certifiedAt).toBe('2025-10-11T15:00:00.000Z');
  });

  it('shows each revision’s figures with the net local cost derived, a required figure left out as not reported, and what changed', () => {
    expect(report.metrics.map((metric) => metric.key)).toEqual(['gross_cost', 'federal_reimbursement', 'igsa_revenue', 'net_local_cost', 'detainers_received', 'transfers_to_ice']);
    expect(report.revisions[0].figures).toMatchObject({ gross_cost: '1000.00', net_local_cost: '800.00', detainers_received: null });
    expect(report.revisions[1].figures.net_local_cost).toBe('1050.00');
    expect(report.revisions[0].changed).toEqual([]);
    expect(report.revisions[1].changed).toEqual(['gross_cost', 'net_local_cost']);
  });

  it('hides small breakdown cells in each revision, with a complement, and never shows their counts', () => {
    expect(report.groups).toEqual(['transferred_by_charge']);
    for (const entry of report.revisions) {
      const cells = Object.fromEntries(entry.breakdowns[0].cells.map((cell) => [cell.key.split('.')[1], cell.value]));
      // 3 and 1 are small; together 4 < 5, so the smallest shown non-zero cell (felony, 6) goes too; zero stays zero.
      expect(cells).toEqual({ traffic: null, misdemeanor: null, felony: null, none_or_civil: '0' });
      expect(entry.breakdowns[0].total).toBe('10');
    }
    expect(JSON.stringify(report.revisions[0].breakdowns)).not.toMatch(/"value":"(3|1|6)"/);
  });

  it('marks a returned revision as not counted, and counts none when every one was returned', () => {
    const returned = publicReport({
      revisions: [revision(1, FIRST), revision(2, SECOND)],
      requiredKeys: [],
      reviews: [{ revisionNumber: 2, decision: 'RETURNED', at: new Date('2025-11-01T12:00:00Z') }],
      countedRevision: 1,
      threshold: 5,
    });
    expect(returned.revisions.map((entry) => entry.state)).toEqual(['counted', 'returned']);
    const none = publicReport({
      revisions: [revision(1, FIRST)],
      requiredKeys: [],
      reviews: [{ revisionNumber: 1, decision: 'RETURNED', at: new Date('2025-11-01T12:00:00Z') }],
      countedRevision: null,
      threshold: 5,
    });
    expect(none.countedRevision).toBeNull();
    expect(none.revisions[0].state).toBe('returned');
  });

  it('keeps a "nothing to report" revision without figures', () => {
    const nothing = publicReport({ revisions: [revision(1, {}, { nothingToReport: true })], requiredKeys: ['gross_cost'], reviews: [], countedRevision: 1, threshold: 5 });
    expect(nothing.revisions[0]).toMatchObject({ nothingToReport: true, figures: { gross_cost: null }, breakdowns: [] });
    expect(nothing.groups).toEqual([]);
  });
});

describe('the report id in a URL', () => {
  it('takes a positive whole number PostgreSQL can hold, and nothing else', () => {
    expect(filingIdParam('42')).toBe(42);
    expect(filingIdParam('2147483647')).toBe(2_147_483_647);
    for (const bad of [undefined, '', '0', '-1', '007', '1.5', '1e3', '42abc', '2147483648', '99999999999']) expect(filingIdParam(bad), String(bad)).toBeNull();
  });
});
