import { describe, expect, it } from 'vitest';
import type { CompliancePeriod } from '~/dashboards/dashboard-types';
import { cellWordKeys, countKey, isPeriodKeyShape, meetingSummary } from './meeting-summary';
import { complianceGrid } from './review-compliance';

const Q1 = { start: '2025-01-01', end: '2025-03-31' };
const Q2 = { start: '2025-04-01', end: '2025-06-30' };

function entry(key: string, range: { start: string; end: string }, status: CompliancePeriod['status'], review: CompliancePeriod['review'], requirementId = 1): CompliancePeriod {
  const filed = review !== 'not_submitted';
  return {
    requirementId,
    key,
    label: key,
    ...range,
    dueOn: '2025-04-30',
    partial: false,
    status,
    timeliness: status === 'returned' ? 'on_time' : status,
    review,
    filingId: filed ? 10 : null,
    latestRevision: filed ? 1 : null,
    lastFiledAt: filed ? '2025-04-10T15:00:00Z' : null,
  };
}

const grid = complianceGrid([
  { id: 1, name: 'Alpha Sheriff', slug: 'alpha', record: [entry('2025-Q1', Q1, 'on_time', 'accepted'), entry('2025-Q2', Q2, 'late', 'awaiting_review')] },
  { id: 2, name: 'Beta Police', slug: 'beta', record: [entry('2025-Q1', Q1, 'returned', 'returned'), entry('2025-Q2', Q2, 'overdue', 'not_submitted'), entry('2025-Q2', Q2, 'on_time', 'awaiting_review', 2)] },
  { id: 3, name: 'Gamma Office', slug: 'gamma', record: [] },
]);

describe('meetingSummary', () => {
  it("takes the grid's column of the period: each agency's cells, and the counts of that column only", () => {
    const summary = meetingSummary(grid, '2025-Q2')!;
    expect(summary.period).toEqual({ key: '2025-Q2', ...Q2 });
    expect(summary.rows.map((row) => [row.agencyName, row.cells.map((cell) => [cell.status, cell.review])])).toEqual([
      ['Alpha Sheriff', [['late', 'awaiting_review']]],
      ['Beta Police', [['overdue', null], ['on_time', 'awaiting_review']]],
      ['Gamma Office', [['no_requirement', null]]],
    ]);
    expect(summary.counts).toEqual([
      { key: 'on_time', count: 1 },
      { key: 'late', count: 1 },
      { key: 'overdue', count: 1 },
      { key: 'no_requirement', count: 1 },
      { key: 'awaiting_review', count: 2 },
    ]);
  });

  it('counts the other period apart', () => {
    expect(meetingSummary(grid, '2025-Q1')!.counts).toEqual([
      { key: 'on_time', count: 1 },
      { key: 'returned', count: 1 },
      { key: 'no_requirement', count: 1 },
      { key: 'accepted', count: 1 },
    ]);
  });

  it('knows no period the grid lacks', () => {
    expect(meetingSummary(grid, '2024-Q4')).toBeNull();
    expect(meetingSummary(complianceGrid([]), '2025-Q1')).toBeNull();
  });
});

describe('cellWordKeys', () => {
  it('gives the status, and the review decision beside it except for a returned report', () => {
    const [alpha, beta] = meetingSummary(grid, '2025-Q1')!.rows;
    expect(cellWordKeys(alpha.cells[0])).toEqual(['reviewCompliance.status.on_time', 'reviewCompliance.review.accepted']);
    expect(cellWordKeys(beta.cells[0])).toEqual(['reviewCompliance.status.returned']);
    const overdue = meetingSummary(grid, '2025-Q2')!.rows[1].cells[0];
    expect(cellWordKeys(overdue)).toEqual(['reviewCompliance.status.overdue']);
  });

  it('labels counts of statuses and of review decisions', () => {
    expect(countKey('late')).toBe('reviewCompliance.status.late');
    expect(countKey('accepted')).toBe('reviewCompliance.review.accepted');
  });
});

describe('isPeriodKeyShape', () => {
  it('accepts the keys the calendar writes and nothing else', () => {
    for (const key of ['2025', '2025-03', '2025-Q1']) expect(isPeriodKeyShape(key), key).toBe(true);
    for (const key of ['', '25-Q1', '2025-q1', '2025-Q1 ', '2025-Q1;drop', '../2025', '2025-ABCD']) expect(isPeriodKeyShape(key), key).toBe(false);
  });
});
