import { describe, expect, it } from 'vitest';
import { newYorkDate } from '~/reporting/calendar';
import type { AgencyPeriod, MetricInfo } from '~/dashboards/dashboard-types';
import { agencyDownloadPaths, chartKeys, chartValues, complianceReportPath, metricsOf, seriesSummary, shownPeriods, totalOf } from './agency-figures';

const metric = (key: string, category: MetricInfo['category'], unit: MetricInfo['unit'] = 'COUNT'): MetricInfo => ({ key, label: key, unit, category, derived: false });

function period(key: string, start: string, end: string, status: AgencyPeriod['status'], values: Record<string, string | null>, amended = false): AgencyPeriod {
  const reported = Object.values(values).some((value) => value !== null);
  return {
    key,
    label: key,
    start,
    end,
    status,
    values,
    report: reported ? { filingId: 7, requirementId: 1, revisionNumber: amended ? 2 : 1, amended, certifiedAt: `${end}T15:00:00.000Z`, nothingToReport: false, demo: false } : null,
  };
}

const Q1 = period('2025-Q1', '2025-01-01', '2025-03-31', 'on_time', { gross_cost: '100.50', transfers_to_ice: '4', staff_fte: '1.5' });
const Q2 = period('2025-Q2', '2025-04-01', '2025-06-30', 'overdue', { gross_cost: null, transfers_to_ice: null, staff_fte: null });
const Q3 = period('2025-Q3', '2025-07-01', '2025-09-30', 'late', { gross_cost: '0', transfers_to_ice: '0', staff_fte: '2' }, true);
const Q4 = period('2025-Q4', '2025-10-01', '2025-12-31', 'due', { gross_cost: null, transfers_to_ice: null, staff_fte: null });
const Q1_26 = period('2026-Q1', '2026-01-01', '2026-03-31', 'not_yet_due', { gross_cost: null, transfers_to_ice: null, staff_fte: null });

describe('the periods the series show', () => {
  it('keeps reported periods and those past their deadline, and leaves out periods still due or under way', () => {
    expect(shownPeriods([Q1, Q2, Q3, Q4, Q1_26]).map((entry) => entry.key)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3']);
  });

  it('keeps a period reported without being expected, and one reported early', () => {
    const unexpected = { ...Q1, status: null };
    const early = { ...Q1_26, report: Q1.report, values: Q1.values };
    expect(shownPeriods([unexpected, early])).toHaveLength(2);
  });

  it('summarises the span, the reported and the not reported periods, and the amended ones', () => {
    const summary = seriesSummary(shownPeriods([Q1, Q2, Q3, Q4]))!;
    expect({ first: summary.first.key, last: summary.last.key, reported: summary.reported, notReported: summary.notReported, amended: summary.amended }).toEqual({
      first: '2025-Q1',
      last: '2025-Q3',
      reported: 2,
      notReported: 1,
      amended: 1,
    });
    expect(seriesSummary([])).toBeNull();
  });
});

describe('charts and totals', () => {
  const metrics = [metric('staff_fte', 'COST', 'FTE'), metric('net_local_cost', 'COST', 'USD'), metric('gross_cost', 'COST', 'USD'), metric('transfers_to_ice', 'ACTIVITY')];

  it('puts the headline costs first, in the chart’s order', () => {
    expect(metricsOf(metrics, 'COST').map((entry) => entry.key)).toEqual(['gross_cost', 'net_local_cost', 'staff_fte']);
    expect(metricsOf(metrics, 'ACTIVITY').map((entry) => entry.key)).toEqual(['transfers_to_ice']);
  });

  it('charts only metrics some period reported, with gaps (null) for periods not reported and zero kept as zero', () => {
    const periods = [Q1, Q2, Q3];
    expect(chartKeys(['gross_cost', 'federal_reimbursement', 'net_local_cost'], metrics, periods)).toEqual(['gross_cost']);
    expect(chartValues(periods, 'gross_cost')).toEqual([100.5, null, 0]);
  });

  it('adds up exactly what was reported, and never a level such as staff FTE', () => {
    const cents = Array.from({ length: 10 }, (_, i) => period(`p${i}`, '2025-01-01', '2025-03-31', 'on_time', { gross_cost: '0.10' }));
    expect(totalOf(cents, { key: 'gross_cost', unit: 'USD' })).toEqual({ value: '1.00', periodsReported: 10 });
    expect(totalOf([Q1, Q2, Q3], { key: 'transfers_to_ice', unit: 'COUNT' })).toEqual({ value: '4', periodsReported: 2 });
    expect(totalOf([Q1, Q3], { key: 'staff_fte', unit: 'FTE' })).toEqual({ value: null, periodsReported: 2 });
    expect(totalOf([Q2], { key: 'gross_cost', unit: 'USD' })).toEqual({ value: null, periodsReported: 0 });
  });
});

describe('paths and dates', () => {
  it('links a compliance row to its report only once something was submitted', () => {
    expect(complianceReportPath('nc-x', { filingId: 12, latestRevision: 2 })).toBe('/agencies/nc-x/reports/12');
    expect(complianceReportPath('nc-x', { filingId: 12, latestRevision: null })).toBeNull();
    expect(complianceReportPath('nc-x', { filingId: null, latestRevision: null })).toBeNull();
  });

  it('asks for Spanish CSV headers from a Spanish page, and keeps JSON as it is', () => {
    expect(agencyDownloadPaths('nc-x', 'es')).toEqual({
      json: '/api/v1/agencies/nc-x',
      figures: '/api/v1/agencies/nc-x/figures.csv?lang=es',
      breakdowns: '/api/v1/agencies/nc-x/breakdowns.csv?lang=es',
      compliance: '/api/v1/agencies/nc-x/compliance.csv?lang=es',
    });
    expect(agencyDownloadPaths('nc-x', 'en').figures).toBe('/api/v1/agencies/nc-x/figures.csv');
  });

  it('dates a filing in New York, where an evening filing is still the same day', () => {
    expect(newYorkDate('2025-10-31T03:30:00.000Z')).toBe('2025-10-30');
    expect(newYorkDate('2025-10-30T15:00:00.000Z')).toBe('2025-10-30');
  });
});
