import { describe, expect, it } from 'vitest';
import type { AgencyDashboard } from '~/dashboards/dashboard-types';
import { agencyCsvFileName, breakdownsCsv, BREAKDOWN_COLUMNS, complianceCsv, COMPLIANCE_COLUMNS, figuresCsv, FIGURE_COLUMNS, LOW_LEVEL_CELL } from './agency-downloads';

const ORIGIN = 'https://portal.example';

const report = (filingId: number, revisionNumber: number, nothingToReport = false) => ({
  filingId,
  requirementId: 1,
  revisionNumber,
  amended: revisionNumber > 1,
  certifiedAt: '2025-10-20T15:00:00.000Z',
  nothingToReport,
  demo: false,
});

const dashboard = {
  agency: { id: 1, slug: 'nc-x-sheriff', name: 'X Sheriff', kind: 'SHERIFF', stateCode: 'NC', place: null, county: null },
  agreements: [],
  metrics: [
    { key: 'gross_cost', label: 'Gross cost', unit: 'USD', category: 'COST', derived: false },
    { key: 'transfers_to_ice', label: 'Transfers to ICE', unit: 'COUNT', category: 'ACTIVITY', derived: false },
  ],
  periods: [
    { key: '2025-Q2', label: '', start: '2025-04-01', end: '2025-06-30', status: 'on_time', report: report(10, 1), values: { gross_cost: '0.00', transfers_to_ice: '7' } },
    { key: '2025-Q3', label: '', start: '2025-07-01', end: '2025-09-30', status: 'overdue', report: null, values: { gross_cost: null, transfers_to_ice: null } },
    { key: '2025-Q4', label: '', start: '2025-10-01', end: '2025-12-31', status: 'late', report: report(12, 2), values: { gross_cost: '900.50', transfers_to_ice: '3' } },
    { key: '2026-Q1', label: '', start: '2026-01-01', end: '2026-03-31', status: 'late', report: report(13, 1, true), values: { gross_cost: null, transfers_to_ice: null } },
    { key: '2026-Q2', label: '', start: '2026-04-01', end: '2026-06-30', status: 'not_yet_due', report: null, values: { gross_cost: null, transfers_to_ice: null } },
  ],
  breakdowns: {
    range: { from: null, to: null },
    threshold: 5,
    groups: [
      {
        id: 'transferred_by_charge',
        heading: '',
        total: '10',
        periodsReported: 2,
        suppressedCells: 2,
        cells: [
          { key: 'transferred_by_charge.traffic', label: '', value: null, suppressed: true, reason: 'suppressed' },
          { key: 'transferred_by_charge.misdemeanor', label: '', value: null, suppressed: true, reason: 'suppressed' },
          { key: 'transferred_by_charge.felony', label: '', value: '6', suppressed: false, reason: null },
          { key: 'transferred_by_charge.none_or_civil', label: '', value: '0', suppressed: false, reason: null },
        ],
      },
    ],
    lowLevelCharges: { people: '4', of: '10', percent: '40.0', reason: null },
  },
  costs: { range: { from: null, to: null }, periodsReported: 3, totals: [] },
  compliance: {
    periods: [
      { key: '2025-Q3', label: '', start: '2025-07-01', end: '2025-09-30', requirementId: 1, dueOn: '2025-10-30', partial: false, status: 'overdue', timeliness: 'overdue', review: 'not_submitted', filingId: null, latestRevision: null, lastFiledAt: null },
      { key: '2025-Q4', label: '', start: '2025-10-01', end: '2025-12-31', requirementId: 1, dueOn: '2026-01-30', partial: true, status: 'late', timeliness: 'late', review: 'awaiting_review', filingId: 12, latestRevision: 2, lastFiledAt: '2026-02-02T15:00:00.000Z' },
    ],
    summary: { expected: 2, counts: { on_time: 0, late: 1, returned: 0, overdue: 1, due: 0, not_yet_due: 0 }, onTimePercent: '0.0' },
  },
  sources: [],
  demo: false,
} as unknown as AgencyDashboard;

const rows = (table: { header: string[]; rows: unknown[][] }) => table.rows.map((row) => Object.fromEntries(table.header.map((column, i) => [column, row[i]])));

