import { describe, expect, it } from 'vitest';
import type { CompliancePeriod } from '~/dashboards/dashboard-types';
import { loadCatalog, translator } from '~/i18n/i18n';
import { cellText, cellWords, countKey, isPeriodKeyShape, meetingSummary } from './meeting-summary';
import { complianceCsvRows, complianceGrid, filterGrid, filterQuery, NO_FILTER, parseComplianceFilter } from './review-compliance';

const Q1 = { start: '2025-01-01', end: '2025-03-31' };
const Q2 = { start: '2025-04-01', end: '2025-06-30' };

function entry(
  key: string,
  range: { start: string; end: string },
  status: CompliancePeriod['status'],
  review: CompliancePeriod['review'],
  requirementId = 1,
  extra: Partial<CompliancePeriod> = {},
): CompliancePeriod {
  const filed = review !== 'not_submitted';
  return {
    requirementId,
    key,
    label: key,
    ...range,
    dueOn: '2025-04-30',
    partial: false,
    status,
    timeliness: status === 'returned' || status === 'nothing_to_report' ? 'on_time' : status === 'declined' || status === 'extended' ? 'overdue' : status,
    daysLate: status === 'late' ? 3 : status === 'overdue' ? 12 : null,
    locked: false,
    extendedUntil: null,
    declinedOn: null,
    review,
    filingId: filed ? 10 : null,
    latestRevision: filed ? 1 : null,
    lastFiledAt: filed ? '2025-04-10T15:00:00Z' : null,
    ...extra,
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

describe('cellWords', () => {
  it('gives the status with its days, and the review decision beside it except for a returned report', () => {
    const [alpha, beta] = meetingSummary(grid, '2025-Q1')!.rows;
    expect(cellWords(alpha.cells[0])).toEqual([{ key: 'reviewCompliance.status.on_time' }, { key: 'reviewCompliance.review.accepted' }]);
    expect(cellWords(beta.cells[0])).toEqual([{ key: 'reviewCompliance.status.returned' }]);
    const [late] = meetingSummary(grid, '2025-Q2')!.rows[0].cells;
    expect(cellWords(late)).toEqual([{ key: 'reviewCompliance.lateBy', count: 3 }, { key: 'reviewCompliance.review.awaiting_review' }]);
    const overdue = meetingSummary(grid, '2025-Q2')!.rows[1].cells[0];
    expect(cellWords(overdue)).toEqual([{ key: 'reviewCompliance.overdueBy', count: 12 }]);
  });

  it('writes every status in both languages, with days, dates and the lock', async () => {
    await loadCatalog('en');
    await loadCatalog('es');
    const en = translator('en');
    const es = translator('es');
    const cell = (status: CompliancePeriod['status'], review: CompliancePeriod['review'], extra: Partial<CompliancePeriod> = {}) =>
      complianceGrid([{ id: 1, name: 'A', slug: 'a', record: [entry('2025-Q1', Q1, status, review, 1, extra)] }]).agencies[0].cells[0][0];
    const cases: [ReturnType<typeof cell>, string, string][] = [
      [cell('on_time', 'accepted'), 'On time · Accepted', 'A tiempo · Aceptado'],
      [cell('late', 'awaiting_review', { daysLate: 1 }), 'Late by 1 day · Awaiting review', 'Con 1 día de retraso · En espera de revisión'],
      [cell('overdue', 'not_submitted', { daysLate: 40, locked: true }), 'Overdue by 40 days · Locked', 'Atrasado 40 días · Bloqueado'],
      [cell('returned', 'returned', { daysLate: 2 }), 'Returned · 2 days past due', 'Devuelto · 2 días después de la fecha límite'],
      [cell('nothing_to_report', 'accepted'), 'Nothing to report · Accepted', 'Nada que informar · Aceptado'],
      [cell('declined', 'not_submitted', { daysLate: 30, declinedOn: '2025-05-02', locked: true }), 'Declined on May 2, 2025 · 30 days past due · Locked', 'Se negó a informar el 2 de mayo de 2025 · 30 días después de la fecha límite · Bloqueado'],
      [cell('extended', 'not_submitted', { daysLate: 5, extendedUntil: '2025-06-15' }), 'Extended to June 15, 2025 · 5 days past due', 'Prórroga hasta el 15 de junio de 2025 · 5 días después de la fecha límite'],
      [cell('due', 'not_submitted'), 'Due', 'Por presentar'],
      [cell('not_yet_due', 'not_submitted'), 'Not yet due', 'Aún no exigible'],
    ];
    for (const [c, english, spanish] of cases) {
      expect(cellText(c, en, 'en')).toBe(english);
      expect(cellText(c, es, 'es')).toBe(spanish);
    }
    // The extension's date is shown only while the status says extended.
    expect(cell('late', 'accepted', { extendedUntil: '2025-06-15' }).extendedUntil).toBeNull();
  });

  it('labels counts of statuses, of review decisions and of locks', () => {
    expect(countKey('late')).toBe('reviewCompliance.status.late');
    expect(countKey('declined')).toBe('reviewCompliance.status.declined');
    expect(countKey('accepted')).toBe('reviewCompliance.review.accepted');
    expect(countKey('locked')).toBe('reviewCompliance.locked');
  });
});

describe('filterGrid', () => {
  const record = complianceGrid([
    { id: 1, name: 'Alpha Sheriff', slug: 'alpha', record: [entry('2025-Q1', Q1, 'on_time', 'accepted'), entry('2025-Q2', Q2, 'declined', 'not_submitted', 1, { declinedOn: '2025-08-01', daysLate: 10 })] },
    { id: 2, name: 'Beta Police', slug: 'beta', record: [entry('2025-Q1', Q1, 'extended', 'not_submitted', 2, { extendedUntil: '2025-06-01' }), entry('2025-Q2', Q2, 'overdue', 'not_submitted', 3, { locked: true })] },
    { id: 3, name: 'Gamma Office', slug: 'gamma', record: [] },
  ]);
  const policyOf = (requirementId: number) => (requirementId === 3 ? 20 : 10);
  const shape = (filtered: ReturnType<typeof filterGrid>) => ({
    periods: filtered.periods.map((period) => period.key),
    agencies: filtered.agencies.map((agency) => [agency.name, agency.cells.map((cells) => cells.map((cell) => cell.status))]),
  });

  it('keeps everything without a filter', () => {
    expect(filterGrid(record, NO_FILTER)).toBe(record);
  });

  it('narrows to a status, a review decision or locked periods, dropping empty rows and columns', () => {
    expect(shape(filterGrid(record, { ...NO_FILTER, status: 'declined' }, policyOf))).toEqual({ periods: ['2025-Q2'], agencies: [['Alpha Sheriff', [['declined']]]] });
    expect(shape(filterGrid(record, { ...NO_FILTER, status: 'extended' }, policyOf))).toEqual({ periods: ['2025-Q1'], agencies: [['Beta Police', [['extended']]]] });
    expect(shape(filterGrid(record, { ...NO_FILTER, status: 'accepted' }, policyOf))).toEqual({ periods: ['2025-Q1'], agencies: [['Alpha Sheriff', [['on_time']]]] });
    expect(shape(filterGrid(record, { ...NO_FILTER, status: 'locked' }, policyOf))).toEqual({ periods: ['2025-Q2'], agencies: [['Beta Police', [['overdue']]]] });
    expect(shape(filterGrid(record, { ...NO_FILTER, status: 'no_requirement' }, policyOf)).agencies.map(([name]) => name)).toEqual(['Gamma Office']);
  });

  it('narrows to an agency, a policy, a requirement and a range of periods', () => {
    expect(shape(filterGrid(record, { ...NO_FILTER, agencyId: 2 }, policyOf)).agencies).toEqual([['Beta Police', [['extended'], ['overdue']]]]);
    expect(shape(filterGrid(record, { ...NO_FILTER, policyId: 20 }, policyOf))).toEqual({ periods: ['2025-Q2'], agencies: [['Beta Police', [['overdue']]]] });
    expect(shape(filterGrid(record, { ...NO_FILTER, requirementId: 2 }, policyOf))).toEqual({ periods: ['2025-Q1'], agencies: [['Beta Police', [['extended']]]] });
    expect(shape(filterGrid(record, { ...NO_FILTER, from: '2025-04-01' }, policyOf)).periods).toEqual(['2025-Q2']);
    expect(shape(filterGrid(record, { ...NO_FILTER, to: '2025-03-31' }, policyOf)).periods).toEqual(['2025-Q1']);
    expect(shape(filterGrid(record, { ...NO_FILTER, from: '2026-01-01' }, policyOf))).toEqual({ periods: [], agencies: [] });
  });

  it('reads the filter from a GET query, ignoring what it cannot read, and writes it back for the CSV link', () => {
    const filter = parseComplianceFilter(new URLSearchParams('status=overdue&agency=2&policy=20&requirement=3&from=2025-01-01&to=2025-12-31'));
    expect(filter).toEqual({ status: 'overdue', agencyId: 2, policyId: 20, requirementId: 3, from: '2025-01-01', to: '2025-12-31' });
    expect(filterQuery(filter)).toBe('?status=overdue&agency=2&policy=20&requirement=3&from=2025-01-01&to=2025-12-31');
    expect(parseComplianceFilter(new URLSearchParams('status=bogus&agency=0&policy=-1&requirement=99999999999&from=2025-02-30&to=x'))).toEqual(NO_FILTER);
    expect(filterQuery(NO_FILTER)).toBe('');
  });

  it('writes days late, the lock, the extension and the refusal in the CSV', () => {
    const rows = complianceCsvRows([{ name: 'Place', grid: record }], 'https://portal.test');
    const declined = rows.find((row) => row[7] === 'declined')!;
    expect(declined.slice(11)).toEqual([1, 10, 'no', null, '2025-08-01']);
    const extended = rows.find((row) => row[7] === 'extended')!;
    expect(extended.slice(11)).toEqual([2, null, 'no', '2025-06-01', null]);
    expect(rows.find((row) => row[7] === 'overdue')!.slice(11, 14)).toEqual([3, 12, 'yes']);
  });
});

describe('isPeriodKeyShape', () => {
  it('accepts the keys the calendar writes and nothing else', () => {
    for (const key of ['2025', '2025-03', '2025-Q1']) expect(isPeriodKeyShape(key), key).toBe(true);
    for (const key of ['', '25-Q1', '2025-q1', '2025-Q1 ', '2025-Q1;drop', '../2025', '2025-ABCD']) expect(isPeriodKeyShape(key), key).toBe(false);
  });
});