describe('figures.csv', () => {
  const table = figuresCsv(dashboard, 'en', ORIGIN);

  it('has one row per period shown × metric, with the machine keys as header', () => {
    expect(table.header).toEqual([...FIGURE_COLUMNS]);
    expect(table.rows).toHaveLength(4 * 2);
    expect(new Set(rows(table).map((row) => row.period))).toEqual(new Set(['2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1']));
  });

  it('tells zero from not reported and from "nothing to report"', () => {
    const byPeriod = (period: string) => rows(table).find((row) => row.period === period && row.metric === 'gross_cost')!;
    expect(byPeriod('2025-Q2')).toMatchObject({ value: '0.00', status: 'reported' });
    expect(byPeriod('2025-Q3')).toMatchObject({ value: null, status: 'not_reported', revision: null, report_url: null });
    expect(byPeriod('2026-Q1')).toMatchObject({ value: null, status: 'nothing_to_report' });
  });

  it('says which revision counts and links amended reports to their revisions', () => {
    expect(rows(table).find((row) => row.period === '2025-Q4' && row.metric === 'transfers_to_ice')).toMatchObject({
      value: '3',
      revision: 2,
      amended: 'yes',
      report_url: `${ORIGIN}/agencies/nc-x-sheriff/reports/12`,
      period_label: 'October–December 2025',
      metric_label: 'Transfers to ICE',
    });
  });

  it('has Spanish headers and labels with lang=es, the same codes and values', () => {
    const spanish = figuresCsv(dashboard, 'es', ORIGIN);
    expect(spanish.header[0]).toBe('Agencia');
    expect(spanish.header).not.toEqual(table.header);
    expect(spanish.rows.map((row) => [row[1], row[5], row[8], row[9]])).toEqual(table.rows.map((row) => [row[1], row[5], row[8], row[9]]));
    expect(spanish.rows[0][4]).toBe('abril–junio de 2025');
  });
});

describe('breakdowns.csv', () => {
  const table = rows(breakdownsCsv(dashboard, 'en'));

  it('gives hidden cells as suppressed with neither a count nor a share', () => {
    expect(breakdownsCsv(dashboard, 'en').header).toEqual([...BREAKDOWN_COLUMNS]);
    expect(table.find((row) => row.cell === 'transferred_by_charge.traffic')).toMatchObject({ value: null, status: 'suppressed', percent_of_group: null, suppression_threshold: 5 });
    expect(table.find((row) => row.cell === 'transferred_by_charge.felony')).toMatchObject({ value: '6', status: 'reported', percent_of_group: '60.0', group_total: '10', reports: 2 });
    expect(table.find((row) => row.cell === 'transferred_by_charge.none_or_civil')).toMatchObject({ value: '0', percent_of_group: '0.0' });
  });

  it('adds the traffic-or-misdemeanor row as the dashboard publishes it, or as suppressed', () => {
    expect(table.find((row) => row.cell === LOW_LEVEL_CELL)).toMatchObject({ value: '4', status: 'reported', percent_of_group: '40.0' });
    const hidden = { ...dashboard, breakdowns: { ...dashboard.breakdowns, lowLevelCharges: { people: null, of: '10', percent: null, reason: 'suppressed' } } } as AgencyDashboard;
    expect(rows(breakdownsCsv(hidden, 'en')).find((row) => row.cell === LOW_LEVEL_CELL)).toMatchObject({ value: null, status: 'suppressed', percent_of_group: null });
  });

  it('spans the reported periods', () => {
    expect(table[0]).toMatchObject({ agency: 'nc-x-sheriff', first_period: '2025-Q2', last_period: '2026-Q1' });
  });
});

describe('compliance.csv', () => {
  it('has one row per expected period with its status, label and report', () => {
    const table = complianceCsv(dashboard, 'en', ORIGIN);
    expect(table.header).toEqual([...COMPLIANCE_COLUMNS]);
    expect(rows(table)).toEqual([
      expect.objectContaining({ period: '2025-Q3', due_on: '2025-10-30', status: 'overdue', status_label: 'Overdue: not filed', partial_period: 'no', report_url: null }),
      expect.objectContaining({ period: '2025-Q4', status: 'late', partial_period: 'yes', latest_revision: 2, last_filed_at: '2026-02-02T15:00:00.000Z', report_url: `${ORIGIN}/agencies/nc-x-sheriff/reports/12` }),
    ]);
    expect(rows(complianceCsv(dashboard, 'es', ORIGIN))[0]['Nombre de la situación']).toBe('Vencido: no presentado');
  });
});

describe('file names', () => {
  it('are in the file’s language', () => {
    expect(agencyCsvFileName('figures', 'nc-x-sheriff', 'en')).toBe('287g-nc-x-sheriff-figures.csv');
    expect(agencyCsvFileName('revisions', 'nc-x-sheriff', 'es', '2025-Q4')).toBe('287g-nc-x-sheriff-2025-Q4-versiones.csv');
  });
});
